import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from './log.js';

describe('scrub', () => {
  it('removes CPR numbers, e-mail addresses and quoted values, and leaves stack paths readable', () => {
    expect(scrub('CPR 010203-1234 og 0102031234')).toBe('CPR [cpr] og [cpr]');
    expect(scrub('skrev til sara.holm@kommune.dk i går')).toBe('skrev til [email] i går');
    expect(scrub('Key (username)=("anna") already exists')).toBe('Key (username)=("…") already exists');
    const frame = '    at next (/srv/app/node_modules/@fastify/static/index.js:12:3)';
    expect(scrub(frame)).toBe(frame);
  });

  it('removes quoted values of any length, also across lines', () => {
    const long = `invalid input syntax: "Fatima Hansen ${'x'.repeat(300)}"`;
    expect(scrub(long)).toBe('invalid input syntax: "…"');
    expect(scrub("value 'Fatima\nHansen' rejected")).toBe("value '…' rejected");
  });
});

describe('the logger', () => {
  async function logged(write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }));
    write(log);
    await new Promise((resolve) => setImmediate(resolve));
    return lines.join('');
  }

  it('redacts names, CPR numbers and passwords at any depth, and drops what is nested too deep to scrub', async () => {
    const text = await logged((log) => {
      log.info({ person: { name: 'Fatima' }, a: { b: { c: { name: 'Ali Hansen', cpr: '0101901234', Password: 'hemmelig' } } } }, 'names');
      log.info({ a: { b: { c: { d: { e: { f: { g: 'cpr 0101901234 og fatima@eksempel.dk' } } } } } } }, 'deep');
    });
    for (const secret of ['Fatima', 'Ali Hansen', '0101901234', 'hemmelig', 'fatima@eksempel.dk']) expect(text).not.toContain(secret);
    expect(text).toContain('[too deep]');
    expect(text).toContain('"msg":"names"');
  });
});
