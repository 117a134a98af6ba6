/**
 * Per-tenant alert rule settings (config/alert-rules.json): defaults plus overrides per tenant.
 * The Flink launcher reads the same file, so the app shows exactly the thresholds the jobs use.
 */
import { z } from 'zod';

const LoginSpike = z.strictObject({
  /** Tumbling window the failures are counted in. */
  windowMinutes: z.int().min(1).max(60),
  /** A spike needs at least this many failures in one window… */
  minFailures: z.int().min(1),
  /** …and this many times the tenant's average over the previous windows. */
  baselineFactor: z.number().min(1),
  baselineWindows: z.int().min(1).max(288),
});
const LagRising = z.strictObject({ consecutiveMinutes: z.int().min(2).max(120), minLag: z.int().min(0) });
const UnderReplicated = z.strictObject({ minutes: z.int().min(1).max(1440) });

const Rules = z.strictObject({ login_spike: LoginSpike, consumer_lag_rising: LagRising, under_replicated: UnderReplicated });
export type AlertRules = z.infer<typeof Rules>;

export const AlertRulesConfigSchema = z.strictObject({
  defaults: Rules,
  tenants: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/),
    z.strictObject({
      login_spike: LoginSpike.partial().optional(),
      consumer_lag_rising: LagRising.partial().optional(),
      under_replicated: UnderReplicated.partial().optional(),
    }),
  ),
});

export type AlertRulesConfig = z.infer<typeof AlertRulesConfigSchema>;

/** The effective rules of one tenant: its overrides on top of the defaults. */
export function rulesFor(config: AlertRulesConfig, tenant: string): AlertRules {
  const own = config.tenants[tenant] ?? {};
  return {
    login_spike: { ...config.defaults.login_spike, ...own.login_spike },
    consumer_lag_rising: { ...config.defaults.consumer_lag_rising, ...own.consumer_lag_rising },
    under_replicated: { ...config.defaults.under_replicated, ...own.under_replicated },
  };
}
