/** What the fault suites ask of Druid and HAProxy to judge a recovery (shared by the cluster suites). */
import { brokerSql } from './control';

/** Segments published and not overshadowed, and how many of them each of `historicals` serves. */
export async function segmentReplicas(broker: string, historicals: string[]) {
  const [published = 0, underReplicated = 0] = ((await brokerSql(
    broker,
    'SELECT COUNT(*), COUNT(*) FILTER (WHERE num_replicas < 2) FROM sys.segments WHERE is_published = 1 AND is_overshadowed = 0',
  ))[0] ?? []) as number[];
  const served = await brokerSql(broker, 'SELECT server, COUNT(*) FROM sys.server_segments GROUP BY 1');
  const perServer = new Map(served.filter(([s]) => historicals.includes(String(s))).map(([s, n]) => [String(s), Number(n)]));
  return { published, underReplicated, perServer };
}

/** A view no one has asked for (an absolute range of its own): a 200 for it is a fresh answer from Druid. */
export const freshProbe = (i: number) => ({ dashboard: 'cluster-overview', panel: 'kpis', view: { range: { start: new Date(Date.now() - 3_600_000 - i * 60_000).toISOString(), end: new Date(Date.now() - i * 60_000).toISOString() }, tz: 'UTC' } });

/** HAProxy's view of one server of the `ready` backend (UP, DOWN, …), from its stats page. */
export async function haproxyStatus(stats: string, server: string): Promise<string> {
  const csv = await (await fetch(`${stats}/;csv`)).text();
  const [header, ...rows] = csv.split('\n');
  const col = header!.replace(/^# /, '').split(',').indexOf('status');
  return rows.map((r) => r.split(',')).find((r) => r[0] === 'ready' && r[1] === server)?.[col] ?? 'absent';
}
