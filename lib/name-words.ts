import type { Table } from 'dexie';
import type { Contact } from './schema';
import { alive } from './validate';

/**
 * Every word of each live contact's name, folded (lower case, accents off), in its own table
 * (`nameWords`, keyed [word+name+contactId], `name` the whole name folded), so that the search
 * finds "Thandi Nkosi" by "nkosi" and "Álvaro" by "alvaro" through an index, and lists the first
 * page of a search in order (by the word matched, then by name) without reading the others.
 * One more row per contact has no word (ORDER_WORD): walked, they are the whole book by name,
 * case and accents aside, where the contacts' own name index puts capitals first and "Á" after "z".
 * lib/db-derived.ts keeps the rows right on every write to contacts; derived, so never exported.
 */
export interface NameWord {
  word: string;
  name: string;
  contactId: string;
}

/** Lower case without accents: what is stored, and what a search is compared in. */
export const foldForSearch = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The distinct folded words of a name; punctuation and spaces separate them. */
export function nameWords(name: string): string[] {
  return [...new Set(foldForSearch(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
}

/** The word of the rows that order the book by name: no search word is empty, so none finds them. */
export const ORDER_WORD = '';

/** The rows a contact (as stored) gives: none for a tombstone. */
export function wordRows(c: Contact | undefined): NameWord[] {
  if (!alive(c)) return [];
  const name = foldForSearch(c.name);
  return [ORDER_WORD, ...nameWords(c.name)].map((word) => ({ word, name, contactId: c.id }));
}

export const wordKey = (r: NameWord): [string, string, string] => [r.word, r.name, r.contactId];

/** Every contact's ORDER_WORD row, to a table that has the others (database version 8's upgrade). */
export async function addOrderRows(contacts: Table, words: Table): Promise<void> {
  const rows: NameWord[] = [];
  await contacts.each((c: Contact) => rows.push(...wordRows(c).filter((r) => r.word === ORDER_WORD)));
  await words.bulkPut(rows);
}

/** Every row derived again from the contacts, inside the caller's read-write transaction. */
export async function rebuildNameWords(contacts: Table, words: Table): Promise<void> {
  const rows: NameWord[] = [];
  await contacts.each((c: Contact) => rows.push(...wordRows(c)));
  await words.clear();
  await words.bulkPut(rows);
}
