/** Cases in the JSON API: reading, working, handing over (shares and transfers), closing. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import { api, FileAnswerSchema } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import { AccessDeniedError, AppError } from '../../platform/http/errors.js';
import { CASE_ROLES } from '../inquiries/policy.js';
import { PathId } from '../inquiries/schemas.js';
import { search, SearchHit, SearchQuery } from '../search/search.js';
import { addAttachment, MAX_ATTACHMENT_BYTES, readAttachment, readUploadedFile, removeAttachment } from './attachments.js';
import { acceptTransfer, acknowledgeHandover, changeShareAccess, endTransfer, getHandoverForMe, handOver, revokeShare } from './handover.js';
import {
  AcknowledgeInput, AttachmentRemovalInput, CaseDetail, CaseDetailsInput, CaseSummary, CloseInput, DoNotInput, HandoverInput, HandoverOut, NamedUserInput, NoteInput, NoteUpdate, PersonInput, PersonUpdate,
  RelationInput, ReopenInput, RiskInput, ShareAccessInput, TaskInput, TaskOut, TaskUpdate, TransferOut,
} from './schemas.js';
import { createTask, listMyTasks, updateTask } from './tasks.js';
import { versionField } from '../../platform/http/validation.js';
import {
  addDoNot, addNamedUser, addNote, addPerson, addRelation, caseDetail, closeCase, completeChildAssessment, fetchCase, listCases, recordRiskLevel, removeDoNot, removeNamedUser, reopenCase,
  startChildAssessment, updateCaseDetails, updateNote, updatePerson,
} from './use-cases.js';

const IdParams = z.object({ id: PathId.describe('The case id.') });
const ChildParams = z.object({ id: PathId.describe('The case id.'), childId: PathId.describe('The item id.') });
const WRITE = { auth: 'user', roles: ['adviser', 'caseworker', 'manager'] } as const;
const READ = { auth: 'user', roles: CASE_ROLES } as const;
const tags = ['cases'];
const Ok = z.object({ ok: z.literal(true) });
const Created = z.object({ id: z.uuid() });
const VersionBody = z.object({ version: versionField }).strict();
const HandoverBody = HandoverInput.omit({ kind: true }).strict();
const ok = { ok: true as const };

export function registerCaseApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/cases', operationId: 'listCases', tags, summary: 'Cases your team owns or has been shared',
    access: READ, query: z.object({ status: z.enum(['open', 'closed', 'all']).optional() }).strict(), response: z.object({ cases: z.array(CaseSummary) }),
  }, async (scope, { query }) => ({ cases: await listCases(scope, { status: query.status }) }));

  api(app, deps, {
    method: 'GET', url: '/api/v1/cases/:id', operationId: 'getCase', tags, errors: [409],
    summary: 'Get a case (audited read)', description: 'A user whose team received the case by a handover must first read and acknowledge the summary (`GET /api/v1/cases/{id}/handover`); until then this answers 409.',
    access: READ, params: IdParams, response: CaseDetail,
  }, async (scope, { params }) => {
    const fetched = await fetchCase(scope, params.id);
    const loaded = fetched?.loaded;
    if (loaded && !loaded.resource.protectedAndNotNamed && (loaded.resource.needsAck || loaded.access === 'pending_transfer')) {
      throw new AppError('conflict', 'cases.handover.mustAcknowledge');
    }
    if (!fetched) throw new AccessDeniedError({ action: 'case.read', entityType: 'case', entityId: params.id });
    return caseDetail(scope, fetched);
  });

  api(app, deps, {
    method: 'PUT', url: '/api/v1/cases/:id', operationId: 'updateCase', tags, errors: [409], summary: 'Change the situation summary and consent status',
    access: WRITE, params: IdParams, body: CaseDetailsInput, response: Ok,
  }, async (scope, { params, body }) => { await updateCaseDetails(scope, params.id, body); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/persons', operationId: 'addPerson', tags, status: 201, summary: 'Add a person (subject, relative, controller, other); a protection limits the case to named users',
    access: WRITE, params: IdParams, body: PersonInput, response: Created,
  }, async (scope, { params, body }) => ({ id: await addPerson(scope, params.id, body) }));

  api(app, deps, {
    method: 'PUT', url: '/api/v1/cases/:id/persons/:childId', operationId: 'updatePerson', tags, errors: [409], summary: 'Change a person',
    access: WRITE, params: ChildParams, body: PersonUpdate, response: Ok,
  }, async (scope, { params, body }) => { await updatePerson(scope, params.id, params.childId, body); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/relations', operationId: 'addRelation', tags, status: 201, summary: 'Relate two persons on the case',
    access: WRITE, params: IdParams, body: RelationInput, response: Created,
  }, async (scope, { params, body }) => ({ id: await addRelation(scope, params.id, body) }));

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/risk-levels', operationId: 'recordRiskLevel', tags, status: 201, summary: 'Record a risk level (0–3) with its reason; the history keeps every level',
    access: WRITE, params: IdParams, body: RiskInput, response: Ok,
  }, async (scope, { params, body }) => { await recordRiskLevel(scope, params.id, body); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/notes', operationId: 'addNote', tags, status: 201, summary: 'Write a note (encrypted at rest)',
    access: WRITE, params: IdParams, body: NoteInput, response: Created,
  }, async (scope, { params, body }) => ({ id: await addNote(scope, params.id, body.body) }));

  api(app, deps, {
    method: 'PUT', url: '/api/v1/cases/:id/notes/:childId', operationId: 'updateNote', tags, errors: [409], summary: 'Edit a note (version checked)',
    access: WRITE, params: ChildParams, body: NoteUpdate, response: Ok,
  }, async (scope, { params, body }) => { await updateNote(scope, params.id, params.childId, body); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/tasks', operationId: 'createTask', tags, status: 201, summary: 'Create a task (due date not before today)',
    access: WRITE, params: IdParams, body: TaskInput, response: Created,
  }, async (scope, { params, body }) => ({ id: await createTask(scope, params.id, body) }));

  api(app, deps, {
    method: 'PUT', url: '/api/v1/cases/:id/tasks/:childId', operationId: 'updateTask', tags, errors: [409], summary: "Change a task's status, its owner, or both",
    access: WRITE, params: ChildParams, body: TaskUpdate, response: Ok,
  }, async (scope, { params, body }) => { await updateTask(scope, params.id, params.childId, body); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/do-not', operationId: 'addDoNot', tags, status: 201, summary: 'Add to the "do not" list',
    access: WRITE, params: IdParams, body: DoNotInput, response: Created,
  }, async (scope, { params, body }) => ({ id: await addDoNot(scope, params.id, body.text) }));

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/do-not/:childId/remove', operationId: 'removeDoNot', tags, errors: [409], summary: 'Remove from the "do not" list',
    access: WRITE, params: ChildParams, body: VersionBody, response: Ok,
  }, async (scope, { params, body }) => { await removeDoNot(scope, params.id, params.childId, body.version); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/named-users', operationId: 'addNamedUser', tags, errors: [409], summary: 'Name a user on a protected case',
    access: WRITE, params: IdParams, body: NamedUserInput, response: Ok,
  }, async (scope, { params, body }) => { await addNamedUser(scope, params.id, body.userId); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/named-users/:childId/remove', operationId: 'removeNamedUser', tags, errors: [409],
    summary: "Take a named user off a protected person's case (not yourself: a colleague does it)",
    access: WRITE, params: ChildParams.extend({ childId: PathId.describe('The named user id.') }), response: Ok,
  }, async (scope, { params }) => { await removeNamedUser(scope, params.id, params.childId); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/child-assessment/start', operationId: 'startChildAssessment', tags, errors: [409], summary: 'Start the child assessment and its 4-month clock',
    access: WRITE, params: IdParams, body: VersionBody, response: Ok,
  }, async (scope, { params, body }) => { await startChildAssessment(scope, params.id, body.version); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/child-assessment/complete', operationId: 'completeChildAssessment', tags, errors: [409], summary: 'Complete the child assessment',
    access: WRITE, params: IdParams, body: VersionBody, response: Ok,
  }, async (scope, { params, body }) => { await completeChildAssessment(scope, params.id, body.version); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/shares', operationId: 'shareCase', tags, status: 201, errors: [409], summary: 'Share the case with another team (read or write) with a handover summary',
    access: WRITE, params: IdParams, body: HandoverBody, response: z.object({ shareId: z.uuid(), handoverId: z.uuid() }),
  }, async (scope, { params, body }) => {
    const result = await handOver(scope, params.id, { ...body, kind: 'share' });
    return { shareId: result.shareId!, handoverId: result.handoverId };
  });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/shares/:childId/revoke', operationId: 'revokeShare', tags, errors: [409], summary: 'Revoke a share',
    access: WRITE, params: ChildParams, body: VersionBody, response: Ok,
  }, async (scope, { params, body }) => { await revokeShare(scope, params.id, params.childId, body.version); return ok; });

  api(app, deps, {
    method: 'PUT', url: '/api/v1/cases/:id/shares/:childId', operationId: 'changeShareAccess', tags, errors: [409],
    summary: "Change an active share's access between read and write (version checked)",
    description: 'No new handover summary: the receiving team acknowledged one when the case was shared. The change applies from the next request.',
    access: WRITE, params: ChildParams.extend({ childId: PathId.describe('The share id.') }), body: ShareAccessInput, response: Ok,
  }, async (scope, { params, body }) => { await changeShareAccess(scope, params.id, params.childId, body); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/transfers', operationId: 'transferCase', tags, status: 201, errors: [409],
    summary: 'Transfer the case to another team with a handover summary', description: 'Ownership moves when the receiving team accepts (`POST /api/v1/transfers/{id}/accept`).',
    access: WRITE, params: IdParams, body: HandoverBody, response: z.object({ transferId: z.uuid(), handoverId: z.uuid() }),
  }, async (scope, { params, body }) => {
    const result = await handOver(scope, params.id, { ...body, kind: 'transfer' });
    return { transferId: result.transferId!, handoverId: result.handoverId };
  });

  const TransferParams = z.object({ id: PathId.describe('The transfer id.') });
  api(app, deps, {
    method: 'POST', url: '/api/v1/transfers/:id/accept', operationId: 'acceptTransfer', tags, errors: [409],
    summary: 'Accept a transfer (you confirm you have read the handover summary)', access: WRITE, params: TransferParams, body: AcknowledgeInput, response: TransferOut,
  }, async (scope, { params, body }) => acceptTransfer(scope, params.id, body));

  api(app, deps, {
    method: 'POST', url: '/api/v1/transfers/:id/decline', operationId: 'declineTransfer', tags, summary: 'Decline a transfer', access: WRITE, params: TransferParams, response: Ok,
  }, async (scope, { params }) => { await endTransfer(scope, params.id, 'declined'); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/transfers/:id/withdraw', operationId: 'withdrawTransfer', tags, errors: [409], summary: 'Withdraw a transfer (the owning team)', access: WRITE, params: TransferParams, response: Ok,
  }, async (scope, { params }) => { await endTransfer(scope, params.id, 'withdrawn'); return ok; });

  api(app, deps, {
    method: 'GET', url: '/api/v1/cases/:id/handover', operationId: 'getHandover', tags, summary: 'The latest handover summary addressed to your team',
    access: READ, params: IdParams, response: z.object({ handover: HandoverOut, transferId: z.uuid().nullable() }),
  }, async (scope, { params }) => {
    const found = await getHandoverForMe(scope, params.id);
    if (!found) throw new AppError('not_found', 'error.notFound.text');
    return found;
  });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/handover/acknowledge', operationId: 'acknowledgeHandover', tags, summary: 'Acknowledge the handover summary (required before working the case)',
    access: READ, params: IdParams, body: AcknowledgeInput, response: Ok,
  }, async (scope, { params }) => { await acknowledgeHandover(scope, params.id); return ok; });

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/close', operationId: 'closeCase', tags, errors: [409], summary: 'Close with a reason and an outcome; optionally schedule aftercare tasks',
    access: WRITE, params: IdParams, body: CloseInput, response: z.object({ aftercareTasks: z.number().int() }),
  }, async (scope, { params, body }) => closeCase(scope, params.id, body));

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/reopen', operationId: 'reopenCase', tags, errors: [409], summary: 'Reopen a closed case',
    access: WRITE, params: IdParams, body: ReopenInput, response: Ok,
  }, async (scope, { params, body }) => { await reopenCase(scope, params.id, body); return ok; });

  api(app, deps, {
    method: 'GET', url: '/api/v1/tasks', operationId: 'listMyTasks', tags, summary: 'Your open tasks', access: READ, response: z.object({ tasks: z.array(TaskOut) }),
  }, async (scope) => ({ tasks: await listMyTasks(scope) }));

  api(app, deps, {
    method: 'GET', url: '/api/v1/search', operationId: 'search', tags, summary: 'Search by name, CPR number or reference, within your access',
    access: READ, query: SearchQuery.strict(),
    response: z.object({ hits: z.array(SearchHit), truncated: z.boolean().describe('True when the query matched more than is shown: narrow it (full name, CPR number or reference).') }),
  }, async (scope, { query }) => {
    const { hits, truncated } = await search(scope, query.q);
    return { hits, truncated };
  });

  // Attachments: a multipart upload (one file, 20 MB) and a download. The list is part of the case.
  void app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });
    api(scoped, deps, {
      method: 'POST', url: '/api/v1/cases/:id/attachments', operationId: 'addAttachment', tags, status: 201,
      summary: 'Attach a file (PDF, image, Office document or text; the type is checked by content, executables are refused)',
      access: WRITE, params: IdParams, response: Created,
      upload: { description: 'The file. Its name is kept (encrypted) and shown on the case.', maxBytes: MAX_ATTACHMENT_BYTES },
    }, async (scope, { params }, req) => ({ id: await addAttachment(scope, params.id, () => readUploadedFile(req, { api: true })) }));
  });

  api(app, deps, {
    method: 'GET', url: '/api/v1/cases/:id/attachments/:childId', operationId: 'getAttachment', tags,
    summary: 'Download an attachment (its media type as detected at upload, its name in Content-Disposition)',
    access: READ, params: ChildParams, response: FileAnswerSchema, download: { description: 'The file' },
  }, async (scope, { params }) => readAttachment(scope, params.id, params.childId));

  api(app, deps, {
    method: 'POST', url: '/api/v1/cases/:id/attachments/:childId/remove', operationId: 'removeAttachment', tags,
    summary: 'Remove an attachment with a reason: the file and its name are erased, the timeline keeps the removal',
    description: 'Removing an attachment that is already removed answers 400 and changes nothing; downloading a removed attachment answers 404.',
    access: WRITE, params: ChildParams.extend({ childId: PathId.describe('The attachment id.') }), body: AttachmentRemovalInput, response: Ok,
  }, async (scope, { params, body }) => { await removeAttachment(scope, params.id, params.childId, body.reason); return ok; });
}
