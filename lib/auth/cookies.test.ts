import { describe, expect, it } from 'vitest';
import { clearSessionCookie, cookiePolicy, readCookie, setSessionCookie } from './cookies';

describe('session cookie naming', () => {
  it('is __Host-pb_session with Secure when the public URL is https, whatever a request says', () => {
    const policy = cookiePolicy('https://pulse.example.com');
    expect(policy).toEqual({ name: '__Host-pb_session', secure: true });
    expect(setSessionCookie(policy, 'tok', 60)).toBe('__Host-pb_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
    expect(clearSessionCookie(policy)).toBe('__Host-pb_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
  });

  it('is pb_session without Secure over http (local and demo)', () => {
    const policy = cookiePolicy('http://localhost:3000');
    expect(policy).toEqual({ name: 'pb_session', secure: false });
    expect(setSessionCookie(policy, 'tok', 60)).toBe('pb_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
  });

  it('reads only the cookie of the configured name', () => {
    const header = 'pb_session=plain; __Host-pb_session=hosted; other=x';
    expect(readCookie(header, '__Host-pb_session')).toBe('hosted');
    expect(readCookie(header, 'pb_session')).toBe('plain');
    expect(readCookie('xpb_session=1', 'pb_session')).toBeUndefined();
    expect(readCookie(undefined, 'pb_session')).toBeUndefined();
  });
});
