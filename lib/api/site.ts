import { AppError } from '@/lib/errors/app-error';

/** What the response headers and the Origin check depend on (PULSE_PUBLIC_URL, PULSE_FRAME_ANCESTORS). */
export type SiteSettings = { publicUrl: string; frameAncestors: string; dev?: boolean };

/**
 * The browser protections of one deployment, computed once at start-up: every response carries
 * `headers` (pages add their own CSP with a fresh nonce), so the hot path spreads a ready object.
 */
export type Site = {
  /** scheme://host[:port] of the public URL: an Origin the state-changing API always accepts. */
  publicOrigin: string;
  /** On every response that is not a page: API answers, errors, static files. */
  headers: Readonly<Record<string, string>>;
  /**
   * A page's headers: the same, with a CSP that allows only scripts carrying `nonce`. `frameAncestors`
   * replaces the deployment's for one page (an /embed page: its tenant's allowed origins).
   */
  pageHeaders(nonce: string, frameAncestors?: string): Record<string, string>;
};

/** Powerful features nobody viewing a dashboard needs, denied to the page and anything it embeds. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()';

/** JSON and static files render nothing: no sources at all, and no framing. */
const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

export function siteOf(settings: SiteSettings): Site {
  const url = new URL(settings.publicUrl);
  const https = url.protocol === 'https:';
  const common: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    // Only over https: HSTS on plain http is ignored, and would pin a localhost setup if it were not.
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  const headers = Object.freeze({ ...common, 'content-security-policy': NON_PAGE_CSP });
  return {
    publicOrigin: url.origin,
    headers,
    pageHeaders: (nonce, frameAncestors = settings.frameAncestors) => ({ ...common, 'content-security-policy': pageCsp(nonce, frameAncestors, https, settings.dev ?? false) }),
  };
}

/**
 * Scripts only with this response's nonce ('strict-dynamic' lets them load the chunks they import,
 * ECharts among them); styles from our own files (ECharts styles its elements through the CSSOM,
 * which CSP does not govern). `next dev` needs eval and inline styles for its overlay.
 */
export function pageCsp(nonce: string, frameAncestors: string, https: boolean, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery: a state-changing request that a browser sent from another site
 * (its Origin neither the public URL's nor this request's own host) is refused. Requests
 * without Origin (servers, curl) pass: browsers always send it on these methods.
 */
export function checkOrigin(site: Pick<Site, 'publicOrigin'>, method: string, origin: string | null | undefined, host: string | null | undefined): void {
  if (!STATE_CHANGING.has(method) || origin == null || origin === site.publicOrigin || sameHost(origin, host)) return;
  throw new AppError('forbidden', 'Requests from other sites may not change anything here.');
}

function sameHost(origin: string, host: string | null | undefined): boolean {
  if (!host) return false;
  try {
    const o = new URL(origin);
    // Normalized the same way (case, default port) before comparing.
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable are foreign.
    return false;
  }
}
