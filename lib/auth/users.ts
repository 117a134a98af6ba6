import 'server-only';
import type { Role } from '@/lib/contract/schemas';
import { verifyPassword } from './password';

export type User = { email: string; tenant: string; tenantName: string; role: Role };

/** What password sign-in needs to know of an account: the app-state database answers it (lib/store). */
export type Login = { user: User; passwordHash: string | null };

/** The tenant directory as auth sees it: the account of an email, or null. */
export interface UserDirectory {
  findLogin(email: string): Promise<Login | null>;
}

/**
 * Demo accounts (password "demo", seeded into the database): on in demo mode (the embedded engine
 * without Kafka) unless PULSE_DEMO_USERS=off, off with real data unless PULSE_DEMO_USERS=on.
 */
export function demoUsersEnabled(setting: 'on' | 'off' | undefined, demoMode: boolean): boolean {
  return setting === undefined ? demoMode : setting === 'on';
}

/** A hash (of a random string nobody knows) to compare against when the account has none, so timing does not reveal which emails exist. */
const DUMMY_HASH = 'scrypt$16384$8$1$p87ScXrq8Qo5iDHmhnYh8w$H6BoUWcapWRXAE2indhfNovehAwcyTOVhzH3X9pfieM';

/** The user with this email and password, or null; a password is hashed either way. */
export async function authenticate(directory: UserDirectory, email: string, password: string): Promise<User | null> {
  const login = await directory.findLogin(email.trim().toLowerCase());
  const ok = await verifyPassword(password, login?.passwordHash ?? DUMMY_HASH);
  return login?.passwordHash && ok ? login.user : null;
}
