import { ApiError, type BearerSource } from '@/lib/ui/api';
import { readEmbedToken, renewInMs, type ShownClaims } from '@/lib/ui/embed-token';

/** The messages between the iframe and the host page's /embed.js (public/embed.js speaks the other side). */
export const TOKEN_NEEDED = 'pulseboard:token-needed';
export const TOKEN = 'pulseboard:token';

/** How long the iframe waits for the host page to answer before a request fails. */
const ANSWER_WAIT_MS = 15_000;
/** A token this close to its expiry is not sent any more: a new one is asked for first. */
const EXPIRY_MARGIN_MS = 2_000;

/**
 * The iframe's side of token delivery. Tokens arrive only by postMessage from the parent window
 * whose origin is one of the tenant's allowed origins (never in the URL, so never in logs,
 * history or Referer), live in memory only, and are renewed before they expire by asking the
 * parent again; "token needed" is posted to the allowed origins only, so no other page hears it.
 */
export class TokenBroker implements BearerSource {
  private token: string | undefined;
  private expiresAt = 0;
  private waiting: { resolve: (token: string) => void; reject: (err: Error) => void }[] = [];
  private renewal: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly origins: readonly string[],
    private readonly tenant: string,
    private readonly onClaims: (claims: ShownClaims) => void,
  ) {}

  start(): void {
    window.addEventListener('message', this.onMessage);
    this.ask();
  }

  stop(): void {
    window.removeEventListener('message', this.onMessage);
    clearTimeout(this.renewal);
  }

  current(): Promise<string> {
    if (this.token && Date.now() < this.expiresAt - EXPIRY_MARGIN_MS) return Promise.resolve(this.token);
    return this.renew();
  }

  renew(): Promise<string> {
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      this.waiting.push(waiter);
      setTimeout(() => {
        if (!this.waiting.includes(waiter)) return;
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new ApiError(401, 'unauthenticated', 'The page showing this dashboard did not provide a sign-in token.'));
      }, ANSWER_WAIT_MS);
      this.ask();
    });
  }

  private ask(): void {
    if (window.parent === window) return;
    for (const origin of this.parentOrigins()) window.parent.postMessage({ type: TOKEN_NEEDED }, origin);
  }

  /** The parent's origin when the browser tells (ancestorOrigins, or the referrer), else every allowed one. */
  private parentOrigins(): readonly string[] {
    const referrer = URL.canParse(document.referrer) ? new URL(document.referrer).origin : undefined;
    const told = [window.location.ancestorOrigins?.[0], referrer].find((o) => o !== undefined && this.origins.includes(o));
    return told ? [told] : this.origins;
  }

  private readonly onMessage = (event: MessageEvent): void => {
    if (event.source !== window.parent || !this.origins.includes(event.origin)) return;
    const data = event.data as { type?: unknown; token?: unknown } | null;
    if (data?.type !== TOKEN || typeof data.token !== 'string') return;
    const claims = readEmbedToken(data.token);
    if (!claims || claims.tenant !== this.tenant) return;
    this.token = data.token;
    this.expiresAt = claims.exp * 1000;
    clearTimeout(this.renewal);
    this.renewal = setTimeout(() => this.ask(), renewInMs(this.expiresAt, Date.now()));
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w.resolve(data.token);
    this.onClaims(claims);
  };
}
