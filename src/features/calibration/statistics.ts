/**
 * A round's agreement figures, computed with the same library as `selvbestemt agreement`
 * (src/stats/agreement): the answers are counted per vignette, variable and value in one SQL
 * aggregate, and each variable's counts go through `summarizeAgreement`, exactly as the CSV
 * command's counts do. The result is cached per round and recomputed when a new answer
 * arrives (docs/decisions/0203-calibration-statistics.md).
 */
import type { Tx } from '../../db/database.js';
import { PROFESSIONAL_GROUPS } from '../../platform/access/roles.js';
import { lowestAgreementFirst, summarizeAgreement, type AgreementSummary, type SubjectAgreement, type SubjectCounts } from '../../stats/agreement/index.js';
import { DOMAIN_KEYS, RED_FLAG_KEYS } from '../screening/instrument/definition.js';

/** The variables a round measures, in the order of the SQL array (1-based ordinality). */
export const VARIABLES = [
  ...DOMAIN_KEYS.map((key) => ({ key, kind: 'domain' as const, metric: 'ordinal' as const })),
  ...RED_FLAG_KEYS.map((key) => ({ key, kind: 'red_flag' as const, metric: 'nominal' as const })),
  { key: 'level', kind: 'level' as const, metric: 'ordinal' as const },
];
export type Variable = (typeof VARIABLES)[number];
const LEVEL_INDEX = VARIABLES.length - 1;

/** Groups with fewer raters than this are not shown on their own (small-number suppression). */
export const MIN_GROUP_RATERS = 3;

/** The figures of one variable; `perSubject` is kept for the level only (what the page shows). */
export type VariableSummary = Omit<AgreementSummary, 'perSubject'> & { key: string; kind: Variable['kind']; metric: Variable['metric'] };

export interface GroupSummary {
  group: string;
  raters: number;
  /** The figures for the final level; null when the group has too few raters to show. */
  level: VariableSummary | null;
  /** Every variable for the group, null when suppressed. */
  variables: VariableSummary[] | null;
}

export interface RoundStatistics {
  answers: number;
  raters: number;
  subjects: number;
  variables: VariableSummary[];
  /** Vignettes (round vignette ids) with the lowest agreement on the level first. */
  vignettesLowestFirst: SubjectAgreement[];
  groups: GroupSummary[];
  /** How often each step was chosen per domain, over all vignettes. */
  domainDistribution: { key: string; value: number; count: number }[];
}

interface CountRow {
  subject: string;
  group: string;
  variable: number;
  value: number;
  count: number;
}

/**
 * One pass over the round's answers: for every variable and every value it can take, a filtered
 * count per vignette and professional group (8 × 4 + 6 × 2 + 4 = 48 counts per row). For
 * 200,000 answers that is one scan, instead of unnesting three million single ratings.
 */
const VALUES_OF: number[][] = VARIABLES.map((v) => (v.kind === 'red_flag' ? [0, 1] : [0, 1, 2, 3]));
const COLUMN_OF = (variable: number, value: number) => `c_${variable}_${value}`;
const COUNTS_SQL = `select round_vignette_id::text as subject, professional_group as "group", ${VARIABLES.map((v, index) => {
  const expression = v.kind === 'domain' ? `ratings[${index + 1}]` : v.kind === 'red_flag' ? `red_flags[${index + 1 - DOMAIN_KEYS.length}]` : 'final_level';
  return VALUES_OF[index].map((value) => `count(*) filter (where ${expression} = ${value})::int as ${COLUMN_OF(index + 1, value)}`).join(', ');
}).join(', ')}
  from calibration_answers where round_id = $1 group by 1, 2`;

/** The wide rows of COUNTS_SQL as (subject, group, variable, value, count) rows; zero counts left out. */
function countRows(rows: Record<string, string | number>[]): CountRow[] {
  const out: CountRow[] = [];
  for (const row of rows) {
    VARIABLES.forEach((_, index) => {
      for (const value of VALUES_OF[index]) {
        const count = Number(row[COLUMN_OF(index + 1, value)]);
        if (count > 0) out.push({ subject: String(row.subject), group: String(row.group), variable: index + 1, value, count });
      }
    });
  }
  return out;
}

const RATERS_SQL = `select professional_group as "group", count(distinct user_id)::int as raters, count(*)::int as answers
  from calibration_answers where round_id = $1 group by 1`;

type Table = Map<number, Map<string, Map<number, number>>>;

function addTo(table: Table, row: CountRow): void {
  let subjects = table.get(row.variable);
  if (!subjects) table.set(row.variable, (subjects = new Map()));
  let counts = subjects.get(row.subject);
  if (!counts) subjects.set(row.subject, (counts = new Map()));
  counts.set(row.value, (counts.get(row.value) ?? 0) + row.count);
}

function summarize(table: Table, variableIndex: number, raters: number, answers: number): AgreementSummary {
  const subjects: SubjectCounts[] = [...(table.get(variableIndex + 1) ?? new Map<string, Map<number, number>>())].map(([subject, counts]) => ({
    subject,
    counts,
    ratings: [...counts.values()].reduce((a, b) => a + b, 0),
  }));
  return summarizeAgreement({ subjects, raters, ratings: answers });
}

function variableSummaries(table: Table, raters: number, answers: number): { variables: VariableSummary[]; level: AgreementSummary } {
  let level: AgreementSummary | null = null;
  const variables = VARIABLES.map((variable, index) => {
    const summary = summarize(table, index, raters, answers);
    if (index === LEVEL_INDEX) level = summary;
    const { perSubject: _perSubject, ...figures } = summary;
    return { ...figures, key: variable.key, kind: variable.kind, metric: variable.metric };
  });
  return { variables, level: level! };
}

/** Computes every figure of a round from its answers. */
export async function computeRoundStatistics(tx: Tx, roundId: string): Promise<RoundStatistics> {
  const counts = countRows((await tx.query<Record<string, string | number>>(COUNTS_SQL, [roundId])).rows);
  const { rows: raterRows } = await tx.query<{ group: string; raters: number; answers: number }>(RATERS_SQL, [roundId]);
  const overall: Table = new Map();
  const byGroup = new Map<string, Table>();
  for (const row of counts) {
    addTo(overall, row);
    let table = byGroup.get(row.group);
    if (!table) byGroup.set(row.group, (table = new Map()));
    addTo(table, row);
  }
  // A rater belongs to one group, so the groups' rater counts add up to the whole.
  const raters = raterRows.reduce((sum, r) => sum + r.raters, 0);
  const answers = raterRows.reduce((sum, r) => sum + r.answers, 0);
  const { variables, level } = variableSummaries(overall, raters, answers);

  const groups: GroupSummary[] = PROFESSIONAL_GROUPS.flatMap((group): GroupSummary[] => {
    const row = raterRows.find((r) => r.group === group);
    if (!row) return [];
    if (row.raters < MIN_GROUP_RATERS) return [{ group, raters: row.raters, level: null, variables: null }];
    const summaries = variableSummaries(byGroup.get(group)!, row.raters, row.answers).variables;
    return [{ group, raters: row.raters, level: summaries[LEVEL_INDEX], variables: summaries }];
  });

  const domainDistribution: RoundStatistics['domainDistribution'] = [];
  DOMAIN_KEYS.forEach((key, index) => {
    const perValue = new Map<number, number>();
    for (const countsOfSubject of overall.get(index + 1)?.values() ?? []) {
      for (const [value, count] of countsOfSubject) perValue.set(value, (perValue.get(value) ?? 0) + count);
    }
    for (const value of [0, 1, 2, 3]) domainDistribution.push({ key, value, count: perValue.get(value) ?? 0 });
  });

  return {
    answers,
    raters,
    subjects: level.subjects,
    variables,
    vignettesLowestFirst: lowestAgreementFirst(level.perSubject),
    groups,
    domainDistribution,
  };
}

/**
 * The round's statistics from the cache when no answer has arrived since they were computed,
 * else computed now and cached. `answersVersion` is the round's current counter.
 */
export async function roundStatistics(tx: Tx, tenantId: string, roundId: string, answersVersion: number): Promise<RoundStatistics> {
  const cached = await tx.query<{ stats: RoundStatistics }>(
    'select stats from calibration_round_stats where round_id = $1 and answers_version = $2',
    [roundId, answersVersion],
  );
  if (cached.rows[0]) return cached.rows[0].stats;
  const stats = await computeRoundStatistics(tx, roundId);
  await tx.query(
    `insert into calibration_round_stats (round_id, tenant_id, answers_version, stats) values ($1, $2, $3, $4)
     on conflict (round_id) do update set answers_version = excluded.answers_version, stats = excluded.stats, computed_at = now()
       where calibration_round_stats.answers_version < excluded.answers_version`,
    [roundId, tenantId, answersVersion, JSON.stringify(stats)],
  );
  return stats;
}
