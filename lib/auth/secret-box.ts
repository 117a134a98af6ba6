import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the app must read back (a tenant's HS256 embedding secret verifies tokens) are kept
 * sealed: AES-256-GCM with a key derived by HKDF from the app's secret (PULSE_SECRET), so the
 * session key itself never encrypts anything. Sealed text names its key by id: after a rotation
 * (PULSE_SECRET moved to PULSE_SECRET_PREVIOUS) old text still opens and can be sealed again.
 * The context (the tenant id) is authenticated with it: a value copied to another row fails.
 */
export type SecretBox = {
  seal(plain: string, context: string): string;
  /** The plain text; throws SecretBoxError when it was sealed with a key we do not have, or altered. */
  open(sealed: string, context: string): string;
  /** Whether the text was sealed with the current key (else seal it again to survive the next rotation). */
  isCurrent(sealed: string): boolean;
};

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const VERSION = 'v1';
const INFO = 'pulseboard tenant secret encryption v1';

type Key = { kid: string; key: Buffer };

function deriveKey(secret: string): Key {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('pulseboard'), Buffer.from(INFO), 32));
  // The id is a hash of the derived key: it says which key, nothing of it.
  return { kid: createHash('sha256').update('pulseboard secret box key id\0').update(key).digest('base64url').slice(0, 8), key };
}

/** `secrets`: the current app secret first, then the previous one (during a rotation). */
export function secretBox(secrets: readonly string[]): SecretBox {
  if (secrets.length === 0) throw new Error('secretBox needs at least one secret');
  const keys = secrets.map(deriveKey);
  const current = keys[0]!;
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv).setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, current.kid, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, kid, iv, body, ...rest] = sealed.split('.');
      if (version !== VERSION || !kid || !iv || !body || rest.length) throw new SecretBoxError('The stored secret is not in the encrypted format (written by an older version?): issue a new one.');
      const key = keys.find((k) => k.kid === kid);
      if (!key) throw new SecretBoxError('The stored secret was encrypted with another key (PULSE_SECRET changed without PULSE_SECRET_PREVIOUS): issue a new one.');
      const data = Buffer.from(body, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(data.subarray(data.length - 16));
        return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new SecretBoxError('The stored secret does not decrypt: it was altered or belongs to another record. Issue a new one.', { cause: err });
      }
    },
    isCurrent: (sealed) => sealed.split('.')[1] === current.kid,
  };
}

/** What an admin sees of a secret after it was shown once: enough to tell two apart, nothing to sign with. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16).replace(/(.{4})(?!$)/g, '$1:');
}
