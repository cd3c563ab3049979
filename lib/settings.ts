import type { SidecarDB } from './db';
import { applyLanguage } from './i18n';
import { resolveLanguage, type LanguageChoice } from './languages';
import type { OpenStage } from './deals';
import { DEFAULT_REMINDER_TIME, type TimeOfDay } from './followups-time';
import { saveCadences } from './lapsed';
import { STAGE_PROBABILITY } from './pipeline';
import { DEFAULT_CADENCES, type Cadences } from './stay-in-touch';
import { Setting } from './schema';
import { parseOrThrow } from './validate';

/** What the dashboard's settings edit, each with its default when never set. */
export interface Settings {
  ownAddresses: string[];
  ownDomains: string[];
  freeMailDomains: string[];
  neverLogList: string[];
  stageProbabilities: Record<OpenStage, number>;
  theme: Theme;
  language: LanguageChoice;
  reminderTime: TimeOfDay;
  cadences: Cadences;
}
export type Theme = Extract<Setting, { key: 'theme' }>['value'];
export type EditableKey = keyof Settings;

const KEYS = ['ownAddresses', 'ownDomains', 'freeMailDomains', 'neverLogList', 'stageProbabilities', 'theme', 'language', 'reminderTime', 'cadences'] as const satisfies readonly EditableKey[];

export async function readSettings(db: SidecarDB): Promise<Settings> {
  const rows = await db.settings.bulkGet([...KEYS]);
  const value = <K extends EditableKey>(key: K): Settings[K] | undefined => rows.find((r) => r?.key === key)?.value as Settings[K] | undefined;
  return {
    ownAddresses: value('ownAddresses') ?? [],
    ownDomains: value('ownDomains') ?? [],
    freeMailDomains: value('freeMailDomains') ?? [],
    neverLogList: value('neverLogList') ?? [],
    stageProbabilities: value('stageProbabilities') ?? { ...STAGE_PROBABILITY },
    theme: value('theme') ?? 'system',
    language: value('language') ?? 'browser',
    reminderTime: value('reminderTime') ?? { ...DEFAULT_REMINDER_TIME },
    cadences: value('cadences') ?? DEFAULT_CADENCES,
  };
}

/** Validates the whole setting first: a list with one bad entry is refused, and nothing changes. */
export async function saveSetting<K extends EditableKey>(db: SidecarDB, key: K, value: Settings[K]): Promise<void> {
  // The cadences decide every contact's stay-in-touch row: those are derived again with them.
  if (key === 'cadences') await saveCadences(db, value as Cadences);
  else await db.settings.put(parseOrThrow(Setting, { key, value }));
}

/** "a@x.example, b@y.example\nc.example" -> the entries, one per comma, space or line; empty ones dropped. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
}

/** The language choice alone, for a page to apply before it first renders. */
export async function readLanguageChoice(db: SidecarDB): Promise<LanguageChoice> {
  const row = await db.settings.get('language');
  return row?.key === 'language' ? row.value : 'browser';
}

/** The chosen language applied: the setting, else the first of the browser's we speak. */
export async function applyChosenLanguage(choice: LanguageChoice | undefined, preferred: readonly string[]): Promise<void> {
  await applyLanguage(resolveLanguage(choice, preferred), preferred);
}
