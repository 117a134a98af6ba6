'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { MyTenants } from '@/lib/contract/admin';
import { ApiError, apiFetch } from '@/lib/ui/api';
import { Popover } from './popover';
import { ThemeToggle } from './theme-toggle';
import styles from './app-header.module.css';

export function UserMenu({ email, tenantName }: { email: string; tenantName: string }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    await apiFetch('/api/session', { method: 'DELETE' }).catch(() => undefined);
    // Nothing of this tenant's data may outlive the session in memory.
    queryClient.clear();
    window.location.assign('/login');
  }

  return (
    <Popover
      label={<span className={styles.avatar} aria-hidden="true">{email.slice(0, 1).toUpperCase()}</span>}
      buttonLabel={`Account: ${email}`}
      buttonClassName={`btn btn-ghost ${styles.userButton}`}
      panelClassName={styles.menu}
      align="end"
    >
      {({ open }) => (
        <div className={styles.account}>
          <p className={styles.accountEmail}>{email}</p>
          <p className={styles.accountTenant}>{tenantName}</p>
          {open && <TenantSwitcher />}
          {open && <ThemeToggle />}
          <Link href="/reports" className="btn">Scheduled reports</Link>
          <button type="button" className="btn" onClick={signOut} disabled={busy}>
            {busy ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      )}
    </Popover>
  );
}

/** The other tenants the user belongs to (listed when the menu opens); choosing one moves the session there. */
function TenantSwitcher() {
  const queryClient = useQueryClient();
  const tenants = useQuery({ queryKey: ['session', 'tenants'], queryFn: ({ signal }) => apiFetch<MyTenants>('/api/session/tenants', { signal }), staleTime: 30_000 });
  const [switching, setSwitching] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function switchTo(tenant: string) {
    setSwitching(tenant);
    setError(null);
    try {
      await apiFetch('/api/session/tenants', { body: { tenant } });
      // Nothing of the previous tenant's data may outlive the switch in memory: a full load.
      queryClient.clear();
      window.location.assign('/');
    } catch (err) {
      setSwitching(null);
      setError(err instanceof ApiError ? err.message : 'Switching failed. Please try again.');
    }
  }

  if (tenants.isError) return <p className={styles.accountTenant} role="alert">Your organisations could not be loaded.</p>;
  const others = tenants.data?.tenants.filter((t) => !t.current) ?? [];
  if (others.length === 0) return null;
  return (
    <nav aria-label="Switch organisation" className={styles.account}>
      <p className={styles.accountTenant}>Switch organisation</p>
      {others.map((t) => (
        <button key={t.tenant} type="button" className="btn" disabled={switching !== null} onClick={() => switchTo(t.tenant)}>
          {switching === t.tenant ? `Switching to ${t.tenantName}…` : `${t.tenantName} (${t.role})`}
        </button>
      ))}
      {error && <p role="alert" className={styles.accountTenant}>{error}</p>}
    </nav>
  );
}
