/** Saves a Blob as a file through a temporary <a download>: works in extension pages without the downloads permission. */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // The click starts the download asynchronously; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function collectBlob(chunks: AsyncIterable<Uint8Array>, type = 'application/octet-stream'): Promise<Blob> {
  const parts: Blob[] = [];
  for await (const c of chunks) parts.push(new Blob([c as BlobPart]));
  return new Blob(parts, { type });
}
