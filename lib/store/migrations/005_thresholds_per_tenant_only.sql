-- A tenant overrides only the parameters the alert job applies per tenant (lib/contract/admin.ts
-- PER_TENANT_PARAMETERS). Window sizes and pattern lengths stored before that rule had no effect
-- on the job: they go, and so does a rule left with no override.
update alert_thresholds set params = params - 'windowMinutes' - 'baselineWindows' - 'consecutiveMinutes';
delete from alert_thresholds where params = '{}'::jsonb;
