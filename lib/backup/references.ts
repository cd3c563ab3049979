import { t, type CatalogKey } from '../i18n';
import type { RecordTable } from '../schema';
import { RECORD_TABLES, type BackupIssue, type Records } from './format';

type Field = 'contactId' | 'companyId' | 'dealId';
/** Every field that names a record of another table. */
const REFERENCES: readonly { table: RecordTable; field: Field; to: RecordTable }[] = [
  { table: 'contacts', field: 'companyId', to: 'companies' },
  { table: 'interactions', field: 'contactId', to: 'contacts' },
  { table: 'interactions', field: 'dealId', to: 'deals' },
  { table: 'deals', field: 'contactId', to: 'contacts' },
  { table: 'deals', field: 'companyId', to: 'companies' },
  { table: 'satisfaction', field: 'contactId', to: 'contacts' },
  { table: 'followUps', field: 'contactId', to: 'contacts' },
];
/** "{id} is already the id of <a record of this table> in this browser". */
const ID_TAKEN = {
  contacts: 'backup.idTaken.contacts',
  companies: 'backup.idTaken.companies',
  interactions: 'backup.idTaken.interactions',
  deals: 'backup.idTaken.deals',
  satisfaction: 'backup.idTaken.satisfaction',
  followUps: 'backup.idTaken.followUps',
} as const satisfies Record<RecordTable, CatalogKey>;
/** "points to <a record of this table> ({id}) that is neither in this file nor in this browser". */
const POINTS_NOWHERE = {
  contacts: 'backup.pointsNowhere.contacts',
  companies: 'backup.pointsNowhere.companies',
  interactions: 'backup.pointsNowhere.interactions',
  deals: 'backup.pointsNowhere.deals',
  satisfaction: 'backup.pointsNowhere.satisfaction',
  followUps: 'backup.pointsNowhere.followUps',
} as const satisfies Record<RecordTable, CatalogKey>;
const MAX_ISSUES = 50;

/**
 * References from a file's records to records in neither the file nor this browser (a history
 * entry of nobody would show nowhere and could never be erased with its contact), and file ids
 * that this browser uses in another table. Works from sets of ids: the ids the file references
 * but does not hold (none for a whole backup), checked off as the local records go by in pages.
 * `fileTableOf` says which other table of the file holds an id.
 */
export class ReferenceCheck {
  private readonly unresolved = new Map<RecordTable, Set<string>>();
  private readonly clashes: BackupIssue[] = [];

  constructor(
    private readonly file: Records,
    private readonly fileTableOf: (id: string, except: RecordTable) => RecordTable | undefined,
  ) {
    const held = new Map<RecordTable, Set<string>>();
    const idsOf = (table: RecordTable) => {
      let ids = held.get(table);
      if (!ids) held.set(table, (ids = new Set((file[table] as { id: string }[]).map((r) => r.id))));
      return ids;
    };
    for (const { table, field, to } of REFERENCES) {
      for (const r of file[table] as Partial<Record<Field, string>>[]) {
        const id = r[field];
        if (id === undefined || idsOf(to).has(id)) continue;
        const set = this.unresolved.get(to) ?? new Set<string>();
        this.unresolved.set(to, set.add(id));
      }
    }
  }

  /** One page of local records of `table`. */
  addLocal(table: RecordTable, page: readonly { id: string }[]): void {
    const wanted = this.unresolved.get(table);
    for (const { id } of page) {
      wanted?.delete(id);
      if (this.clashes.length >= MAX_ISSUES) continue;
      const other = this.fileTableOf(id, table);
      if (other === undefined) continue;
      const row = (this.file[other] as { id: string }[]).findIndex((r) => r.id === id) + 1;
      this.clashes.push({ table: other, row, field: 'id', message: t(ID_TAKEN[table], { id }) });
    }
  }

  /** After every local page: the broken rows, up to MAX_ISSUES. */
  issues(): BackupIssue[] {
    const out = [...this.clashes];
    for (const { table, field, to } of REFERENCES) {
      const missing = this.unresolved.get(to);
      if (!missing?.size) continue;
      (this.file[table] as Partial<Record<Field, string>>[]).forEach((r, i) => {
        const id = r[field];
        if (id !== undefined && missing.has(id) && out.length < MAX_ISSUES) {
          out.push({ table, row: i + 1, field, message: t(POINTS_NOWHERE[to], { id }) });
        }
      });
    }
    return out.sort((a, b) => RECORD_TABLES.indexOf(a.table as RecordTable) - RECORD_TABLES.indexOf(b.table as RecordTable) || (a.row ?? 0) - (b.row ?? 0));
  }
}
