/**
 * Who exists in the sample world and what their infrastructure looks like. Every value
 * is prefixed or chosen per tenant, so a value seen by the wrong tenant is an obvious leak.
 */
export type SampleTenant = {
  id: string;
  name: string;
  clusters: string[];
  /** (cluster index, broker, topic, client, messages per minute, bytes per message, fan-out) */
  streams: [number, string, string, string, number, number, number][];
  users: string[];
  countries: string[];
  /** Where the recent, not-benign login spike comes from. */
  attackCountry: string;
  sensors: [string, string, number][]; // sensor id, location, base °C
};

export const SAMPLE_TENANTS: SampleTenant[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    clusters: ['acme-prod-us', 'acme-prod-eu'],
    streams: [
      [0, 'acme-us-b1', 'acme.orders', 'acme-checkout', 1200, 900, 2],
      [0, 'acme-us-b1', 'acme.orders', 'acme-analytics', 1200, 900, 1],
      [0, 'acme-us-b2', 'acme.payments', 'acme-billing', 400, 1400, 2],
      [0, 'acme-us-b2', 'acme.payments', 'acme-fraud', 400, 1400, 1],
      [0, 'acme-us-b3', 'acme.clickstream', 'acme-analytics', 6000, 350, 1],
      [0, 'acme-us-b3', 'acme.inventory', 'acme-warehouse', 300, 2200, 3],
      [1, 'acme-eu-b1', 'acme.orders', 'acme-checkout', 700, 900, 2],
      [1, 'acme-eu-b1', 'acme.clickstream', 'acme-analytics', 3500, 350, 1],
      [1, 'acme-eu-b2', 'acme.payments', 'acme-billing', 250, 1400, 2],
      [1, 'acme-eu-b2', 'acme.inventory', 'acme-warehouse', 150, 2200, 3],
      [1, 'acme-eu-b3', 'acme.audit', 'acme-compliance', 90, 600, 1],
      [1, 'acme-eu-b3', 'acme.audit', 'acme-archiver', 90, 600, 1],
    ],
    users: ['ann@acme.test', 'bob@acme.test', 'carol@acme.test', 'dave@acme.test', 'erin@acme.test', 'frank@acme.test', 'grace@acme.test', 'heidi@acme.test', 'ivan@acme.test', 'judy@acme.test'],
    countries: ['US', 'US', 'US', 'DE', 'GB', 'CA'],
    attackCountry: 'SG',
    sensors: [
      ['acme-s01', 'HQ / Lobby', 21],
      ['acme-s02', 'HQ / Floor 2', 22],
      ['acme-s03', 'HQ / Floor 3', 22.5],
      ['acme-s04', 'HQ / Server room', 19],
      ['acme-s05', 'Warehouse / Dock', 14],
      ['acme-s06', 'Warehouse / Cold store', 4],
    ],
  },
  {
    id: 'globex',
    name: 'Globex',
    clusters: ['globex-main'],
    streams: [
      [0, 'globex-b1', 'globex.telemetry', 'globex-ingest', 9000, 240, 1],
      [0, 'globex-b1', 'globex.telemetry', 'globex-reporting', 9000, 240, 1],
      [0, 'globex-b2', 'globex.billing', 'globex-invoicer', 200, 1800, 2],
      [0, 'globex-b2', 'globex.events', 'globex-reporting', 1500, 500, 1],
      [0, 'globex-b3', 'globex.events', 'globex-search', 1500, 500, 1],
      [0, 'globex-b3', 'globex.signals', 'globex-ml', 800, 1200, 1],
    ],
    users: ['hank@globex.test', 'lisa@globex.test', 'marge@globex.test', 'nelson@globex.test', 'otto@globex.test', 'patty@globex.test', 'selma@globex.test'],
    countries: ['FR', 'FR', 'ES', 'IT', 'US'],
    attackCountry: 'NL',
    sensors: [
      ['globex-t1', 'Plant / Line A', 26],
      ['globex-t2', 'Plant / Line B', 27],
      ['globex-t3', 'Plant / Office', 21.5],
      ['globex-t4', 'Lab / Clean room', 20],
    ],
  },
  {
    id: 'initech',
    name: 'Initech',
    clusters: ['initech-k1'],
    streams: [
      [0, 'initech-k1-b1', 'initech.tps-reports', 'initech-printer', 60, 4000, 1],
      [0, 'initech-k1-b1', 'initech.tps-reports', 'initech-archive', 60, 4000, 1],
      [0, 'initech-k1-b2', 'initech.audit', 'initech-etl', 500, 700, 1],
      [0, 'initech-k1-b2', 'initech.payroll', 'initech-etl', 40, 3000, 2],
    ],
    users: ['peter@initech.test', 'michael@initech.test', 'samir@initech.test', 'milton@initech.test', 'bill@initech.test'],
    countries: ['US', 'US', 'MX', 'CA'],
    attackCountry: 'AU',
    sensors: [
      ['initech-r1', 'Office / Cubicles', 23],
      ['initech-r2', 'Office / Basement', 18],
      ['initech-r3', 'Office / Break room', 22],
    ],
  },
];

export const TENANT_IDS = SAMPLE_TENANTS.map((t) => t.id);
