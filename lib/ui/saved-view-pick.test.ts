import { describe, expect, it } from 'vitest';
import type { SavedView } from '@/lib/contract/workspace';
import { encodeView } from '@/lib/view/codec';
import { ViewSchema } from '@/lib/view/schema';
import { pickView, viewAddress } from './saved-view-pick';

const saved = (id: string, last: 'P1D' | 'P7D', isDefault = false): SavedView => ({
  id,
  dashboard: 'd',
  name: id,
  view: ViewSchema.parse({ range: { last } }),
  shared: false,
  owner: 'a@b.test',
  mine: true,
  isDefault,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const VIEWS = [saved('week', 'P7D'), saved('day', 'P1D', true)];

describe('pickView', () => {
  it("opens the saved view a link names, else the user's default, else the dashboard's", () => {
    expect(pickView(new URLSearchParams('saved=week'), VIEWS)).toEqual({ search: new URLSearchParams(encodeView(VIEWS[0]!.view)), savedId: 'week', missing: false });
    expect(pickView(new URLSearchParams(''), VIEWS).savedId).toBe('day');
    expect(pickView(new URLSearchParams(''), [saved('week', 'P7D')])).toEqual({ search: new URLSearchParams(), savedId: null, missing: false });
  });

  it("keeps the URL's own view over any saved one, and says when a named view is not there", () => {
    expect(pickView(new URLSearchParams('saved=week&v=1&r=PT1H'), VIEWS)).toEqual({ search: new URLSearchParams('v=1&r=PT1H'), savedId: 'week', missing: false });
    expect(pickView(new URLSearchParams('saved=gone'), VIEWS)).toEqual({ search: new URLSearchParams(), savedId: null, missing: true });
  });

  it('writes the saved id ahead of the view in the address', () => {
    expect(viewAddress('/d/x', 'v=1&r=P1D', 'a b')).toBe('/d/x?saved=a%20b&v=1&r=P1D');
    expect(viewAddress('/d/x', 'v=1&r=P1D', null)).toBe('/d/x?v=1&r=P1D');
  });
});
