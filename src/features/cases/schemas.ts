/** The case contract: inputs for every action on a case and the shapes the API answers with. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Timestamp } from '../../platform/api/types.js';
import { formCheckbox, optionalText, strictNumber, text } from '../../platform/http/validation.js';
import { cprProblem, normaliseCpr } from '../inquiries/identity.js';
import { ClockOut, Version } from '../inquiries/schemas.js';

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const today = () => DateTime.now().setZone('Europe/Copenhagen').toISODate()!;

export const PERSON_ROLES = ['subject', 'relative', 'controller', 'other'] as const;
export const PROTECTIONS = ['none', 'address_protection', 'no_fixed_address'] as const;
export const RELATIONS = ['father', 'mother', 'sibling', 'spouse_partner', 'extended_family_dk', 'family_abroad', 'peer', 'community', 'other'] as const;
export const CONSENT_STATUSES = ['not_asked', 'given', 'refused', 'not_required'] as const;
export const CLOSE_REASONS = ['goal_reached', 'moved', 'declined', 'transferred_outside', 'no_concern', 'other'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const RISK_LEVELS = [0, 1, 2, 3] as const;

export const CaseDetailsInput = z.object({
  situation: optionalText(8000).describe('The situation in brief.'),
  consentStatus: z.enum(CONSENT_STATUSES, { error: 'validation.invalidChoice' }).describe('Consent to share information.'),
  version: Version,
}).strict();

const cprNumber = z.string().trim().superRefine((value, context) => {
  const problem = cprProblem(value, today());
  if (problem) context.addIssue({ code: 'custom', message: problem });
}).transform(normaliseCpr);

export const PersonInput = z.object({
  role: z.enum(PERSON_ROLES, { error: 'validation.invalidChoice' }),
  name: text(200),
  cpr: z.preprocess(emptyToUndefined, cprNumber.optional()).describe('CPR number (optional).'),
  address: optionalText(300).describe('Hidden for a protected person.'),
  protection: z.preprocess((value) => (value === undefined || value === '' ? 'none' : value), z.enum(PROTECTIONS, { error: 'validation.invalidChoice' })).describe('Address protection or "uden fast bopæl": limits the case to named users.'),
  note: optionalText(2000),
}).strict();
export type PersonInput = z.output<typeof PersonInput>;

/** An empty text (a form field left blank) is an explicit "clear": null, not "left out". */
const emptyToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const KEEP_OR_CLEAR = 'Leave out to keep the current value; null or "" clears it.';

/**
 * A change to a person. Unlike a new person, a left-out optional field keeps its current value:
 * a client may not be able to read it back (a protected person's address answers as null), and
 * must not erase it by omission. Null or an empty string clears the field; a page form always
 * sends every field, so an emptied field there clears it too.
 */
export const PersonUpdate = z.object({
  name: text(200),
  cpr: z.preprocess(emptyToNull, cprNumber.nullable().optional()).describe(`CPR number. ${KEEP_OR_CLEAR} Changing it changes the birth date with it.`),
  address: z.preprocess(emptyToNull, text(300).nullable().optional()).describe(`Address (hidden for a protected person, where the case answers \`"address": null\`). ${KEEP_OR_CLEAR}`),
  protection: z.enum(PROTECTIONS, { error: 'validation.invalidChoice' }).optional().describe('Address protection or "uden fast bopæl" (limits the case to named users); "none" lifts it. Leave out to keep the current protection.'),
  note: z.preprocess(emptyToNull, text(2000).nullable().optional()).describe(`Note. ${KEEP_OR_CLEAR}`),
  version: Version,
}).strict().describe('A left-out optional field keeps its current value (a client that cannot read a hidden address does not erase it); null or "" clears it.');
export type PersonUpdate = z.output<typeof PersonUpdate>;

/** Posted by the JSON API: `controls` is a JSON boolean, anything else ("yes", 1) is refused. */
export const RelationInput = z.object({
  fromPersonId: z.uuid({ error: 'cases.relation.personNotOnCase' }),
  toPersonId: z.uuid({ error: 'cases.relation.personNotOnCase' }),
  relation: z.enum(RELATIONS, { error: 'validation.invalidChoice' }),
  controls: z.boolean({ error: 'cases.relation.controlsBoolean' }).default(false).describe('Whether this person exerts control over the other: true or false (default false).'),
}).strict();
export type RelationInput = z.output<typeof RelationInput>;

/** The page's form: the same relation, with the checkbox as a form sends it ("on" or absent). */
export const RelationForm = RelationInput.extend({ controls: formCheckbox }).strict();

export const RiskInput = z.object({
  level: strictNumber(z.coerce.number({ error: 'validation.invalidChoice' }).int().refine((value) => [0, 1, 2, 3].includes(value), 'validation.invalidChoice')),
  reason: text(2000),
}).strict();

export const NoteInput = z.object({ body: text(20000) }).strict();
export const NoteUpdate = z.object({ body: text(20000), version: Version }).strict();

export const TaskInput = z.object({
  title: text(300),
  dueDate: z.iso.date({ error: 'validation.invalidDate' }),
  ownerUserId: z.preprocess(emptyToUndefined, z.uuid({ error: 'validation.invalidChoice' }).optional()),
}).strict();
export const TaskUpdate = z.object({
  status: z.enum(TASK_STATUSES, { error: 'validation.invalidChoice' }).optional(),
  ownerUserId: z.uuid({ error: 'validation.invalidChoice' }).optional().describe('A new owner: a user who can work the case.'),
  version: Version,
}).strict().refine((input) => input.status !== undefined || input.ownerUserId !== undefined, { message: 'validation.required', path: ['status'] });
export const TaskOwnerInput = z.object({ ownerUserId: z.uuid({ error: 'validation.invalidChoice' }), version: Version }).strict();

export const DoNotInput = z.object({ text: text(500) }).strict();

export const NamedUserInput = z.object({ userId: z.uuid({ error: 'validation.invalidChoice' }) }).strict();

export const HandoverInput = z.object({
  kind: z.enum(['share', 'transfer'], { error: 'validation.invalidChoice' }),
  teamId: z.uuid({ error: 'cases.handover.teamRequired' }),
  access: z.preprocess(emptyToUndefined, z.enum(['read', 'write'], { error: 'validation.invalidChoice' }).optional()).describe('For a share: read or write.'),
  situation: text(8000),
  done: text(8000).describe('What has been done so far.'),
  contacts: text(4000).describe('Who to contact, and how.'),
  consentStatus: z.enum(CONSENT_STATUSES, { error: 'validation.invalidChoice' }),
  consentNote: optionalText(2000),
}).strict();
export type HandoverInput = z.output<typeof HandoverInput>;

/** A share's new level; the receiving team acknowledged the handover summary when it was shared. */
export const ShareAccessInput = z.object({
  access: z.enum(['read', 'write'], { error: 'validation.invalidChoice' }).describe('The new level: read, or read and write.'),
  version: Version,
}).strict();

export const ATTACHMENT_REMOVAL_REASON_MAX = 500;
export const AttachmentRemovalInput = z.object({
  reason: text(ATTACHMENT_REMOVAL_REASON_MAX).describe('Why the attachment is removed (kept encrypted; the file itself is erased).'),
}).strict();

export const AcknowledgeInput = z.object({ acknowledged: formCheckbox.refine((value) => value, 'cases.handover.mustAcknowledge') }).strict();

export const CloseInput = z.object({
  reason: z.enum(CLOSE_REASONS, { error: 'cases.close.reasonRequired' }),
  outcome: text(4000),
  aftercare: formCheckbox.describe('Schedule aftercare follow-ups (efterværn) as tasks.'),
  version: Version,
}).strict();

export const ReopenInput = z.object({ reason: text(2000), version: Version }).strict();

export const CaseSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  subjectName: z.string().nullable(),
  ownerTeamName: z.string(),
  access: z.enum(['owner', 'write', 'read', 'pending_transfer']),
  riskLevel: z.number().int().nullable(),
  protected: z.boolean(),
  lastActivityAt: Timestamp,
});
export type CaseSummary = z.input<typeof CaseSummary>;

export const PersonOut = z.object({
  id: z.uuid(), role: z.enum(PERSON_ROLES), name: z.string(), cpr: z.string().nullable(), birthDate: z.string().nullable(),
  address: z.string().nullable().describe('Null when hidden (protected person).'), addressHidden: z.boolean(),
  protection: z.enum(PROTECTIONS), note: z.string().nullable(), version: z.number().int(),
});
export const RelationOut = z.object({ id: z.uuid(), fromPersonId: z.uuid(), toPersonId: z.uuid(), relation: z.enum(RELATIONS), controls: z.boolean() });
export const RiskOut = z.object({ level: z.number().int(), reason: z.string(), assessmentId: z.uuid().nullable(), recordedAt: Timestamp, recordedByName: z.string().nullable() });
export const NoteOut = z.object({ id: z.uuid(), body: z.string(), authorName: z.string().nullable(), createdAt: Timestamp, editedAt: Timestamp.nullable(), version: z.number().int() });
export const TaskOut = z.object({
  id: z.uuid(), caseId: z.uuid(), caseReference: z.string().optional(), title: z.string(), dueDate: z.string(), status: z.enum(TASK_STATUSES), source: z.string(),
  ownerUserId: z.uuid().nullable(), ownerName: z.string().nullable(), createdAt: Timestamp, version: z.number().int(),
});
export type TaskOut = z.input<typeof TaskOut>;
export const DoNotOut = z.object({ id: z.uuid(), text: z.string(), createdAt: Timestamp, version: z.number().int() });
export const EventOut = z.object({ id: z.number().int(), kind: z.string(), occurredAt: Timestamp, actorName: z.string().nullable(), details: z.record(z.string(), z.unknown()) });
export const AttachmentOut = z.object({ id: z.uuid(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), uploadedAt: Timestamp });

export const HandoverOut = z.object({
  id: z.uuid(), kind: z.enum(['share', 'transfer']), toTeamId: z.uuid(), toTeamName: z.string(), situation: z.string(),
  riskLevel: z.number().int().nullable(), riskAssessedAt: Timestamp.nullable(), done: z.string(), openTasks: z.array(z.object({ title: z.string(), dueDate: z.string() })),
  contacts: z.string(), doNot: z.array(z.string()), consentStatus: z.enum(CONSENT_STATUSES), consentNote: z.string().nullable(),
  createdAt: Timestamp, createdByName: z.string().nullable(), acknowledgedByMe: z.boolean(),
}).meta({ id: 'Handover' });
export type HandoverOut = z.input<typeof HandoverOut>;

export const TransferOut = z.object({
  id: z.uuid(), caseId: z.uuid(), fromTeamId: z.uuid(), toTeamId: z.uuid(), status: z.enum(['pending', 'accepted', 'declined', 'withdrawn']),
  handoverId: z.uuid(), requestedAt: Timestamp, decidedAt: Timestamp.nullable(), version: z.number().int(),
}).meta({ id: 'Transfer' });
export type TransferOut = z.input<typeof TransferOut>;

/** The transfer waiting on a case, with the receiving team's name (shown on the case page). */
export const PendingTransferOut = TransferOut.extend({ toTeamName: z.string() }).meta({ id: 'PendingTransfer' });

export const ShareOut = z.object({ id: z.uuid(), teamId: z.uuid(), teamName: z.string(), access: z.enum(['read', 'write']), grantedAt: Timestamp, version: z.number().int() });

export const CaseDetail = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  access: z.enum(['owner', 'write', 'read', 'pending_transfer']),
  ownerTeamId: z.uuid(),
  ownerTeamName: z.string(),
  ageGroup: z.string(),
  sourceSector: z.string(),
  protected: z.boolean(),
  situation: z.string().nullable(),
  consentStatus: z.enum(CONSENT_STATUSES),
  riskLevel: z.number().int().nullable(),
  riskAssessedAt: Timestamp.nullable(),
  childAssessmentStartedAt: Timestamp.nullable(),
  childAssessmentCompletedAt: Timestamp.nullable(),
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  closeReason: z.string().nullable(),
  closeOutcome: z.string().nullable(),
  doNot: z.array(DoNotOut),
  persons: z.array(PersonOut),
  relations: z.array(RelationOut),
  riskHistory: z.array(RiskOut),
  notes: z.array(NoteOut),
  tasks: z.array(TaskOut),
  attachments: z.array(AttachmentOut),
  timeline: z.array(EventOut),
  clocks: z.array(ClockOut),
  shares: z.array(ShareOut),
  pendingTransfer: PendingTransferOut.nullable(),
  inquiries: z.array(z.object({ id: z.uuid(), reference: z.string(), receivedAt: Timestamp })),
  namedUsers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  version: z.number().int(),
}).meta({ id: 'Case' });
export type CaseDetail = z.input<typeof CaseDetail>;
