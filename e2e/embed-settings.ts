/** The e2e embedding tenant: playwright.config.ts starts the app with it, e2e/embed.spec.ts signs with it. */
const appPort = Number(process.env.E2E_PORT ?? 3210);

export const EMBED_E2E = {
  appPort,
  /** The vendor's page: another origin (port) on loopback. */
  hostPort: Number(process.env.E2E_EMBED_HOST_PORT ?? appPort + 10),
  secret: 'e2e-embedding-secret-of-acme-not-for-production'.padEnd(48, '!'),
} as const;

export const EMBED_E2E_TENANTS = JSON.stringify({ acme: { hsSecrets: [EMBED_E2E.secret], allowedOrigins: [`http://127.0.0.1:${EMBED_E2E.hostPort}`] } });
