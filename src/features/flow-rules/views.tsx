/** The rules in plain language: their values, what a clock applies to, and their versions. */
import { Info } from 'luxon';
import { formatDate, formatDateTime, type Lang, type Translate } from '../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../platform/layout/forms.js';
import { HolidayCalendar } from '../clocks/calendar.js';
import { AFTERCARE_KEY, ClockRule } from '../clocks/rules.js';
import { DURATION_UNITS, FLOW_RULE_KEYS, LIMITS, type FlowRule, type FlowRuleValue, type FlowRuleVersion } from './schemas.js';
import { isClockKey } from './values.js';

function locale(lang: Lang): string {
  return lang === 'da' ? 'da-DK' : 'en-GB';
}

/** "1, 3, 6 og 12" / "1, 3, 6 and 12". */
function listText(lang: Lang, items: string[]): string {
  return new Intl.ListFormat(locale(lang), { style: 'long', type: 'conjunction' }).format(items);
}

/** The name of an ISO weekday (1 Monday … 7 Sunday). */
function weekdayName(lang: Lang, isoWeekday: number): string {
  return Info.weekdays('long', { locale: locale(lang) })[isoWeekday - 1] ?? String(isoWeekday);
}

export function ruleName(t: Translate, key: string): string {
  return t(`flowrules.rule.${key}`);
}

/** A rule's value in words: "6 hverdage", "Opfølgning 1, 3, 6 og 12 måneder efter lukning", … */
export function valueText(t: Translate, lang: Lang, value: FlowRuleValue): string {
  if (value.amount !== undefined && value.unit !== undefined) return t(`flowrules.duration.${value.unit}`, { count: value.amount });
  if (value.months !== undefined && value.months.length > 0) {
    return t('flowrules.aftercare.value', { months: listText(lang, value.months.map(String)), count: value.months[value.months.length - 1] });
  }
  if (value.extraClosedDates !== undefined) {
    return value.extraClosedDates.length === 0
      ? t('flowrules.calendar.none')
      : t('flowrules.calendar.value', { dates: listText(lang, value.extraClosedDates.map((date) => formatDate(lang, date))) });
  }
  return t('flowrules.history.noValue');
}

function sourceText(t: Translate, rule: Pick<FlowRule, 'source' | 'sameAsNationalDefault'>): string {
  if (rule.source === 'national') return t('flowrules.source.national');
  return rule.sameAsNationalDefault ? t('flowrules.source.sameAsDefault') : t('flowrules.source.municipality');
}

/** What a clock applies to, from the parts of its rule that this page does not change. */
function ClockDetails(props: { t: Translate; lang: Lang; body: unknown }) {
  const { t, lang } = props;
  const parsed = ClockRule.safeParse(props.body);
  if (!parsed.success) return null;
  const rule = parsed.data;
  const scope = [
    listText(lang, rule.ageGroups.map((group) => t(`flowrules.ageGroup.${group}`))),
    ...(rule.kinds ? [listText(lang, rule.kinds.map((kind) => t(`flowrules.kind.${kind}`)))] : []),
    ...(rule.reporterIsProfessional ? [t('flowrules.professionalOnly')] : []),
  ];
  return (
    <>
      <dt>{t('flowrules.field.startsOn')}</dt>
      <dd>{t(`flowrules.startsOn.${rule.startsOn}`)}</dd>
      <dt>{t('flowrules.field.stopsOn')}</dt>
      <dd>{t(`flowrules.stopsOn.${rule.stopsOn}`)}</dd>
      <dt>{t('flowrules.field.appliesTo')}</dt>
      <dd>{`${t(`flowrules.appliesTo.${rule.appliesTo}`)}: ${scope.join('; ')}`}</dd>
    </>
  );
}

/**
 * The national calendar stores its holidays under their Danish names (migration 0100); the page
 * names them in the reader's language. A name a municipality wrote itself is shown as written.
 */
const NATIONAL_HOLIDAYS: Record<string, string> = {
  'Skærtorsdag': 'maundyThursday', 'Langfredag': 'goodFriday', 'Påskedag': 'easterSunday', '2. påskedag': 'easterMonday',
  'Store bededag': 'prayerDay', 'Kristi himmelfartsdag': 'ascensionDay', 'Pinsedag': 'whitSunday', '2. pinsedag': 'whitMonday',
  'Nytårsdag': 'newYearsDay', 'Juledag': 'christmasDay', '2. juledag': 'boxingDay',
};

function holidayName(t: Translate, name: string): string {
  const key = Object.hasOwn(NATIONAL_HOLIDAYS, name) ? NATIONAL_HOLIDAYS[name] : undefined;
  return key ? t(`flowrules.holiday.${key}`) : name;
}

/** The national defaults' notes, stored in Danish (migration 0100), in the reader's language. */
const NATIONAL_NOTES = new Set(FLOW_RULE_KEYS.map((key) => `flowrules.nationalNote.${key}.v1`));

function nationalNote(t: Translate, key: string, version: number, stored: string | null): string | null {
  const messageKey = `flowrules.nationalNote.${key}.v${version}`;
  return NATIONAL_NOTES.has(messageKey) ? t(messageKey) : stored;
}

/** The public holidays and weekend the calendar keeps (this page changes only the extra closed days). */
function CalendarDetails(props: { t: Translate; lang: Lang; body: unknown }) {
  const { t, lang } = props;
  const parsed = HolidayCalendar.safeParse(props.body);
  if (!parsed.success) return null;
  const calendar = parsed.data;
  const named = (rule: { name: string; fromYear?: number; untilYear?: number }) => {
    const name = holidayName(t, rule.name);
    return rule.untilYear !== undefined ? t('flowrules.calendar.until', { name, year: String(rule.untilYear) })
      : rule.fromYear !== undefined ? t('flowrules.calendar.from', { name, year: String(rule.fromYear) }) : name;
  };
  const names = [...calendar.easterOffsets.map(named), ...calendar.fixed.map(named)];
  return (
    <>
      <dt>{t('flowrules.field.holidays')}</dt>
      <dd>{names.join(', ')}. {t('flowrules.calendar.easterNote')}</dd>
      <dt>{t('flowrules.field.weekend')}</dt>
      <dd>{listText(lang, calendar.weekend.map((day) => weekdayName(lang, day)))}</dd>
    </>
  );
}

export function RuleSummary(props: { t: Translate; lang: Lang; rule: FlowRule }) {
  const { t, lang, rule } = props;
  return (
    <dl class="summary-list">
      <dt>{t('flowrules.field.value')}</dt>
      <dd><strong>{valueText(t, lang, rule.value)}</strong></dd>
      <dt>{t('flowrules.field.version')}</dt>
      <dd>{t('flowrules.versionOf', { version: rule.version, source: sourceText(t, rule) })}</dd>
      {isClockKey(rule.key) ? <ClockDetails t={t} lang={lang} body={rule.rule} /> : null}
      {rule.key === AFTERCARE_KEY || isClockKey(rule.key) ? null : <CalendarDetails t={t} lang={lang} body={rule.rule} />}
      {rule.legalNote ? (
        <>
          <dt>{t('flowrules.field.legalNote')}</dt>
          <dd>{nationalNote(t, rule.key, rule.nationalDefault.version, rule.legalNote)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function VersionRow(props: { t: Translate; lang: Lang; ruleKey: string; version: FlowRuleVersion }) {
  const { t, lang, version } = props;
  const effective = new Date(version.effectiveFrom);
  return (
    <tr>
      <td>
        {version.version}
        {version.inForce ? <span class="badge ml-3">{t('flowrules.history.inForce')}</span> : null}
        {effective.getTime() > Date.now() ? <div>{t('flowrules.history.effectiveFrom', { date: formatDateTime(lang, effective) })}</div> : null}
      </td>
      <td>
        {valueText(t, lang, version.value)}
        {version.source === 'municipality' && version.sameAsNationalDefault ? <div class="form-hint">{t('flowrules.history.sameAsDefault')}</div> : null}
      </td>
      <td>{version.source === 'national' ? t('flowrules.history.national') : t('flowrules.history.municipality')}</td>
      <td>{formatDateTime(lang, version.createdAt)}</td>
      <td>{version.createdBy?.name ?? (version.source === 'national' ? '–' : t('flowrules.history.byNobody'))}</td>
      <td>{(version.source === 'national' ? nationalNote(t, props.ruleKey, version.version, version.note ?? null) : version.note) ?? '–'}</td>
    </tr>
  );
}

export function VersionTable(props: { t: Translate; lang: Lang; rule: FlowRule; headingLevel: 'h2' | 'h3' }) {
  const { t, lang, rule } = props;
  const Heading = props.headingLevel;
  return (
    <>
      <Heading>{t('flowrules.history.heading')}</Heading>
      <table class="table table--zebra">
        <thead>
          <tr>
            <th scope="col">{t('flowrules.history.col.version')}</th>
            <th scope="col">{t('flowrules.history.col.value')}</th>
            <th scope="col">{t('flowrules.history.col.source')}</th>
            <th scope="col">{t('flowrules.history.col.created')}</th>
            <th scope="col">{t('flowrules.history.col.by')}</th>
            <th scope="col">{t('flowrules.history.col.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rule.versions.map((version) => <VersionRow t={t} lang={lang} ruleKey={rule.key} version={version} />)}
        </tbody>
      </table>
    </>
  );
}

export function RulesOverview(props: { t: Translate; lang: Lang; rules: FlowRule[]; notice?: string }) {
  const { t, lang } = props;
  return (
    <div>
      <h1>{t('flowrules.title')}</h1>
      {props.notice ? <Alert variant="success" t={t}>{props.notice}</Alert> : null}
      <p>{t('flowrules.intro')}</p>
      <Alert variant="info" t={t} heading={t('flowrules.futureOnly.heading')}>{t('flowrules.futureOnly.text')}</Alert>
      {props.rules.length === 0 ? <p>{t('flowrules.none')}</p> : null}
      {props.rules.map((rule) => (
        <section class="mt-8" id={`rule-${rule.key}`} aria-labelledby={`rule-${rule.key}-heading`}>
          <h2 id={`rule-${rule.key}-heading`}>{ruleName(t, rule.key)}</h2>
          <RuleSummary t={t} lang={lang} rule={rule} />
          <p>
            <a class="button button-secondary" href={`/admin/regler/${rule.key}`} aria-label={t('flowrules.edit.linkLabel', { name: ruleName(t, rule.key) })}>
              {t('flowrules.edit.link')}
            </a>
          </p>
          <VersionTable t={t} lang={lang} rule={rule} headingLevel="h3" />
        </section>
      ))}
    </div>
  );
}

function futureOnlyKey(rule: FlowRule): string {
  if (isClockKey(rule.key)) return 'flowrules.futureOnly.clock';
  return rule.key === AFTERCARE_KEY ? 'flowrules.futureOnly.aftercare' : 'flowrules.futureOnly.calendar';
}

function ValueFields(props: { t: Translate; rule: FlowRule; state: FormState }) {
  const { t, rule, state } = props;
  if (isClockKey(rule.key)) {
    return (
      <>
        <p>{t('flowrules.edit.keptClock')}</p>
        <TextField state={state} name="amount" label={t('flowrules.edit.amount')} hint={t('flowrules.edit.amountHint', { ...LIMITS.amount })} inputmode="numeric" width="xs" autocomplete="off" />
        <SelectField state={state} name="unit" label={t('flowrules.edit.unit')} hint={t('flowrules.edit.unitHint')}
          options={DURATION_UNITS.map((unit) => ({ value: unit, label: t(`flowrules.unit.${unit}`) }))} />
      </>
    );
  }
  if (rule.key === AFTERCARE_KEY) {
    return (
      <TextField state={state} name="months" label={t('flowrules.edit.months')} autocomplete="off" width="m"
        hint={t('flowrules.edit.monthsHint', { minCount: LIMITS.months.min, maxCount: LIMITS.months.max, ...LIMITS.month })} />
    );
  }
  return (
    <>
      <p>{t('flowrules.edit.keptCalendar')}</p>
      <TextArea state={state} name="extraClosedDates" label={t('flowrules.edit.dates')} hint={t('flowrules.edit.datesHint', { max: LIMITS.closedDates.max })} optional rows={6} />
    </>
  );
}

export function RuleEditor(props: { t: Translate; lang: Lang; rule: FlowRule; state: FormState; csrf: string | null }) {
  const { t, lang, rule, state } = props;
  const name = ruleName(t, rule.key);
  return (
    <div>
      <h1>{t('flowrules.edit.title', { name })}</h1>
      <ErrorSummary state={state} />
      <Alert variant="info" t={t} heading={t('flowrules.futureOnly.heading')}>{t(futureOnlyKey(rule))}</Alert>
      <RuleSummary t={t} lang={lang} rule={rule} />
      <h2>{t('flowrules.edit.heading')}</h2>
      <form method="post" action={`/admin/regler/${rule.key}`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="basedOnVersion" value={String(state.values.basedOnVersion ?? rule.version)} />
        <ValueFields t={t} rule={rule} state={state} />
        <TextArea state={state} name="note" label={t('flowrules.edit.note')} hint={t('flowrules.edit.noteHint')} optional rows={3} maxLength={LIMITS.note} />
        <button type="submit" class="button button-primary">{t('flowrules.edit.submit')}</button>
      </form>
      {rule.sameAsNationalDefault ? null : (
        <>
          <h2>{t('flowrules.restore.heading')}</h2>
          <p>{t('flowrules.restore.text', { value: valueText(t, lang, rule.nationalDefault.value), version: rule.nationalDefault.version })}</p>
          <form method="post" action={`/admin/regler/${rule.key}/standard`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="basedOnVersion" value={String(rule.version)} />
            <button type="submit" class="button button-secondary">{t('flowrules.restore.submit')}</button>
          </form>
        </>
      )}
      <VersionTable t={t} lang={lang} rule={rule} headingLevel="h2" />
      <p class="mt-6"><a href="/admin/regler">{t('flowrules.edit.back')}</a></p>
    </div>
  );
}
