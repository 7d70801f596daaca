import { describe, expect, it } from 'vitest';
import { scrub } from './log.js';

describe('scrub', () => {
  it('removes CPR numbers, e-mail addresses and quoted values, and leaves stack paths readable', () => {
    expect(scrub('CPR 010203-1234 og 0102031234')).toBe('CPR [cpr] og [cpr]');
    expect(scrub('skrev til sara.holm@kommune.dk i går')).toBe('skrev til [email] i går');
    expect(scrub('Key (username)=("anna") already exists')).toBe('Key (username)=("…") already exists');
    const frame = '    at next (/srv/app/node_modules/@fastify/static/index.js:12:3)';
    expect(scrub(frame)).toBe(frame);
  });
});
