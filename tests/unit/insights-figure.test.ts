import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import InsightsFigure from '@/components/InsightsFigure.vue';
import { seriesColour } from '@/lib/chart-colours';
import { until } from './panel-helpers';

const percent = (n: number) => `${n.toFixed(1)} %`;

const props = {
  title: 'Reply rate',
  how: 'Threads you answered within a day, of the threads that asked something',
  kind: 'bar' as const,
  labels: ['March', 'April', 'May'],
  series: [
    { label: 'You', values: [40, null, 62.25] },
    { label: 'Team', values: [50.5, 55, 60] },
  ],
  format: percent,
  rowHeader: 'Month',
};

const texts = (wrapper: ReturnType<typeof mount>, selector: string) => wrapper.findAll(selector).map((e) => e.text());

describe('InsightsFigure', () => {
  it('shows the data as a table: caption, headers, row headers and formatted values, – for none', () => {
    const wrapper = mount(InsightsFigure, { props, slots: { default: 'Reply rate 62 %' } });
    expect(wrapper.find('h3').text()).toBe('Reply rate');
    expect(wrapper.find('section').attributes('aria-labelledby')).toBe(wrapper.find('h3').attributes('id'));
    expect(wrapper.find('.insights-how').text()).toBe(props.how);
    expect(wrapper.find('.insights-headline').text()).toBe('Reply rate 62 %');
    expect(wrapper.find('table caption').text()).toBe('Reply rate');
    expect(texts(wrapper, 'thead th')).toEqual(['Month', 'You', 'Team']);
    expect(wrapper.findAll('thead th').every((th) => th.attributes('scope') === 'col')).toBe(true);
    expect(texts(wrapper, 'tbody th[scope="row"]')).toEqual(['March', 'April', 'May']);
    expect(wrapper.findAll('tbody tr').map((tr) => texts(tr as never, 'td'))).toEqual([
      ['40.0 %', '50.5 %'],
      ['–', '55.0 %'],
      ['62.3 %', '60.0 %'],
    ]);
    expect(wrapper.find('canvas[role="img"]').attributes('aria-label')).toBe('Bar chart: You, Team');
  });

  it('formats with toLocaleString when no format is given', () => {
    const wrapper = mount(InsightsFigure, { props: { ...props, format: undefined, series: [{ label: 'Deals', values: [1234567, 2, null] }] } });
    expect(texts(wrapper, 'tbody td')).toEqual([(1234567).toLocaleString(), '2', '–']);
  });

  it('shows the empty text, and neither chart nor table, when every value is null', () => {
    const wrapper = mount(InsightsFigure, { props: { ...props, series: props.series.map((s) => ({ ...s, values: [null, null, null] })) } });
    expect(wrapper.find('.insights-empty').text()).toBe('No data in this period');
    expect(wrapper.find('table').exists()).toBe(false);
    expect(wrapper.find('canvas').exists()).toBe(false);
    expect(wrapper.find('h3').text()).toBe('Reply rate');
  });

  it('shows the caller’s empty text when there are no labels', () => {
    const wrapper = mount(InsightsFigure, { props: { ...props, labels: [], series: [{ label: 'You', values: [3] }], empty: 'No replies yet' } });
    expect(wrapper.find('.insights-empty').text()).toBe('No replies yet');
    expect(wrapper.find('table').exists()).toBe(false);
  });

  it('keeps the table, and logs and rejects nothing, when chart.js gets no canvas context (happy-dom)', async () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const wrapper = mount(InsightsFigure, { props });
      expect(wrapper.find('canvas').exists()).toBe(true);
      // The chart gives up once chart.js has loaded (a dynamic import: slow on first use).
      await until(() => !wrapper.find('canvas').exists());
      await flushPromises();
      await new Promise((r) => setTimeout(r, 0));
      expect(texts(wrapper, 'tbody th')).toEqual(['March', 'April', 'May']);
      // Props still change the table; the chart stays away.
      await wrapper.setProps({ labels: ['March', 'April', 'June'] });
      expect(texts(wrapper, 'tbody th')).toEqual(['March', 'April', 'June']);
      wrapper.unmount();
      await flushPromises();
      expect(rejections).toEqual([]);
      expect(error).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', onRejection);
      error.mockRestore();
      warn.mockRestore();
    }
  });
});

describe('InsightsChart with chart.js', () => {
  afterEach(() => {
    vi.doUnmock('chart.js');
    vi.restoreAllMocks();
  });

  it('builds the chart once, updates it in place, re-colours it with the theme and destroys it', async () => {
    const charts: { config: { type: string; data: { datasets: { backgroundColor: string; data: unknown[] }[] }; options: Record<string, unknown> }; updates: string[]; destroyed: boolean }[] = [];
    const register = vi.fn();
    class FakeChart {
      static register = register;
      static defaults = { font: { family: 'Helvetica' } };
      updates: string[] = [];
      destroyed = false;
      constructor(
        public item: unknown,
        public config: (typeof charts)[number]['config'],
      ) {
        charts.push(this);
      }
      set data(data: (typeof charts)[number]['config']['data']) {
        this.config.data = data;
      }
      get data() {
        return this.config.data;
      }
      set options(options: Record<string, unknown>) {
        this.config.options = options;
      }
      update(mode: string) {
        this.updates.push(mode);
      }
      destroy() {
        this.destroyed = true;
      }
    }
    vi.doMock('chart.js', () => ({ Chart: FakeChart, registerables: ['bar-controller'] }));
    // A canvas context, which happy-dom does not have.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
    delete document.documentElement.dataset.theme;

    const wrapper = mount(InsightsFigure, { props });
    await until(() => charts.length === 1);
    const chart = charts[0]!;
    expect(chart.config.type).toBe('bar');
    expect(chart.config.options.animation).toBe(false);
    expect(chart.config.data.datasets.map((d) => d.data)).toEqual([
      [40, null, 62.25],
      [50.5, 55, 60],
    ]);
    expect(chart.config.data.datasets.map((d) => d.backgroundColor)).toEqual([seriesColour(0, false), seriesColour(1, false)]);
    // The axis ticks use the format.
    const y = (chart.config.options.scales as { y: { ticks: { callback: (v: number) => string } } }).y;
    expect(y.ticks.callback(12)).toBe('12.0 %');
    expect(wrapper.find('[data-chart="drawn"] canvas').exists()).toBe(true);

    await wrapper.setProps({ series: [{ label: 'You', values: [1, 2, 3] }] });
    await nextTick();
    expect(charts).toHaveLength(1);
    expect(chart.updates).toEqual(['none']);
    expect(chart.config.data.datasets.map((d) => d.data)).toEqual([[1, 2, 3]]);

    // Six series: the seventh colour, black in the light theme, becomes grey in the dark one.
    const seven = Array.from({ length: 7 }, (_, i) => ({ label: `S${i}`, values: [i, i, i] }));
    await wrapper.setProps({ series: seven });
    await nextTick();
    expect(chart.config.data.datasets[6]!.backgroundColor).toBe(seriesColour(6, false));
    document.documentElement.dataset.theme = 'dark';
    await until(() => chart.config.data.datasets[6]!.backgroundColor === seriesColour(6, true));
    expect(seriesColour(6, true)).not.toBe(seriesColour(6, false));
    expect(charts).toHaveLength(1);

    wrapper.unmount();
    expect(chart.destroyed).toBe(true);
    delete document.documentElement.dataset.theme;
  });
});

describe('seriesColour', () => {
  it.each([false, true])('gives the first six series distinct colours (dark: %s)', (dark) => {
    const colours = Array.from({ length: 6 }, (_, i) => seriesColour(i, dark));
    expect(new Set(colours.map((c) => c.toLowerCase())).size).toBe(6);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('has no black in the dark theme, which is #1f1f1f', () => {
    const dark = Array.from({ length: 8 }, (_, i) => seriesColour(i, true).toLowerCase());
    expect(dark).not.toContain('#000000');
    expect(new Set(dark).size).toBe(8);
    expect(seriesColour(8, true)).toBe(seriesColour(0, true));
  });
});
