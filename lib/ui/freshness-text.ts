/**
 * What a panel's footer says about the age of what it shows, in the customer's words: how
 * long ago its answer was computed, and, when it shows an older answer because the data store
 * is not answering, that it does and why. Never cache outcomes or query times: those are ours.
 */
import type { QueryResponse } from '@/lib/contract/schemas';
import { formatAgo } from './format';

/**
 * A stale answer is normal for a moment (the next one is computed behind it); older than this,
 * refreshing it has failed for a while, which means the data store is not answering.
 */
export const STALE_NOTICE_MS = 30_000;

/** Codes (lib/errors, and the client's own network / http_error) that mean no answer could be had, not that the view is wrong. */
const UNREACHABLE = new Set(['engine_unavailable', 'engine_timeout', 'network', 'http_error', 'internal']);

export type Freshness = { text: string; tone: 'fresh' | 'old' };

export function freshnessText(args: {
  meta: Pick<QueryResponse['meta'], 'cache' | 'ageMs'>;
  /** When the browser received the answer (epoch ms) and the time now. */
  receivedAt: number;
  now: number;
  /** The last refresh's failure, while the panel keeps showing the answer it has. */
  refreshError: { code?: string; message: string } | null;
}): Freshness {
  const { meta, receivedAt, now, refreshError } = args;
  const age = Math.max(0, now - (receivedAt - meta.ageMs));
  if (refreshError) {
    const why = refreshError.code && UNREACHABLE.has(refreshError.code) ? 'the data store is not answering' : `refreshing failed (${refreshError.message})`;
    return { text: `Showing data from ${formatAgo(age)}: ${why}`, tone: 'old' };
  }
  if (meta.cache === 'stale' && meta.ageMs >= STALE_NOTICE_MS) {
    return { text: `Showing data from ${formatAgo(age)}: the data store is not answering`, tone: 'old' };
  }
  return { text: `Updated ${formatAgo(age)}`, tone: 'fresh' };
}
