import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './pages.module.css';

/** A full-page message (not found, and the like) with the way back. */
export function StatusPage({ code, title, children }: { code: string; title: string; children: ReactNode }) {
  return (
    <main className={styles.centered}>
      <div className={styles.statusBox}>
        <p className={styles.statusCode}>{code}</p>
        <h1 className={styles.pageTitle}>{title}</h1>
        <p className={styles.lede}>{children}</p>
        <Link href="/" className="btn btn-primary">
          Go to your dashboards
        </Link>
      </div>
    </main>
  );
}
