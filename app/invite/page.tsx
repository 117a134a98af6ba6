import { InviteForm } from '@/components/invite-form';
import styles from '@/components/pages.module.css';

/**
 * The page an invitation link opens: /invite#<token>. The token stays in the fragment, which the
 * browser sends to no server (no access log, proxy or Referer keeps it); the page reads it and
 * sends it in request bodies only. The page itself is the same for everyone and holds no data.
 */
export const metadata = { title: 'Accept invitation', referrer: 'no-referrer', robots: { index: false } };

export default function InvitePage() {
  return (
    <main className={styles.centered}>
      <InviteForm />
    </main>
  );
}
