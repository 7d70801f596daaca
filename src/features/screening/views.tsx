/**
 * The instrument on a page: the form (also used by calibration rounds and the administrator's
 * preview) and the read-only answers shown with an assessment, always in the texts of the
 * version the assessment was made with.
 */
import type { ComponentChildren } from 'preact';
import type { Lang, Translate } from '../../platform/i18n/index.js';
import { ChoiceGroup, fieldError, type FormState } from '../../platform/layout/forms.js';
import { local, type InstrumentDefinition } from './instrument/definition.js';
import type { LevelGround } from './level-rule.js';

/** The level as a DKFDS-coloured tag: the colour repeats what the text says, never replaces it. */
export function LevelBadge(props: { definition: InstrumentDefinition; level: number; lang: Lang }) {
  return <span class={`level-badge level-badge-${props.level}`}>{props.level} – {local(props.definition.levels[props.level].name, props.lang)}</span>;
}

/**
 * The domains, red flags and relations as form controls. `withJudgement` adds the
 * professional-judgement part (not used in calibration rounds, where the level rule alone is
 * compared, plus the rater's own final level).
 */
export function InstrumentFields(props: {
  definition: InstrumentDefinition;
  state: FormState;
  lang: Lang;
  t: Translate;
  withJudgement: boolean;
}) {
  const { definition, state, lang, t } = props;
  return (
    <>
      <h2>{t('screening.form.domainsHeading')}</h2>
      <p>{t('screening.form.domainsIntro')}</p>
      {definition.domains.map((domain, index) => (
        <ChoiceGroup
          state={state}
          name={`rating_${domain.key}`}
          type="radio"
          legend={`${index + 1}. ${local(domain.title, lang)}`}
          hint={local(domain.help, lang)}
          options={domain.steps.map((step, value) => ({ value: String(value), label: `${value} – ${t(`screening.step.${value}`)}`, hint: local(step, lang) }))}
        />
      ))}
      <h2>{t('screening.form.redFlagsHeading')}</h2>
      <ChoiceGroup
        state={state}
        name="redFlags"
        type="checkbox"
        optional
        legend={t('screening.form.redFlagsLegend')}
        hint={t('screening.form.redFlagsHint')}
        options={definition.redFlags.map((flag) => ({ value: flag.key, label: local(flag.label, lang), hint: local(flag.help, lang) }))}
      />
      <h2>{t('screening.form.relationsHeading')}</h2>
      <ChoiceGroup
        state={state}
        name="relations"
        type="checkbox"
        optional
        legend={t('screening.form.relationsLegend')}
        hint={t('screening.form.relationsHint')}
        options={definition.relations.map((relation) => ({ value: relation.key, label: local(relation.label, lang) }))}
      />
      {props.withJudgement ? <JudgementFields definition={definition} state={state} lang={lang} t={t} /> : null}
    </>
  );
}

function JudgementFields(props: { definition: InstrumentDefinition; state: FormState; lang: Lang; t: Translate }) {
  const { definition, state, lang, t } = props;
  const reasonError = fieldError(state, 'raiseReason');
  return (
    <>
      <h2>{t('screening.form.judgementHeading')}</h2>
      <ChoiceGroup
        state={state}
        name="finalLevel"
        type="radio"
        optional
        legend={t('screening.form.judgementLegend')}
        hint={t('screening.form.judgementHint')}
        options={[
          { value: '', label: t('screening.form.judgementNone') },
          ...definition.levels.map((level) => ({ value: String(level.level), label: `${level.level} – ${local(level.name, lang)}` })),
        ]}
      />
      <div class={`form-group${reasonError ? ' form-error' : ''}`}>
        <label class="form-label" for="field-raiseReason">
          {t('screening.form.reason')} <span class="weight-normal">{t('screening.form.reasonWhen')}</span>
        </label>
        <span class="form-hint" id="field-raiseReason-hint">{t('screening.form.reasonHint')}</span>
        {reasonError ? (
          <span class="form-error-message" id="field-raiseReason-error"><span class="sr-only">{t('screening.errorPrefix')} </span>{reasonError}</span>
        ) : null}
        <textarea
          class="form-input"
          id="field-raiseReason"
          name="raiseReason"
          rows={4}
          maxLength={2000}
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={reasonError ? 'field-raiseReason-hint field-raiseReason-error' : 'field-raiseReason-hint'}
        >
          {typeof state.values.raiseReason === 'string' ? state.values.raiseReason : ''}
        </textarea>
      </div>
    </>
  );
}

/** The answers of an assessment, in the texts of its own instrument version. */
export function AnswersTable(props: {
  definition: InstrumentDefinition;
  ratings: Record<string, number>;
  redFlags: readonly string[];
  relations: readonly string[];
  lang: Lang;
  t: Translate;
}) {
  const { definition, lang, t } = props;
  return (
    <>
      <table class="table table--zebra answers-table">
        <caption>{t('screening.answers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('screening.answers.domain')}</th>
            <th scope="col">{t('screening.answers.step')}</th>
            <th scope="col">{t('screening.answers.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {definition.domains.map((domain) => {
            const value = props.ratings[domain.key] ?? 0;
            return (
              <tr>
                <th scope="row">{local(domain.title, lang)}</th>
                <td>{value} – {t(`screening.step.${value}`)}</td>
                <td>{local(domain.steps[value], lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('screening.answers.redFlags')}</h3>
      {props.redFlags.length === 0 ? (
        <p>{t('screening.answers.noRedFlags')}</p>
      ) : (
        <ul>{definition.redFlags.filter((flag) => props.redFlags.includes(flag.key)).map((flag) => <li>{local(flag.label, lang)}</li>)}</ul>
      )}
      <h3>{t('screening.answers.relations')}</h3>
      {props.relations.length === 0 ? (
        <p>{t('screening.answers.noRelations')}</p>
      ) : (
        <ul>{definition.relations.filter((r) => props.relations.includes(r.key)).map((r) => <li>{local(r.label, lang)}</li>)}</ul>
      )}
    </>
  );
}

/** Why the rule gave the level, in plain words. */
export function GroundText(props: { definition: InstrumentDefinition; ground: LevelGround; lang: Lang; t: Translate }) {
  const { definition, ground, lang, t } = props;
  const domainNames = (keys: readonly string[]) =>
    definition.domains.filter((d) => keys.includes(d.key)).map((d) => local(d.title, lang).toLowerCase()).join(', ');
  const rule = definition.levelRule;
  switch (ground.kind) {
    case 'red_flag':
      return <p>{t('screening.ground.redFlag', { flags: definition.redFlags.filter((f) => ground.redFlags.includes(f.key)).map((f) => local(f.label, lang).toLowerCase()).join(', ') })}</p>;
    case 'severe_domain':
      return <p>{t('screening.ground.severe', { step: rule.severeStep, domains: domainNames(ground.domains) })}</p>;
    case 'substantial_domains':
      return <p>{t('screening.ground.substantial', { count: ground.domains.length, step: rule.substantialStep, domains: domainNames(ground.domains) })}</p>;
    case 'concern_domain':
      return <p>{t('screening.ground.concern', { step: rule.concernStep, domains: domainNames(ground.domains) })}</p>;
    default:
      return <p>{t('screening.ground.none')}</p>;
  }
}

/** The level rule in words, as the instrument version states it (docs/screening.md explains why). */
export function LevelRuleText(props: { definition: InstrumentDefinition; lang: Lang; t: Translate; children?: ComponentChildren }) {
  const { definition, lang, t } = props;
  const rule = definition.levelRule;
  const name = (level: number) => local(definition.levels[level].name, lang);
  return (
    <ol class="level-rule">
      <li>{t('screening.rule.3', { name: name(3) })}</li>
      <li>{t('screening.rule.2', { name: name(2), severe: rule.severeStep, count: rule.substantialCount, step: rule.substantialStep })}</li>
      <li>{t('screening.rule.1', { name: name(1), step: rule.concernStep })}</li>
      <li>{t('screening.rule.0', { name: name(0) })}</li>
    </ol>
  );
}
