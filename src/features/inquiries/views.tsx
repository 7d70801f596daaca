/** Server-rendered views of inquiries: the share-a-concern form, receipts, lists, details. */
import { randomUUID } from 'node:crypto';
import { fmtDate, fmtDateTime } from '../clocks/format.js';
import type { ComponentChildren } from 'preact';
import { type Lang, type Translate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../platform/layout/forms.js';
import type { ClockView } from '../clocks/clocks.js';
import { CONTROL_FORMS, CONTROLLER_TYPES, RED_FLAGS, SOURCE_SECTORS, SUBJECT_AGE_GROUPS, type InboxItem, type InquiryFullView, type InquiryStatusView } from './schemas.js';

export function Badge(props: { variant: 'error' | 'warning' | 'info' | 'success'; children: ComponentChildren }) {
  return <span class={`sb-badge sb-badge-${props.variant}`}>{props.children}</span>;
}

export function ShareConcernForm(props: { state: FormState; csrf: string | null; t: Translate }) {
  const { state, t } = props;
  const identified = state.values.identify === 'yes';
  return (
    <div class="share-concern">
      <h1>{t('inquiries.share.title')}</h1>
      <Alert variant="warning"><strong>{t('inquiries.share.danger')}</strong></Alert>
      <p>{t('inquiries.share.intro')}</p>
      <ErrorSummary state={state} />
      <form method="post" action="/bekymring" novalidate>
        <CsrfField token={props.csrf} />
        {/* One key per concern: the form sent twice makes one inquiry (it survives a refused post). */}
        <input type="hidden" name="submissionKey" value={typeof state.values.submissionKey === 'string' && state.values.submissionKey !== '' ? state.values.submissionKey : randomUUID()} />
        <ChoiceGroup state={state} name="ageGroup" type="radio" legend={t('inquiries.ageGroup')}
          options={SUBJECT_AGE_GROUPS.map((group) => ({ value: group, label: t(`inquiries.ageGroup.${group}`) }))} />
        <ChoiceGroup state={{ ...state, values: { ...state.values, identify: identified ? 'yes' : 'no' } }} name="identify" type="radio" legend={t('inquiries.identify')} hint={t('inquiries.identify.hint')}
          options={[{ value: 'no', label: t('inquiries.identify.no') }, { value: 'yes', label: t('inquiries.identify.yes') }]} />
        <fieldset class="identity-fields" id="field-identity">
          <legend class="form-label">{t('inquiries.identity.legend')}</legend>
          <TextField state={state} name="identity.name" label={t('inquiries.identity.name')} optional autocomplete="off" />
          <TextField state={state} name="identity.cpr" label={t('inquiries.identity.cpr')} hint={t('inquiries.identity.cprHint')} optional inputmode="numeric" autocomplete="off" width="s" />
          <TextField state={state} name="identity.schoolOrWorkplace" label={t('inquiries.identity.schoolOrWorkplace')} optional autocomplete="off" />
          <TextField state={state} name="identity.district" label={t('inquiries.identity.district')} optional autocomplete="off" />
        </fieldset>
        <SelectField state={state} name="sourceSector" label={t('inquiries.sourceSector')}
          options={SOURCE_SECTORS.filter((sector) => sector !== 'citizen_site').map((sector) => ({ value: sector, label: t(`sector.${sector}`) }))} />
        <ChoiceGroup state={state} name="redFlags" type="checkbox" legend={t('inquiries.redFlags')} hint={t('inquiries.redFlags.hint')} optional
          options={RED_FLAGS.map((flag) => ({ value: flag, label: t(`redFlag.${flag}`) }))} />
        <ChoiceGroup state={state} name="forms" type="checkbox" legend={t('inquiries.forms')} hint={t('inquiries.forms.hint')} optional
          options={CONTROL_FORMS.map((form) => ({ value: form, label: t(`form.${form}`), hint: t(`form.${form}.hint`) }))} />
        <ChoiceGroup state={state} name="controllers" type="checkbox" legend={t('inquiries.controllers')} optional
          options={CONTROLLER_TYPES.map((type) => ({ value: type, label: t(`controller.${type}`) }))} />
        <TextField state={state} name="observedOn" type="date" label={t('inquiries.observedOn')} hint={t('inquiries.observedOn.hint')} optional width="s" />
        <TextArea state={state} name="description" label={t('inquiries.description')} hint={t('inquiries.description.hint')} rows={6} maxLength={8000} />
        <button type="submit" class="button button-primary">{t('inquiries.share.submit')}</button>
      </form>
    </div>
  );
}

export function AcuteGuidance(props: { t: Translate; onDutyPhone: string | null; child: boolean }) {
  const { t } = props;
  return (
    <div class="alert alert-error acute-guidance" role="alert">
      <div class="alert-body">
        <h2 class="alert-heading">{t('inquiries.acute.title')}</h2>
        <ol class="alert-text">
          <li><strong>{t('inquiries.acute.call112')}</strong></li>
          <li>{t('inquiries.acute.onDuty', { phone: props.onDutyPhone ? t('inquiries.acute.phoneSuffix', { phone: props.onDutyPhone }) : '' })}</li>
          {props.child ? <li>{t('inquiries.acute.child')}</li> : null}
          <li>{t('inquiries.acute.dont')}</li>
        </ol>
      </div>
    </div>
  );
}

function statusSince(view: InquiryStatusView): Date | string | null {
  return view.status === 'closed' ? view.closedAt : view.status === 'being_handled' ? view.handledAt : view.receivedAt;
}

export function ReportsTable(props: { t: Translate; lang: Lang; reports: InquiryStatusView[] }) {
  const { t, lang } = props;
  if (props.reports.length === 0) return <p>{t('inquiries.mine.none')}</p>;
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra">
        <thead><tr>
          <th scope="col">{t('inquiries.col.reference')}</th>
          <th scope="col">{t('inquiries.col.received')}</th>
          <th scope="col">{t('inquiries.col.status')}</th>
          <th scope="col">{t('inquiries.col.statusSince')}</th>
          <th scope="col">{t('inquiries.col.receipt')}</th>
        </tr></thead>
        <tbody>
          {props.reports.map((report) => (
            <tr>
              <td><a href={`/henvendelser/${report.id}`}>{report.reference}</a></td>
              <td>{fmtDate(lang, report.receivedAt as Date)}</td>
              <td>{t(`inquiries.status.${report.status}`)}</td>
              <td>{fmtDate(lang, statusSince(report) as Date)}</td>
              <td>{report.receiptConfirmedAt ? fmtDate(lang, report.receiptConfirmedAt as Date) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatusDetail(props: { t: Translate; lang: Lang; view: InquiryStatusView }) {
  const { t, lang, view } = props;
  return (
    <div>
      <h1>{t('inquiries.status.title', { reference: view.reference })}</h1>
      <p>{t('inquiries.status.only')}</p>
      <dl class="summary-list">
        <dt>{t('inquiries.col.status')}</dt><dd><strong>{t(`inquiries.status.${view.status}`)}</strong></dd>
        <dt>{t('inquiries.col.received')}</dt><dd>{fmtDateTime(lang, view.receivedAt as Date)}</dd>
        {view.handledAt ? <><dt>{t('inquiries.status.being_handled')}</dt><dd>{fmtDate(lang, view.handledAt as Date)}</dd></> : null}
        {view.closedAt ? <><dt>{t('inquiries.status.closed')}</dt><dd>{fmtDate(lang, view.closedAt as Date)}</dd></> : null}
        <dt>{t('inquiries.col.receipt')}</dt><dd>{view.receiptConfirmedAt ? fmtDate(lang, view.receiptConfirmedAt as Date) : '–'}</dd>
      </dl>
      <p><a href="/mine-henvendelser">{t('inquiries.receipt.myReports')}</a></p>
    </div>
  );
}

export function ClockList(props: { t: Translate; lang: Lang; clocks: Pick<ClockView, 'ruleKey' | 'dueAt' | 'stoppedAt' | 'state'>[] }) {
  const { t, lang } = props;
  if (props.clocks.length === 0) return <p>{t('inquiries.clocks.none')}</p>;
  return (
    <ul class="nobullet-list clock-list">
      {props.clocks.map((clock) => (
        <li class={`clock clock-${clock.state}`}>
          <strong>{t(`clock.${clock.ruleKey}`)}</strong>{' '}
          {clock.state === 'overdue' ? <Badge variant="error">{t('inquiries.overdueBadge')}</Badge> : null}{' '}
          {t(`clock.state.${clock.state}`, { due: fmtDateTime(lang, clock.dueAt), stopped: fmtDateTime(lang, clock.stoppedAt) })}
        </li>
      ))}
    </ul>
  );
}

export function InboxTable(props: { t: Translate; lang: Lang; items: InboxItem[] }) {
  const { t, lang } = props;
  if (props.items.length === 0) return <p>{t('inquiries.inbox.none')}</p>;
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra inbox-table">
        <thead><tr>
          <th scope="col">{t('inquiries.col.reference')}</th>
          <th scope="col">{t('inquiries.col.kind')}</th>
          <th scope="col">{t('inquiries.col.age')}</th>
          <th scope="col">{t('inquiries.col.source')}</th>
          <th scope="col">{t('inquiries.col.received')}</th>
          <th scope="col">{t('inquiries.col.due')}</th>
        </tr></thead>
        <tbody>
          {props.items.map((item) => (
            <tr class={item.acute ? 'inbox-acute' : undefined}>
              <td>
                <a href={`/henvendelser/${item.id}`}>{item.reference}</a>{' '}
                {item.acute ? <Badge variant="error">{t('inquiries.acuteBadge')}</Badge> : null}{' '}
                {item.repeat ? <Badge variant="warning">{t('inquiries.repeatBadge')}</Badge> : null}
              </td>
              <td>{t(`inquiries.kind.${item.kind}`)}</td>
              <td>{t(`inquiries.ageGroup.${item.ageGroup}`)}</td>
              <td>{t(`sector.${item.sourceSector}`)}</td>
              <td>{fmtDateTime(lang, item.receivedAt as Date)}</td>
              <td>
                {item.nextDueAt ? fmtDateTime(lang, item.nextDueAt as Date) : '–'}{' '}
                {item.overdue ? <Badge variant="error">{t('inquiries.overdueBadge')}</Badge> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface TriageOptions {
  canTriage: boolean;
  canConfirm: boolean;
  teams: { id: string; name: string }[];
  matches: { id: string; reference: string; status: string }[];
  forms: Record<string, FormState>;
  csrf: string | null;
}

export function InquiryDetail(props: { t: Translate; lang: Lang; view: InquiryFullView; triage: TriageOptions; notice?: string }) {
  const { t, lang, view, triage } = props;
  const version = String(view.version);
  const blank = (name: string) => triage.forms[name] ?? { values: {}, errors: [], t };
  const formErrors = Object.values(triage.forms).flatMap((form) => form.errors);
  return (
    <div>
      <h1>
        {t(`inquiries.kind.${view.kind}`)} {view.reference}{' '}
        {view.acute ? <Badge variant="error">{t('inquiries.acuteBadge')}</Badge> : null}
      </h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      {!triage.canTriage && formErrors.length > 0 ? (
        // Someone else decided while this user wrote: the message, and her own text, kept.
        <>
          <ErrorSummary state={{ values: {}, errors: formErrors, t }} />
          {typeof triage.forms.answer?.values.answer === 'string' && triage.forms.answer.values.answer.trim() !== '' ? (
            <Alert variant="info" heading={t('inquiries.conflict.keptText')}><p class="preserve-lines">{triage.forms.answer.values.answer}</p></Alert>
          ) : null}
        </>
      ) : null}
      {view.repeatOf ? (
        <Alert variant="warning" heading={t('inquiries.detail.repeat')}>
          {view.repeatOf.reference
            ? <a href={`/henvendelser/${view.repeatOf.id}`}>{view.repeatOf.reference} ({fmtDate(lang, view.repeatOf.receivedAt as Date)})</a>
            : t('inquiries.detail.repeatHidden')}
        </Alert>
      ) : null}
      <dl class="summary-list">
        <dt>{t('inquiries.col.status')}</dt><dd>{t(`inquiries.status.${view.status}`)}{view.outcome ? ` – ${t(`inquiries.outcome.${view.outcome}`)}` : ''}</dd>
        <dt>{t('inquiries.col.received')}</dt><dd>{fmtDateTime(lang, view.receivedAt as Date)}</dd>
        {view.observedOn ? <><dt>{t('inquiries.detail.observedOn')}</dt><dd>{fmtDate(lang, view.observedOn)}</dd></> : null}
        <dt>{t('inquiries.detail.reporter')}</dt><dd>{view.reporterName ?? '–'} ({t(`sector.${view.sourceSector}`)})</dd>
        <dt>{t('inquiries.detail.team')}</dt><dd>{view.teamName}</dd>
        <dt>{t('inquiries.col.age')}</dt><dd>{t(`inquiries.ageGroup.${view.ageGroup}`)}</dd>
        {view.caseId ? <><dt>{t('inquiries.detail.case')}</dt><dd><a href={`/sager/${view.caseId}`}>{t('inquiries.detail.openCase')}</a></dd></> : null}
      </dl>
      <h2>{t('inquiries.detail.about')}</h2>
      {view.identity ? (
        <dl class="summary-list">
          <dt>{t('inquiries.identity.name')}</dt><dd>{view.identity.name}</dd>
          <dt>{t('inquiries.identity.cpr')}</dt><dd>{view.identity.cpr ?? '–'}</dd>
          <dt>{t('inquiries.identity.schoolOrWorkplace')}</dt><dd>{view.identity.schoolOrWorkplace ?? '–'}</dd>
          <dt>{t('inquiries.identity.district')}</dt><dd>{view.identity.district ?? '–'}</dd>
        </dl>
      ) : <p>{t('inquiries.detail.anonymous')}</p>}
      <h2>{t('inquiries.detail.observed')}</h2>
      {view.redFlags.length > 0 ? <Alert variant="error" heading={t('inquiries.redFlags')}><ul>{view.redFlags.map((flag) => <li>{t(`redFlag.${flag}`)}</li>)}</ul></Alert> : null}
      <ul>{view.forms.map((form) => <li>{t(`form.${form}`)}</li>)}</ul>
      {view.controllers.length > 0 ? <p>{t('inquiries.controllers')} {view.controllers.map((type) => t(`controller.${type}`)).join(', ')}</p> : null}
      <h3>{t('inquiries.detail.description')}</h3>
      <p class="preserve-lines">{view.description}</p>
      {view.answer ? <><h3>{t('inquiries.detail.answer')}</h3><p class="preserve-lines">{view.answer}</p></> : null}
      <h2>{t('inquiries.clocks')}</h2>
      <ClockList t={t} lang={lang} clocks={view.clocks as ClockView[]} />
      {triage.canConfirm ? (
        <div class="triage-quick">
          {view.acuteAssessedAt === null ? (
            <form method="post" action={`/henvendelser/${view.id}/akutvurdering`}>
              <CsrfField token={triage.csrf} /><input type="hidden" name="version" value={version} />
              <button type="submit" class="button button-secondary">{t('inquiries.triage.acuteDone')}</button>
              <span class="form-hint">{t('inquiries.triage.acuteDoneHint')}</span>
            </form>
          ) : null}
          {view.receiptConfirmedAt === null && view.kind !== 'citizen' ? (
            <form method="post" action={`/henvendelser/${view.id}/kvitter`}>
              <CsrfField token={triage.csrf} /><input type="hidden" name="version" value={version} />
              <button type="submit" class="button button-secondary">{t('inquiries.triage.confirmReceipt')}</button>
              <span class="form-hint">{t('inquiries.triage.confirmReceiptHint')}</span>
            </form>
          ) : null}
        </div>
      ) : null}
      {triage.canTriage ? (
        <section class="triage">
          <h2>{t('inquiries.triage.title')}</h2>
          <ErrorSummary state={{ values: {}, errors: formErrors, t }} />
          <h3>{t('inquiries.triage.openCase')}</h3>
          <form method="post" action={`/henvendelser/${view.id}/opret-sag`}>
            <CsrfField token={triage.csrf} /><input type="hidden" name="version" value={version} />
            <p class="form-hint">{t('inquiries.triage.openCaseHint')}</p>
            <button type="submit" class="button button-primary">{t('inquiries.triage.openCase')}</button>
          </form>
          {triage.matches.length > 0 ? (
            <>
              <h3>{t('inquiries.triage.link')}</h3>
              <form method="post" action={`/henvendelser/${view.id}/tilknyt`}>
                <CsrfField token={triage.csrf} /><input type="hidden" name="version" value={version} />
                <ChoiceGroup state={blank('link')} name="caseId" type="radio" legend={t('inquiries.triage.linkHint')}
                  options={triage.matches.map((match) => ({ value: match.id, label: `${match.reference} (${t(`cases.status.${match.status}`)})` }))} />
                <button type="submit" class="button button-secondary">{t('inquiries.triage.link')}</button>
              </form>
            </>
          ) : null}
          <h3>{t('inquiries.triage.answer')}</h3>
          <form method="post" action={`/henvendelser/${view.id}/besvar`} novalidate>
            <CsrfField token={triage.csrf} /><input type="hidden" name="version" value={version} />
            <TextArea state={blank('answer')} name="answer" label={t('inquiries.triage.answerLabel')} rows={4} />
            <button type="submit" class="button button-secondary">{t('inquiries.triage.answer')}</button>
          </form>
          <h3>{t('inquiries.triage.forward')}</h3>
          <form method="post" action={`/henvendelser/${view.id}/videresend`} novalidate>
            <CsrfField token={triage.csrf} /><input type="hidden" name="version" value={version} />
            <SelectField state={blank('forward')} name="teamId" label={t('inquiries.triage.forwardTeam')} placeholder={t('inquiries.triage.chooseTeam')}
              options={triage.teams.map((team) => ({ value: team.id, label: team.name }))} />
            <button type="submit" class="button button-secondary">{t('inquiries.triage.forward')}</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
