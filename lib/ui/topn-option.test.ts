import { describe, expect, it } from 'vitest';
import { topTopics } from './answers.fixtures';
import { labelOf, testTheme } from './chart-theme.fixtures';
import { assignColors } from './series-color';
import { toBars } from './series';
import { topnOption, type TopnInput } from './topn-option';

const base = { ghostCaption: 'Day before', format: 'bytes', locale: 'en-US', theme: testTheme, labelOf } as const;
const color = (key: string) => assignColors(testTheme, ['acme.clickstream', 'acme.orders', null]).get(key);
const option = (patch: Partial<TopnInput> = {}) => topnOption({ ...base, bars: toBars(topTopics), ...patch });

describe('topnOption', () => {
  it('lists categories biggest first, each bar in the colour of its name, with the compared figure as a bar of its own', () => {
    const o = option();
    expect((o.yAxis as { data: string[] }).data).toEqual(['acme.clickstream', 'acme.orders', 'Other']);
    const series = o.series as { id: string; data: ({ value: number | null; itemStyle: { color: string } } | number | null)[] }[];
    expect(series.map((s) => s.id)).toEqual(['cur', 'cmp']);
    expect(series[0]!.data).toEqual([
      { value: 900, itemStyle: { color: color('acme.clickstream') } },
      { value: 500, itemStyle: { color: color('acme.orders') } },
      { value: 20, itemStyle: { color: '#999' } },
    ]);
    expect(series[1]!.data).toEqual([1000, 450, null]);
    expect((o.legend as { data: { name: string }[] }).data.map((d) => d.name)).toEqual(['Now', 'Day before']);
  });

  it('says now, then and the change in the tooltip', () => {
    const formatter = (option().tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 1 }])).toBe('<b>acme.orders</b><br>Now 500B<br>Day before 450B<br>Change +11.1%');
  });

  it('draws no compare bar and no legend without a compare period', () => {
    const o = option({ bars: toBars({ ...topTopics, compare: null }) });
    expect((o.series as { id: string }[]).map((s) => s.id)).toEqual(['cur']);
    expect((o.legend as { show: boolean }).show).toBe(false);
  });
});
