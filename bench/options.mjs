// @ts-check
// The command line of `npm run bench` (bench/run.mjs).

export const USAGE = `Usage: npm run bench -- [--sizes 1000,10000,100000] [--runs 30] [--cold-runs 5] [--fresh | --no-cache] [--no-backups] [--out FILE]
  --sizes      database sizes (contacts, each with 10 interactions), grown in this order
  --runs       timed thread switches per size (after 6 warm-up switches)
  --cold-runs  timed page loads per size (first card after a cold page load)
  --fresh      seed again instead of copying the profiles kept in node_modules/.cache/sidecar-bench
  --no-cache   neither read nor keep seeded profiles
  --no-backups skip the backup export and imports at the largest size (about 10 minutes here)
  --out FILE   also write the JSON to FILE (stdout also carries the build's output under npm run)`;

/**
 * @typedef {{ sizes: number[], runs: number, coldRuns: number, cache: boolean, fresh: boolean, backups: boolean, out: string }} Options
 */

/**
 * @param {string[]} args
 * @returns {Options}
 */
export function parseOptions(args) {
  const opts = { sizes: [1_000, 10_000, 100_000], runs: 30, coldRuns: 5, cache: true, fresh: false, backups: true, out: '' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = /** @type {[string, string | undefined]} */ (args[i]?.split('=', 2) ?? ['']);
    const value = () => inline ?? args[++i] ?? '';
    const count = (/** @type {string} */ v) => {
      const n = Number(v.replace(/[_,]/g, ''));
      if (!Number.isInteger(n) || n < 1) fail(`${flag} wants a positive whole number, not "${v}"`);
      return n;
    };
    if (flag === '--sizes') {
      opts.sizes = value()
        .split(',')
        .map((v) => count(v.replace(/k$/i, '000')));
      opts.sizes = [...new Set(opts.sizes)].sort((a, b) => a - b);
    } else if (flag === '--runs') opts.runs = count(value());
    else if (flag === '--cold-runs') opts.coldRuns = count(value());
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--no-cache') opts.cache = false;
    else if (flag === '--no-backups') opts.backups = false;
    else if (flag === '--out') opts.out = value() || fail('--out wants a file name');
    else if (flag === '--help' || flag === '-h') {
      console.error(USAGE);
      process.exit(0);
    } else fail(`unknown option ${flag}`);
  }
  return opts;
}

/** @param {string} message @returns {never} */
export function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
