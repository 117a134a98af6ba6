import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { checkOrigin, siteOf } from './site';

const http = siteOf({ publicUrl: 'http://localhost:3000', frameAncestors: "'none'" });
const https = siteOf({ publicUrl: 'https://dash.example.com/pulse', frameAncestors: "'self' https://portal.example.com" });

function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return isAppError(err) ? err.code : 'not an AppError';
  }
}

describe('security headers', () => {
  it('sends nosniff, the referrer policy, a permissions policy and a no-source CSP on every non-page answer', () => {
    expect(http.headers).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'permissions-policy': expect.stringContaining('camera=()'),
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });

  it('sends HSTS only when the public URL is https', () => {
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(https.pageHeaders('n')['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it("gives pages a CSP whose scripts need this response's nonce, never 'unsafe-inline' scripts, and no framing by default", () => {
    const csp = http.pageHeaders('abc123==')['content-security-policy']!;
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives['script-src']).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directives['style-src']).toBe("style-src 'self' 'nonce-abc123=='");
    expect(directives['frame-ancestors']).toBe("frame-ancestors 'none'");
    expect(directives['object-src']).toBe("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(http.pageHeaders('other')['content-security-policy']).toContain("'nonce-other'");
  });

  it('lets the configured ancestors frame the pages, and upgrades subresources over https', () => {
    const csp = https.pageHeaders('n')['content-security-policy']!;
    expect(csp).toContain("frame-ancestors 'self' https://portal.example.com");
    expect(csp).toContain('upgrade-insecure-requests');
  });
});

describe('Origin check of state-changing requests', () => {
  const cases: [method: string, origin: string | undefined, host: string | undefined, refused: boolean][] = [
    ['POST', 'https://evil.example', 'localhost:3000', true],
    ['PUT', 'https://evil.example', 'localhost:3000', true],
    ['PATCH', 'https://evil.example', 'localhost:3000', true],
    ['DELETE', 'https://evil.example', 'localhost:3000', true],
    ['POST', 'null', 'localhost:3000', true],
    ['POST', 'http://localhost:3000.evil.example', 'localhost:3000', true],
    ['POST', 'http://localhost:3001', 'localhost:3000', true],
    ['POST', 'javascript:alert(1)', 'localhost:3000', true],
    ['POST', 'https://evil.example', undefined, true],
    // The public URL's origin, and the host the request was sent to.
    ['POST', 'http://localhost:3000', 'elsewhere:1', false],
    ['POST', 'http://127.0.0.1:3810', '127.0.0.1:3810', false],
    ['POST', 'HTTP://App.Example.COM', 'app.example.com:80', false],
    ['POST', 'https://app.example.com', 'app.example.com', false],
    // No Origin: a server or curl, which a browser never is on these methods.
    ['POST', undefined, 'localhost:3000', false],
    ['DELETE', undefined, undefined, false],
    // Reading changes nothing.
    ['GET', 'https://evil.example', 'localhost:3000', false],
    ['HEAD', 'https://evil.example', 'localhost:3000', false],
  ];
  for (const [method, origin, host, refused] of cases) {
    it(`${method} from ${origin ?? 'no Origin'} to ${host ?? 'no Host'}: ${refused ? '403 forbidden' : 'allowed'}`, () => {
      expect(refusal(() => checkOrigin(http, method, origin, host))).toBe(refused ? 'forbidden' : undefined);
    });
  }

  it("accepts the public URL's origin whatever its path", () => {
    expect(https.publicOrigin).toBe('https://dash.example.com');
    expect(refusal(() => checkOrigin(https, 'POST', 'https://dash.example.com', 'internal:8080'))).toBeUndefined();
  });
});
