import { describe, expect, it } from 'vitest';
import { topTopics } from './answers.fixtures';
import { labelOf, testTheme } from './chart-theme.fixtures';
import { toBars } from './series';
import { topnOption } from './topn-option';

describe('topnOption', () => {
  it('lists categories biggest first with a compare outline behind the bars', () => {
    const option = topnOption({ bars: toBars(topTopics), ghostCaption: 'Day before', format: 'bytes', locale: 'en-US', theme: testTheme, labelOf });
    expect((option.yAxis as { data: string[] }).data).toEqual(['acme.clickstream', 'acme.orders', 'Other']);
    const series = option.series as { id: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.id, s.data])).toEqual([
      ['cmp', [1000, 450, null]],
      ['cur', [900, 500, 20]],
    ]);
  });

  it('draws no outline without a compare period', () => {
    const option = topnOption({ bars: toBars({ ...topTopics, compare: null }), ghostCaption: '', format: 'bytes', locale: 'en-US', theme: testTheme, labelOf });
    expect((option.series as { id: string }[]).map((s) => s.id)).toEqual(['cur']);
  });
});
