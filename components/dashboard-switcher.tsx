'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Popover } from './popover';
import styles from './app-header.module.css';

export type DashboardLink = { id: string; title: string };

/** Keys that mean the same on every dashboard; filters do not, since dimensions differ. */
const CARRIED = ['r', 'from', 'to', 'tz'];

export function DashboardSwitcher({ dashboards, current }: { dashboards: DashboardLink[]; current: string }) {
  const params = useSearchParams();
  const carried = new URLSearchParams([...params].filter(([k]) => CARRIED.includes(k))).toString();
  const title = dashboards.find((d) => d.id === current)?.title ?? current;
  return (
    <Popover
      label={
        <>
          <span className={styles.switcherTitle}>{title}</span>
          <span aria-hidden="true">▾</span>
        </>
      }
      buttonLabel={`Dashboard: ${title}. Switch dashboard`}
      buttonClassName={`btn btn-ghost ${styles.switcher}`}
      panelClassName={styles.menu}
    >
      {({ close }) => (
        <nav aria-label="Dashboards">
          <ul className={styles.menuList}>
            {dashboards.map((d) => (
              <li key={d.id}>
                <Link
                  href={`/d/${d.id}${carried ? `?${carried}` : ''}`}
                  className={styles.menuItem}
                  aria-current={d.id === current ? 'page' : undefined}
                  onClick={close}
                >
                  {d.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Popover>
  );
}
