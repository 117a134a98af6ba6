import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe-style: HMAC-SHA256 over "<timestamp>.<body>" with the tenant's
 * secret, sent as `x-pulse-signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the MAC
 * lets receivers refuse replays.
 */
export const SIGNATURE_HEADER = 'x-pulse-signature';
/** The delivery's id, the same on every attempt: receivers deduplicate by it (retries can repeat a delivery). */
export const DELIVERY_HEADER = 'x-pulse-delivery';

export function sign(secret: string, body: string, timestampSec: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}

/** What a receiver runs; exported so the tests (and our docs) verify exactly as customers would. */
export function verify(secret: string, body: string, header: string | null, nowSec: number, toleranceSec = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1 || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(sign(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
