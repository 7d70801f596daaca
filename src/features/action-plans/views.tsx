/** How a plan reads on screen and on paper: steps grouped by kind, each with its deadline. */
import type { ComponentChildren } from 'preact';
import type { Lang, Translate } from '../../platform/i18n/index.js';
import { CsrfField } from '../../platform/layout/forms.js';
import { STEP_KINDS, type PlanStep } from './schemas.js';
import type { StepFeedback } from './use-cases.js';

export function stepText(step: PlanStep, lang: Lang): string {
  return (lang === 'en' && step.text.en) || step.text.da;
}

export function DeadlineText(props: { step: PlanStep; t: Translate }) {
  const { step, t } = props;
  if (!step.deadline) return null;
  return (
    <span class="plan-deadline">
      {t(`plans.deadline.${step.deadline.unit}`, { count: step.deadline.amount })}
    </span>
  );
}

export interface StepExtras {
  /** Renders below a step (the feedback form, the unit's feedback summary). */
  below?: (step: PlanStep) => ComponentChildren;
}

/** The plan's steps, grouped: do now, contact, duties, do not. */
export function PlanSteps(props: { steps: readonly PlanStep[]; lang: Lang; t: Translate; headingLevel?: 2 | 3; extras?: StepExtras }) {
  const { lang, t } = props;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="plan-steps">
      {STEP_KINDS.map((kind) => {
        const steps = props.steps.filter((s) => s.kind === kind);
        if (steps.length === 0) return null;
        return (
          <section class={`plan-kind plan-kind-${kind}`}>
            <Heading>{t(`plans.kind.${kind}`)}</Heading>
            <ol class="plan-step-list">
              {steps.map((step) => (
                <li class="plan-step" id={`step-${step.key}`}>
                  <p class="plan-step-text">{stepText(step, lang)}</p>
                  <DeadlineText step={step} t={t} />
                  {props.extras?.below?.(step)}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

/** "Was this useful?": two buttons and an optional comment, one small form per step. */
export function FeedbackForm(props: { action: string; number: number; step: PlanStep; current: boolean | undefined; csrf: string | null; t: Translate }) {
  const { t, step } = props;
  const id = `comment-${step.key}`;
  return (
    <form method="post" action={props.action} class="plan-feedback">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="number" value={String(props.number)} />
      <input type="hidden" name="stepKey" value={step.key} />
      <fieldset>
        <legend class="plan-feedback-legend">{t('plans.feedback.question')}</legend>
        {props.current !== undefined ? (
          <p class="form-hint">{props.current ? t('plans.feedback.yourYes') : t('plans.feedback.yourNo')}</p>
        ) : null}
        <details class="plan-feedback-comment">
          <summary>{t('plans.feedback.addComment')}</summary>
          <label class="form-label" for={id}>{t('plans.feedback.comment')}</label>
          <span class="form-hint" id={`${id}-hint`}>{t('plans.feedback.commentHint')}</span>
          <textarea class="form-input" id={id} name="comment" rows={2} maxLength={500} aria-describedby={`${id}-hint`}></textarea>
        </details>
        <button type="submit" name="useful" value="yes" class="button button-secondary button-small">{t('plans.feedback.yes')}</button>
        <button type="submit" name="useful" value="no" class="button button-secondary button-small">{t('plans.feedback.no')}</button>
      </fieldset>
    </form>
  );
}

/** The unit's view of the answers to one step. */
export function FeedbackSummary(props: { feedback: StepFeedback | undefined; t: Translate }) {
  const { t } = props;
  const f = props.feedback;
  return (
    <div class="plan-feedback-summary">
      <p class="form-hint">
        {f ? t('plans.feedback.summary', { yes: f.useful, no: f.notUseful }) : t('plans.feedback.none')}
      </p>
      {f && f.comments.length > 0 ? (
        <ul class="plan-feedback-comments">
          {f.comments.map((c) => (
            <li>
              <span class="form-hint">{t('plans.feedback.commentMeta', { number: c.number, answer: c.useful ? t('plans.feedback.yes') : t('plans.feedback.no') })}</span> {c.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
