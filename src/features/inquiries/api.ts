/** Inquiries in the JSON API: what a school system calls to share a concern, and triage. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import { Timestamp } from '../../platform/api/types.js';
import type { AppDeps } from '../../platform/deps.js';
import { strictNumber } from '../../platform/http/validation.js';
import { listDeadlines } from '../clocks/deadlines.js';
import { CASE_ROLES, REPORTER_ROLES } from './policy.js';
import { PathId } from './schemas.js';
import { AnswerInput, ForwardInput, InboxItem, InquiryStatusView, InquiryView, LinkInput, StaffInquiryInput, VersionOnly } from './schemas.js';
import {
  answerInquiry, confirmReceipt, createInquiry, forwardInquiry, getInquiry, linkInquiry, listInbox, listMyReports, openCaseFromInquiry, recordAcuteAssessment,
} from './use-cases.js';

const IdParams = z.object({ id: PathId.describe('The inquiry id.') });
const TRIAGE = { auth: 'user', roles: ['adviser', 'caseworker'] } as const;
const tags = ['inquiries'];

export function registerInquiryApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries', operationId: 'createInquiry', tags, status: 201,
    summary: 'Share a concern (or ask anonymously)',
    description: 'What a school system calls. Leave out `identity` for an anonymous consultation. Any red flag makes the inquiry acute. Returns the reference number; afterwards the reporter sees only the status. Whether the person was reported before is shown to the receiving team only, never to the reporter.',
    access: { auth: 'user', roles: REPORTER_ROLES }, body: StaffInquiryInput, errors: [400],
    response: z.object({ id: z.uuid(), reference: z.string(), kind: z.enum(['concern', 'consultation', 'citizen']), acute: z.boolean() }),
  }, async (scope, { body }) => {
    const created = await createInquiry(scope, body);
    return { id: created.id, reference: created.reference, kind: created.kind, acute: created.acute };
  });

  api(app, deps, {
    method: 'GET', url: '/api/v1/inquiries/:id', operationId: 'getInquiry', tags,
    summary: 'Get an inquiry', description: 'The receiving team (and teams with access to its case) get the full view (`view: "full"`); the reporter gets the status view (`view: "status"`); anyone else 404.',
    access: { auth: 'user', roles: REPORTER_ROLES }, params: IdParams, response: InquiryView,
  }, async (scope, { params }) => getInquiry(scope, params.id));

  api(app, deps, {
    method: 'GET', url: '/api/v1/inquiries', operationId: 'listInquiries', tags,
    summary: "The team's triage inbox (`scope=inbox`, default for the unit) or your own reports (`scope=mine`)",
    access: { auth: 'user', roles: REPORTER_ROLES },
    query: z.object({
      scope: z.enum(['inbox', 'mine']).optional(),
      limit: strictNumber(z.coerce.number().int().min(1).max(500)).optional().describe('Inbox only: at most this many (default 200).'),
      offset: strictNumber(z.coerce.number().int().min(0).max(1_000_000)).optional().describe('Inbox only: skip this many, for paging (default 0).'),
    }).strict(),
    response: z.object({
      inbox: z.array(InboxItem).optional(),
      inboxTotal: z.number().int().optional().describe('Inbox only: how many wait in all.'),
      mine: z.array(InquiryStatusView).optional(),
    }),
  }, async (scope, { query }) => {
    const which = query.scope ?? (CASE_ROLES.includes(scope.user().role) ? 'inbox' : 'mine');
    if (which !== 'inbox') return { mine: await listMyReports(scope) };
    const { items, total } = await listInbox(scope, { limit: query.limit, offset: query.offset });
    return { inbox: items, inboxTotal: total };
  });

  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries/:id/acute-assessment', operationId: 'recordAcuteAssessment', tags, errors: [409],
    summary: 'Record that the acute assessment has been made (stops the 24-hour clock)', access: TRIAGE, params: IdParams, body: VersionOnly, response: z.object({ ok: z.literal(true) }),
  }, async (scope, { params, body }) => { await recordAcuteAssessment(scope, params.id, body.version); return { ok: true as const }; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries/:id/receipt-confirmation', operationId: 'confirmReceipt', tags, errors: [409],
    summary: 'Confirm receipt to the reporter (stops the 6-working-day clock; the reporter sees the date)', access: TRIAGE, params: IdParams, body: VersionOnly, response: z.object({ ok: z.literal(true) }),
  }, async (scope, { params, body }) => { await confirmReceipt(scope, params.id, body.version); return { ok: true as const }; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries/:id/answer', operationId: 'answerInquiry', tags, errors: [409],
    summary: 'Answer a consultation and close it', access: TRIAGE, params: IdParams, body: AnswerInput, response: z.object({ ok: z.literal(true) }),
  }, async (scope, { params, body }) => { await answerInquiry(scope, params.id, body); return { ok: true as const }; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries/:id/forward', operationId: 'forwardInquiry', tags, errors: [409],
    summary: 'Forward to another department', access: TRIAGE, params: IdParams, body: ForwardInput, response: z.object({ ok: z.literal(true) }),
  }, async (scope, { params, body }) => { await forwardInquiry(scope, params.id, body); return { ok: true as const }; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries/:id/link', operationId: 'linkInquiry', tags, errors: [409],
    summary: "Link to a case of your team about the same person (matched by CPR hash)", access: TRIAGE, params: IdParams, body: LinkInput, response: z.object({ ok: z.literal(true) }),
  }, async (scope, { params, body }) => { await linkInquiry(scope, params.id, body); return { ok: true as const }; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/inquiries/:id/case', operationId: 'openCaseFromInquiry', tags, status: 201, errors: [409],
    summary: 'Open a case from the inquiry (your team owns it)', access: TRIAGE, params: IdParams, body: VersionOnly, response: z.object({ caseId: z.uuid(), reference: z.string() }),
  }, async (scope, { params, body }) => openCaseFromInquiry(scope, params.id, body.version));

  api(app, deps, {
    method: 'GET', url: '/api/v1/deadlines', operationId: 'listDeadlines', tags: ['cases'],
    summary: "Your team's legal clocks that are overdue or due today", access: { auth: 'user', roles: CASE_ROLES },
    response: z.object({ deadlines: z.array(z.object({ ruleKey: z.string(), dueAt: Timestamp, inquiryId: z.uuid().nullable(), caseId: z.uuid().nullable(), reference: z.string(), overdue: z.boolean() })) }),
  }, async (scope) => ({ deadlines: await listDeadlines(scope) }));
}
