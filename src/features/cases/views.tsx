/** Server-rendered views of a case. The "do not" list always comes first. */
import { fmtDate, fmtDateTime } from '../clocks/format.js';
import { type Lang, type Translate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../platform/layout/forms.js';
import type { ClockView } from '../clocks/clocks.js';
import { Badge, ClockList } from '../inquiries/views.js';
import type { AttachmentRecord } from './attachments.js';
import { CLOSE_REASONS, CONSENT_STATUSES, PERSON_ROLES, PROTECTIONS, RELATIONS, type CaseDetail, type CaseSummary, type HandoverOut, type TaskOut } from './schemas.js';

export interface CaseForms {
  [name: string]: FormState;
}

function blank(t: Translate, forms: CaseForms, name: string, values: Record<string, unknown> = {}): FormState {
  return forms[name] ?? { values, errors: [], t };
}

export function DoNotBox(props: { t: Translate; items: { text: string }[] }) {
  const { t } = props;
  return (
    <div class="alert alert-warning do-not-list" role="region" aria-labelledby="do-not-heading">
      <div class="alert-body">
        <h2 class="alert-heading" id="do-not-heading">{t('cases.doNot.title')}</h2>
        {props.items.length === 0 ? <p class="alert-text">{t('cases.doNot.none')}</p> : (
          <ul class="alert-text">{props.items.map((item) => <li><strong>{item.text}</strong></li>)}</ul>
        )}
      </div>
    </div>
  );
}

export function riskLabel(t: Translate, level: number | null): string {
  return level === null ? '–' : t(`cases.risk.level.${level}`);
}

export function CaseTable(props: { t: Translate; lang: Lang; cases: CaseSummary[]; demo: boolean }) {
  const { t, lang } = props;
  if (props.cases.length === 0) return <p>{t('cases.list.none')}</p>;
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra">
        <thead><tr>
          <th scope="col">{t('cases.col.reference')}</th><th scope="col">{t('cases.col.subject')}</th><th scope="col">{t('cases.col.status')}</th>
          <th scope="col">{t('cases.col.risk')}</th><th scope="col">{t('cases.col.team')}</th><th scope="col">{t('cases.col.access')}</th><th scope="col">{t('cases.col.activity')}</th>
        </tr></thead>
        <tbody>
          {props.cases.map((item) => (
            <tr>
              <td><a href={`/sager/${item.id}`}>{item.reference}</a>{item.protected ? <> <Badge variant="warning">{t('cases.protectedBadge')}</Badge></> : null}</td>
              <td>{item.subjectName ?? t('cases.unnamed')}{props.demo && item.subjectName ? <> <Badge variant="info">{t('cases.demoLabel')}</Badge></> : null}</td>
              <td>{t(`cases.status.${item.status}`)}</td>
              <td>{riskLabel(t, item.riskLevel)}</td>
              <td>{item.ownerTeamName}</td>
              <td>{t(`cases.access.${item.access}`)}</td>
              <td>{fmtDateTime(lang, item.lastActivityAt as Date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TaskTable(props: { t: Translate; lang: Lang; tasks: TaskOut[]; withCase?: boolean; csrf?: string | null; canWrite?: boolean; assignable?: { id: string; name: string }[] }) {
  const { t, lang } = props;
  if (props.tasks.length === 0) return <p>{props.withCase ? t('tasks.mine.none') : t('cases.tasks.none')}</p>;
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra">
        <thead><tr>
          {props.withCase ? <th scope="col">{t('tasks.col.case')}</th> : null}
          <th scope="col">{t('tasks.col.title')}</th><th scope="col">{t('tasks.col.due')}</th><th scope="col">{t('cases.task.owner')}</th><th scope="col">{t('cases.col.status')}</th>
          {props.canWrite ? <th scope="col"><span class="sr-only">{t('layout.actions')}</span></th> : null}
        </tr></thead>
        <tbody>
          {props.tasks.map((task) => (
            <tr>
              {props.withCase ? <td><a href={`/sager/${task.caseId}`}>{task.caseReference}</a></td> : null}
              <td>{task.title}{task.source !== 'manual' && t(`cases.task.source.${task.source}`) !== `cases.task.source.${task.source}` ? <> <Badge variant="info">{t(`cases.task.source.${task.source}`)}</Badge></> : null}</td>
              <td>{fmtDate(lang, task.dueDate)}</td>
              <td>{task.ownerName ?? '–'}</td>
              <td>{t(`cases.task.status.${task.status}`)}</td>
              {props.canWrite ? (
                <td>
                  <form method="post" action={`/sager/${task.caseId}/opgaver/${task.id}/status`} class="inline-form">
                    <CsrfField token={props.csrf ?? null} />
                    <input type="hidden" name="version" value={String(task.version)} />
                    <input type="hidden" name="status" value={task.status === 'open' ? 'done' : 'open'} />
                    <button type="submit" class="button button-tertiary">{task.status === 'open' ? t('cases.task.markDone') : t('cases.task.reopen')}</button>
                  </form>
                  {task.status === 'open' && props.assignable && props.assignable.length > 1 ? (
                    <form method="post" action={`/sager/${task.caseId}/opgaver/${task.id}/ansvarlig`} class="inline-form task-owner-form">
                      <CsrfField token={props.csrf ?? null} />
                      <input type="hidden" name="version" value={String(task.version)} />
                      <label class="sr-only" for={`task-owner-${task.id}`}>{t('cases.task.newOwnerFor', { title: task.title })}</label>
                      <select class="form-select" id={`task-owner-${task.id}`} name="ownerUserId">
                        {props.assignable.map((user) => <option value={user.id} selected={user.id === task.ownerUserId}>{user.name}</option>)}
                      </select>
                      <button type="submit" class="button button-tertiary">{t('cases.task.changeOwner')}</button>
                    </form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CasePageProps {
  t: Translate;
  lang: Lang;
  detail: CaseDetail;
  forms: CaseForms;
  csrf: string | null;
  canWrite: boolean;
  canManage: boolean;
  assignable: { id: string; name: string }[];
  /** Those of `assignable` who may own a task: the owning team and teams with write access. */
  taskOwners: { id: string; name: string }[];
  aftercareMonths: number[];
  notice?: string;
  demo: boolean;
}

export function CasePage(props: CasePageProps) {
  const { t, lang, detail, forms, csrf, canWrite } = props;
  const subject = detail.persons.find((person) => person.role === 'subject');
  const personName = new Map(detail.persons.map((person) => [person.id, person.name]));
  const version = String(detail.version);
  const base = `/sager/${detail.id}`;
  const allErrors = Object.values(forms).flatMap((form) => form.errors);
  return (
    <div class="case-page">
      <h1>
        {t('cases.title', { reference: detail.reference })}{subject ? ` – ${subject.name}` : ''}{' '}
        {props.demo ? <Badge variant="info">{t('cases.demoLabel')}</Badge> : null}
      </h1>
      <DoNotBox t={t} items={detail.doNot} />
      {detail.protected ? <Alert variant="warning">{t('cases.protected.notice')}</Alert> : null}
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <ErrorSummary state={{ values: {}, errors: allErrors, t }} />
      {detail.pendingTransfer ? <Alert variant="info">{t('cases.handover.pending', { team: detail.pendingTransfer.toTeamName })}</Alert> : null}

      <section>
        <h2>{t('cases.overview')}</h2>
        <dl class="summary-list">
          <dt>{t('cases.col.status')}</dt><dd>{t(`cases.status.${detail.status}`)}</dd>
          <dt>{t('cases.owner')}</dt><dd>{detail.ownerTeamName} ({t(`cases.access.${detail.access}`)})</dd>
          <dt>{t('cases.opened')}</dt><dd>{fmtDate(lang, detail.openedAt as Date)}</dd>
          {detail.closedAt ? <><dt>{t('cases.closed')}</dt><dd>{fmtDate(lang, detail.closedAt as Date)} – {t(`cases.close.reason.${detail.closeReason}`)}: {detail.closeOutcome}</dd></> : null}
          <dt>{t('cases.source')}</dt><dd>{t(`sector.${detail.sourceSector}`)}</dd>
          <dt>{t('cases.ageGroup')}</dt><dd>{t(`inquiries.ageGroup.${detail.ageGroup}`)}</dd>
          <dt>{t('cases.risk.title')}</dt><dd>{riskLabel(t, detail.riskLevel)}{detail.riskAssessedAt ? ` (${t('cases.risk.assessedAt', { date: fmtDate(lang, detail.riskAssessedAt as Date) })})` : ''}</dd>
          <dt>{t('cases.consent')}</dt><dd>{t(`cases.consent.${detail.consentStatus}`)}</dd>
        </dl>
        {detail.situation ? <p class="preserve-lines">{detail.situation}</p> : null}
        {canWrite ? (
          <details class="case-form">
            <summary>{t('cases.details.edit')}</summary>
            <form method="post" action={`${base}/overblik`} novalidate>
              <CsrfField token={csrf} />
              <input type="hidden" name="version" value={String(forms.details?.values.version ?? version)} />
              <TextArea state={blank(t, forms, 'details', { situation: detail.situation ?? '' })} name="situation" label={t('cases.situation')} optional rows={4} />
              <SelectField state={blank(t, forms, 'details', { consentStatus: detail.consentStatus })} name="consentStatus" label={t('cases.consent')}
                options={CONSENT_STATUSES.map((status) => ({ value: status, label: t(`cases.consent.${status}`) }))} />
              <button class="button button-secondary" type="submit">{t('cases.details.save')}</button>
            </form>
          </details>
        ) : null}
      </section>

      <section>
        <h2>{t('cases.clocks.title')}</h2>
        <ClockList t={t} lang={lang} clocks={detail.clocks as ClockView[]} />
        {canWrite && detail.ageGroup === 'child' && detail.status === 'open' ? (
          <form method="post" action={`${base}/boernefaglig/${detail.childAssessmentStartedAt ? 'afslut' : 'start'}`}>
            <CsrfField token={csrf} /><input type="hidden" name="version" value={version} />
            {detail.childAssessmentCompletedAt ? null : (
              <button class="button button-secondary" type="submit">{detail.childAssessmentStartedAt ? t('cases.childAssessment.complete') : t('cases.childAssessment.start')}</button>
            )}
          </form>
        ) : null}
      </section>

      <section>
        <h2>{t('cases.risk.title')}</h2>
        <p>{detail.riskLevel === null ? t('cases.risk.none') : t('cases.risk.current', { level: riskLabel(t, detail.riskLevel) })}</p>
        {detail.riskHistory.length > 0 ? (
          <>
            <h3>{t('cases.risk.history')}</h3>
            <ul class="nobullet-list">
              {detail.riskHistory.map((risk) => <li>{fmtDateTime(lang, risk.recordedAt as Date)}: <strong>{riskLabel(t, risk.level)}</strong> – {risk.reason} ({risk.recordedByName ?? '–'})</li>)}
            </ul>
          </>
        ) : null}
        {canWrite ? (
          <details class="case-form" open={Boolean(forms.risk)}>
            <summary>{t('cases.risk.record')}</summary>
            <form method="post" action={`${base}/risiko`} novalidate>
              <CsrfField token={csrf} />
              <ChoiceGroup state={blank(t, forms, 'risk')} name="level" type="radio" legend={t('cases.risk.level')} options={[0, 1, 2, 3].map((level) => ({ value: String(level), label: t(`cases.risk.level.${level}`) }))} />
              <TextArea state={blank(t, forms, 'risk')} name="reason" label={t('cases.risk.reason')} rows={3} />
              <button class="button button-secondary" type="submit">{t('cases.risk.record')}</button>
            </form>
          </details>
        ) : null}
      </section>

      <section>
        <h2>{t('cases.persons.title')}</h2>
        <ul class="nobullet-list person-list">
          {detail.persons.map((person) => (
            <li>
              <strong>{person.name}</strong> – {t(`cases.person.role.${person.role}`)}
              {person.cpr ? `, ${t('cases.person.cpr')} ${person.cpr}` : ''}
              {person.protection !== 'none' ? <> <Badge variant="warning">{t(`cases.person.protection.${person.protection}`)}</Badge></> : null}
              <br />
              {t('cases.person.address')}: {person.addressHidden ? <>{t('cases.person.addressHidden')} <a href={`${base}/personer/${person.id}/adresse`}>{t('cases.person.showAddress')}</a></> : (person.address ?? '–')}
              {person.note ? <><br />{person.note}</> : null}
            </li>
          ))}
        </ul>
        <h3>{t('cases.relations.title')}</h3>
        {detail.relations.length === 0 ? <p>{t('cases.relations.none')}</p> : (
          <ul>
            {detail.relations.map((relation) => (
              <li>{personName.get(relation.fromPersonId)} – {t(`relation.${relation.relation}`)} – {personName.get(relation.toPersonId)}{relation.controls ? ` (${t('cases.relation.controlsShort')})` : ''}</li>
            ))}
          </ul>
        )}
        {canWrite ? (
          <>
            <details class="case-form" open={Boolean(forms.person)}>
              <summary>{t('cases.persons.add')}</summary>
              <form method="post" action={`${base}/personer`} novalidate>
                <CsrfField token={csrf} />
                <SelectField state={blank(t, forms, 'person', { role: 'relative' })} name="role" label={t('cases.person.role')} options={PERSON_ROLES.map((role) => ({ value: role, label: t(`cases.person.role.${role}`) }))} />
                <TextField state={blank(t, forms, 'person')} name="name" label={t('cases.person.name')} autocomplete="off" />
                <TextField state={blank(t, forms, 'person')} name="cpr" label={t('cases.person.cpr')} optional inputmode="numeric" autocomplete="off" width="s" />
                <TextField state={blank(t, forms, 'person')} name="address" label={t('cases.person.address')} optional autocomplete="off" />
                <SelectField state={blank(t, forms, 'person', { protection: 'none' })} name="protection" label={t('cases.person.protection')} hint={t('cases.person.protectionHint')}
                  options={PROTECTIONS.map((protection) => ({ value: protection, label: t(`cases.person.protection.${protection}`) }))} />
                <TextArea state={blank(t, forms, 'person')} name="note" label={t('cases.person.note')} optional rows={2} />
                <button class="button button-secondary" type="submit">{t('cases.persons.add')}</button>
              </form>
            </details>
            {detail.persons.length >= 2 || forms.relation ? (
              <details class="case-form" open={Boolean(forms.relation)}>
                <summary>{t('cases.relations.add')}</summary>
                <form method="post" action={`${base}/relationer`} novalidate>
                  <CsrfField token={csrf} />
                  <SelectField state={blank(t, forms, 'relation')} name="fromPersonId" label={t('cases.relation.from')} options={detail.persons.map((person) => ({ value: person.id, label: person.name }))} />
                  <SelectField state={blank(t, forms, 'relation')} name="relation" label={t('cases.relation.type')} options={RELATIONS.map((relation) => ({ value: relation, label: t(`relation.${relation}`) }))} />
                  <SelectField state={blank(t, forms, 'relation')} name="toPersonId" label={t('cases.relation.to')} options={detail.persons.map((person) => ({ value: person.id, label: person.name }))} />
                  <div class="form-group">
                    <input class="form-checkbox" id="field-controls" type="checkbox" name="controls" value="on" checked={forms.relation?.values.controls === 'on'} />
                    <label for="field-controls">{t('cases.relation.controls')}</label>
                  </div>
                  <button class="button button-secondary" type="submit">{t('cases.relations.add')}</button>
                </form>
              </details>
            ) : null}
          </>
        ) : null}
      </section>

      <section>
        <h2>{t('cases.tasks.title')}</h2>
        <TaskTable t={t} lang={lang} tasks={detail.tasks} csrf={csrf} canWrite={canWrite} assignable={props.taskOwners} />
        {canWrite ? (
          <details class="case-form" open={Boolean(forms.task)}>
            <summary>{t('cases.tasks.add')}</summary>
            <form method="post" action={`${base}/opgaver`} novalidate>
              <CsrfField token={csrf} />
              <TextField state={blank(t, forms, 'task')} name="title" label={t('cases.task.title')} autocomplete="off" />
              <TextField state={blank(t, forms, 'task')} name="dueDate" type="date" label={t('cases.task.dueDate')} hint={t('cases.task.dueDateHint')} width="s" />
              <SelectField state={blank(t, forms, 'task')} name="ownerUserId" label={t('cases.task.owner')} optional placeholder={t('cases.task.ownerMe')} options={props.taskOwners.map((user) => ({ value: user.id, label: user.name }))} />
              <button class="button button-secondary" type="submit">{t('cases.tasks.add')}</button>
            </form>
          </details>
        ) : null}
      </section>

      {canWrite ? (
        <section>
          <h2>{t('cases.doNot.add')}</h2>
          <form method="post" action={`${base}/maa-ikke`} novalidate>
            <CsrfField token={csrf} />
            <TextField state={blank(t, forms, 'doNot')} name="text" label={t('cases.doNot.text')} hint={t('cases.doNot.textHint')} autocomplete="off" />
            <button class="button button-secondary" type="submit">{t('cases.doNot.add')}</button>
          </form>
          {detail.doNot.length > 0 ? (
            <ul class="nobullet-list">
              {detail.doNot.map((item) => (
                <li>
                  <form method="post" action={`${base}/maa-ikke/${item.id}/fjern`} class="inline-form">
                    <CsrfField token={csrf} /><input type="hidden" name="version" value={String(item.version)} />
                    {item.text} <button class="button button-tertiary" type="submit">{t('cases.doNot.remove')}<span class="sr-only">: {item.text}</span></button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      <section>
        <h2>{t('cases.notes.title')}</h2>
        {canWrite ? (
          <form method="post" action={`${base}/noter`} novalidate>
            <CsrfField token={csrf} />
            <TextArea state={blank(t, forms, 'note')} name="body" label={t('cases.notes.add')} rows={4} />
            <button class="button button-secondary" type="submit">{t('cases.notes.save')}</button>
          </form>
        ) : null}
        {detail.notes.length === 0 ? <p>{t('cases.notes.none')}</p> : (
          <ul class="nobullet-list note-list">
            {detail.notes.map((note) => (
              <li class="note">
                <p class="form-hint">{fmtDateTime(lang, note.createdAt as Date)} – {note.authorName ?? '–'}{note.editedAt ? ` (${t('cases.notes.edited')})` : ''}
                  {canWrite ? <> · <a href={`${base}/noter/${note.id}`}>{t('cases.notes.edit')}</a></> : null}</p>
                <p class="preserve-lines">{note.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2>{t('cases.attachments.title')}</h2>
        {detail.attachments.length === 0 ? <p>{t('cases.attachments.none')}</p> : (
          <ul>
            {detail.attachments.map((file) => (
              <li>
                <a href={`${base}/bilag/${file.id}`}>{file.filename}</a> ({file.mediaType}, {kilobytes(file.sizeBytes)} kB)
                {canWrite ? <> · <a href={`${base}/bilag/${file.id}/fjern`}>{t('cases.attachments.remove')}<span class="sr-only">: {file.filename}</span></a></> : null}
              </li>
            ))}
          </ul>
        )}
        {canWrite ? (
          <form method="post" action={`${base}/bilag?_csrf=${encodeURIComponent(csrf ?? '')}`} enctype="multipart/form-data" novalidate>
            <div class={`form-group${forms.attachment?.errors.length ? ' form-error' : ''}`}>
              <label class="form-label" for="field-file">{t('cases.attachments.file')}</label>
              <span class="form-hint" id="field-file-hint">{t('cases.attachments.hint')}</span>
              {forms.attachment?.errors.length ? <span class="form-error-message" id="field-file-error">{t(forms.attachment.errors[0].messageKey, forms.attachment.errors[0].params)}</span> : null}
              <input class="form-file-input" id="field-file" name="file" type="file" aria-describedby={forms.attachment?.errors.length ? 'field-file-hint field-file-error' : 'field-file-hint'} />
            </div>
            <button class="button button-secondary" type="submit">{t('cases.attachments.upload')}</button>
          </form>
        ) : null}
      </section>

      <section>
        <h2>{t('cases.shares.title')}</h2>
        {detail.shares.length === 0 ? <p>{t('cases.shares.none')}</p> : (
          <ul class="nobullet-list">
            {detail.shares.map((share) => (
              <li>
                {share.teamName} ({t(`cases.handover.access.${share.access}`)})
                {props.canManage ? (
                  <form method="post" action={`${base}/delinger/${share.id}/adgang`} class="inline-form">
                    <CsrfField token={csrf} /><input type="hidden" name="version" value={String(share.version)} />
                    <input type="hidden" name="access" value={share.access === 'read' ? 'write' : 'read'} />
                    {' '}<button class="button button-tertiary" type="submit">{t(`cases.shares.makeAccess.${share.access === 'read' ? 'write' : 'read'}`)}<span class="sr-only">: {share.teamName}</span></button>
                  </form>
                ) : null}
                {props.canManage ? (
                  <form method="post" action={`${base}/delinger/${share.id}/ophaev`} class="inline-form">
                    <CsrfField token={csrf} /><input type="hidden" name="version" value={String(share.version)} />
                    {' '}<button class="button button-tertiary" type="submit">{t('cases.shares.revoke')}<span class="sr-only">: {share.teamName}</span></button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {detail.pendingTransfer && props.canManage ? (
          <form method="post" action={`/overdragelser/${detail.pendingTransfer.id}/traek-tilbage`}>
            <CsrfField token={csrf} />
            <button class="button button-secondary" type="submit">{t('cases.handover.withdraw')}</button>
          </form>
        ) : null}
        {props.canManage ? <p><a class="button button-secondary" href={`${base}/del`}>{t('cases.handover.title')}</a></p> : null}
        {detail.protected ? (
          <>
            <h3>{t('cases.named.title')}</h3>
            <ul class="named-users">
              {detail.namedUsers.map((user) => (
                <li>
                  {user.name}
                  {props.canManage ? (
                    <form method="post" action={`${base}/navngivne/${user.id}/fjern`} class="inline-form">
                      <CsrfField token={csrf} />
                      <button class="button button-tertiary" type="submit" aria-label={t('cases.named.removeFor', { name: user.name })}>{t('cases.named.remove')}</button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
            {props.canManage ? (
              <form method="post" action={`${base}/navngivne`} novalidate>
                <CsrfField token={csrf} />
                <SelectField state={blank(t, forms, 'named')} name="userId" label={t('cases.named.user')} options={props.assignable.map((user) => ({ value: user.id, label: user.name }))} />
                <button class="button button-secondary" type="submit">{t('cases.named.add')}</button>
              </form>
            ) : null}
          </>
        ) : null}
      </section>

      {detail.inquiries.length > 0 ? (
        <section>
          <h2>{t('cases.inquiries.title')}</h2>
          <ul>{detail.inquiries.map((inquiry) => <li><a href={`/henvendelser/${inquiry.id}`}>{inquiry.reference}</a> ({fmtDate(lang, inquiry.receivedAt as Date)})</li>)}</ul>
        </section>
      ) : null}

      <section>
        <h2>{t('cases.timeline.title')}</h2>
        <ol class="timeline">
          {detail.timeline.map((event) => (
            <li>
              <span class="form-hint">{fmtDateTime(lang, event.occurredAt as Date)} – {event.actorName ?? '–'}</span><br />
              {t(`event.${event.kind}`, timelineParams(t, lang, event.details))}
              {event.kind === 'case.attachment_removed' && typeof event.details.attachmentId === 'string'
                ? <> · <a href={`${base}/bilag/${event.details.attachmentId}/fjern`}>{t('cases.timeline.seeReason')}</a></> : null}
            </li>
          ))}
        </ol>
      </section>

      {props.canManage || detail.status === 'closed' ? (
        <section>
          {detail.status === 'open' && typeof forms.reopen?.values.reason === 'string' ? (
            // Someone else reopened the case while this user wrote why: her text is kept.
            <Alert variant="info" heading={t('cases.conflict.keptText')}><p class="preserve-lines">{forms.reopen.values.reason}</p></Alert>
          ) : null}
          {detail.status === 'open' ? (
            <p><a class="button button-secondary" href={`${base}/luk`}>{t('cases.close.title')}</a></p>
          ) : canWrite ? (
            <form method="post" action={`${base}/genaabn`} novalidate>
              <h2>{t('cases.reopen.title')}</h2>
              <CsrfField token={csrf} /><input type="hidden" name="version" value={version} />
              <TextArea state={blank(t, forms, 'reopen')} name="reason" label={t('cases.reopen.reason')} rows={3} />
              <button class="button button-secondary" type="submit">{t('cases.reopen.submit')}</button>
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function timelineParams(t: Translate, lang: Lang, details: Record<string, unknown>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (typeof details.level === 'number') params.level = riskLabel(t, details.level);
  if (typeof details.dueDate === 'string') params.dueDate = fmtDate(lang, details.dueDate);
  if (typeof details.status === 'string') params.status = t(`cases.task.status.${details.status}`);
  if (typeof details.oldAccess === 'string') params.oldAccess = t(`cases.shares.level.${details.oldAccess}`);
  if (typeof details.newAccess === 'string') params.newAccess = t(`cases.shares.level.${details.newAccess}`);
  return params;
}

function kilobytes(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

/** The removal page: a kept attachment with the reason form, or a removed one with who, when and why. */
export function AttachmentRemoval(props: { t: Translate; lang: Lang; caseId: string; record: AttachmentRecord; state: FormState; csrf: string | null; doNot: string[]; reasonMax: number }) {
  const { t, lang, record, state } = props;
  const back = <p><a href={`/sager/${props.caseId}`}>{t('layout.back')}</a></p>;
  const common = (
    <>
      <dt>{t('cases.attachments.fileType')}</dt><dd>{record.mediaType}, {kilobytes(record.sizeBytes)} kB</dd>
      <dt>{t('cases.attachments.uploadedAt')}</dt><dd>{fmtDateTime(lang, record.uploadedAt)}</dd>
    </>
  );
  if (record.state === 'removed') {
    return (
      <div>
        <h1>{t('cases.attachments.removedTitle')}</h1>
        <ErrorSummary state={state} />
        <p>{t('cases.attachments.removedNote')}</p>
        <dl class="summary-list">
          {common}
          <dt>{t('cases.attachments.removedAt')}</dt><dd>{fmtDateTime(lang, record.removedAt)}</dd>
          <dt>{t('cases.attachments.removedBy')}</dt><dd>{record.removedByName ?? '–'}</dd>
          <dt>{t('cases.attachments.removalReason')}</dt><dd class="preserve-lines">{record.reason ?? '–'}</dd>
        </dl>
        {back}
      </div>
    );
  }
  return (
    <div>
      <h1>{t('cases.attachments.removeTitle')}</h1>
      <DoNotBox t={t} items={props.doNot.map((text) => ({ text }))} />
      <ErrorSummary state={state} />
      <dl class="summary-list">
        <dt>{t('cases.attachments.fileName')}</dt><dd>{record.filename}</dd>
        {common}
      </dl>
      <Alert variant="warning">{t('cases.attachments.removeIntro')}</Alert>
      <form method="post" action={`/sager/${props.caseId}/bilag/${record.id}/fjern`} novalidate>
        <CsrfField token={props.csrf} />
        <TextArea state={state} name="reason" label={t('cases.attachments.reason')} hint={t('cases.attachments.reasonHint', { max: props.reasonMax })} rows={3} maxLength={props.reasonMax} />
        <button class="button button-primary" type="submit">{t('cases.attachments.removeSubmit')}</button>
      </form>
      {back}
    </div>
  );
}

export function HandoverForm(props: { t: Translate; caseId: string; state: FormState; csrf: string | null; teams: { id: string; name: string }[]; doNot: string[] }) {
  const { t, state } = props;
  return (
    <div>
      <h1>{t('cases.handover.title')}</h1>
      <DoNotBox t={t} items={props.doNot.map((text) => ({ text }))} />
      <p>{t('cases.handover.intro')}</p>
      <ErrorSummary state={state} />
      <form method="post" action={`/sager/${props.caseId}/del`} novalidate>
        <CsrfField token={props.csrf} />
        <ChoiceGroup state={state} name="kind" type="radio" legend={t('cases.handover.kind')} options={['share', 'transfer'].map((kind) => ({ value: kind, label: t(`cases.handover.kind.${kind}`) }))} />
        <SelectField state={state} name="teamId" label={t('cases.handover.team')} placeholder={t('cases.handover.chooseTeam')} options={props.teams.map((team) => ({ value: team.id, label: team.name }))} />
        <SelectField state={state} name="access" label={t('cases.handover.access')} optional options={['read', 'write'].map((access) => ({ value: access, label: t(`cases.handover.access.${access}`) }))} />
        <TextArea state={state} name="situation" label={t('cases.handover.situation')} rows={4} />
        <TextArea state={state} name="done" label={t('cases.handover.done')} rows={4} />
        <TextArea state={state} name="contacts" label={t('cases.handover.contacts')} hint={t('cases.handover.contactsHint')} rows={3} />
        <SelectField state={state} name="consentStatus" label={t('cases.handover.consent')} options={CONSENT_STATUSES.map((status) => ({ value: status, label: t(`cases.consent.${status}`) }))} />
        <TextArea state={state} name="consentNote" label={t('cases.handover.consentNote')} optional rows={2} />
        <p class="form-hint">{t('cases.handover.includes')}</p>
        <button class="button button-primary" type="submit">{t('cases.handover.submit')}</button>
      </form>
    </div>
  );
}

export function HandoverSummary(props: { t: Translate; lang: Lang; caseId: string; reference: string; handover: HandoverOut; transferId: string | null; state: FormState; csrf: string | null; mode: 'accept' | 'acknowledge' | 'view' }) {
  const { t, lang, handover: h, state } = props;
  return (
    <div>
      <h1>{t('cases.handover.summaryTitle')} – {props.reference}</h1>
      <DoNotBox t={t} items={h.doNot.map((text) => ({ text }))} />
      <p class="font-lead">{t('cases.handover.summaryIntro')}</p>
      <p class="form-hint">{t('cases.handover.from', { name: h.createdByName ?? '–', date: fmtDateTime(lang, h.createdAt as Date) })}</p>
      <ErrorSummary state={state} />
      <dl class="summary-list">
        <dt>{t('cases.handover.situation')}</dt><dd class="preserve-lines">{h.situation}</dd>
        <dt>{t('cases.handover.risk')}</dt><dd>{riskLabel(t, h.riskLevel)}{h.riskAssessedAt ? ` (${t('cases.risk.assessedAt', { date: fmtDate(lang, h.riskAssessedAt as Date) })})` : ''}</dd>
        <dt>{t('cases.handover.done')}</dt><dd class="preserve-lines">{h.done}</dd>
        <dt>{t('cases.handover.openTasks')}</dt><dd>{h.openTasks.length === 0 ? t('cases.handover.noTasks') : <ul>{h.openTasks.map((task) => <li>{task.title} ({fmtDate(lang, task.dueDate)})</li>)}</ul>}</dd>
        <dt>{t('cases.handover.contacts')}</dt><dd class="preserve-lines">{h.contacts}</dd>
        <dt>{t('cases.handover.consent')}</dt><dd>{t(`cases.consent.${h.consentStatus}`)}{h.consentNote ? ` – ${h.consentNote}` : ''}</dd>
      </dl>
      {props.mode === 'view' ? null : (
        <form method="post" action={props.mode === 'accept' ? `/overdragelser/${props.transferId}/accepter` : `/sager/${props.caseId}/kvitter`} novalidate>
          <CsrfField token={props.csrf} />
          <ChoiceGroup state={state} name="acknowledged" type="checkbox" legend={t('cases.handover.summaryTitle')} options={[{ value: 'on', label: t('cases.handover.acknowledge') }]} />
          <button class="button button-primary" type="submit">{props.mode === 'accept' ? t('cases.handover.accept') : t('cases.handover.acknowledgeSubmit')}</button>
        </form>
      )}
      {props.mode === 'accept' ? (
        <form method="post" action={`/overdragelser/${props.transferId}/afvis`} class="mt-6">
          <CsrfField token={props.csrf} />
          <button class="button button-secondary" type="submit">{t('cases.handover.decline')}</button>
        </form>
      ) : null}
    </div>
  );
}

export function CloseForm(props: { t: Translate; caseId: string; version: number; state: FormState; csrf: string | null; doNot: string[]; aftercareMonths: number[] }) {
  const { t, state } = props;
  return (
    <div>
      <h1>{t('cases.close.title')}</h1>
      <DoNotBox t={t} items={props.doNot.map((text) => ({ text }))} />
      <ErrorSummary state={state} />
      <form method="post" action={`/sager/${props.caseId}/luk`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(state.values.version ?? props.version)} />
        <SelectField state={state} name="reason" label={t('cases.close.reason')} placeholder="" options={CLOSE_REASONS.map((reason) => ({ value: reason, label: t(`cases.close.reason.${reason}`) }))} />
        <TextArea state={state} name="outcome" label={t('cases.close.outcome')} hint={t('cases.close.outcomeHint')} rows={4} />
        <ChoiceGroup state={state} name="aftercare" type="checkbox" legend={t('cases.aftercare.taskTitle', { months: '' }).replace(/:.*$/, '')} optional
          options={[{ value: 'on', label: t('cases.close.aftercare', { months: props.aftercareMonths.join(', ') }) }]} />
        <button class="button button-primary" type="submit">{t('cases.close.submit')}</button>
      </form>
    </div>
  );
}
