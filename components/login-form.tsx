'use client';

import { useRef, useState, type FormEvent } from 'react';
import styles from './pages.module.css';
import { ApiError, apiFetch } from '@/lib/ui/api';
import { Field } from './field';
import { Logo } from './logo';

/** The demo accounts of the embedded engine (password "demo"); ops@ shares acme with demo@. */
const DEMO_ACCOUNTS = [
  { email: 'demo@acme.test', org: 'Acme Corp' },
  { email: 'ops@acme.test', org: 'Acme Corp' },
  { email: 'demo@globex.test', org: 'Globex' },
  { email: 'demo@initech.test', org: 'Initech' },
];

/**
 * The inputs are uncontrolled: what someone types before the page has hydrated stays in the
 * fields (controlled inputs would be reset to their empty state), and is read on submit.
 */
export function LoginForm({ next, sso, ssoError }: { next: string; sso?: string; ssoError?: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fields = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/session', { body: { email: String(fields.get('email')), password: String(fields.get('password')) } });
      // A full load, so no cached answer of a previous user survives into this session.
      window.location.assign(next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Signing in failed. Please try again.');
      setBusy(false);
    }
  }

  return (
    <div className={styles.loginBox}>
      <Logo size={32} />
      <h1 className={styles.pageTitle}>Sign in to Pulseboard</h1>
      <p className={styles.lede}>Real-time analytics for your streaming platform.</p>
      {ssoError && (
        <p id="sso-error" role="alert" className={`${styles.formError} ${styles.ssoError}`}>
          {ssoError}
        </p>
      )}
      {sso && (
        <>
          {/* A plain link: it works before hydration and with the keyboard, and the server answers with the provider's page. */}
          <a className={`btn ${styles.sso}`} href={`/api/auth/oidc/start${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>
            Sign in with {sso}
          </a>
          <p className={styles.ssoDivider}>or with your email and password</p>
        </>
      )}
      {/* method="post": a submit before hydration must never put the password in the URL. */}
      <form ref={form} method="post" onSubmit={signIn} className={styles.loginForm}>
        <Field label="Email">
          {(id) => (
            <input id={id} type="email" name="email" autoComplete="username" required />
          )}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          )}
        </Field>
        {error && (
          <p id="login-error" role="alert" className={styles.formError}>
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <section aria-labelledby="demo-accounts" className={styles.demo}>
        <h2 id="demo-accounts" className={styles.demoTitle}>
          Demo accounts <span className={styles.muted}>(password “demo”)</span>
        </h2>
        <ul className={styles.demoList}>
          {DEMO_ACCOUNTS.map((a) => (
            <li key={a.email}>
              <button
                type="button"
                className={styles.demoAccount}
                onClick={() => {
                  const { email, password } = form.current!.elements as unknown as Record<'email' | 'password', HTMLInputElement>;
                  email.value = a.email;
                  password.value = 'demo';
                }}
              >
                <span>{a.email}</span>
                <span className={styles.muted}>{a.org}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
