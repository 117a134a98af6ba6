import { describe, expect, it } from 'vitest';
import { AlertNoteSchema, AlertsQuerySchema } from './alerts';

describe('the alert inbox contract', () => {
  it('takes an optional note of at most 500 characters, trimmed, lines and tabs allowed', () => {
    expect(AlertNoteSchema.parse({})).toEqual({});
    expect(AlertNoteSchema.parse({ note: '  on it\n\tbroker-2 ' })).toEqual({ note: 'on it\n\tbroker-2' });
    expect(AlertNoteSchema.safeParse({ note: 'x'.repeat(500) }).success).toBe(true);
    expect(AlertNoteSchema.safeParse({ note: 'x'.repeat(501) }).success).toBe(false);
  });

  it('refuses control characters, other fields and non-strings', () => {
    for (const body of [{ note: 'bell\u0007' }, { note: 'nul\u0000' }, { note: 'c1\u0085' }, { note: 1 }, { note: null }, { state: 'resolved' }]) {
      expect(AlertNoteSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it('reads an optional state and a zone (UTC by default)', () => {
    expect(AlertsQuerySchema.parse({})).toEqual({ tz: 'UTC' });
    expect(AlertsQuerySchema.parse({ state: 'acknowledged', tz: 'Europe/Berlin' })).toEqual({ state: 'acknowledged', tz: 'Europe/Berlin' });
    expect(AlertsQuerySchema.safeParse({ state: 'closed' }).success).toBe(false);
    expect(AlertsQuerySchema.safeParse({ limit: '3' }).success).toBe(false);
  });
});
