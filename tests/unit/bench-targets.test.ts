// @vitest-environment node
import { judge } from '../../bench/targets.mjs';

describe('the benchmark targets', () => {
  // The texts are the JSON's: readers compare runs by them (bench/RESULTS.md).
  it.each([
    ['timeToCard', 'median < 100 ms at every size'],
    ['growth', 'median at the largest size < 2x the median at the smallest (1k -> 100k)'],
    ['contentScriptKB', '< 15 KB gzip'],
    ['recognize', 'median < 2 ms at 100,000 contacts'],
    ['history', 'median < 20 ms for a contact with 10,000 interactions'],
    ['exportSeconds', '< 20 s'],
    ['importSeconds', '< 60 s'],
    ['peakHeapMB', '< 500 MB'],
    ['switchToCard', 'median < 25 ms at 100,000 contacts'],
    ['switchGrowth', 'median at the largest size < 1.3x the median at the smallest (1k -> 100k)'],
    ['coldLoad', 'median < 300 ms from page load to card'],
    ['pageLoadTaskMs', 'added task time < 40 ms at page load'],
    ['switchTaskMs', 'added task time < 5 ms per thread switch'],
    ['contactsPage', 'median < 1000 ms from page load to the first rows, with 100,000 contacts'],
    ['contactsKeystroke', 'median of 30 keystrokes < 50 ms from the keystroke to the list showing its matches, with 100,000 contacts'],
    ['duplicateFinder', '< 5000 ms from the click to the pairs listed, with 100,000 contacts'],
    ['insightsView', 'median < 1000 ms from page load to every chart drawn, with 100,000 contacts and 1,000,000 interactions'],
  ] as const)('prints %s as "%s"', (name, text) => {
    expect(judge(name, 0, 100_000).target).toBe(text);
  });

  it('is met strictly below its figure, and unknown without one', () => {
    expect(judge('timeToCard', 99.9).met).toBe(true);
    expect(judge('timeToCard', 100).met).toBe(false);
    expect(judge('growth', null).met).toBeNull();
    expect(judge('contentScriptKB', undefined).met).toBeNull();
  });

  it('holds from its size on', () => {
    expect(judge('recognize', 1, 10_000).met).toBeNull();
    expect(judge('recognize', 1, 100_000).met).toBe(true);
    expect(judge('recognize', 3, 200_000).met).toBe(false);
  });
});
