import { describe, expect, it } from 'vitest';
import { keyRing, kidOf, secretProblem } from './keys';

const LONG = 'k'.repeat(32);

describe('secret rules', () => {
  it('requires PULSE_SECRET outside demo mode and allows a random one in demo mode', () => {
    expect(secretProblem({ secret: undefined, previous: undefined, demoMode: false })).toMatchObject({ setting: 'PULSE_SECRET', message: expect.stringContaining('required outside demo mode') });
    expect(secretProblem({ secret: undefined, previous: undefined, demoMode: true })).toBeNull();
  });

  it('refuses secrets shorter than 32 bytes, counting bytes rather than characters', () => {
    expect(secretProblem({ secret: 'k'.repeat(31), previous: undefined, demoMode: true })).toMatchObject({ setting: 'PULSE_SECRET', message: expect.stringContaining('(it has 31)') });
    expect(secretProblem({ secret: LONG, previous: undefined, demoMode: false })).toBeNull();
    // 16 two-byte characters are 32 bytes.
    expect(secretProblem({ secret: 'é'.repeat(16), previous: undefined, demoMode: false })).toBeNull();
    expect(secretProblem({ secret: LONG, previous: 'short', demoMode: false })).toMatchObject({ setting: 'PULSE_SECRET_PREVIOUS' });
    expect(secretProblem({ secret: LONG, previous: LONG, demoMode: false })).toMatchObject({ setting: 'PULSE_SECRET_PREVIOUS', message: 'must differ from PULSE_SECRET' });
  });
});

describe('key ring', () => {
  it('names each key by an id derived from it, the current one first, the previous one for verifying only', () => {
    const ring = keyRing({ secret: LONG, previous: 'p'.repeat(32) });
    expect(ring.current.kid).toBe(kidOf(new TextEncoder().encode(LONG)));
    expect([...ring.byKid.keys()]).toEqual([kidOf(new TextEncoder().encode(LONG)), kidOf(new TextEncoder().encode('p'.repeat(32)))]);
    expect(keyRing({ secret: LONG, previous: undefined }).current.kid).toBe(ring.current.kid);
  });

  it('makes a random key per ring without a secret', () => {
    const [a, b] = [keyRing({ secret: undefined, previous: undefined }), keyRing({ secret: undefined, previous: undefined })];
    expect(a.current.key).toHaveLength(32);
    expect(a.current.kid).not.toBe(b.current.kid);
  });
});
