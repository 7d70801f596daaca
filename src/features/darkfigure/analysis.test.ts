import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/http/errors.js';
import { requireUsableData } from './analysis.js';
import type { CaptureData } from './data.js';

/** The refusal for a choice of two lists with these people per capture history (bit mask). */
function refusal(cells: Record<number, number>): unknown {
  const table = [0, cells[1] ?? 0, cells[2] ?? 0, cells[3] ?? 0];
  const data: CaptureData = { lists: ['school', 'ssp_police'], cells: table, linked: table.reduce((sum, count) => sum + count, 0), unlinkedRecords: 0 };
  try {
    requireUsableData(data);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }
  return null;
}

describe('requireUsableData', () => {
  it('gives the same refusal for small lists whatever they hold together, so it tells nothing more than "<5" each', () => {
    // 3 + 2 people, nobody on both (5 linked); 2 + 2 with one on both (3 linked); nobody at all; 4 on one list only.
    const tables: Record<number, number>[] = [{ 1: 3, 2: 2 }, { 1: 1, 2: 1, 3: 1 }, {}, { 2: 4 }, { 3: 4 }];
    const answers = tables.map((cells) => refusal(cells));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toEqual([{ field: 'sectors', messageKey: 'darkfigure.error.smallSources', params: { sources: 'school, ssp_police', min: 5 } }]);
  });

  it('names only the small list when the other holds 5 or more, and accepts two lists of 5', () => {
    expect(refusal({ 1: 5, 2: 1 })).toEqual([{ field: 'sectors', messageKey: 'darkfigure.error.smallSources', params: { sources: 'ssp_police', min: 5 } }]);
    expect(refusal({ 1: 5, 2: 5 })).toBeNull();
  });
});
