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
  return json({ thresholds: await replaceThresholds(rt.store, signedIn(admin, ctx), thresholds), defaults: ALERT_RULE_DEFAULTS });
});

export const { POST, DELETE, PATCH, OPTIONS } = undeclared('admin-thresholds', '/api/admin/thresholds');
