import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { oidcProblemMessage, oidcProblemOf } from '@/lib/contract/oidc';
import { getRuntime } from '@/lib/runtime/runtime';
import { safeNext } from '@/lib/ui/navigation';
import { currentUser } from '../current-user';
import styles from '@/components/pages.module.css';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(typeof params.next === 'string' ? params.next : null);
  if (await currentUser()) redirect(next);
  const sso = (await getRuntime()).oidc?.name;
  // A failed single sign-on comes back with its reason's name; the words are ours.
  const problem = oidcProblemOf(typeof params.error === 'string' ? params.error : null);
  return (
    <main className={styles.centered}>
      <LoginForm next={next} sso={sso} ssoError={problem && oidcProblemMessage(problem, sso ?? 'single sign-on')} />
    </main>
  );
}
