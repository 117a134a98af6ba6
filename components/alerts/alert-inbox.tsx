'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ALERT_STATES, type Alert, type AlertState } from '@/lib/contract/alerts';
import { formatBucket, formatMeasure, formatSpan } from '@/lib/ui/format';
import { alertsQuery } from '@/lib/ui/queries';
import { errorText } from '../admin/section-state';
import { AlertActionDialog, type AlertAction } from './alert-action-dialog';
import styles from './alert-inbox.module.css';

const TAB_LABELS: Record<AlertState, string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

function stateText(a: Alert): string {
  if (a.state === 'open') return 'Open';
  if (a.resolvedAutomatically) return 'Resolved automatically';
  const who = a.byName ?? a.by ?? 'someone';
  return `${a.state === 'resolved' ? 'Resolved' : 'Acknowledged'} by ${who}`;
}

const num = (v: number | null) => formatMeasure(v, 'number');

/** "240 ≥ 40 failed logins per window (minFailures 30, default)": what the rule measured, against what. */
function thresholdText(a: Alert): string {
  const t = a.threshold;
  const value = num(t.measured);
  const limit = t.value === null ? '' : ` ${t.comparison === '>=' ? '≥' : '>'} ${num(t.value)}`;
  const inForce = t.inForce === null ? '' : ` (${t.parameter} ${num(t.inForce)}, ${t.source === 'override' ? 'your override' : 'default'})`;
  return `${value}${limit} ${t.unit}${inForce}`.trim();
}

function AlertItem({ alert, tz, canEdit, onAction }: { alert: Alert; tz: string; canEdit: boolean; onAction: (a: AlertAction) => void }) {
  const titleId = `alert-${alert.id}`;
  return (
    <li className={styles.item} aria-labelledby={titleId}>
      <div className={styles.itemHead}>
        <span className={styles.severity} data-severity={alert.severity}>
          {alert.severity}
        </span>
        <h3 id={titleId} className={styles.message}>
          {alert.message}
        </h3>
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={alert.at}>{formatBucket(Date.parse(alert.at), 'PT1M', tz)}</time>
          </dd>
        </div>
        <div>
          <dt>Rule</dt>
          <dd>{alert.rule.replaceAll('_', ' ')}</dd>
        </div>
        <div>
          <dt>Value</dt>
          <dd>{thresholdText(alert)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatSpan(alert.durationMs)}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            {stateText(alert)}
            {alert.note && <span className={styles.noteText}>: “{alert.note}”</span>}
          </dd>
        </div>
      </dl>
      <div className={styles.actions}>
        <Link className="btn btn-small" href={alert.href} aria-describedby={titleId}>
          Explain
        </Link>
        {canEdit && alert.state === 'open' && (
          <button type="button" className="btn btn-small" aria-describedby={titleId} onClick={() => onAction({ alert, action: 'ack' })}>
            Acknowledge
          </button>
        )}
        {canEdit && alert.state !== 'resolved' && (
          <button type="button" className="btn btn-small" aria-describedby={titleId} onClick={() => onAction({ alert, action: 'resolve' })}>
            Resolve
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * The alert inbox: the last day's alerts in Open / Acknowledged / Resolved tabs (arrow keys move
 * between tabs, as the ARIA tabs pattern has it). Times are in the browser's zone, the zone
 * the dashboards' views use; the list is the header badge's query, so a change updates both.
 */
export function AlertInbox({ canEdit }: { canEdit: boolean }) {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { data, error, isPending } = useQuery(alertsQuery(tz));
  const [tab, setTab] = useState<AlertState>('open');
  const [pending, setPending] = useState<AlertAction | null>(null);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onKey = (e: KeyboardEvent) => {
    const i = ALERT_STATES.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: ALERT_STATES.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const state = ALERT_STATES[(next + ALERT_STATES.length) % ALERT_STATES.length]!;
    setTab(state);
    tabs.current[state]?.focus();
  };

  const shown = data?.alerts.filter((a) => a.state === tab) ?? [];
  const count = (s: AlertState) => data?.alerts.filter((a) => a.state === s).length;
  return (
    <>
      <div role="tablist" aria-label="Alerts by state" className={styles.tabs} onKeyDown={onKey}>
        {ALERT_STATES.map((s) => (
          <button
            key={s}
            ref={(el) => {
              tabs.current[s] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${s}`}
            aria-selected={tab === s}
            aria-controls="alerts-panel"
            tabIndex={tab === s ? 0 : -1}
            className={styles.tab}
            onClick={() => setTab(s)}
          >
            {TAB_LABELS[s]}
            {count(s) !== undefined && <span className={styles.count}> {count(s)}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="alerts-panel" aria-labelledby={`tab-${tab}`} className={styles.panel}>
        {isPending && (
          <p className={styles.state} role="status">
            Loading alerts…
          </p>
        )}
        {error && (
          <p className={styles.error} role="alert">
            Alerts could not be loaded: {errorText(error)}
          </p>
        )}
        {data && shown.length === 0 && <p className={styles.state}>No {tab} alerts in the last 24 hours.</p>}
        {shown.length > 0 && (
          <ul className={styles.list}>
            {shown.map((a) => (
              <AlertItem key={a.id} alert={a} tz={tz} canEdit={canEdit} onAction={setPending} />
            ))}
          </ul>
        )}
      </div>
      <AlertActionDialog pending={pending} onClose={() => setPending(null)} />
    </>
  );
}
