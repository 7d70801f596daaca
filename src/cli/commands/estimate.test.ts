import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../stats/mse/bootstrap.js';
import { fixturePath, referenceRows } from '../../stats/mse/testing/fixtures.js';
import { run } from './estimate.js';

const dir = mkdtempSync(join(tmpdir(), 'estimate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function estimateCli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const ukdat = referenceRows().find((r) => r.dataset === 'UKdat' && r.method === 'stepwise')!;

describe('estimate --json', () => {
  it('prints the keys of issue 6 with the reference values (UKdat, stepwise by default)', async () => {
    const { code, stdout, stderr } = await estimateCli('--input', fixturePath('UKdat'), '--json');
    expect([code, stderr]).toEqual([0, '']);
    const json = JSON.parse(stdout);
    expect(json.observed).toBe(2744);
    expect(json.lists).toEqual(['LA', 'NG', 'PF', 'GO', 'GP', 'NCA']);
    expect(json.model.method).toBe('stepwise');
    expect([...json.model.interactions].sort()).toEqual([...ukdat.interactions].sort());
    expect(json.model.emptyOverlaps).toEqual([]);
    expect(typeof json.model.deviance).toBe('number');
    expect(json.model.df).toBe(63 - 1 - 6 - 7);
    expect(json.unseen.estimate / ukdat.unseen - 1).toBeCloseTo(0, 6);
    expect(json.unseen.ci95.profile[0] / ukdat.profile[0] - 1).toBeCloseTo(0, 4);
    expect(json.unseen.ci95.profile[1] / ukdat.profile[1] - 1).toBeCloseTo(0, 4);
    expect(json.unseen.ci95.wald[0] / ukdat.wald[0] - 1).toBeCloseTo(0, 4);
    expect(json.unseen.ci95.wald[1] / ukdat.wald[1] - 1).toBeCloseTo(0, 4);
    expect(json.unseen.ci95.bootstrap).toBeUndefined();
    expect(json.total.estimate).toBeCloseTo(2744 + json.unseen.estimate, 6);
    expect(json.total.ci95.profile[0]).toBeCloseTo(2744 + json.unseen.ci95.profile[0], 6);
    expect(Array.isArray(json.warnings)).toBe(true);
    expect(json.notes.map((n: { code: string }) => n.code)).toContain('closed_population');
  });

  it('honours --method independence and --threshold', async () => {
    const independence = JSON.parse((await estimateCli('--input', fixturePath('UKdat'), '--json', '--method', 'independence')).stdout);
    expect(independence.model).toMatchObject({ method: 'independence', interactions: [], threshold: null });
    const strict = JSON.parse((await estimateCli('--input', fixturePath('UKdat'), '--json', '--threshold', '0.0001')).stdout);
    expect(strict.model.threshold).toBe(0.0001);
    expect(strict.model.interactions.length).toBeLessThan(7);
    expect(strict.model.steps.every((s: { p: number }) => s.p < 0.0001)).toBe(true);
  });

  it('adds percentile and BCa bootstrap intervals with --bootstrap, reproducibly with --seed', async () => {
    const args = ['--input', fixturePath('Korea'), '--json', '--bootstrap', '200', '--seed', '42'];
    const first = await estimateCli(...args);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    const { bootstrap } = json.unseen.ci95;
    expect(bootstrap).toMatchObject({ resamples: 200, seed: 42 });
    expect(bootstrap.percentile).toHaveLength(2);
    expect(bootstrap.bca).toHaveLength(2);
    expect(json.total.ci95.bootstrap.bca[0]).toBeCloseTo(bootstrap.bca[0] + json.observed, 6);
    expect((await estimateCli(...args)).stdout).toBe(first.stdout);
  });
});

describe('estimate report', () => {
  it('is Danish by default', async () => {
    const { code, stdout } = await estimateCli('--input', fixturePath('UKdat'));
    expect(code).toBe(0);
    expect(stdout).toContain('Mørketal: multiple systems estimation');
    expect(stdout).toContain('Observeret: 2.744 personer');
    expect(stdout).toContain('hovedeffekter + PF:NCA + LA:NG');
    expect(stdout).toMatch(/Ikke observeret\s+8\.674\s+7\.257 – 10\.438\s+7\.233 – 10\.402/);
    expect(stdout).toContain('Antagelse: lukket population');
  });

  it('is English with --lang en, with the bootstrap column when asked', async () => {
    const { code, stdout } = await estimateCli('--input', fixturePath('Korea'), '--lang', 'en', '--bootstrap', '100');
    expect(code).toBe(0);
    expect(stdout).toContain('Hidden number: multiple systems estimation');
    expect(stdout).toContain('95 % bootstrap (BCa)');
    expect(stdout).toContain('Bootstrap: 100 resamples, seed 1234');
  });
});

describe('estimate: bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['not-binary.csv', 'A,B,count\n1,0,4\n2,1,3\n', /^selvbestemt estimate: Line 3: list "A" must be 0 or 1, but is "2"\./],
    ['negative.csv', 'A,B,count\n1,0,4\n0,1,-3\n1,1,2\n', /^selvbestemt estimate: Line 3: the count -3 is negative\./],
    ['fraction.csv', 'A,B,count\n1,0,4\n0,1,1.5\n', /^selvbestemt estimate: Line 3: the count 1\.5 is not a whole number\./],
    ['all-zero.csv', 'A,B,count\n1,0,4\n0,0,7\n', /^selvbestemt estimate: Line 3: the row has 0 on every list/],
    ['single.csv', 'A,count\n1,4\n', /^selvbestemt estimate: Line 1: there must be at least 2 lists/],
    ['eleven.csv', `${'ABCDEFGHIJK'.split('').join(',')},count\n1,0,0,0,0,0,0,0,0,0,0,1\n`, /^selvbestemt estimate: Line 1: there are 11 lists; at most 10/],
    ['empty.csv', '', /^selvbestemt estimate: Line 1: the file is empty\./],
    ['no-overlap.csv', 'A,B,count\n1,0,4\n0,1,3\n', /^selvbestemt estimate: The hidden number cannot be estimated/],
  ];

  it.each(cases)('%s: exit 2, the message on stderr, nothing on stdout', async (name, content, message) => {
    const { code, stdout, stderr } = await estimateCli('--input', file(name, content), '--lang', 'en', '--json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('words the error in Danish by default', async () => {
    const { code, stderr } = await estimateCli('--input', file('da.csv', 'A,B,count\n1,0,4\n0,1,x\n'));
    expect(code).toBe(2);
    expect(stderr).toBe('selvbestemt estimate: Linje 3: antallet "x" er ikke et tal.\n');
  });

  it('sums a duplicated capture history and says so in the notes', async () => {
    const { code, stdout } = await estimateCli('--input', file('dup.csv', 'A,B,count\n1,0,30\n0,1,20\n1,1,10\n1,0,5\n'), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.unseen.estimate).toBeCloseTo((35 * 20) / 10, 9);
    expect(json.notes[0].code).toBe('duplicate_history_summed');
    expect(json.notes[0].text.en).toContain('(2, 5)');
  });

  it.each([
    [['--json'], /give a file with --input/],
    [['--input', 'x.csv', '--method', 'bayes'], /unknown method "bayes"/],
    [['--input', 'x.csv', '--threshold', '1'], /threshold must be a number from 0 to below 1/],
    [['--input', 'x.csv', '--bootstrap', 'many'], /--bootstrap must be a whole number/],
    [['--input', 'x.csv', '--seed', '1.5'], /seed must be a whole number/],
    [['--input', 'x.csv', '--lang', 'de'], /ukendt sprog "de"/], // an unknown language leaves the message Danish
    [['--input', 'x.csv', '--frobnicate'], /invalid option/],
    [['--input', join(dir, 'missing.csv')], /the file cannot be read/],
  ])('usage problem %j: exit 2', async (args, message) => {
    const { code, stdout, stderr } = await estimateCli(...args, ...(args.includes('--lang') ? [] : ['--lang', 'en']));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await estimateCli('--help', '--lang', 'en');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: selvbestemt estimate --input FILE.csv');
    expect(stdout).toContain(`bootstrap seed (default ${DEFAULT_SEED})`);
  });
});
