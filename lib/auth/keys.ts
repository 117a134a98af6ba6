import { createHash, randomBytes } from 'node:crypto';

/** HS256 needs a key at least as long as its output: 32 bytes. */
export const MIN_SECRET_BYTES = 32;

/** Signing keys by id: the current one signs, every one verifies (the previous one during a rotation). */
export type KeyRing = { current: { kid: string; key: Uint8Array }; byKid: ReadonlyMap<string, Uint8Array> };

export type SecretSettings = {
  secret: string | undefined;
  previous: string | undefined;
  /** The embedded engine with no Kafka: nothing real to protect, a per-process secret is allowed. */
  demoMode: boolean;
};

/**
 * What is wrong with the secret settings, as a message for the operator, or null. Outside demo
 * mode the secret is required: a per-process secret would make instances reject each other's
 * sessions and log everyone out at every restart.
 */
export function secretProblem({ secret, previous, demoMode }: SecretSettings): { setting: string; message: string } | null {
  if (secret === undefined) {
    if (demoMode) return null;
    return { setting: 'PULSE_SECRET', message: `required outside demo mode (with KAFKA_BROKERS or PULSE_ENGINE=druid): set at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 48\`` };
  }
  for (const [setting, value] of [['PULSE_SECRET', secret], ['PULSE_SECRET_PREVIOUS', previous]] as const) {
    if (value !== undefined && Buffer.byteLength(value) < MIN_SECRET_BYTES) return { setting, message: `must be at least ${MIN_SECRET_BYTES} bytes long (it has ${Buffer.byteLength(value)})` };
  }
  if (previous !== undefined && previous === secret) return { setting: 'PULSE_SECRET_PREVIOUS', message: 'must differ from PULSE_SECRET' };
  return null;
}

/**
 * A key's id is derived from the key, so operators rotate by moving PULSE_SECRET to
 * PULSE_SECRET_PREVIOUS and setting a new one: tokens name the key that signed them, and both
 * verify until the old tokens have expired. The id is a hash prefix: it tells nothing of the key.
 */
export function kidOf(key: Uint8Array): string {
  return createHash('sha256').update('pulseboard session key id\0').update(key).digest('base64url').slice(0, 11);
}

/** Call only with settings secretProblem() accepted; without a secret (demo mode) the key is random. */
export function keyRing({ secret, previous }: Pick<SecretSettings, 'secret' | 'previous'>): KeyRing {
  const current = secret === undefined ? new Uint8Array(randomBytes(32)) : new TextEncoder().encode(secret);
  const keys = [current, ...(previous === undefined ? [] : [new TextEncoder().encode(previous)])];
  const byKid = new Map(keys.map((key) => [kidOf(key), key]));
  return { current: { kid: kidOf(current), key: current }, byKid };
}

/** For jose's jwtVerify: the ring's key named by a token's `kid`; an unknown or missing id fails. */
export function keyByKid(keys: KeyRing): (header: { kid?: string }) => Uint8Array {
  return (header) => {
    const key = header.kid === undefined ? undefined : keys.byKid.get(header.kid);
    if (!key) throw new Error('unknown key id');
    return key;
  };
}
