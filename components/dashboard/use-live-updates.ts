'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import { applyUpdate } from '@/lib/contract/stream';
import { followStream } from '@/lib/ui/follow-stream';
import { panelQuery } from '@/lib/ui/queries';
import { encodeView } from '@/lib/view/codec';
import { isRelative, type View } from '@/lib/view/schema';

/**
 * Live updates pushed by the server (GET /api/stream) into the panels' answers, in place: while
 * the stream is live the panels stop polling; when it is refused or blocked they poll again.
 * A pinned range never changes, so it is not followed. Returns whether the stream is live.
 */
export function useLiveUpdates(dashboard: string, view: View | null, on: boolean): boolean {
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
    void followStream(
      `/api/stream?${new URLSearchParams({ dashboard })}&${viewQuery}`,
      {
        onUpdates: (updates) => {
          for (const u of updates) {
            const next = applyUpdate(u.rows.drop + u.rows.keep === 0 ? undefined : answers.get(u.panel), u);
            answers.set(u.panel, next);
            if (shown.current) queryClient.setQueryData(panelQuery(dashboard, u.panel, shown.current, false).queryKey, next);
          }
        },
        onState: (state) => setLive(state === 'live'),
      },
      abort.signal,
    );
    return () => {
      abort.abort();
      setLive(false);
    };
  }, [dashboard, viewQuery, follow, queryClient]);
  return live && follow;
}
