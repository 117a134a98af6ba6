import { describe, expect, it } from 'vitest';
import { demoUsersEnabled } from '@/lib/auth/users';
import { isDemoMode, loadConfig } from './config';

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
