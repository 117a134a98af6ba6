/**
 * The layers of DESIGN.md as data: eslint.config.mjs turns them into the import-boundary rule,
 * lint/layers.test.mjs checks that the rule bites and that no two folders can import each other.
 */

/** Each lib/ folder imports only from folders of a lower rank (and from itself). */
export const RANKS = {
  view: 1, // ground: view state, time, URL codec
  errors: 1, // ground: error codes, AppError
  sql: 1, // ground: CompiledQuery, parameters, identifier quoting, result cells
  metrics: 1, // ground: the Prometheus registry
  dashboards: 2, // config
  contract: 2, // the API's request and response schemas, shared with the UI
  query: 3, // pure planning and compiling
  engines: 4,
  cache: 4,
  auth: 4,
  outbound: 4,
  store: 4,
  render: 4, // PDF and PNG of the app's pages in a server-side Chromium; XLSX files
  service: 5, // answering a view
  alerts: 5,
  ingest: 5,
  reports: 5, // scheduled reports: rendered views sent by e-mail or webhook
  api: 6,
  runtime: 7, // the composition root
};

/** Same-rank imports, allowed one way only ([from, to]); they must not form a cycle. */
export const SAME_RANK = [
  ['alerts', 'service'], // recent alerts run through the answering service
  ['alerts', 'ingest'], // the notifier reads the alert events' schema
  ['reports', 'alerts'], // a report to the webhook is signed as alerts are, with the tenant's webhook secret
  ['contract', 'dashboards'], // the API's documents describe dashboards and their measures
];

/** lib/ui is client code: pure transforms of answers for components/, never server parts. */
export const CLIENT = ['view', 'errors', 'sql', 'dashboards', 'contract', 'query'];

/** What code in lib/<folder> may import from lib/, besides its own folder. */
export function libImports(folder) {
  if (folder === 'ui') return CLIENT;
  const rank = RANKS[folder];
  if (rank === undefined) throw new Error(`lib/${folder} has no rank in lint/layers.mjs`);
  const lower = Object.keys(RANKS).filter((f) => RANKS[f] < rank);
  return [...lower, ...SAME_RANK.filter(([from]) => from === folder).map(([, to]) => to)];
}
