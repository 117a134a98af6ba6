import { replaceThresholds } from '@/lib/api/admin';
import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { ALERT_RULE_DEFAULTS, ThresholdsRequestSchema } from '@/lib/contract/admin';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The tenant's alert threshold overrides and the rules' defaults. */
export const GET = route('admin-thresholds', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json({ thresholds: await rt.store.thresholds.forTenant(signedIn(admin, ctx).tenant), defaults: ALERT_RULE_DEFAULTS });
});

/** Replaces the overrides (a rule left out goes back to its defaults). */
export const PUT = route('admin-thresholds', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const { thresholds } = await parseBody(req, ThresholdsRequestSchema);
  const user = signedIn(admin, ctx);
  const saved = await replaceThresholds(rt.store, user, thresholds);
  // Committed: the alert job gets it through the feed, which retries on its own (not awaited).
  void rt.thresholdFeed?.changed(user.tenant).catch(() => {});
  return json({ thresholds: saved, defaults: ALERT_RULE_DEFAULTS });
});

export const { POST, DELETE, PATCH, OPTIONS } = undeclared('admin-thresholds', '/api/admin/thresholds');
