import 'server-only';
import type { Role } from '@/lib/contract/schemas';
import { verifyPassword } from './password';
import { SAMPLE_TENANTS } from './tenants';

export type User = { email: string; tenant: string; tenantName: string; role: Role };

/**
 * Demo accounts (password "demo"): on in demo mode (the embedded engine without Kafka) unless
 * PULSE_DEMO_USERS=off, off with real data unless PULSE_DEMO_USERS=on. Hashes only, never the password.
 */
const DEMO_USERS: { email: string; tenant: string; role: Role; passwordHash: string }[] = [
  { email: 'demo@acme.test', tenant: 'acme', role: 'admin', passwordHash: 'scrypt$16384$8$1$ayQ3c1pxkImUwiRIL-r28A$xcXtdU9z3E-3oU6UUQS0sYhfRL4TLOfliDKRJlpjL_k' },
  { email: 'ops@acme.test', tenant: 'acme', role: 'viewer', passwordHash: 'scrypt$16384$8$1$6AogrpGmUjKDAAdR3Px3CQ$CyxyotcDUJaXdEaqg-xhTSdOl41alFGMQzW_EXJZbsw' },
  { email: 'demo@globex.test', tenant: 'globex', role: 'admin', passwordHash: 'scrypt$16384$8$1$qLGuKeWaaWrT3F3EpIRnpw$cyZlDA770AaG5f_NZ3aenHGRpyn4-sV3-agOrl_TEIM' },
  { email: 'demo@initech.test', tenant: 'initech', role: 'admin', passwordHash: 'scrypt$16384$8$1$Cd3-Q-XgNCDeGamKm4h6VQ$w_X25Bn-H7cEVmzeE3YejZm06GNps4SJcualdAzqm3c' },
];

/** A hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
const DUMMY_HASH = DEMO_USERS[0]!.passwordHash;

/** The display name of a tenant: the sample world's name, else its id (until the tenant directory holds names). */
export function tenantName(tenant: string): string {
  return SAMPLE_TENANTS.find((t) => t.id === tenant)?.name ?? tenant;
}

export function demoUsersEnabled(setting: 'on' | 'off' | undefined, demoMode: boolean): boolean {
  return setting === undefined ? demoMode : setting === 'on';
}

/** The user with this email and password, or null; the password is hashed either way. */
export async function authenticate(email: string, password: string, opts: { demoUsers: boolean }): Promise<User | null> {
  const record = opts.demoUsers ? DEMO_USERS.find((u) => u.email === email.trim().toLowerCase()) : undefined;
  const ok = await verifyPassword(password, record?.passwordHash ?? DUMMY_HASH);
  if (!record || !ok) return null;
  return { email: record.email, tenant: record.tenant, tenantName: tenantName(record.tenant), role: record.role };
}
