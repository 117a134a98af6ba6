import 'server-only';
import { dashboardDocuments, listDatasources } from '@/lib/dashboards/registry';
import { datasourceCatalog } from '@/lib/dashboards/tenant-dashboard';
import type { Draft } from '@/lib/ui/builder';

/** What the builder offers: every declared datasource (each is scoped to the tenant by the server), with its measures and dimensions. */
export function builderCatalogs() {
  const documents = dashboardDocuments();
  return listDatasources().map((ds) => datasourceCatalog(ds, documents));
}

/** A stored or configured document as the builder edits it (without its id). */
export function asDraft(doc: unknown): Draft {
  const { id: _id, ...rest } = doc as Draft & { id?: string };
  return rest;
}
