import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, PEER_ADDRESS_HEADER, requestAddress, UNKNOWN_ADDRESS } from './client-address';

describe('trusted proxy parsing', () => {
  it('takes CIDRs and single addresses, IPv4 and IPv6, and names a bad entry', () => {
    const proxies = parseTrustedProxies(' 10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1');
    expect(proxies.map(([addr, bits]) => `${addr.toString()}/${bits}`)).toEqual(['10.0.0.0/8', '192.168.1.7/32', 'fd00::/8', '::1/128']);
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies('')).toEqual([]);
    expect(() => parseTrustedProxies('10.0.0.0/8,proxy.internal')).toThrow('"proxy.internal" is not an IP address or CIDR range');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
  });

  it('treats an IPv4-mapped IPv6 range as the IPv4 range it maps', () => {
    expect(parseTrustedProxies('::ffff:10.0.0.0/104').map(([addr, bits]) => `${addr.toString()}/${bits}`)).toEqual(['10.0.0.0/8']);
  });
});

describe('client address', () => {
  const proxies = parseTrustedProxies('10.0.0.0/8');

  it('is the peer when no proxy is trusted: a client cannot choose its address with X-Forwarded-For', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '1.2.3.4', proxies)).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For from the right, through trusted proxies only, to the first untrusted hop', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // The client wrote 1.2.3.4 itself; the proxy appended what it saw.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.5', proxies)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', undefined, proxies)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', 'garbage, 10.0.0.5', proxies)).toBe('10.0.0.5');
  });

  it('normalizes IPv4-mapped peers and says unknown without a peer', () => {
    expect(clientAddress('::ffff:10.0.0.2', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:203.0.113.9', undefined, [])).toBe('203.0.113.9');
    expect(clientAddress(undefined, '1.2.3.4', proxies)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress('not-an-ip', '1.2.3.4', proxies)).toBe(UNKNOWN_ADDRESS);
  });

  it('reads the peer from the header the server sets', () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': '198.51.100.7' });
    expect(requestAddress(headers, proxies)).toBe('198.51.100.7');
    expect(requestAddress(new Headers({ 'x-forwarded-for': '198.51.100.7' }), proxies)).toBe(UNKNOWN_ADDRESS);
  });
});
