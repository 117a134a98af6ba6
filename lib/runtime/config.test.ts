import { describe, expect, it } from 'vitest';
import { demoUsersEnabled } from '@/lib/auth/users';
import { oidcSettings } from './auth';
import { isDemoMode, loadConfig, sealingSecrets } from './config';

const SECRET = 's'.repeat(32);

describe('start-up settings for sessions', () => {
  it('refuses to start with Kafka or Druid and no PULSE_SECRET, naming the setting', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: 'localhost:9092' })).toThrow(/Invalid configuration:\n {2}PULSE_SECRET: required outside demo mode/);
    expect(() => loadConfig({ PULSE_ENGINE: 'druid' })).toThrow(/PULSE_SECRET: required outside demo mode/);
    expect(loadConfig({ PULSE_ENGINE: 'druid', PULSE_SECRET: SECRET }).PULSE_SECRET).toBe(SECRET);
  });

  it('starts in demo mode without a secret, but never with a short one', () => {
    expect(loadConfig({}).PULSE_SECRET).toBeUndefined();
    expect(() => loadConfig({ PULSE_SECRET: 'short' })).toThrow(/PULSE_SECRET: must be at least 32 bytes long \(it has 5\)/);
    expect(() => loadConfig({ PULSE_SECRET: SECRET, PULSE_SECRET_PREVIOUS: 'old' })).toThrow(/PULSE_SECRET_PREVIOUS: must be at least 32 bytes/);
  });

  it('refuses a trusted proxy list that does not parse', () => {
    expect(() => loadConfig({ PULSE_TRUSTED_PROXIES: '10.0.0.0/8, lb.internal' })).toThrow(/PULSE_TRUSTED_PROXIES: "lb.internal" is not an IP address or CIDR range/);
    expect(loadConfig({ PULSE_TRUSTED_PROXIES: '10.0.0.0/8' }).PULSE_TRUSTED_PROXIES).toBe('10.0.0.0/8');
  });

  it('has demo accounts in demo mode only, unless PULSE_DEMO_USERS says otherwise', () => {
    const demo = (env: Partial<NodeJS.ProcessEnv>) => {
      const config = loadConfig({ PULSE_SECRET: SECRET, ...env });
      return demoUsersEnabled(config.PULSE_DEMO_USERS, isDemoMode(config));
    };
    expect(demo({})).toBe(true);
    expect(demo({ PULSE_DEMO_USERS: 'off' })).toBe(false);
    expect(demo({ KAFKA_BROKERS: 'localhost:9092' })).toBe(false);
    expect(demo({ PULSE_ENGINE: 'druid' })).toBe(false);
    expect(demo({ PULSE_ENGINE: 'druid', PULSE_DEMO_USERS: 'on' })).toBe(true);
    expect(() => demo({ PULSE_DEMO_USERS: 'yes' })).toThrow(/PULSE_DEMO_USERS/);
  });
});

describe('start-up settings for the sample data', () => {
  it('takes a fixed sample anchor (epoch seconds) only with live appends off', () => {
    expect(loadConfig({}).PULSE_SAMPLE_ANCHOR).toBeUndefined();
    expect(loadConfig({ PULSE_SAMPLE_ANCHOR: '2026-11-25T12:00:00Z', PULSE_LIVE: 'off' }).PULSE_SAMPLE_ANCHOR).toBe(Date.parse('2026-11-25T12:00:00Z') / 1000);
    expect(() => loadConfig({ PULSE_SAMPLE_ANCHOR: '2026-11-25T12:00:00Z' })).toThrow(/PULSE_SAMPLE_ANCHOR: needs PULSE_LIVE=off/);
    expect(() => loadConfig({ PULSE_SAMPLE_ANCHOR: 'yesterday', PULSE_LIVE: 'off' })).toThrow(/PULSE_SAMPLE_ANCHOR/);
  });
});

describe('the key tenant secrets are sealed with', () => {
  it('comes from PULSE_SECRET (and the previous one during a rotation), a public demo key in demo mode only', () => {
    const previous = 'p'.repeat(32);
    expect(sealingSecrets({ PULSE_SECRET: SECRET, PULSE_SECRET_PREVIOUS: previous, PULSE_ENGINE: 'druid' })).toEqual([SECRET, previous]);
    expect(sealingSecrets({})).toHaveLength(1);
    expect(sealingSecrets({})[0]).not.toBe(SECRET);
    expect(() => sealingSecrets({ PULSE_ENGINE: 'druid' })).toThrow(/PULSE_SECRET is required outside demo mode/);
    expect(() => sealingSecrets({ KAFKA_BROKERS: 'localhost:9092' })).toThrow(/PULSE_SECRET is required/);
  });
});

describe('start-up settings for OpenID Connect sign-in', () => {
  const OIDC = { PULSE_OIDC_ISSUER: 'https://id.example.com', PULSE_OIDC_CLIENT_ID: 'pulseboard', PULSE_OIDC_CLIENT_SECRET: 'secret' };

  it('is off without settings and on with the issuer, client id and secret, the redirect URI under the public URL', () => {
    expect(oidcSettings(loadConfig({}))).toBeUndefined();
    const settings = oidcSettings(loadConfig({ ...OIDC, PULSE_PUBLIC_URL: 'https://pulse.example.com/' }));
    expect(settings).toMatchObject({
      issuer: new URL('https://id.example.com'),
      redirectUri: 'https://pulse.example.com/api/auth/oidc/callback',
      scope: 'openid email profile',
      name: 'SSO',
      claims: { tenant: 'tenant', role: 'role' },
    });
    const named = oidcSettings(loadConfig({ ...OIDC, PULSE_OIDC_NAME: 'Okta', PULSE_OIDC_TENANT_CLAIM: 'org', PULSE_OIDC_ROLE_CLAIM: 'groups' }));
    expect(named).toMatchObject({ name: 'Okta', claims: { tenant: 'org', role: 'groups' } });
  });

  it('refuses half a setup, naming what is missing and what was set', () => {
    expect(() => loadConfig({ PULSE_OIDC_ISSUER: OIDC.PULSE_OIDC_ISSUER })).toThrow(
      /PULSE_OIDC_CLIENT_ID: required for OpenID Connect sign-in \(PULSE_OIDC_ISSUER is set; set PULSE_OIDC_ISSUER, PULSE_OIDC_CLIENT_ID, PULSE_OIDC_CLIENT_SECRET together, or none of the PULSE_OIDC_ settings\)\n {2}PULSE_OIDC_CLIENT_SECRET: required/,
    );
    expect(() => loadConfig({ PULSE_OIDC_ROLE_CLAIM: 'groups' })).toThrow(/PULSE_OIDC_ISSUER: required for OpenID Connect sign-in \(PULSE_OIDC_ROLE_CLAIM is set;/);
  });

  it('wants an https issuer, plain http only on loopback', () => {
    expect(() => loadConfig({ ...OIDC, PULSE_OIDC_ISSUER: 'http://id.example.com' })).toThrow(/PULSE_OIDC_ISSUER: must be an https URL/);
    expect(oidcSettings(loadConfig({ ...OIDC, PULSE_OIDC_ISSUER: 'http://127.0.0.1:4320' }))?.issuer.href).toBe('http://127.0.0.1:4320/');
    expect(() => loadConfig({ ...OIDC, PULSE_OIDC_SCOPES: 'openid "email"' })).toThrow(/PULSE_OIDC_SCOPES: space-separated scope tokens/);
  });
});
