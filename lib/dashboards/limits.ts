/**
 * A dashboard's limits (longest span, finest grain) as pure rules: the API refuses a view past
 * them (lib/query/plan.ts) and the UI offers only what they allow and says what they are, from
 * the same declaration, so the two can never disagree.
 */
import { isRelative, type Range, type View } from '@/lib/view/schema';
import { DURATION_MS, GRAINS, GRAIN_WORDS, autoGrain, type Grain } from '@/lib/view/time';
import { addLocalDays } from '@/lib/view/zoned';

export type Limits = { maxSpanDays: number; finestGrain: Grain };

/**
 * Checked on the range as asked (a preset by its nominal length, an absolute range in local
 * days of the view's zone), not on its grain-aligned interval, which can be an hour longer over
 * a DST change or a bucket longer after alignment.
 */
export function spanTooLong(limits: Pick<Limits, 'maxSpanDays'>, range: Range, tz: string): boolean {
  return isRelative(range)
    ? DURATION_MS[range.last] > limits.maxSpanDays * DURATION_MS.P1D
    : Date.parse(range.start) < addLocalDays(Date.parse(range.end), -limits.maxSpanDays, tz);
}

export function grainAllowed(limits: Pick<Limits, 'finestGrain'>, grain: Grain | 'auto'): boolean {
  return grain === 'auto' || GRAINS.indexOf(grain) >= GRAINS.indexOf(limits.finestGrain);
}

/** What "auto" means on this dashboard: the usual choice, never finer than the finest grain allowed. */
export function autoGrainWithin(limits: Pick<Limits, 'finestGrain'>, spanMs: number): Grain {
  const auto = autoGrain(spanMs);
  return grainAllowed(limits, auto) ? auto : limits.finestGrain;
}

/** The first limit a view breaks, as the API reports it (message and path), or null. */
export function limitProblem(limits: Limits, view: Pick<View, 'range' | 'grain' | 'tz'>): { message: string; path: string } | null {
  if (spanTooLong(limits, view.range, view.tz)) return { message: `this dashboard shows at most ${limits.maxSpanDays} days at once`, path: 'view.range' };
  if (!grainAllowed(limits, view.grain)) {
    return { message: `this dashboard's finest grain is ${GRAIN_WORDS[limits.finestGrain]}`, path: 'view.grain' };
  }
  return null;
}

/** The limits in words, for the range and grain controls. */
export function describeLimits(limits: Limits): string {
  const days = `${limits.maxSpanDays} day${limits.maxSpanDays === 1 ? '' : 's'}`;
  return `Up to ${days} at once, in steps of ${GRAIN_WORDS[limits.finestGrain]} or more.`;
}
