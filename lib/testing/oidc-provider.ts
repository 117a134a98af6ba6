import type { Server } from 'node:http';
import Provider from 'oidc-provider';

/** The test client Pulseboard signs in as (PULSE_OIDC_CLIENT_ID / PULSE_OIDC_CLIENT_SECRET). */
export const TEST_CLIENT = { id: 'pulseboard-test', secret: 'pulseboard-test-secret-'.padEnd(48, 'x') };

/**
 * The provider's accounts by login name (its sign-in page takes any password). Their claims are
 * what a vendor's identity provider would send: a tenant and a role, or, for the negative cases,
 * no tenant or a role Pulseboard does not know.
 */
export const TEST_ACCOUNTS: Record<string, Record<string, unknown>> = {
  'ann@acme.test': { email: 'ann@acme.test', email_verified: true, tenant: 'acme', role: 'editor' },
  'hank@globex.test': { email: 'hank@globex.test', email_verified: true, tenant: 'globex', role: ['viewer', 'admin'] },
  'lost@nowhere.test': { email: 'lost@nowhere.test', email_verified: true, role: 'viewer' },
  'root@acme.test': { email: 'root@acme.test', email_verified: true, tenant: 'acme', role: 'superuser' },
};

export type TestProvider = { issuer: string; close: () => Promise<void> };

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, with one
 * confidential client that must use PKCE and the accounts above. Its development sign-in and
 * consent pages are the ones a user clicks through in the e2e test.
 */
export async function startTestProvider(opts: { port: number; redirectUris: string[] }): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    // The tenant and role come with the openid scope, in the ID token itself (as Pulseboard reads them).
    claims: { openid: ['sub', 'tenant', 'role'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['test-provider-cookie-key'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...TEST_ACCOUNTS[id] }) }),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(opts.port, '127.0.0.1', () => resolve(s)).on('error', reject);
  });
  return {
    issuer,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
