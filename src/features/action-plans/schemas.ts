/** Action plans: the shape of a step, a plan version and the forms that edit them. */
import { z } from 'zod';
import { PROFESSIONAL_GROUPS } from '../../platform/access/roles.js';
import { Timestamp } from '../../platform/api/types.js';
import { INT4_MAX, optionalText, strictNumber } from '../../platform/http/validation.js';

export const STEP_KINDS = ['now', 'contact', 'duty', 'dont'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const DEADLINE_UNITS = ['hours', 'days'] as const;

export const PlanStep = z.object({
  /** Stable within the plan across versions, so feedback per step survives edits. */
  key: z.string().regex(/^[a-z0-9-]{1,60}$/),
  kind: z.enum(STEP_KINDS),
  text: z.object({ da: z.string().min(1).max(1500), en: z.string().max(1500) }),
  /** When the step must be done, counted from the assessment (none: as it applies). */
  deadline: z.object({ amount: z.number().int().min(1).max(365), unit: z.enum(DEADLINE_UNITS) }).optional(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const PlanParams = z.object({
  group: z.enum(PROFESSIONAL_GROUPS),
  level: strictNumber(z.coerce.number().int().min(0).max(3)),
});

export const ActionPlan = z.object({
  id: z.uuid(),
  group: z.enum(PROFESSIONAL_GROUPS),
  level: z.number().int(),
  number: z.number().int().describe('The version number of the plan.'),
  steps: z.array(PlanStep),
  changeNote: z.string().nullable(),
  createdAt: Timestamp,
  /** The plan row's version, for optimistic concurrency when editing. */
  version: z.number().int(),
});
export type ActionPlan = z.input<typeof ActionPlan>;

export const FeedbackInput = z.object({
  number: strictNumber(z.coerce.number({ error: 'validation.invalid' }).max(INT4_MAX).int().min(1)),
  stepKey: z.string().regex(/^[a-z0-9-]{1,60}$/, 'validation.invalid'),
  useful: z.enum(['yes', 'no'], { error: 'plans.feedback.choose' }),
  /** Optional: what would have made the step more useful (stored encrypted, shown without a name). */
  comment: optionalText(500),
});
