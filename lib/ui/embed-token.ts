/** The embedded dashboard's reading of its token: for display and timing only, never trusted (the server verifies it). */
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { FilterSchema } from '@/lib/view/schema';

const ShownClaimsSchema = z.object({
  tenant: z.string(),
  exp: z.number(),
  dashboards: z.array(z.string()),
  filters: z.array(FilterSchema).default([]),
});

export type ShownClaims = z.infer<typeof ShownClaimsSchema>;

/** The claims the iframe shows (locked filters) and times its renewal by, or null for something that is not an embed token. */
export function readEmbedToken(token: string): ShownClaims | null {
  try {
    const parsed = ShownClaimsSchema.safeParse(decodeJwt(token));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** How long before its expiry a token is renewed: a third of what is left, at most a minute. */
export function renewInMs(expiresAtMs: number, nowMs: number): number {
  const left = expiresAtMs - nowMs;
  return Math.max(1_000, left - Math.min(60_000, left / 3));
}
