import 'server-only';
import { verifyPassword } from './password';
import { SAMPLE_TENANTS } from './tenants';

export type User = { email: string; tenant: string; tenantName: string };

/**
 * Demo accounts (password "demo"): on in demo mode (the embedded engine without Kafka) unless
 * PULSE_DEMO_USERS=off, off with real data unless PULSE_DEMO_USERS=on. Hashes only, never the password.
 */
const DEMO_USERS: { email: string; tenant: string; passwordHash: string }[] = [
  { email: 'demo@acme.test', tenant: 'acme', passwordHash: 'scrypt$16384$8$1$ayQ3c1pxkImUwiRIL-r28A$xcXtdU9z3E-3oU6UUQS0sYhfRL4TLOfliDKRJlpjL_k' },
  { email: 'ops@acme.test', tenant: 'acme', passwordHash: 'scrypt$16384$8$1$6AogrpGmUjKDAAdR3Px3CQ$CyxyotcDUJaXdEaqg-xhTSdOl41alFGMQzW_EXJZbsw' },
  { email: 'demo@globex.test', tenant: 'globex', passwordHash: 'scrypt$16384$8$1$qLGuKeWaaWrT3F3EpIRnpw$cyZlDA770AaG5f_NZ3aenHGRpyn4-sV3-agOrl_TEIM' },
  { email: 'demo@initech.test', tenant: 'initech', passwordHash: 'scrypt$16384$8$1$Cd3-Q-XgNCDeGamKm4h6VQ$w_X25Bn-H7cEVmzeE3YejZm06GNps4SJcualdAzqm3c' },
];

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
const DUMMY_HASH = DEMO_USERS[0]!.passwordHash;

export function demoUsersEnabled(setting: 'on' | 'off' | undefined, demoMode: boolean): boolean {
  return setting === undefined ? demoMode : setting === 'on';
}

/** The user with this email and password, or null; the password is hashed either way. */
export async function authenticate(email: string, password: string, opts: { demoUsers: boolean }): Promise<User | null> {
  const record = opts.demoUsers ? DEMO_USERS.find((u) => u.email === email.trim().toLowerCase()) : undefined;
  const ok = await verifyPassword(password, record?.passwordHash ?? DUMMY_HASH);
  if (!record || !ok) return null;
  const tenantName = SAMPLE_TENANTS.find((t) => t.id === record.tenant)?.name ?? record.tenant;
  return { email: record.email, tenant: record.tenant, tenantName };
}
