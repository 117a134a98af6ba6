import { describe, expect, it } from 'vitest';
import { rowsCellText, rowsPageText } from './rows';

describe('the rows dialog', () => {
  it('says which rows a page holds, and that there are more past the first 1,000', () => {
    expect(rowsPageText({ page: 0, pageSize: 50, total: 0, capped: false, shown: 0 })).toBe('No rows');
    expect(rowsPageText({ page: 1, pageSize: 50, total: 73, capped: false, shown: 23 })).toBe('Rows 51–73 of 73');
    expect(rowsPageText({ page: 19, pageSize: 50, total: 1000, capped: true, shown: 50 })).toBe('Rows 951–1,000 of 1,000+');
  });

  it('shows times in the view’s zone at the rows’ grain, numbers in full and empty values by name', () => {
    const t = Date.parse('2026-11-24T10:05:00Z');
    expect(rowsCellText({ name: 't', label: 'Time', type: 'time' }, t, 'PT1M', 'Asia/Kolkata')).toMatch(/03:35 PM|15:35/);
    expect(rowsCellText({ name: 't', label: 'Time', type: 'time' }, t, 'PT1M', 'UTC')).toMatch(/10:05/);
    expect(rowsCellText({ name: 'bytes', label: 'bytes (sum)', type: 'number' }, 1234567, 'PT1M', 'UTC')).toBe('1,234,567');
    expect(rowsCellText({ name: 'region', label: 'Region', type: 'string' }, null, 'PT1M', 'UTC')).toBe('(empty)');
    expect(rowsCellText({ name: 'region', label: 'Region', type: 'string' }, 'eu-west', 'PT1M', 'UTC')).toBe('eu-west');
  });
});
