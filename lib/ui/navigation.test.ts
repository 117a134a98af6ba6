import { describe, expect, it } from 'vitest';
import { loginHref, safeNext } from './navigation';

describe('loginHref', () => {
  it('carries the current page, query string included', () => {
    expect(loginHref('/d/alerts?v=1&r=PT1H&in.rule=a%2Cb')).toBe('/login?next=%2Fd%2Falerts%3Fv%3D1%26r%3DPT1H%26in.rule%3Da%252Cb');
    expect(loginHref('/')).toBe('/login');
  });
});

describe('safeNext', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeNext('/d/alerts?v=1&in.rule=a%2Cb')).toBe('/d/alerts?v=1&in.rule=a%2Cb');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of ['https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '', null, undefined]) {
      expect(safeNext(next)).toBe('/');
    }
  });

  it('refuses the tricks a browser would still resolve to another site (return paths after single sign-on)', () => {
    for (const next of ['/\t/evil.test', '/\n/evil.test', '\\/evil.test', ' //evil.test', 'http:/evil.test', '/\\/evil.test', 'HTTPS://evil.test']) {
      expect(safeNext(next), JSON.stringify(next)).toBe('/');
    }
  });

  it('keeps a path that only looks like a host, as a path on this site', () => {
    expect(safeNext('/%2F%2Fevil.test')).toBe('/%2F%2Fevil.test');
    expect(safeNext('/d/alerts#frag')).toBe('/d/alerts');
  });
});
