/**
 * The suppression rule, checked the slow way: for small tables, every whole-number table a reader
 * could reconstruct from what is shown is enumerated. Across them, every "<5" count must still
 * take every value 0–4, and every combination of sources with 1–4 people must still range over
 * at least five values. (The rule itself is audited with linear programs over real-valued tables;
 * this checks that whole numbers give nothing more away.)
 */
import GLPK from 'glpk.js/node';
import { describe, expect, it } from 'vitest';
import { countOf, linkedMayBeShown, SMALL_COUNT, suppressCounts, unionOf, UnprotectableError, type Shown, type SuppressedCounts } from './suppression.js';

const glpk = await GLPK();

/** Every table of `cellCount` cells with the given total. */
function* tables(cellCount: number, total: number): Generator<number[]> {
  const cells = new Array<number>(cellCount).fill(0);
  function* place(index: number, left: number): Generator<number[]> {
    if (index === cellCount - 1) {
      cells[index] = left;
      yield cells;
      return;
    }
    for (let n = 0; n <= left; n++) {
      cells[index] = n;
      yield* place(index + 1, left - n);
    }
  }
  yield* place(0, total);
}

/** Whether a table (cells 1…2^k−1) agrees with everything the page shows. */
function consistent(k: number, table: number[], shown: SuppressedCounts): boolean {
  const cells = [0, ...table];
  const agrees = (mask: number, s: Shown) => {
    const value = countOf(cells, mask);
    if (s.state === 'shown') return value === s.value;
    if (s.state === 'small') return value < SMALL_COUNT;
    return value >= SMALL_COUNT;
  };
  if (!agrees(0, shown.observed)) return false;
  for (let i = 0; i < k; i++) {
    if (!agrees(1 << i, shown.lists[i])) return false;
    for (let j = i + 1; j < k; j++) if (!agrees((1 << i) | (1 << j), shown.pairs[i][j])) return false;
  }
  return true;
}

/** Deterministic pseudo-random tables. */
function randomTable(k: number, total: number, seed: number): number[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const cells = new Array<number>(1 << k).fill(0);
  for (let n = 0; n < total; n++) cells[1 + Math.floor(next() * ((1 << k) - 1))]++;
  return cells;
}

function checkAgainstEveryConsistentTable(k: number, cells: number[]): SuppressedCounts {
  const shown = suppressCounts(k, cells);
  const total = countOf(cells, 0);
  const masks = [...Array.from({ length: k }, (_, i) => 1 << i)];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) masks.push((1 << i) | (1 << j));
  const smallCounts = masks.filter((mask) => countOf(cells, mask) < SMALL_COUNT);
  const smallCells = cells.flatMap((value, cell) => (cell > 0 && value >= 1 && value < SMALL_COUNT ? [cell] : []));
  const countValues = new Map(smallCounts.map((mask) => [mask, new Set<number>()]));
  const cellRange = new Map(smallCells.map((cell) => [cell, { low: Infinity, high: -Infinity }]));
  for (const table of tables((1 << k) - 1, total)) {
    if (!consistent(k, table, shown)) continue;
    const full = [0, ...table];
    for (const mask of smallCounts) countValues.get(mask)!.add(countOf(full, mask));
    for (const cell of smallCells) {
      const range = cellRange.get(cell)!;
      range.low = Math.min(range.low, full[cell]);
      range.high = Math.max(range.high, full[cell]);
    }
  }
  for (const [mask, values] of countValues) {
    // A "<5" count must stay consistent with every value it could have.
    expect([...values].sort(), `count ${mask} of ${cells.join(',')}`).toEqual([0, 1, 2, 3, 4]);
  }
  for (const [cell, range] of cellRange) expect(range.high - range.low, `cell ${cell} of ${cells.join(',')}`).toBeGreaterThanOrEqual(SMALL_COUNT - 1);
  return shown;
}

describe('suppressCounts', () => {
  it('shows every count of 5 or more when no small count or combination could be worked out', () => {
    // Three lists, every combination ≥ 5: nothing to hide.
    const cells = [0, 20, 15, 6, 12, 7, 5, 9];
    const shown = suppressCounts(3, cells);
    expect(shown.secondary).toBe(0);
    expect(shown.observed).toEqual({ state: 'shown', value: 74 });
    expect(shown.lists).toEqual([{ state: 'shown', value: 42 }, { state: 'shown', value: 35 }, { state: 'shown', value: 33 }]);
    expect(shown.pairs[0][1]).toEqual({ state: 'shown', value: 15 });
  });

  it('with two lists, hides enough that neither the overlap nor a one-list-only group of 1–4 can be recomputed', () => {
    // N = n1 + n2 − n12 pins every cell; only-list-1 has 3 people.
    const shown = checkAgainstEveryConsistentTable(2, [0, 3, 9, 8]);
    expect(shown.secondary).toBeGreaterThan(0);
    expect(shown.observed).toEqual({ state: 'shown', value: 20 });
  });

  it('with two lists and a small overlap, also hides what would give the overlap away by subtraction', () => {
    const shown = checkAgainstEveryConsistentTable(2, [0, 9, 8, 2]);
    expect(shown.pairs[0][1]).toEqual({ state: 'small' });
    expect(shown.lists.some((list) => list.state === 'hidden')).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('protects every small count and combination of a random three-list table (seed %i)', (seed) => {
    checkAgainstEveryConsistentTable(3, randomTable(3, 16, seed));
  });

  // Nine people in four lists are mostly too few to show anything (see the next test); these
  // seeds are tables the rule does protect.
  it.each([3, 7, 13, 23])('protects a random four-list table of nine people (seed %i)', { timeout: 60_000 }, (seed) => {
    checkAgainstEveryConsistentTable(4, randomTable(4, 9, seed));
  });

  it('refuses, rather than leaks, when a handful of people cannot be protected at all', () => {
    // Eight people in four lists: even with every list and pair hidden, "<5" on the first pair
    // could be narrowed down.
    expect(() => suppressCounts(4, randomTable(4, 8, 11))).toThrow(UnprotectableError);
  });

  it('never hides the number linked, and handles ten lists quickly', () => {
    const cells = randomTable(10, 300, 42);
    const started = Date.now();
    const shown = suppressCounts(10, cells);
    expect(shown.observed).toEqual({ state: 'shown', value: 300 });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('linkedMayBeShown (comparing choices of sources in one period)', () => {
  /** Every table with a total near `total` (the period's total is not shown), all cells 1…2^k−1. */
  function* nearbyTables(cellCount: number, total: number, spread: number): Generator<number[]> {
    for (let n = Math.max(0, total - spread); n <= total + spread; n++) yield* tables(cellCount, n);
  }

  // Sixteen people in three lists: seeds where some choices' numbers are shown and some refused.
  it.each([4, 5, 6, 17, 37])('after every choice of three sources in turn, no small figure can be worked out (seed %i)', { timeout: 60_000 }, (seed) => {
    const k = 3;
    const cells = randomTable(k, 16, seed);
    const period = suppressCounts(k, cells, { everybodyKnown: false });
    const shownChoices: number[] = [];
    for (const choice of [0b011, 0b101, 0b110, 0b111]) {
      if (linkedMayBeShown(k, cells, period, shownChoices, choice).shown) shownChoices.push(choice);
    }
    const smallCounts: number[] = [];
    for (let i = 0; i < k; i++) {
      if (countOf(cells, 1 << i) < SMALL_COUNT) smallCounts.push(1 << i);
      for (let j = i + 1; j < k; j++) if (countOf(cells, (1 << i) | (1 << j)) < SMALL_COUNT) smallCounts.push((1 << i) | (1 << j));
    }
    // Groups a reader must not pin: every cell, "on i and not on j" for each pair, and every
    // combination of each choice whose number linked was shown; those with 1–4 people.
    const groupsOf: number[][] = cells.map((_, cell) => [cell]).slice(1);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) groupsOf.push(cells.flatMap((_, cell) => (cell & (1 << i) && !(cell & (1 << j)) ? [cell] : [])));
    for (const choice of shownChoices) {
      for (let combination = choice; combination > 0; combination = (combination - 1) & choice) groupsOf.push(cells.flatMap((_, cell) => (cell > 0 && (cell & choice) === combination ? [cell] : [])));
    }
    const sumOf = (table: number[], group: number[]) => group.reduce((sum, cell) => sum + table[cell], 0);
    const smallGroups = groupsOf.filter((group) => sumOf(cells, group) >= 1 && sumOf(cells, group) < SMALL_COUNT);
    const countValues = new Map(smallCounts.map((mask) => [mask, new Set<number>()]));
    const groupRange = new Map(smallGroups.map((group) => [group, { low: Infinity, high: -Infinity }]));
    const agrees = (full: number[], mask: number, shown: Shown) => {
      const value = countOf(full, mask);
      return shown.state === 'shown' ? value === shown.value : shown.state === 'small' ? value < SMALL_COUNT : value >= SMALL_COUNT;
    };
    for (const table of nearbyTables((1 << k) - 1, countOf(cells, 0), 4)) {
      const full = [0, ...table];
      let fits = shownChoices.every((choice) => unionOf(full, choice) === unionOf(cells, choice));
      for (let i = 0; fits && i < k; i++) {
        fits = agrees(full, 1 << i, period.lists[i]);
        for (let j = i + 1; fits && j < k; j++) fits = agrees(full, (1 << i) | (1 << j), period.pairs[i][j]);
      }
      if (!fits) continue;
      for (const mask of smallCounts) countValues.get(mask)!.add(countOf(full, mask));
      for (const [group, range] of groupRange) {
        range.low = Math.min(range.low, sumOf(full, group));
        range.high = Math.max(range.high, sumOf(full, group));
      }
    }
    for (const [mask, values] of countValues) expect([...values].sort(), `count ${mask} of ${cells.join(',')}`).toEqual([0, 1, 2, 3, 4]);
    for (const [group, range] of groupRange) expect(range.high - range.low, `cells ${group.join('+')} of ${cells.join(',')}`).toBeGreaterThanOrEqual(SMALL_COUNT - 1);
    // The check is not empty: some number linked was shown, so the enumeration had it to work with.
    expect(shownChoices.length, cells.join(',')).toBeGreaterThan(0);
  });

  it('shows a choice whose number adds nothing, and refuses one that would pin a small combination', () => {
    // Four lists; only "list 3 and no other" is small (2 people).
    const cells = [0, 30, 20, 6, 25, 9, 5, 6, 2, 6, 7, 5, 7, 5, 5, 5];
    const period = suppressCounts(4, cells, { everybodyKnown: false });
    expect(period.lists.every((list) => list.state === 'shown')).toBe(true);
    expect(linkedMayBeShown(4, cells, period, [], 0b1111).shown).toBe(true);
    expect(linkedMayBeShown(4, cells, period, [], 0b0111).shown).toBe(true);
    // Everybody minus the first three lists' number = the 2.
    expect(linkedMayBeShown(4, cells, period, [0b1111], 0b0111).shown).toBe(false);
    expect(linkedMayBeShown(4, cells, period, [0b0111], 0b1111).shown).toBe(false);
    // A choice already shown is shown again.
    expect(linkedMayBeShown(4, cells, period, [0b1111], 0b1111).shown).toBe(true);
  });

  /**
   * The exact range of `cells` (people in them together) over real-valued tables that agree with
   * the period's shown list totals and pair overlaps and the numbers linked of `unions`: two
   * linear programs of its own, as the audit did before it kept its programs' tables.
   */
  function exactRange(k: number, table: number[], period: SuppressedCounts, unions: number[], cells: number[]): number {
    const all = Array.from({ length: (1 << k) - 1 }, (_, i) => i + 1);
    const vars = (test: (cell: number) => boolean) => all.filter(test).map((cell) => ({ name: `x${cell}`, coef: 1 }));
    const bounds = (shown: Shown, value: number) =>
      shown.state === 'shown' ? { type: glpk.GLP_FX, lb: value, ub: value } : shown.state === 'small' ? { type: glpk.GLP_DB, lb: 0, ub: SMALL_COUNT - 1 } : { type: glpk.GLP_LO, lb: SMALL_COUNT, ub: 0 };
    const rows: { name: string; vars: { name: string; coef: number }[]; bnds: { type: number; lb: number; ub: number } }[] = [];
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const mask = (1 << i) | (1 << j);
        rows.push({ name: `m${mask}`, vars: vars((cell) => (cell & mask) === mask), bnds: bounds(period.pairs[i][j], countOf(table, mask)) });
      }
    }
    for (const union of unions) rows.push({ name: `u${union}`, vars: vars((cell) => (cell & union) !== 0), bnds: { type: glpk.GLP_FX, lb: unionOf(table, union), ub: unionOf(table, union) } });
    const solve = (direction: number) =>
      glpk.solve(
        {
          name: 'reference',
          objective: { direction, name: 'target', vars: cells.map((cell) => ({ name: `x${cell}`, coef: 1 })) },
          subjectTo: rows,
          bounds: all.map((cell) => ({ name: `x${cell}`, type: glpk.GLP_DB, lb: 0, ub: 1_000_000 })),
        },
        { msglev: glpk.GLP_MSG_OFF },
      ).result.z;
    return solve(glpk.GLP_MAX) - solve(glpk.GLP_MIN);
  }

  // The audit settles most figures with the tables its other programs found; its answers must be
  // those of two exact programs per figure. Four and five sources, one choice after another.
  it.each([[4, 1, 9], [4, 2, 14], [4, 21, 14], [4, 35, 14], [5, 3, 9], [5, 4, 14], [5, 5, 9], [5, 18, 9]])('answers as the exact range of every figure would (%i sources, seed %i, %i people per source)', (k, seed, perSource) => {
    const cells = randomTable(k, perSource * k, seed);
    const period = suppressCounts(k, cells, { everybodyKnown: false });
    const everyCell = Array.from({ length: (1 << k) - 1 }, (_, i) => i + 1);
    const size = (group: number[]) => group.reduce((sum, cell) => sum + cells[cell], 0);
    const combinationsOf = (choice: number) => {
      const groups: number[][] = [];
      for (let combination = choice; combination > 0; combination = (combination - 1) & choice) groups.push(everyCell.filter((cell) => (cell & choice) === combination));
      return groups;
    };
    const pairDifferences: number[][] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) pairDifferences.push(everyCell.filter((cell) => (cell & (1 << i)) !== 0 && (cell & (1 << j)) === 0));
    const smallCountMasks: number[] = [];
    for (let i = 0; i < k; i++) for (let j = i; j < k; j++) if (countOf(cells, (1 << i) | (1 << j)) < SMALL_COUNT) smallCountMasks.push((1 << i) | (1 << j));
    const known: number[] = [];
    const answers: boolean[] = [];
    const full = (1 << k) - 1;
    for (const choice of [full, full & ~1, 0b11, full & ~2, 0b101, full >> 1, full & ~4]) {
      const unions = [...new Set([...known, choice])];
      const groups = [...everyCell.map((cell) => [cell]), ...pairDifferences, ...unions.flatMap(combinationsOf)].filter((group) => size(group) >= 1 && size(group) < SMALL_COUNT);
      // A small count is open when it can be 0 and 4; any other figure when it ranges over five values.
      const open =
        groups.every((group) => exactRange(k, cells, period, unions, group) >= SMALL_COUNT - 1 - 1e-6) &&
        smallCountMasks.every((mask) => {
          const under = everyCell.filter((cell) => (cell & mask) === mask);
          return exactRange(k, cells, period, unions, under) >= SMALL_COUNT - 1 - 1e-6;
        });
      const answer = linkedMayBeShown(k, cells, period, known, choice).shown;
      expect(answer, `choice ${choice.toString(2)} of ${cells.join(',')}`).toBe(open);
      answers.push(answer);
      if (answer) known.push(choice);
    }
    // Both answers occur, so the comparison is not one-sided.
    expect(answers, cells.join(',')).toContain(true);
  });

  it('handles a period with ten sources quickly', () => {
    const cells = randomTable(10, 300, 42);
    const started = Date.now();
    const period = suppressCounts(10, cells, { everybodyKnown: false });
    linkedMayBeShown(10, cells, period, [0b1111111111, 0b0000011111], 0b1111100000);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
