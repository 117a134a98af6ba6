import { describe, expect, it } from 'vitest';
import { userFromClaims } from './oidc-claims';

const NAMES = { tenant: 'tenant', role: 'role' };
const map = (claims: Record<string, unknown>, n = NAMES) => userFromClaims(claims, n);

describe('userFromClaims', () => {
  it('takes the tenant and role from the configured claims and the email as the user', () => {
    expect(map({ sub: 'u-1', email: 'Ann@Acme.test', email_verified: true, tenant: 'acme', role: 'editor' })).toEqual({
      ok: true,
      user: { email: 'ann@acme.test', tenant: 'acme', tenantName: 'acme', role: 'editor' },
      subject: 'u-1',
    });
  });

  it('reads namespaced claim names as configured, and names an unknown tenant by its id', () => {
    const n = { tenant: 'https://pulse.example/tenant', role: 'https://pulse.example/role' };
    const out = map({ sub: 'u-2', email: 'x@y.test', 'https://pulse.example/tenant': 'initech2', 'https://pulse.example/role': 'admin', tenant: 'acme' }, n);
    expect(out).toMatchObject({ ok: true, user: { tenant: 'initech2', tenantName: 'initech2', role: 'admin' } });
  });

  it('shows the subject when there is no email or the provider marks it unverified', () => {
    expect(map({ sub: 'u-3', tenant: 'acme', role: 'viewer' })).toMatchObject({ user: { email: 'u-3' } });
    expect(map({ sub: 'u-3', email: 'boss@acme.test', email_verified: false, tenant: 'acme', role: 'viewer' })).toMatchObject({ user: { email: 'u-3' } });
  });

  it('takes the highest Pulseboard role from a list and ignores other groups', () => {
    expect(map({ sub: 'u', tenant: 'acme', role: ['staff', 'viewer', 'admin', 'editor'] })).toMatchObject({ user: { role: 'admin' } });
    expect(map({ sub: 'u', tenant: 'acme', role: ['viewer'] })).toMatchObject({ user: { role: 'viewer' } });
  });

  it('refuses without a usable tenant claim', () => {
    for (const tenant of [undefined, '', 42, ['acme'], '../acme', 'acme corp', 'a'.repeat(65)]) {
      expect(map({ sub: 'u', tenant, role: 'viewer' }), String(tenant)).toEqual({ ok: false, problem: 'no_tenant' });
    }
  });

  it('refuses a missing role and a role that is not one of viewer, editor, admin', () => {
    expect(map({ sub: 'u', tenant: 'acme' })).toEqual({ ok: false, problem: 'no_role' });
    expect(map({ sub: 'u', tenant: 'acme', role: [] })).toEqual({ ok: false, problem: 'no_role' });
    for (const role of ['superuser', 'Admin', '', ['staff'], 7]) {
      expect(map({ sub: 'u', tenant: 'acme', role }), String(role)).toEqual({ ok: false, problem: 'unknown_role' });
    }
  });

  it('refuses claims without a subject', () => {
    expect(map({ email: 'a@acme.test', tenant: 'acme', role: 'viewer' })).toEqual({ ok: false, problem: 'unverified' });
  });
});
