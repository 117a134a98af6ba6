import 'server-only';
import { randomBytes } from 'node:crypto';
import { SecretBoxError, fingerprint, type SecretBox } from '@/lib/auth/secret-box';
import type { User } from '@/lib/auth/users';
import type { EmbedSettingsResponse } from '@/lib/contract/admin';
import type { Store } from '@/lib/store/store';

/**
 * A tenant admin's embedding settings (/api/admin/embed): allowed origins, the vendor's JWKS URL,
 * and the HS256 secret, issued here and shown once (the database keeps it sealed; the admin sees
 * a fingerprint afterwards). Every change is audited and `forget` makes it visible on this
 * instance at once (others see it within the directory's TTL).
 */
export type EmbedAdminDeps = { store: Store; box: SecretBox; forget: (tenant: string) => void };

export async function embedSettingsOf({ store, box }: Omit<EmbedAdminDeps, 'forget'>, tenant: string): Promise<EmbedSettingsResponse> {
  const row = await store.tenants.embedSettings(tenant);
  const sealed = row?.secret ?? null;
  let secret: EmbedSettingsResponse['secret'] = null;
  if (sealed) {
    try {
      secret = { fingerprint: fingerprint(box.open(sealed, tenant)) };
    } catch (err) {
      if (!(err instanceof SecretBoxError)) throw err;
      secret = { fingerprint: null };
    }
  }
  const jwksUrl = row?.jwksUrl ?? null;
  return { allowedOrigins: row?.allowedOrigins ?? [], jwksUrl, secret, embeds: Boolean(secret?.fingerprint) || jwksUrl !== null };
}

export async function setEmbedSettings(deps: EmbedAdminDeps, admin: User, body: { allowedOrigins: string[]; jwksUrl: string | null }): Promise<EmbedSettingsResponse> {
  const allowedOrigins = [...new Set(body.allowedOrigins)];
  await deps.store.transaction(async (s) => {
    await s.tenants.setEmbedOrigins(admin.tenant, { jwksUrl: body.jwksUrl, allowedOrigins });
    await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'embed_settings_changed', detail: { allowedOrigins, jwksUrl: body.jwksUrl } });
  });
  deps.forget(admin.tenant);
  return embedSettingsOf(deps, admin.tenant);
}

/** A new HS256 secret, returned here only; tokens signed with the previous one stop verifying. */
export async function issueEmbedSecret(deps: EmbedAdminDeps, admin: User): Promise<{ secret: string; fingerprint: string }> {
  const secret = randomBytes(32).toString('base64url');
  const print = fingerprint(secret);
  await deps.store.transaction(async (s) => {
    await s.tenants.setEmbedSecret(admin.tenant, deps.box.seal(secret, admin.tenant));
    await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'embed_secret_rotated', detail: { fingerprint: print } });
  });
  deps.forget(admin.tenant);
  return { secret, fingerprint: print };
}

/** Removes the HS256 secret (a tenant that signs with its JWKS only); false when there was none. */
export async function removeEmbedSecret(deps: EmbedAdminDeps, admin: User): Promise<{ removed: boolean }> {
  const had = Boolean((await deps.store.tenants.embedSettings(admin.tenant))?.secret);
  if (had) {
    await deps.store.transaction(async (s) => {
      await s.tenants.setEmbedSecret(admin.tenant, null);
      await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'embed_secret_removed' });
    });
    deps.forget(admin.tenant);
  }
  return { removed: had };
}
