'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { formatInterval } from '@/lib/ui/format';
import { RANGE_LABELS } from '@/lib/ui/labels';
import { expectedAsk, expectedByDefault } from '@/lib/ui/expected-range';
import { panelQuery } from '@/lib/ui/queries';
import { pinnedView } from '@/lib/ui/view-edit';
import { encodeView } from '@/lib/view/codec';
import { isRelative, type View } from '@/lib/view/schema';
import { Field } from '../field';
import { Popover } from '../popover';
import styles from './filter-bar.module.css';

type Props = { dashboard: PublicDashboard; view: View };

/**
 * Two links to the same view: relative ("last hour", follows now) or pinned to the exact
 * interval the panels on screen answered for, so everyone sees the same numbers.
 */
export function ShareMenu({ dashboard, view }: Props) {
  return (
    <Popover label="Share" buttonClassName="btn btn-small" panelClassName={styles.sharePanel} align="end">
      {({ open }) => open && <ShareLinks dashboard={dashboard} view={view} />}
    </Popover>
  );
}

function ShareLinks({ dashboard, view }: Props) {
  const queryClient = useQueryClient();
  const first = dashboard.panels[0]!;
  const answered = queryClient.getQueryData(panelQuery(dashboard.id, first.id, view, false, expectedAsk(first, view, expectedByDefault(first))).queryKey);
  const base = `${window.location.origin}${window.location.pathname}?`;
  const links: { id: string; title: string; detail: string; url: string }[] = [];
  if (isRelative(view.range)) {
    links.push({ id: 'relative', title: 'Relative link', detail: `${RANGE_LABELS[view.range.last]}, follows now`, url: base + encodeView(view) });
  }
  const interval = isRelative(view.range) ? answered?.meta.interval : view.range;
  if (interval) {
    links.push({
      id: 'pinned',
      title: 'Pinned link',
      detail: `Exactly ${formatInterval(Date.parse(interval.start), Date.parse(interval.end), view.tz)}`,
      url: base + encodeView(pinnedView(view, interval)),
    });
  }
  return (
    <div className={styles.share}>
      <h3 className={styles.popoverTitle}>Share this view</h3>
      <p className={styles.hint}>Colleagues in your organisation see the same view. Other organisations see their own data.</p>
      {links.map((l) => (
        <ShareLink key={l.id} {...l} />
      ))}
      {links.length === 0 && <p className={styles.hint}>The pinned link is ready once the panels have loaded.</p>}
    </div>
  );
}

function ShareLink({ id, title, detail, url }: { id: string; title: string; detail: string; url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Copied');
    } catch {
      // No clipboard permission: select the text so Ctrl+C / ⌘C does it.
      input.current?.select();
      setStatus('Press Ctrl+C to copy');
    }
  }
  return (
    <div className={styles.shareLink} data-share={id}>
      <Field
        label={
          <>
            {title} <span className={styles.hint}>· {detail}</span>
          </>
        }
      >
        {(id) => <input id={id} ref={input} type="text" readOnly value={url} onFocus={(e) => e.target.select()} />}
      </Field>
      <button type="button" className="btn btn-small" onClick={copy} aria-label={`Copy ${title.toLowerCase()}`}>
        Copy
      </button>
      <span role="status" className={styles.copied}>
        {status}
      </span>
    </div>
  );
}
