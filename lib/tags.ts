import type { SidecarDB } from './db';

/** Every tag in the book, alphabetical: the distinct keys of the contacts' tags index, no record read. */
export async function allTags(db: SidecarDB): Promise<string[]> {
  const tags = (await db.contacts.orderBy('tags').uniqueKeys()) as string[];
  return tags.sort((a, b) => a.localeCompare(b));
}
