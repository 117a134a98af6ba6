import { describe, expect, it } from 'vitest';
import { SecretBoxError, fingerprint, secretBox } from './secret-box';

const APP_SECRET = 'the-app-secret-of-this-deployment-'.padEnd(48, 'x');
const NEXT_SECRET = 'the-next-app-secret-after-rotation'.padEnd(48, 'y');
const SECRET = 'vendor-hs256-secret-'.padEnd(43, 'z');

describe('sealed tenant secrets', () => {
  it('seals to text that neither contains nor equals the secret, different every time, and opens again', () => {
    const box = secretBox([APP_SECRET]);
    const a = box.seal(SECRET, 'acme');
    const b = box.seal(SECRET, 'acme');
    expect(a).not.toContain(SECRET);
    expect(a).not.toBe(b);
    expect(box.open(a, 'acme')).toBe(SECRET);
    expect(box.open(b, 'acme')).toBe(SECRET);
  });

  it('fails closed with a clear error under another key, another record, or altered text', () => {
    const sealed = secretBox([APP_SECRET]).seal(SECRET, 'acme');
    expect(() => secretBox([NEXT_SECRET]).open(sealed, 'acme')).toThrow(new SecretBoxError('The stored secret was encrypted with another key (PULSE_SECRET changed without PULSE_SECRET_PREVIOUS): issue a new one.'));
    expect(() => secretBox([APP_SECRET]).open(sealed, 'globex')).toThrow(/does not decrypt: it was altered or belongs to another record/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => secretBox([APP_SECRET]).open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'acme')).toThrow(SecretBoxError);
    expect(() => secretBox([APP_SECRET]).open(SECRET, 'acme')).toThrow(/not in the encrypted format/);
  });

  it('still opens text sealed with the previous key during a rotation, and says it should be sealed again', () => {
    const old = secretBox([APP_SECRET]).seal(SECRET, 'acme');
    const rotated = secretBox([NEXT_SECRET, APP_SECRET]);
    expect(rotated.open(old, 'acme')).toBe(SECRET);
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal(SECRET, 'acme'))).toBe(true);
  });

  it('fingerprints a secret without revealing it', () => {
    expect(fingerprint(SECRET)).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/);
    expect(fingerprint(SECRET)).toBe(fingerprint(SECRET));
    expect(fingerprint(`${SECRET}!`)).not.toBe(fingerprint(SECRET));
  });
});
