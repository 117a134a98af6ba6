'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import { applyUpdate, supersedes } from '@/lib/contract/stream';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { expectedAsk, expectedByDefault } from '@/lib/ui/expected-range';
import { followStream, type StreamHandlers } from '@/lib/ui/follow-stream';
import { panelQuery } from '@/lib/ui/queries';
import { encodeView } from '@/lib/view/codec';
import { isRelative, type View } from '@/lib/view/schema';

/**
 * The page's first answers are its own (and the server's first paint): the stream starts once the
 * page has settled, so a pushed update does not bring every chart's canvas in while it loads.
 */
const STREAM_AFTER_MS = 5_000;

/**
 * Live updates pushed by the server (GET /api/stream) into the panels' answers, in place: while
 * the stream is live the panels stop polling; when it is refused or blocked they poll again.
 * A pinned range never changes, so it is not followed. Returns whether the stream is live.
 */
export function useLiveUpdates(dashboard: PublicDashboard, view: View | null, on: boolean): boolean {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const viewQuery = view ? encodeView(view) : '';
  const follow = on && view !== null && isRelative(view.range);
  // The view the panels ask with (their query key); the stream reconnects only when its encoding changes.
  const shown = useRef(view);
  useEffect(() => {
    shown.current = view;
  });
  useEffect(() => {
    if (!follow) return;
    const abort = new AbortController();
    // The answers as the stream made them: each event is the change from these.
    const answers = new Map<string, QueryResponse>();
    const handlers: StreamHandlers = {
      onUpdates: (updates) => {
        for (const u of updates) {
          const next = applyUpdate(answers.get(u.panel), u);
          answers.set(u.panel, next);
          // The stream answers as the dashboard sets each panel (its expected range as configured):
          // a panel its reader switched away from that asks for itself (components/panels/panel.tsx).
          const panel = dashboard.panels.find((p) => p.id === u.panel);
          if (!shown.current || !panel) continue;
          const key = panelQuery(dashboard.id, u.panel, shown.current, false, expectedAsk(panel, shown.current, expectedByDefault(panel))).queryKey;
          const current = queryClient.getQueryData(key);
          if (!current || supersedes(next, current)) queryClient.setQueryData(key, next);
        }
      },
      onState: (state) => setLive(state === 'live'),
    };
    const path = `/api/stream?${new URLSearchParams({ dashboard: dashboard.id })}&${viewQuery}`;
    const start = setTimeout(() => void followStream(path, handlers, abort.signal), STREAM_AFTER_MS);
    return () => {
      clearTimeout(start);
      abort.abort();
      setLive(false);
    };
  }, [dashboard, viewQuery, follow, queryClient]);
  return live && follow;
}
