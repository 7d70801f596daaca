/**
 * Finding a case or an inquiry by name, CPR number or reference number. Names are matched on
 * keyed hashes of folded name tokens (tolerant of case, æ/ø/å and "aa"; see
 * docs/decisions/0111-name-search.md), CPR numbers on their keyed hash, references exactly.
 * Row-level security limits every candidate to what the user may see, and the query filters by
 * the same team rule, so a case outside the user's access is never revealed — not even by a
 * count. The audit row records the kind of search and the number of hits, never the query.
 */
import { z } from 'zod';
import { selectLists } from '../../db/lists.js';
import { authorize } from '../../platform/access/policy.js';
import type { Scope } from '../../platform/http/scope.js';
import { cprHash, cprProblem, nameQueryTokens, normaliseCpr, unseal } from '../inquiries/identity.js';
import { casePolicy } from '../cases/policy.js';
import { parseReference } from '../inquiries/reference.js';

export const SearchQuery = z.object({ q: z.string().trim().max(200, 'validation.tooLong').describe('Name, CPR number or reference (e.g. S-2025-00042).') });

export const SearchHit = z.object({
  kind: z.enum(['case', 'inquiry']),
  id: z.uuid(),
  reference: z.string(),
  name: z.string().nullable(),
  status: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export type SearchKind = 'cpr' | 'reference' | 'name' | 'empty';

export function classify(q: string): SearchKind {
  const trimmed = q.trim();
  if (trimmed === '') return 'empty';
  if (parseReference(trimmed)) return 'reference';
  if (/^\d{6}[\s-]?\d{4}$/.test(trimmed)) return 'cpr';
  return 'name';
}

const LIMIT = 50;
/**
 * At most this many rows of each kind match before access is checked: search is for finding a
 * person, and a query as broad as a common surname is answered with the first matches and a
 * request to narrow it (`truncated`), not by reading thousands of records.
 */
const CANDIDATES = 100;

export async function search(scope: Scope, q: string): Promise<{ kind: SearchKind; hits: SearchHit[]; truncated: boolean }> {
  const actor = scope.user();
  authorize(casePolicy, actor, 'list', null, { entityType: 'case' });
  const kind = classify(q);
  if (kind === 'empty') return { kind, hits: [], truncated: false };
  const tenantId = scope.tenant.id;
  // Candidates come first from the index that fits the query (GIN on name tokens, or the CPR
  // hash, or the reference), materialised and capped, so the planner never walks every case of
  // the team checking each one; access is then checked on that short list.
  let caseCandidates: string;
  let inquiryCandidates: string;
  let param: unknown;
  if (kind === 'reference') {
    param = parseReference(q);
    caseCandidates = 'select c0.id as case_id from cases c0 where c0.tenant_id = $1 and c0.reference = $3';
    inquiryCandidates = 'select i0.id from inquiries i0 where i0.tenant_id = $1 and i0.reference = $3';
  } else if (kind === 'cpr') {
    const cpr = normaliseCpr(q);
    param = cprProblem(cpr) === 'inquiries.cpr.format' ? '' : cprHash(scope.deps, tenantId, cpr);
    caseCandidates = 'select p0.case_id from case_persons p0 where p0.tenant_id = $1 and p0.cpr_hash = $3';
    inquiryCandidates = 'select i0.id from inquiries i0 where i0.tenant_id = $1 and i0.cpr_hash = $3';
  } else {
    const tokens = nameQueryTokens(scope.deps, tenantId, q);
    if (tokens.length === 0) return { kind, hits: [], truncated: false };
    param = tokens;
    // Through the index, ids only (migrations 0104, 0109); access is checked below as for any query.
    caseCandidates = `select k0 as case_id from unsafe_case_ids_by_name_tokens($1, $2, $3::text[], ${CANDIDATES}) as k0`;
    inquiryCandidates = `select i0 as id from unsafe_inquiry_ids_by_name_tokens($1, $2, $3::text[], ${CANDIDATES}) as i0`;
  }
  // The candidates go in as an array of ids, looked up by primary key. (A join with them lets a
  // generic plan of the prepared statement hash-join against every inquiry of the team
  // instead: seconds at 100,000 inquiries.) Both lists come back in one statement.
  const lists = await selectLists<{
    cases: { id: string; reference: string; status: string; subjectId: string | null; nameEnc: string | null };
    inquiries: { id: string; reference: string; status: string; nameEnc: string | null };
  }>(scope.tx, {
    cases: { sql: `select c.id, c.reference, c.status, p.id as "subjectId", p.name_enc as "nameEnc"
                     from cases c
                     left join case_persons p on p.case_id = c.id and p.role = 'subject'
                    where c.id = any (array(select distinct k.case_id from (${caseCandidates} limit ${CANDIDATES}) k))
                      and c.tenant_id = $1
                      and (c.owner_team_id = $2 or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = $2 and s.revoked_at is null))
                    order by c.status, c.last_activity_at desc limit ${LIMIT}` },
    inquiries: { sql: `select i.id, i.reference, i.status, i.subject_name_enc as "nameEnc" from inquiries i
                        where i.id = any (array(select k.id from (${inquiryCandidates} limit ${CANDIDATES}) k))
                          and i.tenant_id = $1 and i.team_id = $2 and i.case_id is null
                        order by i.received_at desc limit ${LIMIT}` },
  }, [tenantId, actor.teamId, param]);
  const hits: SearchHit[] = [
    ...lists.cases.map((row) => ({ kind: 'case' as const, id: row.id, reference: row.reference, status: row.status,
      name: row.subjectId && row.nameEnc ? unseal(scope.deps, 'personal-data', tenantId, row.subjectId, 'name', row.nameEnc) : null })),
    ...lists.inquiries.map((row) => ({ kind: 'inquiry' as const, id: row.id, reference: row.reference, status: row.status,
      name: row.nameEnc ? unseal(scope.deps, 'personal-data', tenantId, row.id, 'name', row.nameEnc) : null })),
  ];
  const truncated = lists.cases.length === LIMIT || lists.inquiries.length === LIMIT;
  await scope.audit({ action: 'case.search', entityType: 'case', details: { kind, hits: hits.length } });
  return { kind, hits, truncated };
}
