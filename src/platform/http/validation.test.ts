import { describe, expect, it } from 'vitest';
import { DirectoryEntry } from '../../features/citizen/document.js';
import { formCheckbox, formInteger, isCalendarDate, newPassword, noticeFrom, parseOrThrow, strictNumber, text, versionField } from './validation.js';
import { z } from 'zod';
import { ValidationError } from './errors.js';

describe('isCalendarDate', () => {
  it('takes dates that exist and nothing else', () => {
    expect(['2024-02-29', '2025-12-31', '1999-01-01'].filter(isCalendarDate)).toHaveLength(3);
    // Date.parse turns 2024-02-30 into 1 March: the check must not.
    expect(['2024-02-30', '2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-1', '20250101', ' 2025-01-01', ''].filter(isCalendarDate)).toEqual([]);
  });

  it('keeps an impossible "last checked" date off the citizen site’s help directory', () => {
    const entry = { id: 'lokal', name: 'Lokal rådgivning', phone: '70 20 20 20', url: '', lastVerified: '2024-02-30', urgent: false, description: {}, hours: {} };
    const result = DirectoryEntry.safeParse(entry);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('citizenadmin.validation.date');
    expect(DirectoryEntry.safeParse({ ...entry, lastVerified: '2024-02-29' }).success).toBe(true);
  });

  it('refuses a web address with a control character, which new URL() would accept', () => {
    const entry = { id: 'lokal', name: 'Lokal rådgivning', phone: '', lastVerified: '', urgent: false, description: {}, hours: {} };
    for (const url of ['https://www.dmi.dk/\u0000', 'https://www.dmi.dk/\u0007', 'https://www.dmi.dk/a\u007Fb']) {
      const result = DirectoryEntry.safeParse({ ...entry, url });
      expect(result.error?.issues.map((issue) => issue.message), JSON.stringify(url)).toContain('validation.controlCharacters');
    }
    expect(DirectoryEntry.safeParse({ ...entry, url: 'https://www.dmi.dk/' }).success).toBe(true);
  });
});

describe('formCheckbox', () => {
  it('reads a checkbox from a form or JSON and refuses what is neither checked nor unchecked', () => {
    expect([true, 'on', 'true', '1'].map((value) => formCheckbox.parse(value))).toEqual([true, true, true, true]);
    expect([false, undefined, '', 'off', 'false', '0'].map((value) => formCheckbox.parse(value))).toEqual([false, false, false, false, false, false]);
    for (const value of ['yes', 1, ['on', 'on'], null]) {
      const result = formCheckbox.safeParse(value);
      expect(result.success, String(value)).toBe(false);
      expect(result.error?.issues[0].message).toBe('validation.checkbox');
    }
  });
});

describe('noticeFrom', () => {
  it('finds only the table’s own notices', () => {
    const table = { saved: 'x.saved' };
    expect(noticeFrom(table, { notice: 'saved' })).toBe('x.saved');
    for (const query of [{ notice: 'toString' }, { notice: 'constructor' }, { notice: ['saved', 'saved'] }, {}, null, undefined]) {
      expect(noticeFrom(table, query), JSON.stringify(query)).toBeUndefined();
    }
  });
});

describe('text', () => {
  it('says "required" only when the field is missing, and "a single text" for a list or a number', () => {
    const schema = z.object({ title: text(50) });
    const problem = (input: unknown) => {
      try {
        parseOrThrow(schema, input);
      } catch (error) {
        return (error as ValidationError).fields?.[0]?.messageKey;
      }
      return null;
    };
    expect(problem({})).toBe('validation.required');
    expect(problem({ title: '   ' })).toBe('validation.required');
    expect(problem({ title: ['a', 'b'] })).toBe('validation.textExpected');
    expect(problem({ title: 7 })).toBe('validation.textExpected');
    expect(problem({ title: 'Møde' })).toBeNull();
    // A field without the text helper: a value of the wrong type was sent, so it is not "required".
    const plain = z.object({ kind: z.enum(['a', 'b']), cpr: z.string() });
    const plainProblem = (input: unknown) => {
      try {
        parseOrThrow(plain, input);
      } catch (error) {
        return (error as ValidationError).fields?.map((field) => field.messageKey);
      }
      return null;
    };
    expect(plainProblem({ kind: 'a' })).toEqual(['validation.required']);
    expect(plainProblem({ kind: 'a', cpr: ['1', '2'] })).toEqual(['validation.invalidType']);
    expect(plainProblem({ kind: ['a', 'b'], cpr: '1' })).toEqual(['validation.invalidChoice']);
  });
});

describe('newPassword', () => {
  it('takes 12–200 characters with spaces and symbols, and refuses control characters', () => {
    const field = newPassword();
    expect(field.safeParse('en lang sætning med æøå!').success).toBe(true);
    expect(field.safeParse('kort').error?.issues[0].message).toBe('validation.passwordLength');
    for (const value of ['a-long-pass\u0000word', 'a-long-pass\u001bword']) expect(field.safeParse(value).error?.issues[0].message).toBe('validation.controlCharacters');
  });
});

describe('formInteger', () => {
  it('reads blank as missing and only digits as a number, so a blank rating is never stored as 0', () => {
    expect(['', '   ', null, undefined].map(formInteger)).toEqual([undefined, undefined, undefined, undefined]);
    expect([' 2 ', '0', 3, '-1'].map(formInteger)).toEqual([2, 0, 3, -1]);
    for (const value of ['0x2', '1e0', '3.0', 'to', ['1'], true]) expect(formInteger(value), JSON.stringify(value)).toBeNaN();
  });
});

describe('strictNumber', () => {
  it('takes digits from a form and numbers from JSON, nothing that merely coerces', () => {
    const days = strictNumber(z.coerce.number({ error: 'validation.invalid' }).int().min(1).max(365));
    expect([5, '5', ' 12 '].map((value) => days.parse(value))).toEqual([5, 5, 12]);
    for (const value of [true, [5], '1e2', '0x10', 'fem', null, '']) expect(days.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  it('is what every version field and number field of the features is made of', () => {
    expect([3, '3'].map((value) => versionField.parse(value))).toEqual([3, 3]);
    for (const value of [true, [1], '1e0', '']) expect(versionField.safeParse(value).success, JSON.stringify(value)).toBe(false);
    // A version that was sent but is none is "not valid", not "missing".
    const message = (value: unknown) => versionField.safeParse(value).error?.issues[0].message;
    expect(['', undefined].map(message)).toEqual(['validation.versionMissing', 'validation.versionMissing']);
    for (const value of ['abc', '0', '-1', '1.5', [1]]) expect(message(value), JSON.stringify(value)).toBe('validation.versionInvalid');
    expect(message(2 ** 31)).toBe('validation.tooBig');
  });
});
