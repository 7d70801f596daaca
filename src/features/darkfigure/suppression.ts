/**
 * Small-number suppression for the hidden-number page and its exports
 * (docs/decisions/0402-darkfigure-suppression.md).
 *
 * The page shows counts of people: how many were linked in all, how many each source saw (list
 * totals) and how many every pair of sources has in common (pair overlaps). Underneath lies the
 * capture-history table: how many people have exactly each combination of sources. The rule:
 *
 *  1. Primary: a shown count of 0–4 people is shown as "<5".
 *  2. Secondary: a reader who knows every shown figure must not be able to narrow a "<5" count
 *     to fewer than the values 0–4, nor narrow the number of people with a combination of
 *     sources that has 1–4 people (e.g. "on the school's and SSP's lists and no other") to
 *     fewer than five possible values. A linear-programming audit (GLPK) checks exactly that
 *     against all tables consistent with the shown figures; while it fails, further counts are
 *     hidden ("–", known only to be 5 or more), smallest and most closely related first. The
 *     number of people linked in all is never hidden (the page is meaningless without it, and
 *     the estimates would give it away). When even hiding every other count cannot protect a
 *     small figure (a handful of people in all), {@link UnprotectableError} is thrown and the
 *     page shows nothing.
 *
 * The audit is the LP relaxation (real-valued tables), as statistical offices' tools do it: it
 * may call a table protected when only a fractional table reaches the bound, never the reverse.
 */
import GLPK from 'glpk.js/node';

const glpk = await GLPK();

/** Counts below this are suppressed. */
export const SMALL_COUNT = 5;
const LARGEST_SMALL = SMALL_COUNT - 1;
const EPSILON = 1e-6;
/** More people than any combination of sources can hold (the audit's programs need a bound). */
const CEILING = 1_000_000;

/** The figures are too few to show any of them safely. */
export class UnprotectableError extends Error {
  constructor() {
    super('suppression: the counts cannot be protected');
    this.name = 'UnprotectableError';
  }
}

/** How one count is shown. */
export type Shown =
  | { state: 'shown'; value: number }
  /** Primary suppression: 0–4, shown as "<5". */
  | { state: 'small' }
  /** Secondary suppression: 5 or more, hidden so that a small count cannot be worked out. */
  | { state: 'hidden' };

/** Every count the page shows, after suppression. */
export interface SuppressedCounts {
  /** People linked in all (on at least one chosen list). */
  observed: Shown;
  /** People per list, in list order. */
  lists: Shown[];
  /** People on both lists of a pair; `pairs[i][j]` for i ≠ j (symmetric), `pairs[i][i]` is the list total. */
  pairs: Shown[][];
  /** How many counts were hidden by the secondary rule. */
  secondary: number;
  /** How many linear programs the audit solved (for figures and tests). */
  linearPrograms: number;
}

/** A shown count by the set of lists it covers: 0 = everybody, one bit = a list, two bits = a pair. */
type CountMask = number;
type State = 'shown' | 'small' | 'hidden';

/**
 * Applies the rule to the counts of a capture-history table. Throws {@link UnprotectableError}
 * when no choice of hidden counts protects every small figure.
 * @param k number of lists (2–10)
 * @param cells people per capture history, indexed by bit mask (index 0 unused)
 */
export function suppressCounts(k: number, cells: ArrayLike<number>, options: { everybodyKnown?: boolean } = {}): SuppressedCounts {
  // A period's table over every source is audited without its number of people linked in all:
  // nobody is shown that number unless she chooses every source, and then linkedMayBeShown decides.
  const masks = options.everybodyKnown === false ? shownMasks(k).filter((mask) => mask !== 0) : shownMasks(k);
  const value = (mask: CountMask) => countOf(cells, mask);
  const state = new Map<CountMask, State>(masks.map((mask) => [mask, value(mask) < SMALL_COUNT ? 'small' : 'shown']));
  const audit = new Audit(k, cells, state);
  let secondary = 0;
  const protect = (target: Target) => {
    while (!audit.protects(target)) {
      const next = hideCandidate(masks, state, value, target);
      if (next === null) throw new UnprotectableError();
      state.set(next, 'hidden');
      secondary++;
    }
  };
  const smallMasks = masks.filter((m) => state.get(m) === 'small');
  // A period's pairs can each be chosen on their own: "on list i, not on list j" (n_i − n_ij) is
  // then a combination of the choice, so one of 1–4 people must stay as open as any.
  const groups = options.everybodyKnown === false ? [...smallCells(cells).map(cellGroup), ...smallPairDifferences(k, cells)] : smallCells(cells).map(cellGroup);
  // Most targets are settled by a few programs together; each is then checked on its own (a
  // settled one without a program: hiding only loosens, so what was seen stays consistent).
  audit.settle([...smallMasks.map((mask) => countGroup(k, mask)), ...groups]);
  for (const mask of smallMasks) protect({ kind: 'count', mask });
  for (const group of groups) protect({ kind: 'group', ...group });
  const shown = (mask: CountMask): Shown => {
    const s = state.get(mask) ?? 'shown';
    return s === 'shown' ? { state: 'shown', value: value(mask) } : { state: s };
  };
  const lists = Array.from({ length: k }, (_, i) => shown(1 << i));
  const pairs = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? lists[i] : shown((1 << i) | (1 << j)))));
  return { observed: shown(0), lists, pairs, secondary, linearPrograms: audit.solved };
}

/**
 * Whether the number of people linked by a choice of sources may be shown (decision 0402,
 * "Comparing queries"). The number linked is the one figure that differs between choices of
 * sources for the same period, and the numbers linked of every choice together determine the
 * whole table. So it is shown only when the audit still protects every small figure of the
 * period's table after adding it to what is already known: the period's list totals and pair
 * overlaps as `counts` shows them, and the numbers linked already shown for other choices.
 * @param k sources in the period's table
 * @param cells the period's table
 * @param counts the period's suppressed counts (from `suppressCounts(k, cells, { everybodyKnown: false })`)
 * @param known masks (over the period's sources) of the choices whose number linked has been shown
 * @param chosen mask of the chosen sources
 */
export function linkedMayBeShown(k: number, cells: ArrayLike<number>, counts: SuppressedCounts, known: readonly number[], chosen: number): { shown: boolean; linearPrograms: number } {
  const state = new Map<CountMask, State>();
  for (let i = 0; i < k; i++) {
    state.set(1 << i, counts.lists[i].state);
    for (let j = i + 1; j < k; j++) state.set((1 << i) | (1 << j), counts.pairs[i][j].state);
  }
  const choices = [...new Set([...known, chosen])];
  const audit = new Audit(k, cells, state, choices);
  const smallCounts = [...state].filter(([, s]) => s === 'small').map(([mask]) => countGroup(k, mask));
  // Every combination of a choice whose number linked is known (its own table, as its page
  // shows it) must stay as open as a "<5", not only the period's finest combinations.
  const groups = [...smallCounts, ...smallCells(cells).map(cellGroup), ...smallPairDifferences(k, cells), ...choices.flatMap((choice) => smallChoiceCells(k, cells, choice))];
  const shown = audit.unprotectedGroups(groups, { firstOnly: true }).length === 0;
  return { shown, linearPrograms: audit.solved };
}

/** People on at least one list of `mask`. */
export function unionOf(cells: ArrayLike<number>, mask: number): number {
  let total = 0;
  for (let cell = 1; cell < cells.length; cell++) if ((cell & mask) !== 0) total += cells[cell];
  return total;
}

/** The counts the page shows: everybody, each list, each pair. */
function shownMasks(k: number): CountMask[] {
  const masks: CountMask[] = [0];
  for (let i = 0; i < k; i++) masks.push(1 << i);
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) masks.push((1 << i) | (1 << j));
  return masks;
}

/** People on every list of `mask` (everybody for mask 0). */
export function countOf(cells: ArrayLike<number>, mask: CountMask): number {
  let total = 0;
  for (let cell = 1; cell < cells.length; cell++) if ((cell & mask) === mask) total += cells[cell];
  return total;
}

/**
 * A group of people a reader must not pin down: the people of some cells of the table together
 * (one cell, or a combination of a coarser choice of sources), with `near` the lists it is about.
 */
interface Group {
  cells: number[];
  near: CountMask;
}

type Target = { kind: 'count'; mask: CountMask } | ({ kind: 'group' } & Group);

function cellGroup(cell: number): Group {
  return { cells: [cell], near: cell };
}

/** The people a list total or pair overlap counts, as a group. */
function countGroup(k: number, mask: CountMask): Group {
  return { cells: cellsWhere((1 << k) - 1, (cell) => (cell & mask) === mask), near: mask };
}

/** The cells 1…cellCount that pass `test`. */
function cellsWhere(cellCount: number, test: (cell: number) => boolean): number[] {
  const found: number[] = [];
  for (let cell = 1; cell <= cellCount; cell++) if (test(cell)) found.push(cell);
  return found;
}

/** The group, if it holds 1–4 people. */
function ifSmall(cells: ArrayLike<number>, group: Group): Group[] {
  const value = group.cells.reduce((sum, cell) => sum + cells[cell], 0);
  return value >= 1 && value <= LARGEST_SMALL ? [group] : [];
}

/** "On list i and not on list j" for every pair, where that is 1–4 people. */
function smallPairDifferences(k: number, cells: ArrayLike<number>): Group[] {
  const groups: Group[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const under = cellsWhere(cells.length - 1, (cell) => (cell & (1 << i)) !== 0 && (cell & (1 << j)) === 0);
      groups.push(...ifSmall(cells, { cells: under, near: (1 << i) | (1 << j) }));
    }
  }
  return groups;
}

/** The combinations of a choice of lists (people seen by exactly those of the chosen lists) with 1–4 people. */
function smallChoiceCells(k: number, cells: ArrayLike<number>, choice: number): Group[] {
  const groups: Group[] = [];
  for (let combination = choice; combination > 0; combination = (combination - 1) & choice) {
    groups.push(...ifSmall(cells, { cells: cellsWhere(cells.length - 1, (cell) => (cell & choice) === combination), near: choice }));
  }
  return groups;
}

/** Combinations of sources with 1–4 people: nobody may narrow them to fewer than five values. */
function smallCells(cells: ArrayLike<number>): number[] {
  return cellsWhere(cells.length - 1, (cell) => cells[cell] >= 1 && cells[cell] <= LARGEST_SMALL);
}

/**
 * The next count to hide for a target that is not yet protected: a shown list total or pair
 * overlap that shares a list with the target, the smallest first; failing that, any shown one.
 * Hiding only ever enlarges the set of tables a reader must consider, so targets already
 * protected stay protected.
 */
function hideCandidate(masks: CountMask[], state: Map<CountMask, State>, value: (mask: CountMask) => number, target: Target): CountMask | null {
  const targetMask = target.kind === 'count' ? target.mask : target.near;
  const open = masks.filter((mask) => mask !== 0 && state.get(mask) === 'shown');
  const byValue = (a: CountMask, b: CountMask) => value(a) - value(b) || a - b;
  const related = open.filter((mask) => (mask & targetMask) !== 0).sort(byValue);
  if (related.length > 0) return related[0];
  return open.sort(byValue)[0] ?? null;
}

interface LpRow {
  name: string;
  vars: { name: string; coef: number }[];
  bnds: { type: number; lb: number; ub: number };
}

/**
 * What a reader knows, as linear constraints on a table x ≥ 0, and the questions we ask of it.
 *
 * Every program's optimal table is itself a table consistent with what is shown, and so is the
 * true table. The audit keeps them all ("witnesses"): a figure that ranges over five or more
 * values among the witnesses is protected without a program of its own. With ten sources a
 * program has 1,023 unknowns and takes tens of milliseconds, and a year has hundreds of small
 * combinations; most are settled by the witnesses of a few programs that move many of them at
 * once. The answers are the same as with two programs per figure: a range seen among consistent
 * tables is within the exact range, and a figure not settled so gets its exact programs.
 * Hiding a count only loosens the constraints, so the witnesses stay consistent for the
 * audit's lifetime.
 */
class Audit {
  solved = 0;
  private readonly cellCount: number;
  private readonly bounds: { name: string; type: number; lb: number; ub: number }[];
  /** The constraints as last built, and the states they were built from. */
  private built: { key: string; rows: LpRow[] } | null = null;
  /** Consistent tables found so far, indexed by cell (index 0 unused); the true table first. */
  private readonly witnesses: Float64Array[];

  constructor(
    private readonly k: number,
    private readonly cells: ArrayLike<number>,
    private readonly state: Map<CountMask, State>,
    /** Choices of lists (masks) whose number of people on at least one of them is known. */
    private readonly unions: readonly number[] = [],
  ) {
    this.cellCount = (1 << k) - 1;
    // A ceiling no combination reaches keeps every program bounded (a period's table shows no
    // number linked in all, and GLPK reports an unbounded maximum only as "undefined").
    this.bounds = Array.from({ length: this.cellCount }, (_, i) => ({ name: `x${i + 1}`, type: glpk.GLP_DB, lb: 0, ub: CEILING }));
    this.witnesses = [Float64Array.from({ length: this.cellCount + 1 }, (_, cell) => (cell === 0 ? 0 : cells[cell]))];
  }

  /** Whether the target is protected against everything shown now. */
  protects(target: Target): boolean {
    if (target.kind === 'group') {
      // The consistent tables must leave it at least as open as a "<5": five or more values.
      if (this.rangeSeen(target.cells)) return true;
      const vars = cellVars(target.cells);
      const lowest = this.optimum(vars, glpk.GLP_MIN);
      if (this.seen(target.cells).high - lowest >= LARGEST_SMALL - EPSILON) return true;
      return this.optimum(vars, glpk.GLP_MAX) - lowest >= LARGEST_SMALL - EPSILON;
    }
    const value = countOf(this.cells, target.mask);
    const under = this.cellsUnder(target.mask);
    const vars = cellVars(under);
    const seen = this.seen(under);
    // "<5" must stay consistent with every value 0–4; the true table already reaches its own value.
    if (value > 0 && seen.low > EPSILON && this.optimum(vars, glpk.GLP_MIN) > EPSILON) return false;
    if (value < LARGEST_SMALL && seen.high < LARGEST_SMALL - EPSILON && this.optimum(vars, glpk.GLP_MAX) < LARGEST_SMALL - EPSILON) return false;
    return true;
  }

  /**
   * The groups that are not protected (with `firstOnly`, at most the first found): those that
   * {@link settle} leaves open get programs of their own.
   */
  unprotectedGroups(groups: Group[], options: { firstOnly?: boolean } = {}): Group[] {
    const unprotected: Group[] = [];
    for (const group of this.settle(groups)) {
      if (this.protects({ kind: 'group', ...group })) continue;
      unprotected.push(group);
      if (options.firstOnly) break;
    }
    return unprotected;
  }

  /**
   * Finds consistent tables that leave many groups five or more values at once, and returns the
   * groups still not seen to be open: one table with all of them as small as possible, then, in
   * turn, one with as many as possible four people above the least seen for them and one with
   * as many as possible four below the most seen, while that settles any. (A small count is a
   * group too: bounded to 0–4 by what is shown, it is open when it ranges over five values.)
   */
  settle(groups: Group[]): Group[] {
    let open = groups.filter((group) => !this.rangeSeen(group.cells));
    if (open.length > 1) {
      this.optimum(cellVars([...new Set(open.flatMap((group) => group.cells))]), glpk.GLP_MIN);
      open = open.filter((group) => !this.rangeSeen(group.cells));
    }
    for (let direction = glpk.GLP_MAX, stalled = 0; open.length > 1 && stalled < 2; direction = direction === glpk.GLP_MAX ? glpk.GLP_MIN : glpk.GLP_MAX) {
      this.spread(open, direction);
      const left = open.filter((group) => !this.rangeSeen(group.cells));
      stalled = left.length === open.length ? stalled + 1 : 0;
      open = left;
    }
    return open;
  }

  /**
   * A consistent table with as many groups as possible four people away from what was seen:
   * upwards (GLP_MAX) maximise Σ s_g with 0 ≤ s_g ≤ 4 and group_g − s_g ≥ least seen; downwards
   * maximise Σ s_g with group_g + s_g ≤ most seen.
   */
  private spread(groups: Group[], direction: number): void {
    const up = direction === glpk.GLP_MAX;
    const extra: LpRow[] = groups.map((group, g) => {
      const seen = this.seen(group.cells);
      return {
        name: `spread${g}`,
        vars: [...cellVars(group.cells), { name: `s${g}`, coef: up ? -1 : 1 }],
        bnds: up ? { type: glpk.GLP_LO, lb: seen.low, ub: 0 } : { type: glpk.GLP_UP, lb: 0, ub: seen.high },
      };
    });
    const steps = groups.map((_, g) => ({ name: `s${g}`, type: glpk.GLP_DB, lb: 0, ub: LARGEST_SMALL }));
    this.optimum(steps.map(({ name }) => ({ name, coef: 1 })), glpk.GLP_MAX, extra, steps);
  }

  /** The least and most people in `cells` among the consistent tables found so far. */
  private seen(cells: number[]): { low: number; high: number } {
    let low = Infinity;
    let high = -Infinity;
    for (const table of this.witnesses) {
      let people = 0;
      for (const cell of cells) people += table[cell];
      low = Math.min(low, people);
      high = Math.max(high, people);
    }
    return { low, high };
  }

  /** Whether the consistent tables found so far already leave `cells` five or more values. */
  private rangeSeen(cells: number[]): boolean {
    const { low, high } = this.seen(cells);
    return high - low >= LARGEST_SMALL - EPSILON;
  }

  private cellsUnder(mask: CountMask): number[] {
    return cellsWhere(this.cellCount, (cell) => (cell & mask) === mask);
  }

  private constraints(): LpRow[] {
    const key = [...this.state.values()].join();
    if (this.built?.key === key) return this.built.rows;
    const rows: LpRow[] = [];
    for (const [mask, state] of this.state) {
      const vars = cellVars(this.cellsUnder(mask));
      const value = countOf(this.cells, mask);
      const bnds =
        state === 'shown'
          ? { type: glpk.GLP_FX, lb: value, ub: value }
          : state === 'small'
            ? { type: glpk.GLP_DB, lb: 0, ub: LARGEST_SMALL }
            : { type: glpk.GLP_LO, lb: SMALL_COUNT, ub: 0 };
      rows.push({ name: `m${mask}`, vars, bnds });
    }
    for (const union of this.unions) {
      const under = cellsWhere(this.cellCount, (cell) => (cell & union) !== 0);
      const value = unionOf(this.cells, union);
      rows.push({ name: `u${union}`, vars: cellVars(under), bnds: { type: glpk.GLP_FX, lb: value, ub: value } });
    }
    this.built = { key, rows };
    return rows;
  }

  private optimum(objective: { name: string; coef: number }[], direction: number, extraRows: LpRow[] = [], extraBounds: typeof this.bounds = []): number {
    this.solved++;
    const subjectTo = extraRows.length > 0 ? [...this.constraints(), ...extraRows] : this.constraints();
    const bounds = extraBounds.length > 0 ? [...this.bounds, ...extraBounds] : this.bounds;
    const result = glpk.solve(
      { name: 'suppression-audit', objective: { direction, name: 'target', vars: objective }, subjectTo, bounds },
      { msglev: glpk.GLP_MSG_OFF },
    );
    // The true table is always feasible, and every cell is bounded.
    if (result.result.status !== glpk.GLP_OPT) throw new Error(`suppression: GLPK status ${result.result.status}`);
    const table = new Float64Array(this.cellCount + 1);
    for (let cell = 1; cell <= this.cellCount; cell++) table[cell] = result.result.vars[`x${cell}`] ?? 0;
    this.witnesses.push(table);
    return result.result.z;
  }
}

function cellVars(cells: number[]): { name: string; coef: number }[] {
  return cells.map((cell) => ({ name: `x${cell}`, coef: 1 }));
}

/** The text of a shown count: the number, "<5", or "–" (hidden). */
export function shownText(shown: Shown, format: (value: number) => string): string {
  if (shown.state === 'shown') return format(shown.value);
  return shown.state === 'small' ? `<${SMALL_COUNT}` : '–';
}
