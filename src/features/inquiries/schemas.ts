/**
 * The inquiry contract: what a professional shares ("Del en bekymring"), what a school system
 * posts to the API, and what the citizen site hands over. Forms and JSON share these schemas.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Timestamp } from '../../platform/api/types.js';
import { formArray, optionalText, text, versionField } from '../../platform/http/validation.js';
import { cprProblem, normaliseCpr } from './identity.js';

/** Where an inquiry came from: the source lists of the hidden-number estimate (issue 6). */
export const SOURCE_SECTORS = ['school', 'daycare', 'health_visitor', 'child_welfare', 'job_centre', 'ssp_police', 'security_consultant', 'civil_society', 'citizen_site', 'other'] as const;
export type SourceSector = (typeof SOURCE_SECTORS)[number];

/** The report's eight forms of control (the screening instrument's domains). */
export const CONTROL_FORMS = ['education_work_leisure', 'social_digital', 'religion_expression', 'privacy', 'partner_choice', 'abuse', 'isolation_threats', 'generational_conflict'] as const;

/** Who exerts the control (the report's relation types, as the issue lists them). */
export const CONTROLLER_TYPES = ['father', 'mother', 'sibling', 'spouse_partner', 'extended_family_dk', 'family_abroad', 'peer', 'community'] as const;

/** Red flags: any one makes the inquiry acute. */
export const RED_FLAGS = ['threats', 'travel_abroad', 'forced_marriage', 'locked_in', 'fleeing', 'self_harm'] as const;

export const SUBJECT_AGE_GROUPS = ['child', 'young_adult', 'adult'] as const;
export const INQUIRY_KINDS = ['concern', 'consultation', 'citizen'] as const;
export const INQUIRY_STATUSES = ['received', 'being_handled', 'closed'] as const;

const todayCopenhagen = () => DateTime.now().setZone('Europe/Copenhagen').toISODate()!;

const cpr = z
  .string({ error: 'validation.required' })
  .trim()
  .superRefine((value, context) => {
    const problem = cprProblem(value, todayCopenhagen());
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseCpr);

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** The earliest date something can have been observed: older dates are typing errors (0000-01-01). */
export const OBSERVED_EARLIEST = '1900-01-01';

/** Who the concern is about. Leaving it out makes the inquiry an anonymous consultation. */
export const IdentityInput = z
  .object({
    name: text(200).describe("The person's full name."),
    cpr: z.preprocess(emptyToUndefined, cpr.optional()).describe('CPR number: 10 digits (DDMMYY-SSSS), a real date of birth not in the future.'),
    schoolOrWorkplace: optionalText(200).describe('School, day-care or workplace.'),
    district: optionalText(100).describe('District (bydel), e.g. Vollsmose.'),
  })
  .strict();
export type IdentityInput = z.infer<typeof IdentityInput>;

/**
 * Input of `createInquiry`. The citizen inbox calls it with `sourceSector: 'citizen_site'`, no
 * identity and free text; staff (a school system through `POST /api/v1/inquiries`, the form)
 * post the same shape without the citizen site's values: `StaffInquiryInput` below.
 */
export const InquiryInput = z
  .object({
    ageGroup: z.enum([...SUBJECT_AGE_GROUPS, 'unknown'], { error: 'inquiries.ageGroup.required' }).describe('child (< 18), young_adult (18–29), adult, or unknown (citizen site only).'),
    sourceSector: z.enum(SOURCE_SECTORS, { error: 'validation.invalidChoice' }).describe('Where the inquiry comes from.'),
    identity: IdentityInput.optional().describe('Leave out for an anonymous consultation (anonym sparring).'),
    forms: formArray(z.enum(CONTROL_FORMS, { error: 'validation.invalidChoice' })).describe('Forms of control observed.'),
    controllers: formArray(z.enum(CONTROLLER_TYPES, { error: 'validation.invalidChoice' })).describe('Who exerts the control.'),
    redFlags: formArray(z.enum(RED_FLAGS, { error: 'validation.invalidChoice' })).describe('Any red flag makes the inquiry acute.'),
    observedOn: z.preprocess(emptyToUndefined, z.iso.date({ error: 'validation.invalidDate' })
      .refine((date) => date >= OBSERVED_EARLIEST, 'inquiries.observedOn.tooEarly')
      .refine((date) => date <= todayCopenhagen(), 'inquiries.observedOn.future')
      .optional()).describe(`When it was observed (YYYY-MM-DD), from ${OBSERVED_EARLIEST} up to today. Returned as \`observedOn\` in the full view.`),
    description: text(8000).describe('What was seen or heard, in your own words.'),
    submissionKey: z.preprocess(emptyToUndefined, z.uuid({ error: 'validation.invalid' }).optional())
      .describe('A random UUID for this concern. Sending the same key again (a retry) returns the inquiry already made, not a second one.'),
  })
  .strict();
/**
 * What staff post, by the API (`POST /api/v1/inquiries`) and the form ("Del en bekymring"): the
 * same as `InquiryInput`, without the citizen site's own values. Only the citizen inbox, which
 * turns a citizen's conversation into an inquiry, uses `citizen_site` and the unknown age group;
 * staff claiming them would file a staff inquiry as a citizen's.
 */
export const StaffInquiryInput = InquiryInput.extend({
  ageGroup: z.enum(SUBJECT_AGE_GROUPS, { error: (issue) => (issue.input === 'unknown' ? 'inquiries.ageGroup.citizenSiteOnly' : 'inquiries.ageGroup.required') })
    .describe('child (< 18), young_adult (18–29) or adult. ("unknown" is for messages from the citizen site only.)'),
  sourceSector: z.enum(SOURCE_SECTORS).exclude(['citizen_site'], { error: (issue) => (issue.input === 'citizen_site' ? 'inquiries.sourceSector.citizenSiteOnly' : 'validation.invalidChoice') })
    .describe('Where the inquiry comes from. ("citizen_site" is set by the citizen site only.)'),
}).strict();

/** What `createInquiry` accepts (validated again inside with the schema above). */
export interface InquiryInput {
  ageGroup: (typeof SUBJECT_AGE_GROUPS)[number] | 'unknown';
  sourceSector: SourceSector;
  identity?: { name: string; cpr?: string; schoolOrWorkplace?: string; district?: string };
  forms?: (typeof CONTROL_FORMS)[number][];
  controllers?: (typeof CONTROLLER_TYPES)[number][];
  redFlags?: (typeof RED_FLAGS)[number][];
  observedOn?: string;
  description: string;
}
export type InquiryInputParsed = z.output<typeof InquiryInput>;

/**
 * The form's flat fields (`identify`, `identity.name`, …) mapped onto InquiryInput, so the page
 * and the API share one contract and the error paths match the form's field names.
 */
export const InquiryForm = z.preprocess((raw, ctx) => {
  const values = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  // "No" shares the concern anonymously and leaves out whatever the identity fields hold; only an
  // explicit yes sends them. Anything else is a question the form must ask again, never a silent
  // anonymous report with the typed name and CPR number thrown away.
  if (values.identify !== 'yes' && values.identify !== 'no') {
    ctx.addIssue({ code: 'custom', message: 'validation.invalidChoice', path: ['identify'], input: values.identify });
  }
  const identified = values.identify === 'yes';
  const { identify: _identify, _csrf: _token, sourceSector, ...rest } = values;
  const input: Record<string, unknown> = { sourceSector: sourceSector === '' ? undefined : sourceSector };
  const identity: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    // Every identity.* key goes to the (strict) identity object, so an unknown one is refused.
    if (key.startsWith('identity.')) identity[key.slice('identity.'.length)] = value;
    else input[key] = value;
  }
  if (identified) input.identity = identity;
  return input;
}, StaffInquiryInput);

/** What the reporter sees: the status of what she shared, never its content. */
export const InquiryStatusView = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(INQUIRY_STATUSES),
  receivedAt: Timestamp,
  receiptConfirmedAt: Timestamp.nullable(),
  handledAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  view: z.literal('status'),
}).meta({ id: 'InquiryStatus' });
export type InquiryStatusView = z.input<typeof InquiryStatusView>;

export const ClockOut = z.object({
  ruleKey: z.string(),
  startedAt: Timestamp,
  dueAt: Timestamp,
  stoppedAt: Timestamp.nullable(),
  state: z.enum(['running', 'due_today', 'overdue', 'met', 'met_late']),
});

/** The unit's full view. */
export const InquiryFullView = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: z.enum(INQUIRY_KINDS),
  status: z.enum(INQUIRY_STATUSES),
  outcome: z.string().nullable(),
  ageGroup: z.enum([...SUBJECT_AGE_GROUPS, 'unknown']),
  sourceSector: z.enum(SOURCE_SECTORS),
  teamId: z.uuid(),
  teamName: z.string(),
  reporterName: z.string().nullable(),
  identity: z.object({ name: z.string(), cpr: z.string().nullable(), schoolOrWorkplace: z.string().nullable(), district: z.string().nullable(), birthDate: z.string().nullable() }).nullable(),
  forms: z.array(z.string()),
  controllers: z.array(z.string()),
  redFlags: z.array(z.string()),
  acute: z.boolean(),
  observedOn: z.string().nullable(),
  description: z.string(),
  answer: z.string().nullable(),
  repeatOf: z.object({ id: z.uuid().nullable(), reference: z.string().nullable(), receivedAt: Timestamp.nullable() }).nullable()
    .describe('An earlier inquiry about the same person within 12 months; id, reference and date only when the reader may see it.'),
  caseId: z.uuid().nullable(),
  receivedAt: Timestamp,
  acuteAssessedAt: Timestamp.nullable(),
  receiptConfirmedAt: Timestamp.nullable(),
  handledAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  clocks: z.array(ClockOut),
  version: z.number().int(),
  view: z.literal('full'),
}).meta({ id: 'Inquiry' });
export type InquiryFullView = z.input<typeof InquiryFullView>;

export const InquiryView = z.discriminatedUnion('view', [InquiryFullView, InquiryStatusView]);

export const Version = versionField.describe('The version you read; a different current version answers 409.');

export const AnswerInput = z.object({ answer: text(8000).describe('The answer to the consultation.'), version: Version }).strict();
export const ForwardInput = z.object({ teamId: z.uuid({ error: 'inquiries.forward.teamRequired' }).describe('The department to forward to.'), version: Version }).strict();
export const LinkInput = z.object({ caseId: z.uuid({ error: 'inquiries.link.caseRequired' }).describe('A case of your team about the same person.'), version: Version }).strict();
export const VersionOnly = z.object({ version: Version }).strict();

export const InboxItem = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: z.enum(INQUIRY_KINDS),
  ageGroup: z.string(),
  sourceSector: z.string(),
  acute: z.boolean(),
  repeat: z.boolean(),
  receivedAt: Timestamp,
  nextDueAt: Timestamp.nullable(),
  overdue: z.boolean(),
});
export type InboxItem = z.input<typeof InboxItem>;

export const ReportItem = InquiryStatusView;

/** A form post's fields without the CSRF token (our schemas are strict, as the API's are). */
export function formBody(body: unknown): Record<string, unknown> {
  const { _csrf: _token, ...rest } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return rest;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id in a URL: anything that is not a UUID becomes the nil UUID, which matches no row (404). */
export const PathId = z.string().max(200).transform((value) => (UUID.test(value) ? value.toLowerCase() : '00000000-0000-0000-0000-000000000000'));
