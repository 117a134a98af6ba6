'use client';

import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { isUnauthenticated, shouldRetry } from '@/lib/ui/api';
import { loginHref } from '@/lib/ui/navigation';

// In the browser zod validates without compiling code: its probe for that (`new Function`) would
// be refused and reported by the pages' CSP, which allows no eval. Servers keep the faster path.
if (typeof window !== 'undefined') z.config({ jitless: true });

let leaving = false;

/** A 401 from any query means the session ended: sign in again and come back to this exact view. */
function toLogin() {
  if (leaving) return;
  leaving = true;
  window.location.assign(loginHref(`${window.location.pathname}${window.location.search}`));
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: (err) => isUnauthenticated(err) && toLogin() }),
        defaultOptions: { queries: { retry: shouldRetry, refetchOnWindowFocus: false } },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
