import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { safeNext } from '@/lib/ui/navigation';
import { currentUser } from '../current-user';
import styles from '@/components/pages.module.css';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeNext(typeof raw === 'string' ? raw : null);
  if (await currentUser()) redirect(next);
  return (
    <main className={styles.centered}>
      <LoginForm next={next} />
    </main>
  );
}
