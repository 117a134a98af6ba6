import { describe, expect, it } from 'vitest';
import { recoverView } from './view-recovery';
import type { ViewDefaults } from './view-edit';

const defaults: ViewDefaults = { range: { last: 'P1D' }, grain: 'auto', compare: 'P1W' };
const dashboard = { defaultView: defaults, dimensions: [{ id: 'topic' }, { id: 'country' }], maxSpanDays: 30 };
const recover = (search: string) => recoverView(new URLSearchParams(search), dashboard, 'Asia/Tokyo');

describe('recoverView', () => {
  it('changes nothing and says nothing for a valid link', () => {
    const r = recover('v=1&r=PT6H&tz=UTC&in.topic=a');
    expect(r.notices).toEqual([]);
    expect(r.canonical).toBe('v=1&r=PT6H&tz=UTC&in.topic=a');
  });

  it('leaves out only what cannot be used, keeps the rest, and says what it left out', () => {
    const r = recover('v=1&r=P2D&tz=Mars%2FBase&in.topic=a&in.cluster=x&cmp=P1D');
    expect(r.view).toMatchObject({ range: { last: 'P1D' }, tz: 'Asia/Tokyo', compare: 'P1D', filters: [{ dim: 'topic', op: 'in', values: ['a'] }] });
    expect(r.notices).toEqual([
      'The time range “P2D” is not one this dashboard offers; showing its default range.',
      'The time zone “Mars/Base” is unknown; showing your own time zone.',
      'This dashboard has no “cluster” filter; that filter was left out.',
    ]);
    expect(r.canonical).toBe('v=1&r=P1D&tz=Asia%2FTokyo&cmp=P1D&in.topic=a');
  });

  it('reads a link from another version as far as it can, and drops settings it does not know', () => {
    const r = recover('v=7&r=PT1H&tz=UTC&theme=dark');
    expect(r.view).toMatchObject({ range: { last: 'PT1H' }, tz: 'UTC', compare: 'P1W' });
    expect(r.notices).toEqual([
      'This link is from another version of Pulseboard (“7”); it was read as far as possible.',
      'The link setting “theme” is not one Pulseboard knows; it was left out.',
    ]);
  });

  it('coarsens a grain too fine for the range, with a notice, instead of sending a view every panel refuses', () => {
    const r = recover('v=1&r=P30D&tz=UTC&g=PT1M');
    expect(r.view.grain).toBe('PT15M');
    expect(r.notices).toEqual(['Buckets of 1 minute are too fine for 30 days (more than 5,000 points); showing buckets of 15 minutes.']);
  });

  it('shortens a range longer than the dashboard shows to the nearest one it does', () => {
    expect(recover('v=1&r=P90D&tz=UTC').view.range).toEqual({ last: 'P30D' });
    const pinned = recover('v=1&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&tz=UTC');
    expect(pinned.view.range).toEqual({ start: '2026-01-30T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' });
    expect(pinned.notices).toEqual(['This dashboard shows at most 30 days at once; showing the last 30 days of the linked range.']);
  });

  it('keeps the relative range when a link has both kinds, and drops a half fixed range', () => {
    expect(recover('v=1&r=PT1H&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z').view.range).toEqual({ last: 'PT1H' });
    expect(recover('v=1&from=2026-01-01T00:00:00Z&tz=UTC').view.range).toEqual({ last: 'P1D' });
  });

  it('drops a fixed range whose ends are not dates, once, and keeps the rest', () => {
    const r = recover('v=1&from=yesterday&to=today&tz=UTC&cmp=P1D');
    expect(r.view).toMatchObject({ range: { last: 'P1D' }, tz: 'UTC', compare: 'P1D' });
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatch(/^The fixed time range could not be used/);
  });
});
