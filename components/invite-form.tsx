'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import type { InvitationDetails } from '@/lib/contract/admin';
import { ApiError, apiFetch } from '@/lib/ui/api';
import { Field } from './field';
import { Logo } from './logo';
import styles from './pages.module.css';

const GONE = { title: 'This invitation cannot be used', message: 'It is unknown, used or expired. Ask an admin of your organisation for a new one.' };
const INCOMPLETE = { title: 'This link is incomplete', message: 'Open the whole invitation link you were sent, or ask your admin for a new one.' };

/** The token of the link's fragment (#…); the page never puts it anywhere else but request bodies. A mangled fragment: none. */
const tokenOfLink = () => {
  try {
    return decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return '';
  }
};
const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Shows what the invitation grants and accepts it: a new account chooses name and password and is signed in. */
export function InviteForm() {
  // Null while rendered on the server: the fragment is the browser's alone.
  const token = useSyncExternalStore(subscribe, tokenOfLink, () => null);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => apiFetch<InvitationDetails>('/api/invitations/lookup', { body: { token }, signal }),
    enabled: token !== null && token.length >= 16,
    retry: false,
    staleTime: Infinity,
  });
  // Kept apart from the lookup: once accepted, the spent token leaves the address bar.
  const [outcome, setOutcome] = useState<{ joined: InvitationDetails } | 'gone' | null>(null);

  let content: ReactNode;
  if (outcome !== null && outcome !== 'gone') {
    content = (
      <>
        <h1 className={styles.pageTitle}>You joined {outcome.joined.tenantName}</h1>
        <p className={styles.lede} role="status">
          Sign in with your existing account ({outcome.joined.email}), then choose {outcome.joined.tenantName} in your account menu.
        </p>
        <Link href="/login" className="btn btn-primary">Sign in</Link>
      </>
    );
  } else if (outcome === 'gone') content = <Unusable {...GONE} />;
  else if (token !== null && token.length < 16) content = <Unusable {...INCOMPLETE} />;
  else if (invitation.error instanceof ApiError && invitation.error.status === 404) content = <Unusable {...GONE} />;
  else if (invitation.isError) {
    content = (
      <>
        <h1 className={styles.pageTitle}>Your invitation</h1>
        <p className={styles.formError} role="alert">{invitation.error instanceof ApiError ? invitation.error.message : 'Could not reach Pulseboard. Check your connection.'}</p>
        <button type="button" className="btn btn-primary" onClick={() => invitation.refetch()}>Try again</button>
      </>
    );
  } else if (!invitation.data) {
    content = (
      <>
        <h1 className={styles.pageTitle}>Your invitation</h1>
        <p className={styles.lede} role="status">Checking your invitation…</p>
      </>
    );
  } else {
    const details = invitation.data;
    content = <Accept invitation={details} onJoined={() => setOutcome({ joined: details })} onGone={() => setOutcome('gone')} />;
  }

  return (
    <div className={styles.loginBox}>
      <Logo size={32} />
      {content}
    </div>
  );
}

function Unusable({ title, message }: { title: string; message: string }) {
  return (
    <>
      <h1 className={styles.pageTitle}>{title}</h1>
      <p className={styles.lede}>{message}</p>
      <Link href="/login" className="btn">Go to sign-in</Link>
    </>
  );
}

function Accept({ invitation, onJoined, onGone }: { invitation: InvitationDetails; onJoined: () => void; onGone: () => void }) {
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const isNew = !invitation.hasAccount;

  async function accept(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get('password') ?? '');
    if (isNew && password !== String(f.get('confirm') ?? '')) return setError({ message: 'The two passwords differ.', field: 'confirm' });
    setBusy(true);
    setError(null);
    try {
      const body = isNew ? { token: tokenOfLink(), name: String(f.get('name') ?? ''), password } : { token: tokenOfLink() };
      const r = await apiFetch<{ signedIn: boolean }>('/api/invitations/accept', { body });
      // The token is spent: drop it from the address bar and the history entry.
      window.history.replaceState(null, '', '/invite');
      if (!r.signedIn) return onJoined();
      // A full load: the dashboards list, signed in.
      window.location.assign('/');
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 404) return onGone();
      setError({ message: err instanceof ApiError ? err.message : 'Accepting failed. Please try again.', field: err instanceof ApiError ? err.path : undefined });
    }
  }

  const describedBy = (field: string) => (error?.field === field ? 'invite-error' : undefined);
  return (
    <>
      <h1 className={styles.pageTitle}>Join {invitation.tenantName}</h1>
      <p className={styles.lede}>
        You are invited as <strong>{invitation.role}</strong> ({invitation.email}). The invitation is valid until {new Date(invitation.expiresAt).toLocaleDateString()}.
      </p>
      {/* method="post": a submit before hydration must never put the password in the URL. */}
      <form method="post" onSubmit={accept} className={styles.loginForm} aria-label="Accept the invitation">
        {isNew ? (
          <>
            <Field label="Your name">{(id) => <input id={id} name="name" autoComplete="name" required maxLength={200} aria-describedby={describedBy('name')} />}</Field>
            <Field label="Choose a password">
              {(id) => <input id={id} name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={1024} aria-invalid={error?.field === 'password' || undefined} aria-describedby={describedBy('password') ?? 'password-rule'} />}
            </Field>
            <p id="password-rule" className={styles.muted}>At least 8 characters.</p>
            <Field label="Repeat the password">
              {(id) => <input id={id} name="confirm" type="password" autoComplete="new-password" required minLength={8} maxLength={1024} aria-invalid={error?.field === 'confirm' || undefined} aria-describedby={describedBy('confirm')} />}
            </Field>
          </>
        ) : (
          <p className={styles.lede}>You have a Pulseboard account already: accept, then sign in with it as usual.</p>
        )}
        {error && (
          <p id="invite-error" role="alert" className={styles.formError}>
            {error.message}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Joining…' : `Join ${invitation.tenantName}`}
        </button>
      </form>
    </>
  );
}
