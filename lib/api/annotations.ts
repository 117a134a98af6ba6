import 'server-only';
import { z } from 'zod';
import { ruleSource } from '@/lib/alerts/incidents';
import { compareHref } from '@/lib/alerts/links';
import { alertsIn } from '@/lib/alerts/recent';
import type { User } from '@/lib/auth/users';
import { MAX_ANNOTATIONS_LISTED, MAX_ANNOTATIONS_PER_TENANT, type AlertNote, type AnnotationRequest, type Note } from '@/lib/contract/annotations';
import { findDatasource, hasDimension } from '@/lib/dashboards/registry';
import type { Dashboard } from '@/lib/dashboards/schema';
import { AppError, invalid } from '@/lib/errors/app-error';
import { dashboardFor, type Answering } from '@/lib/service/service';
import type { AnnotationRow } from '@/lib/store/annotations';
import type { Store } from '@/lib/store/store';
import { assertEditor, roleNow } from './workspace-access';

/**
 * Annotations (/api/annotations): a tenant's notes on a datasource, and its alerts beside them.
 * Scoped to the session's tenant: another tenant's note is "not found", by any id, never "forbidden".
 */

type Deps = { store: Store } & Answering;

const notFound = () => new AppError('not_found', 'There is no such annotation.', 'id');
const isUuid = (id: string) => z.uuid().safeParse(id).success;

function note(row: AnnotationRow, canDelete: boolean): Omit<Note, 'href'> {
  return {
    kind: 'note',
    id: row.id,
    datasource: row.datasource,
    start: new Date(row.startMs).toISOString(),
    end: row.endMs === null ? null : new Date(row.endMs).toISOString(),
    text: row.text,
    dimension: row.dimension,
    value: row.value,
    author: row.author,
    canDelete,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The link of a note: its dashboard around the moment, narrowed to its value where the dashboard has that dimension. */
function noteHref(d: Dashboard, row: AnnotationRow, tz: string): string {
  const filters = row.dimension && row.value !== null && hasDimension(d, row.dimension) ? [{ dim: row.dimension, op: 'in' as const, values: [row.value] }] : [];
  return compareHref(d.id, { start: row.startMs, end: row.endMs ?? row.startMs }, tz, filters);
}

async function alertNotes(rt: Deps, user: User, d: Dashboard, interval: { start: number; end: number }, tz: string, signal?: AbortSignal): Promise<AlertNote[]> {
  const rows = await alertsIn(rt, user.tenant, interval, { limit: MAX_ANNOTATIONS_LISTED, signal });
  return rows
    // An alert concerns the datasource its rule reads.
    .filter((a) => ruleSource(a.rule) === d.datasource)
    .map((a) => ({
      kind: 'alert',
      id: `${a.rule}@${a.at}`,
      start: new Date(a.windowStart).toISOString(),
      end: a.windowEnd > a.windowStart ? new Date(a.windowEnd).toISOString() : null,
      text: a.message,
      rule: a.rule,
      severity: a.severity,
      value: a.value,
      href: compareHref(d.id, { start: a.windowStart, end: a.windowEnd }, tz),
    }));
}

export async function listAnnotations(rt: Deps, user: User, q: { dashboard: string; from: string; to: string; tz: string }, signal?: AbortSignal) {
  const d = await dashboardFor(rt, user.tenant, q.dashboard);
  const interval = { start: Date.parse(q.from), end: Date.parse(q.to) };
  const [rows, role, alerts] = await Promise.all([
    rt.store.annotations.list(user.tenant, d.datasource, interval.start, interval.end, MAX_ANNOTATIONS_LISTED),
    roleNow(rt.store, user),
    alertNotes(rt, user, d, interval, q.tz, signal),
  ]);
  const notes: Note[] = rows.map((r) => ({ ...note(r, r.author === user.email || role === 'admin'), href: noteHref(d, r, q.tz) }));
  return { annotations: [...notes, ...alerts].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id)) };
}

export async function addAnnotation(rt: Deps, user: User, body: AnnotationRequest) {
  await assertEditor(rt.store, user, 'add annotations');
  const ds = findDatasource(body.datasource);
  if (!ds) throw invalid(`There is no datasource ${JSON.stringify(body.datasource)}.`, 'datasource');
  if (body.dimension !== undefined && !ds.dimensions.some((x) => x.name === body.dimension)) {
    throw invalid(`${body.datasource} has no dimension ${JSON.stringify(body.dimension)}.`, 'dimension');
  }
  const id = crypto.randomUUID();
  await rt.store.transaction(async (s) => {
    // Instances adding at once would each count below the cap: they take turns.
    await s.tenants.lock(user.tenant);
    if ((await s.annotations.count(user.tenant)) >= MAX_ANNOTATIONS_PER_TENANT) {
      throw new AppError('conflict', `A tenant may keep at most ${MAX_ANNOTATIONS_PER_TENANT.toLocaleString('en-US')} annotations: delete old ones first.`);
    }
    await s.annotations.create({
      id,
      tenant: user.tenant,
      author: user.email,
      datasource: body.datasource,
      startMs: Date.parse(body.start),
      endMs: body.end === undefined ? null : Date.parse(body.end),
      text: body.text,
      dimension: body.dimension ?? null,
      value: body.value ?? null,
    });
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'annotation_added', target: id, detail: { datasource: body.datasource, start: body.start } });
  });
  return note((await rt.store.annotations.get(user.tenant, id))!, true);
}

export async function deleteAnnotation(rt: Deps, user: User, id: string) {
  const row = isUuid(id) ? await rt.store.annotations.get(user.tenant, id) : null;
  if (!row) throw notFound();
  const role = await roleNow(rt.store, user);
  if (!role || (row.author !== user.email && role !== 'admin')) throw new AppError('forbidden', 'Only its author or an admin of this tenant may delete this annotation.');
  await rt.store.transaction(async (s) => {
    if (!(await s.annotations.remove(user.tenant, id))) throw notFound();
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'annotation_deleted', target: id, detail: { datasource: row.datasource, text: row.text.slice(0, 100) } });
  });
  return { deleted: true as const };
}
