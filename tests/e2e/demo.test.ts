import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/chromium.mjs';

// The README's first command must keep working: the demo, headless, writing its picture.
describe('npm run demo -- --screenshot', () => {
  it('opens the demo inbox, shows a sender in the sidebar and writes a PNG', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sidecar-demo-'));
    try {
      const out = join(dir, 'demo.png');
      const { stdout } = await promisify(execFile)('node', [join(ROOT, 'scripts', 'demo.mjs'), '--screenshot', out], { cwd: ROOT, timeout: 60_000 });
      expect(stdout).toContain(`Wrote ${out}`);
      const png = await readFile(out);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
