import { canonicalJson } from './format';

/** Which of two versions of a record wins, and whether two are the same: the merge's comparisons. */

export interface Versioned {
  id: string;
  updatedAt: number;
  deletedAt?: number;
}

/**
 * > 0 when `a` wins over `b`. Newer updatedAt wins. At the same time a tombstone wins (a deletion
 * is never undone by a copy as old as itself), then the key-sorted content decides, so that every
 * machine picks the same version.
 */
export function compareVersions(a: Versioned, b: Versioned): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  if (a === b) return 0;
  if ((a.deletedAt === undefined) !== (b.deletedAt === undefined)) return a.deletedAt === undefined ? -1 : 1;
  if (sameShape(a, b)) return 0;
  const ja = canonicalJson(a);
  const jb = canonicalJson(b);
  return ja === jb ? 0 : ja > jb ? 1 : -1;
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * True only when canonicalJson(a) === canonicalJson(b) for certain: the same plain data, key order
 * and undefined-valued keys aside. False means "not sure" (callers then compare canonicalJson).
 */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (v === undefined) continue;
    n++;
    if (!Object.hasOwn(y, k) || !sameShape(v, y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) n--;
  return n === 0;
}

/** canonicalJson(a) === canonicalJson(b), computed without serializing when the answer is clear. */
export function sameVersion(a: unknown, b: unknown): boolean {
  if (sameShape(a, b)) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object' && isPlain(a) && isPlain(b)) {
    const ua = (a as { updatedAt?: unknown }).updatedAt;
    const ub = (b as { updatedAt?: unknown }).updatedAt;
    // Two different finite numbers never serialize alike.
    if (typeof ua === 'number' && typeof ub === 'number' && Number.isFinite(ua) && Number.isFinite(ub) && ua !== ub) return false;
  }
  return canonicalJson(a) === canonicalJson(b);
}
