import { z } from 'zod';

/**
 * An alert as the Flink jobs write it to their topic (flink/sql/alerts.sql): what the notifier
 * reads to deliver webhooks. The same events feed the `alerts` datasource, declared in config/.
 */
const text = z.string().max(500);
const int = z.number().int().safe();

export const AlertEventSchema = z.object({
  ts: z.number().int().min(0).max(8.64e15),
  tenant: text,
  rule: text,
  severity: text,
  message: text,
  window_start: int,
  window_end: int,
  value: z.number(),
  threshold: z.number(),
});
