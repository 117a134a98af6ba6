import type { ReactNode } from 'react';
import type { Panel } from '@/lib/dashboards/schema';
import styles from './panel.module.css';

export type PanelState = 'loading' | 'ready' | 'empty' | 'error';

/**
 * The card every panel sits in. Its body has a fixed height per panel type, so skeleton,
 * chart, empty and error states all take the same space and nothing jumps.
 */
export function PanelFrame({
  panel,
  state,
  rows,
  actions,
  footer,
  children,
}: {
  panel: Panel;
  state: PanelState;
  rows?: number;
  actions?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const titleId = `panel-${panel.id}-title`;
  return (
    <section
      className={`${styles.panel} ${styles[`span${panel.span}`]}`}
      aria-labelledby={titleId}
      aria-busy={state === 'loading'}
      data-panel={panel.id}
      data-type={panel.type}
      data-state={state}
      data-rows={rows}
    >
      <header className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          {panel.title}
        </h2>
        <div className={styles.actions}>{actions}</div>
      </header>
      <div className={`${styles.body} ${styles[`body_${panel.type}`]}`}>{children}</div>
      <footer className={styles.footer}>{footer}</footer>
    </section>
  );
}

export function PanelSkeleton({ panel }: { panel: Panel }) {
  return (
    <PanelFrame panel={panel} state="loading" footer={<span className={`skeleton ${styles.footerSkeleton}`} />}>
      <div className={`skeleton ${styles.bodySkeleton}`} aria-hidden="true" />
      <span className="sr-only">Loading {panel.title}…</span>
    </PanelFrame>
  );
}

export function PanelMessage({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={styles.message}>
      <p className={styles.messageTitle}>{title}</p>
      {children && <p className={styles.messageText}>{children}</p>}
      {action}
    </div>
  );
}
