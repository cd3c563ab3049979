/**
 * Whether Dexie's ignore-case queries (equalsIgnoreCase, startsWithIgnoreCase) can take `s`. They
 * scan the index from its upper-case to its lower-case form, and IndexedDB throws a DataError for
 * that range in scripts whose capitals sort after their small letters (Georgian's Mtavruli, U+1C90,
 * after Mkhedruli, U+10D0): a company named in Georgian must not make adding a contact fail.
 * Where this is false, callers compare `toLowerCase()` forms over the table instead.
 */
export const ignoreCaseIndexable = (s: string, prefix = false): boolean => s.toUpperCase() <= s.toLowerCase() + (prefix ? '\uffff' : '');
