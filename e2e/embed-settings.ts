/** The e2e embedding tenant's ports; e2e/embed.spec.ts sets its embedding up through the admin API, as a tenant admin would. */
const appPort = Number(process.env.E2E_PORT ?? 3210);

export const EMBED_E2E = {
  appPort,
  /** The vendor's page: another origin (port) on loopback. */
  hostPort: Number(process.env.E2E_EMBED_HOST_PORT ?? appPort + 10),
} as const;
