import { describe, expect, it } from 'vitest';
import { ifMatchRevision, revisionTag } from './if-match';

describe('If-Match on a stored revision', () => {
  it('reads back the ETag it sent', () => {
    for (const r of [1, 7, 123_456_789]) expect(ifMatchRevision(revisionTag(r))).toBe(r);
    expect(ifMatchRevision(' "3" ')).toBe(3);
  });

  it('takes no header or * as "any revision"', () => {
    expect(ifMatchRevision(null)).toBeUndefined();
    expect(ifMatchRevision('*')).toBeUndefined();
  });

  it('refuses what is not one strong revision tag, at If-Match', () => {
    for (const h of ['3', 'W/"3"', '"0"', '"03"', '"3", "4"', '"abc"', '""', '"1234567890"']) {
      expect(() => ifMatchRevision(h), h).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'If-Match' }));
    }
  });
});
