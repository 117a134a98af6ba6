import 'server-only';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { fingerprint, secretBox } from '@/lib/auth/secret-box';
import { ROLES } from '@/lib/contract/admin';
import { openStore, type Store } from '@/lib/store/store';
import { TENANT_ID } from '@/lib/store/tenants';
import { appStateLocation, sealingSecrets, StoreEnvSchema } from './config';

export const USAGE = `Usage (npm run admin -- …):
  tenant create <id> --name <name>
  user create --tenant <id> --email <email> --password <password> --role viewer|editor|admin
  embed-secret <tenant>            prints a new embedding secret for the tenant (shown once)
The database is PULSE_DATABASE_URL, or the embedded one under PULSE_DATA_DIR (stop the app first).
Secrets are stored encrypted with a key derived from PULSE_SECRET: run with the app's PULSE_SECRET.`;

/** Bad input: exit 2 with the message and the usage. A refused change (unknown tenant, taken id): exit 1. */
class UsageError extends Error {}
class Refused extends Error {}

const TenantId = z.string().regex(TENANT_ID, 'a tenant id is 1–63 lowercase letters, digits, - or _, starting with a letter or digit');
const Email = z.email('not an email address').max(254);
const Password = z.string().min(8, 'a password has at least 8 characters').max(1024);
const Role = z.enum(ROLES, `a role is one of ${ROLES.join(', ')}`);
const Name = z.string().trim().min(1, 'a name is required').max(200);

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  if (value === undefined) throw new UsageError(`missing ${what}`);
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${what}: ${r.error.issues[0]!.message}`);
  return r.data;
}

function parse(args: string[], options: Record<string, { type: 'string' }>, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.positionals.length !== positionals) throw new UsageError(`expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`);
  return parsed;
}

type Out = { out: (line: string) => void; err: (line: string) => void };

/** A command: its arguments checked before the database is opened, then the change. */
type Command<T> = { parse: (args: string[]) => T; run: (store: Store, input: T, io: Out, env: Partial<NodeJS.ProcessEnv>) => Promise<void> };
const command = <T>(c: Command<T>) => c as Command<unknown>;

const COMMANDS: Record<string, Command<unknown>> = {
  'tenant create': command({
    parse(args) {
      const { positionals, values } = parse(args, { name: { type: 'string' } }, 1);
      return { id: check(TenantId, positionals[0], 'tenant id'), name: check(Name, values.name, '--name') };
    },
    async run(store, { id, name }, io) {
      if (!(await store.tenants.create({ id, name }))) throw new Refused(`tenant ${id} exists already`);
      await store.audit.record({ tenant: id, actor: 'cli', action: 'tenant_created', target: id, detail: { name } });
      io.out(`created tenant ${id} (${name})`);
    },
  }),
  'user create': command({
    parse(args) {
      const { values } = parse(args, { tenant: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' } }, 0);
      return {
        tenant: check(TenantId, values.tenant, '--tenant'),
        email: check(Email, values.email?.trim().toLowerCase(), '--email'),
        password: check(Password, values.password, '--password'),
        role: check(Role, values.role, '--role'),
      };
    },
    async run(store, { tenant, email, password, role }, io) {
      if (!(await store.tenants.get(tenant))) throw new Refused(`there is no tenant ${tenant} (create it with: tenant create ${tenant} --name …)`);
      if (await store.users.findByEmail(email)) throw new Refused(`a user with the email ${email} exists already`);
      const passwordHash = await hashPassword(password);
      await store.transaction(async (s) => {
        const user = await s.users.ensure({ email, passwordHash });
        await s.memberships.put(tenant, user.id, role);
        await s.audit.record({ tenant, actor: 'cli', action: 'user_created', target: email, detail: { role } });
      });
      io.out(`created ${role} ${email} in tenant ${tenant}`);
    },
  }),
  'embed-secret': command({
    parse(args) {
      return { tenant: check(TenantId, parse(args, {}, 1).positionals[0], 'tenant id') };
    },
    async run(store, { tenant }, io, env) {
      // Sealed with the key the app derives from the same PULSE_SECRET (lib/auth/secret-box.ts).
      const box = secretBox(sealingSecrets(env as Parameters<typeof sealingSecrets>[0]));
      if (!(await store.tenants.get(tenant))) throw new Refused(`there is no tenant ${tenant}`);
      const secret = randomBytes(32).toString('base64url');
      await store.tenants.setEmbedSecret(tenant, box.seal(secret, tenant));
      await store.audit.record({ tenant, actor: 'cli', action: 'embed_secret_rotated', target: tenant, detail: { fingerprint: fingerprint(secret) } });
      io.err(`new embedding secret for ${tenant}, fingerprint ${fingerprint(secret)} (shown once; tokens signed with the previous one stop verifying within a minute):`);
      io.out(secret);
    },
  }),
};

/** The admin CLI: returns the exit code (0 done, 1 refused or failed, 2 bad input). */
export async function runAdmin(argv: string[], env: Partial<NodeJS.ProcessEnv>, io: Out): Promise<number> {
  const name = Object.keys(COMMANDS).find((c) => c.split(' ').every((w, i) => argv[i] === w));
  if (!name) {
    io.err(argv.length ? `unknown command: ${argv.slice(0, 2).join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const location = StoreEnvSchema.safeParse(env);
  if (!location.success) {
    io.err(`Invalid configuration: ${location.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const cmd = COMMANDS[name]!;
  let input: unknown;
  try {
    input = cmd.parse(argv.slice(name.split(' ').length));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`${name}: ${err.message}\n${USAGE}`);
    return 2;
  }
  let store: Store | undefined;
  try {
    store = await openStore(appStateLocation(location.data));
    await cmd.run(store, input, io, env);
    return 0;
  } catch (err) {
    io.err(`${name}: ${(err as Error).message}`);
    return 1;
  } finally {
    await store?.close();
  }
}
