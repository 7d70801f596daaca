/**
 * The bridge to cases (issue 3, another feature): record a screening's level on a case, and
 * turn a plan's steps into tasks on a case in one action. The cases feature owns the access
 * checks, audit rows and timeline events; this module only translates plan steps into its calls.
 * It is loaded lazily so this feature also runs where cases are not installed.
 */
import { AppError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import type { PlanStep } from './schemas.js';

interface CasesModule {
  recordRiskLevel(scope: Scope, caseId: string, input: { level: number; reason: string; assessmentId?: string }): Promise<void>;
  addDoNot(scope: Scope, caseId: string, text: string): Promise<string>;
}
interface AccessModule {
  findCase(scope: Scope, caseId: string): Promise<{ resource: unknown } | null>;
}
interface CasePolicyModule {
  casePolicy(actor: ReturnType<Scope['user']>, action: 'read', resource: unknown): boolean;
}
interface InquiriesModule {
  getInquiry(scope: Scope, id: string): Promise<unknown>;
}
interface TasksModule {
  createTask(scope: Scope, caseId: string, input: { title: string; dueDate: string; source?: string }): Promise<string>;
}

// Specifiers in variables: the cases feature is optional at compile time.
const CASES = '../cases/use-cases.js';
const TASKS = '../cases/tasks.js';
const ACCESS = '../cases/access.js';
const CASE_POLICY = '../cases/policy.js';
const INQUIRIES = '../inquiries/use-cases.js';

async function load(): Promise<{ cases: CasesModule; tasks: TasksModule } | null> {
  try {
    const [cases, tasks] = (await Promise.all([import(CASES), import(TASKS)])) as [CasesModule, TasksModule];
    if (typeof cases.recordRiskLevel !== 'function' || typeof tasks.createTask !== 'function') return null;
    return { cases, tasks };
  } catch {
    return null;
  }
}

async function optional<T>(specifier: string): Promise<T | null> {
  try {
    return (await import(specifier)) as T;
  } catch {
    return null;
  }
}

/**
 * Whether the actor may read the case (casePolicy 'read': not a team that only awaits a transfer
 * or has not acknowledged a share): true/false, or 'cases_unavailable'.
 */
export async function caseVisible(scope: Scope, caseId: string): Promise<boolean | CaseLinkProblem> {
  const [access, policy] = await Promise.all([optional<AccessModule>(ACCESS), optional<CasePolicyModule>(CASE_POLICY)]);
  if (!access || typeof access.findCase !== 'function' || !policy || typeof policy.casePolicy !== 'function') return 'cases_unavailable';
  const loaded = await access.findCase(scope, caseId);
  return loaded !== null && policy.casePolicy(scope.user(), 'read', loaded.resource);
}

/** Whether the actor may see the inquiry (the reporter sees its status, the unit all of it). */
export async function inquiryVisible(scope: Scope, inquiryId: string): Promise<boolean | CaseLinkProblem> {
  const inquiries = await optional<InquiriesModule>(INQUIRIES);
  if (!inquiries || typeof inquiries.getInquiry !== 'function') return 'cases_unavailable';
  await scope.tx.query('savepoint inquiry_visible');
  try {
    await inquiries.getInquiry(scope, inquiryId);
    await scope.tx.query('release savepoint inquiry_visible');
    return true;
  } catch (error) {
    // A refusal is a plain "no" here; nothing the look-up wrote is kept.
    await scope.tx.query('rollback to savepoint inquiry_visible');
    if (error instanceof AppError && error.status === 404) return false;
    throw error;
  }
}

/** Whether cases are available in this installation. */
export async function casesAvailable(): Promise<boolean> {
  return (await load()) !== null;
}

/** The date `hours` or `days` from now in Copenhagen, as YYYY-MM-DD. */
export function dueDate(deadline: PlanStep['deadline'], now = new Date()): string {
  const copenhagenDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  if (deadline?.unit === 'hours') return copenhagenDate(new Date(now.getTime() + deadline.amount * 3_600_000));
  // Days are calendar days in Copenhagen, so a switch to or from summer time moves nothing.
  const today = copenhagenDate(now);
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + (deadline?.amount ?? 0));
  return date.toISOString().slice(0, 10);
}

export type CaseLinkProblem = 'cases_unavailable';

/**
 * Adds the plan's steps to a case: "do not" steps to the case's do-not list, every other step as
 * a task due by its deadline (today when it has none: it applies now). Throws the cases
 * feature's own errors (404 for a case the actor may not write to).
 */
export async function stepsToCase(scope: Scope, caseId: string, steps: readonly PlanStep[], lang: 'da' | 'en'): Promise<{ tasks: number; doNots: number } | CaseLinkProblem> {
  const modules = await load();
  if (!modules) return 'cases_unavailable';
  let tasks = 0;
  let doNots = 0;
  for (const step of steps) {
    const text = (lang === 'en' && step.text.en) || step.text.da;
    if (step.kind === 'dont') {
      await modules.cases.addDoNot(scope, caseId, text.slice(0, 500));
      doNots += 1;
    } else {
      await modules.tasks.createTask(scope, caseId, { title: text.slice(0, 300), dueDate: dueDate(step.deadline), source: 'action_plan' });
      tasks += 1;
    }
  }
  return { tasks, doNots };
}

/** Records an assessment's level on a case through the cases feature. */
export async function recordLevelOnCase(scope: Scope, caseId: string, input: { level: number; reason: string; assessmentId: string }): Promise<true | CaseLinkProblem> {
  const modules = await load();
  if (!modules) return 'cases_unavailable';
  await modules.cases.recordRiskLevel(scope, caseId, input);
  return true;
}
