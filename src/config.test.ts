import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('TRUST_PROXY', () => {
  it('reads none, one, a count or the proxies’ addresses, and refuses anything else by name', () => {
    const trust = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;
    expect([trust(), trust('false'), trust('0'), trust('no')]).toEqual([false, false, false, false]);
    expect([trust('true'), trust('yes'), trust('1')]).toEqual([1, 1, 1]);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.1, 10.0.1.0/24, ::1')).toEqual(['10.0.0.1', '10.0.1.0/24', '::1']);
    expect(() => trust('all')).toThrow(/TRUST_PROXY: false, true, a number of proxies/);
  });
});
