/** CPR validation and the tolerant name folding, as pure functions. */
import { describe, expect, it } from 'vitest';
import { cprBirthDate, cprProblem, foldName } from '../../src/features/inquiries/identity.js';
import { parseReference } from '../../src/features/inquiries/reference.js';
import { classify } from '../../src/features/search/search.js';

describe('CPR numbers', () => {
  it('reads the century from the 7th digit as the CPR office defines it', () => {
    expect(cprBirthDate('0101001234')).toBe('1900-01-01');
    expect(cprBirthDate('0101364000')).toBe('2036-01-01');
    expect(cprBirthDate('0101374000')).toBe('1937-01-01');
    expect(cprBirthDate('0101575000')).toBe('2057-01-01');
    expect(cprBirthDate('0101585000')).toBe('1858-01-01');
    expect(cprBirthDate('0101109000')).toBe('2010-01-01');
    expect(cprBirthDate('290200-4000')).toBe('2000-02-29');
  });

  it('refuses wrong length, impossible dates and dates in the future', () => {
    expect(cprProblem('123', '2026-01-01')).toBe('inquiries.cpr.format');
    expect(cprProblem('3104121234', '2026-01-01')).toBe('inquiries.cpr.date');
    expect(cprProblem('2902011234', '2026-01-01')).toBe('inquiries.cpr.date');
    expect(cprProblem('0101304000', '2026-01-01')).toBe('inquiries.cpr.future');
    expect(cprProblem('150312-4321', '2026-01-01')).toBeNull();
  });
});

describe('name folding', () => {
  it('treats æ/ø/å, aa, oe and case alike', () => {
    expect(new Set(['Åse', 'Aase', 'ASE', 'ase'].map(foldName)).size).toBe(1);
    expect(new Set(['Møller', 'Moeller', 'MOLLER'].map(foldName)).size).toBe(1);
    expect(new Set(['Ærø', 'Aeroe', 'aero'].map(foldName)).size).toBe(1);
    expect(foldName('Yılmaz Çelik')).toBe(foldName('Yilmaz Celik'));
    expect(foldName('Søren')).not.toBe(foldName('Sara'));
  });
});

describe('search queries', () => {
  it('recognises references, CPR numbers and names', () => {
    expect(parseReference('s-2025-42')).toBe('S-2025-00042');
    expect(parseReference('H 2026 00007')).toBe('H-2026-00007');
    expect(classify('S-2025-00042')).toBe('reference');
    expect(classify('150312-4321')).toBe('cpr');
    expect(classify('Åse Møller')).toBe('name');
    expect(classify('   ')).toBe('empty');
  });
});
