'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { WEEKDAYS, type Report } from '@/lib/contract/reports';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { ApiError, apiFetch } from '@/lib/ui/api';
import { cadenceText, whenText } from '@/lib/ui/report-text';
import { isRelative, type View } from '@/lib/view/schema';
import { ZONES } from '@/lib/view/zones';
import { Field } from '../field';
import { Popover } from '../popover';
import styles from './reports.module.css';

/** The filter bar's "Schedule" (signed-in users): this view as a PDF or a panel's PNG, daily or weekly, by e-mail or to the webhook. */
export function ScheduleMenu({ dashboard, view }: { dashboard: PublicDashboard; view: View }) {
  return (
    <Popover label="Schedule" buttonLabel={`Schedule ${dashboard.title} as a report`} buttonClassName="btn btn-small" panelClassName={styles.panel} align="end">
      {({ open }) => open && <ScheduleForm dashboard={dashboard} view={view} />}
    </Popover>
  );
}

const splitAddresses = (s: string) => s.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter(Boolean);

function ScheduleForm({ dashboard, view }: { dashboard: PublicDashboard; view: View }) {
  const me = useQuery({ queryKey: ['session'], queryFn: ({ signal }) => apiFetch<{ user: { email: string } }>('/api/session', { signal }), staleTime: 60_000 });
  const [name, setName] = useState(dashboard.title);
  const [what, setWhat] = useState('pdf');
  const [every, setEvery] = useState<'day' | 'week'>('day');
  const [weekday, setWeekday] = useState(1);
  const [at, setAt] = useState('08:00');
  const [tz, setTz] = useState(view.tz);
  const [channel, setChannel] = useState<'email' | 'webhook'>('email');
  const [recipients, setRecipients] = useState<string | null>(null);
  const shownRecipients = recipients ?? me.data?.user.email ?? '';

  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ report: Report }>('/api/reports', {
        body: {
          name,
          dashboard: dashboard.id,
          ...(what === 'pdf' ? { format: 'pdf' } : { format: 'png', panel: what }),
          view,
          every,
          ...(every === 'week' ? { weekday } : {}),
          at,
          tz,
          channel: channel === 'email' ? { kind: 'email', recipients: splitAddresses(shownRecipients) } : { kind: 'webhook' },
        },
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (save.data) {
    const r = save.data.report;
    return (
      <div className={styles.form} role="status">
        <p className={styles.done}>
          Scheduled “{r.name}”: {cadenceText(r)}. First sent {r.nextRunAt ? whenText(r.nextRunAt, r.tz) : 'when resumed'}.
        </p>
        <Link href="/reports">Manage your reports</Link>
      </div>
    );
  }
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Schedule a report">
      <Field label="Name">{(id) => <input id={id} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label="What">
        {(id) => (
          <select id={id} value={what} onChange={(e) => setWhat(e.target.value)}>
            <option value="pdf">The dashboard, as a PDF</option>
            {dashboard.panels.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}, as a PNG
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={styles.pair}>
        <Field label="How often">
          {(id) => (
            <select id={id} value={every} onChange={(e) => setEvery(e.target.value as 'day' | 'week')}>
              <option value="day">Every day</option>
              <option value="week">Every week</option>
            </select>
          )}
        </Field>
        {every === 'week' && (
          <Field label="Day of week">
            {(id) => (
              <select id={id} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <div className={styles.pair}>
        <Field label="Time">{(id) => <input id={id} type="time" required value={at} onChange={(e) => setAt(e.target.value)} />}</Field>
        <Field label="Time zone">
          {(id) => (
            <select id={id} value={tz} onChange={(e) => setTz(e.target.value)}>
              {ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className={styles.choice}>
        <legend>Send to</legend>
        <label className={styles.check}>
          <input type="radio" name="channel" checked={channel === 'email'} onChange={() => setChannel('email')} /> E-mail
        </label>
        <label className={styles.check}>
          <input type="radio" name="channel" checked={channel === 'webhook'} onChange={() => setChannel('webhook')} /> Our webhook
        </label>
      </fieldset>
      {channel === 'email' && (
        <Field label="Recipients (members of your organisation)">
          {(id) => <input id={id} required value={shownRecipients} onChange={(e) => setRecipients(e.target.value)} placeholder="you@example.com, colleague@example.com" />}
        </Field>
      )}
      <p className={styles.hint}>{rangeWords(view)}</p>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary btn-small" disabled={save.isPending}>
          {save.isPending ? 'Scheduling…' : 'Schedule'}
        </button>
      </div>
      {save.error && (
        <p className={styles.error} role="alert">
          {save.error instanceof ApiError ? save.error.message : 'The report could not be scheduled. Please try again.'}
        </p>
      )}
    </form>
  );
}

const RANGE_WORDS: Record<string, string> = { PT15M: '15 minutes', PT1H: 'hour', PT6H: '6 hours', PT12H: '12 hours', P1D: 'day', P7D: '7 days', P30D: '30 days', P90D: '90 days' };

/** What each report will cover, said before it is scheduled. */
function rangeWords(view: View): string {
  if (!isRelative(view.range)) return 'Each report shows this view’s fixed interval, with its filters.';
  return `Each report shows the ${RANGE_WORDS[view.range.last]} before it is sent, with this view’s filters.`;
}
