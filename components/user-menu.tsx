'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/lib/ui/api';
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
          {open && <ThemeToggle />}
          <button type="button" className="btn" onClick={signOut} disabled={busy}>
            {busy ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      )}
    </Popover>
  );
}
