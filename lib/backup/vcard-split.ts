import { t } from '../i18n';

/** One BEGIN:VCARD … END:VCARD block, before its lines are read. */
export interface RawCard {
  /** 1-based position of the card in the file, counting every BEGIN:VCARD. */
  number: number;
  /** The card's lines between BEGIN and END, with their 1-based line numbers in the file. */
  lines: { text: string; line: number }[];
  /** Why the card cannot be read as a whole (it has no END). */
  problem?: string;
}

/** Lines with content that are in no card: a card whose BEGIN was lost, or text that is no vCard. */
export interface StrayLines {
  from: number;
  to: number;
}

const isBegin = (line: string) => /^\s*BEGIN\s*:\s*VCARD\s*$/i.test(line);
const isEnd = (line: string) => /^\s*END\s*:\s*VCARD\s*$/i.test(line);

/**
 * Cuts a file into cards in one pass over its lines, so that any file takes time in proportion to
 * its size (a lazy regular expression over a file of openings without ends took 12 s a megabyte).
 * A BEGIN inside an open card ends that card as broken: the new card is read, not swallowed.
 */
export function splitCards(text: string): { cards: RawCard[]; stray: StrayLines[] } {
  const cards: RawCard[] = [];
  const stray: StrayLines[] = [];
  let open: RawCard | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((text, i) => {
    const line = i + 1;
    if (isBegin(text)) {
      if (open) cards.push({ ...open, problem: t('backup.vcardNoEndBeforeNext', { line }) });
      open = { number: cards.length + 1, lines: [] };
    } else if (isEnd(text)) {
      if (open) cards.push(open);
      else addStray(stray, line);
      open = undefined;
    } else if (open) open.lines.push({ text, line });
    else if (text.trim()) addStray(stray, line);
  });
  if (open) cards.push({ ...open, problem: t('backup.vcardNoEnd') });
  return { cards, stray };
}

function addStray(stray: StrayLines[], line: number) {
  const last = stray[stray.length - 1];
  if (last && last.to === line - 1) last.to = line;
  else stray.push({ from: line, to: line });
}
