import { describe, expect, it } from 'vitest';
import { topTopics } from './answers.fixtures';
import { csvField, toCsv } from './csv';

describe('csvField', () => {
  it('quotes fields with commas, quotes, line breaks or edge spaces', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('HQ / Floor 2 — °C ü')).toBe('HQ / Floor 2 — °C ü');
  });

  it('keeps formula-like text inert in spreadsheets', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
  });
});

describe('toCsv', () => {
  it('writes a header and one CRLF line per row, numbers unformatted and nulls empty', () => {
    const csv = toCsv(
      [
        { label: 'Topic', type: 'string' },
        { label: 'Bytes in', type: 'number' },
      ],
      topTopics.rows,
      'UTC',
    );
    expect(csv).toBe('Topic,Bytes in\r\nacme.clickstream,900\r\nacme.orders,500\r\n,20\r\n');
  });

  it('writes times as ISO 8601 in the view time zone', () => {
    const csv = toCsv(
      [
        { label: 'Time', type: 'time' },
        { label: 'Avg, °C', type: 'number' },
      ],
      [[Date.parse('2026-07-01T10:00:00Z'), 21.5]],
      'Europe/Berlin',
    );
    expect(csv).toBe('Time,"Avg, °C"\r\n2026-07-01T12:00:00+02:00,21.5\r\n');
  });
});
