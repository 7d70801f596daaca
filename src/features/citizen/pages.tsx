/**
 * The citizen site's pages as pure views of (language, texts, site document). The same views
 * render the live site and the unit's preview of a draft.
 */
import type { ComponentChildren } from 'preact';
import type { CitizenKey, CitizenTranslate } from './catalogs/index.js';
import type { CitizenFieldError, VisitorConversation } from './conversations.js';
import { CONTACT_MAX_LENGTH, MESSAGE_MAX_LENGTH } from './conversations.js';
import { localized, type DirectoryEntry } from './document.js';
import { localeOf, type CitizenLang } from './languages.js';
import { Prose, type CitizenFrame, type PageId, pagePath } from './layout.js';
import { ANSWERS, DOMAIN_KEYS, QUESTIONS, type SelfCheckResult } from './self-check.js';

type Props = { frame: CitizenFrame };

function href(frame: CitizenFrame, page: PageId): string {
  return (frame.linkBase ?? pagePath)(frame.lang, page);
}

function formatDate(lang: CitizenLang, value: Date | string): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }).format(date);
}

function Callout(props: { variant?: 'urgent' | 'success'; title?: string; children: ComponentChildren; role?: 'alert' | 'status' }) {
  return (
    <div class={`callout${props.variant ? ` callout-${props.variant}` : ''}`} role={props.role}>
      {props.title ? <p class="callout-title">{props.title}</p> : null}
      {props.children}
    </div>
  );
}

export function StartPage({ frame }: Props) {
  const { t } = frame;
  const cards: { page: PageId; key: CitizenKey; nav: CitizenKey }[] = [
    { page: 'rights', key: 'start.card.rights', nav: 'nav.rights' },
    { page: 'check', key: 'start.card.check', nav: 'nav.check' },
    { page: 'help', key: 'start.card.help', nav: 'nav.help' },
    { page: 'friends', key: 'start.card.friends', nav: 'nav.friends' },
    { page: 'safety', key: 'start.card.safety', nav: 'nav.safety' },
    { page: 'write', key: 'start.card.write', nav: 'nav.write' },
  ];
  return (
    <>
      <h1>{t('start.title')}</h1>
      <p class="lead">{t('start.lead')}</p>
      <Callout variant="urgent"><p>{t('start.urgent')}</p></Callout>
      <Prose text={t('start.body')} />
      <ul class="cards">
        {cards.map((card) => (
          <li>
            <a href={href(frame, card.page)}>{t(card.nav)}</a>
            <p>{t(card.key)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

const RIGHTS_SECTIONS = ['school', 'work', 'leisure', 'friends', 'partner', 'faith', 'body', 'phone', 'crimes', 'young'] as const;

export function RightsPage({ frame }: Props) {
  const { t } = frame;
  return (
    <>
      <h1>{t('rights.title')}</h1>
      <p class="lead">{t('rights.lead')}</p>
      {RIGHTS_SECTIONS.map((section) => (
        <section aria-labelledby={`rights-${section}`}>
          <h2 id={`rights-${section}`}>{t(`rights.${section}.title` as CitizenKey)}</h2>
          <Prose text={t(`rights.${section}.body` as CitizenKey)} />
        </section>
      ))}
    </>
  );
}

const ANSWER_KEYS: Record<(typeof ANSWERS)[number], CitizenKey> = { no: 'check.answer.no', sometimes: 'check.answer.sometimes', often: 'check.answer.often' };

export function SelfCheckPage(props: Props & { values?: Record<string, string>; error?: CitizenKey }) {
  const { frame } = props;
  const { t } = frame;
  return (
    <>
      <h1>{t('check.title')}</h1>
      <p class="lead">{t('check.lead')}</p>
      <Callout><p>{t('check.privacy')}</p></Callout>
      {props.error ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('error.summary')}</h2>
          <p>{t(props.error)}</p>
        </div>
      ) : null}
      <form method="post" action={href(frame, 'check')} autocomplete="off">
        {QUESTIONS.map((question, index) => (
          <fieldset class="question">
            <legend>
              <span class="number">{t('check.legend', { number: index + 1, total: QUESTIONS.length })}</span>
              <span class="text">{t(question.key)}</span>
            </legend>
            <div class="choices">
              {ANSWERS.map((answer) => {
                const id = `${question.id}-${answer}`;
                return (
                  <div class="choice">
                    <input
                      type="radio"
                      id={id}
                      name={question.id}
                      value={answer}
                      checked={props.values?.[question.id] === answer}
                      class={question.danger && answer !== 'no' ? 'signals-danger' : undefined}
                    />
                    <label for={id}>{t(ANSWER_KEYS[answer])}</label>
                  </div>
                );
              })}
            </div>
            {question.danger ? (
              <div class="urgent-inline callout callout-urgent">
                <p>{t('check.urgentInline')}</p>
              </div>
            ) : null}
          </fieldset>
        ))}
        <button type="submit">{t('check.submit')}</button>
      </form>
    </>
  );
}

export function SelfCheckResultPage(props: Props & { result: SelfCheckResult }) {
  const { frame, result } = props;
  const { t } = frame;
  const levelKey: CitizenKey = result.level === 'clear' ? 'check.result.clear' : result.level === 'some' ? 'check.result.some' : 'check.result.none';
  return (
    <>
      <h1>{t('check.result.title')}</h1>
      {result.urgent ? (
        <Callout variant="urgent" title={t('check.result.urgentTitle')} role="alert">
          <Prose text={t('check.result.urgentBody')} />
          <p><a href={href(frame, 'write')}>{t('nav.write')}</a> · <a href={href(frame, 'help')}>{t('nav.help')}</a></p>
        </Callout>
      ) : null}
      <p class="lead">{t(levelKey)}</p>
      {result.domains.length > 0 ? (
        <>
          <p>{t('check.result.domainsIntro')}</p>
          <ul>{result.domains.map((domain) => <li>{t(DOMAIN_KEYS[domain])}</li>)}</ul>
        </>
      ) : null}
      <h2>{t('check.result.next')}</h2>
      <ul>
        <li><a href={href(frame, 'rights')}>{t('nav.rights')}</a></li>
        <li><a href={href(frame, 'help')}>{t('nav.help')}</a></li>
        <li><a href={href(frame, 'write')}>{t('nav.write')}</a></li>
      </ul>
      <p><a class="button button-secondary" href={href(frame, 'check')}>{t('check.again')}</a></p>
    </>
  );
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/\s+/g, '')}`;
}

function DirectoryItem(props: { frame: CitizenFrame; entry: DirectoryEntry }) {
  const { frame, entry } = props;
  const { t, lang } = frame;
  const hours = localized(entry.hours, lang);
  return (
    <li>
      <h3>{entry.name}</h3>
      <p>{localized(entry.description, lang)}</p>
      <dl class="details">
        {entry.phone ? (<><dt>{t('help.phone')}</dt><dd><a class="phone" href={telHref(entry.phone)} dir="ltr">{entry.phone}</a></dd></>) : null}
        {hours ? (<><dt>{t('help.hours')}</dt><dd>{hours}</dd></>) : null}
        {entry.url ? (<><dt>{t('help.website')}</dt><dd><a href={entry.url} rel="noreferrer noopener" dir="ltr">{entry.url.replace(/^https:\/\//, '').replace(/\/$/, '')}</a></dd></>) : null}
      </dl>
      <p class="verified">{entry.lastVerified ? t('help.lastVerified', { date: formatDate(lang, entry.lastVerified) }) : t('help.notVerified')}</p>
    </li>
  );
}

export function HelpPage({ frame }: Props) {
  const { t, lang, document } = frame;
  const { unit } = document;
  const hasUnit = Boolean(unit.name || unit.phone || unit.email || unit.address);
  const urgent = document.directory.filter((entry) => entry.urgent);
  const others = document.directory.filter((entry) => !entry.urgent);
  return (
    <>
      <h1>{t('help.title')}</h1>
      <p class="lead">{t('help.lead')}</p>
      <Callout variant="urgent" title={t('help.urgent.title')}>
        <p>{t('help.urgent.body')}</p>
      </Callout>
      {urgent.length > 0 ? <ul class="directory">{urgent.map((entry) => <DirectoryItem frame={frame} entry={entry} />)}</ul> : null}
      <h2>{t('help.unit.title')}</h2>
      <p>{t('help.unit.body')}</p>
      {hasUnit ? (
        <dl class="details">
          {unit.name ? (<><dt>{t('help.unit.title')}</dt><dd>{unit.name}</dd></>) : null}
          {unit.phone ? (<><dt>{t('help.phone')}</dt><dd><a class="phone" href={telHref(unit.phone)} dir="ltr">{unit.phone}</a></dd></>) : null}
          {unit.email ? (<><dt>{t('help.email')}</dt><dd><a href={`mailto:${unit.email}`} dir="ltr">{unit.email}</a></dd></>) : null}
          {unit.address ? (<><dt>{t('help.address')}</dt><dd>{unit.address}</dd></>) : null}
          {localized(unit.hours, lang) ? (<><dt>{t('help.hours')}</dt><dd>{localized(unit.hours, lang)}</dd></>) : null}
        </dl>
      ) : (
        <p>{t('help.unit.missing')}</p>
      )}
      {localized(unit.note, lang) ? <Prose text={localized(unit.note, lang)} /> : null}
      <p><a class="button" href={href(frame, 'write')}>{t('help.writeUs')}</a></p>
      <h2>{t('help.others.title')}</h2>
      <ul class="directory">{others.map((entry) => <DirectoryItem frame={frame} entry={entry} />)}</ul>
    </>
  );
}

export function FriendsPage({ frame }: Props) {
  const { t } = frame;
  return (
    <>
      <h1>{t('friends.title')}</h1>
      <p class="lead">{t('friends.lead')}</p>
      {(['signs', 'do', 'dont', 'adults'] as const).map((section) => (
        <section aria-labelledby={`friends-${section}`}>
          <h2 id={`friends-${section}`}>{t(`friends.${section}.title` as CitizenKey)}</h2>
          <Prose text={t(`friends.${section}.body` as CitizenKey)} />
        </section>
      ))}
      <p><a class="button" href={href(frame, 'write')}>{t('help.writeUs')}</a></p>
    </>
  );
}

export function SafetyPage({ frame }: Props) {
  const { t } = frame;
  return (
    <>
      <h1>{t('safety.title')}</h1>
      <p class="lead">{t('safety.lead')}</p>
      {(['device', 'private', 'history', 'contacts', 'exit', 'site'] as const).map((section) => (
        <section aria-labelledby={`safety-${section}`}>
          <h2 id={`safety-${section}`}>{t(`safety.${section}.title` as CitizenKey)}</h2>
          <Prose text={t(`safety.${section}.body` as CitizenKey)} />
        </section>
      ))}
    </>
  );
}

function fieldError(errors: CitizenFieldError[], field: string, t: CitizenTranslate): string | undefined {
  const error = errors.find((candidate) => candidate.field === field);
  return error ? t(error.key, error.params) : undefined;
}

function ErrorSummary(props: { t: CitizenTranslate; errors: CitizenFieldError[]; message?: string }) {
  if (props.errors.length === 0 && !props.message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.t('error.summary')}</h2>
      <ul>
        {props.message ? <li>{props.message}</li> : null}
        {props.errors.map((error) => (
          <li><a href={`#field-${error.field}`}>{props.t(error.key, error.params)}</a></li>
        ))}
      </ul>
    </div>
  );
}

function TextAreaField(props: { t: CitizenTranslate; name: string; label: string; hint: string; value: string; error?: string; rows?: number; maxLength: number; required?: boolean }) {
  const id = `field-${props.name}`;
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <span class="hint" id={`${id}-hint`}>{props.hint}</span>
      {props.error ? <span class="error-message" id={`${id}-error`}>{props.error}</span> : null}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 8}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete="off"
      >{props.value}</textarea>
    </div>
  );
}

export interface WriteState {
  values: { message?: string; contact?: string };
  errors: CitizenFieldError[];
  message?: string;
}

export function WritePage(props: Props & { state: WriteState; available: boolean }) {
  const { frame, state } = props;
  const { t } = frame;
  return (
    <>
      <h1>{t('write.title')}</h1>
      <p class="lead">{t('write.lead')}</p>
      <Callout><p>{t('write.anonymous')}</p></Callout>
      {props.available ? (
        <>
          <ErrorSummary t={t} errors={state.errors} message={state.message} />
          <form method="post" action={href(frame, 'write')} autocomplete="off" novalidate>
            <TextAreaField t={t} name="message" label={t('write.message.label')} hint={t('write.message.hint', { max: MESSAGE_MAX_LENGTH })} value={state.values.message ?? ''} error={fieldError(state.errors, 'message', t)} maxLength={MESSAGE_MAX_LENGTH} required />
            <TextAreaField t={t} name="contact" label={t('write.contact.label')} hint={t('write.contact.hint')} value={state.values.contact ?? ''} error={fieldError(state.errors, 'contact', t)} rows={2} maxLength={CONTACT_MAX_LENGTH} />
            <button type="submit">{t('write.submit')}</button>
          </form>
        </>
      ) : (
        <Callout variant="urgent"><p>{t('write.unavailable')}</p><p><a href={href(frame, 'help')}>{t('nav.help')}</a></p></Callout>
      )}
    </>
  );
}

export function SentPage(props: Props & { code: string; retentionDays: number }) {
  const { frame } = props;
  const { t } = frame;
  return (
    <>
      <h1>{t('write.sent.title')}</h1>
      <Callout variant="success" title={t('write.sent.codeLabel')}>
        <bdi class="pickup-code" dir="ltr" lang="da" data-pickup-code>{props.code}</bdi>
        <p><strong>{t('write.sent.codeOnce')}</strong></p>
      </Callout>
      <Prose text={t('write.sent.advice')} />
      <p>{t('write.sent.retention', { days: props.retentionDays })}</p>
      <Callout variant="urgent"><p>{t('write.sent.urgent')}</p></Callout>
      <p><a class="button" href={href(frame, 'read')}>{t('write.sent.read')}</a></p>
    </>
  );
}

export function CodeForm(props: Props & { error?: string; value?: string }) {
  const { frame } = props;
  const { t } = frame;
  return (
    <>
      <h1>{t('read.title')}</h1>
      <p class="lead">{t('read.lead')}</p>
      {props.error ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('error.summary')}</h2>
          <p><a href="#field-code">{props.error}</a></p>
        </div>
      ) : null}
      <form method="post" action={href(frame, 'read')} autocomplete="off" novalidate>
        <div class={`field${props.error ? ' field-error' : ''}`}>
          <label for="field-code">{t('read.code.label')}</label>
          <span class="hint" id="field-code-hint">{t('read.code.hint')}</span>
          {props.error ? <span class="error-message" id="field-code-error">{props.error}</span> : null}
          <input
            type="text"
            id="field-code"
            name="code"
            class="code-input"
            dir="ltr"
            value={props.value ?? ''}
            autocomplete="off"
            autocapitalize="none"
            autocorrect="off"
            spellcheck={false}
            maxLength={200}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'field-code-hint field-code-error' : 'field-code-hint'}
          />
        </div>
        <button type="submit">{t('read.submit')}</button>
      </form>
    </>
  );
}

export function ConversationPage(props: Props & { code: string; conversation: VisitorConversation; state: WriteState; notice?: string }) {
  const { frame, conversation, state } = props;
  const { t, lang } = frame;
  const dateTime = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
  const hasReply = conversation.messages.some((message) => message.author === 'staff');
  return (
    <>
      <h1>{t('read.conversation.title')}</h1>
      {props.notice ? <Callout variant="success"><p role="status">{props.notice}</p></Callout> : null}
      <ol class="conversation">
        {conversation.messages.map((message) => (
          <li class={message.author === 'staff' ? 'from-unit' : 'from-you'}>
            <p class="meta">
              <strong>{message.author === 'staff' ? t('read.from.unit') : t('read.from.you')}</strong>{' · '}
              <time dateTime={message.createdAt.toISOString()}>{dateTime.format(message.createdAt)}</time>
            </p>
            <p class="body" dir="auto">{message.text}</p>
          </li>
        ))}
      </ol>
      {hasReply ? null : <p>{t('read.noReplyYet')}</p>}
      <p>{t('read.expires', { date: formatDate(lang, conversation.expiresAt) })}</p>
      {conversation.status === 'closed' ? (
        <Callout><p>{t('read.closed')}</p></Callout>
      ) : (
        <>
          <ErrorSummary t={t} errors={state.errors} message={state.message} />
          <form method="post" action={`${href(frame, 'read')}/skriv`} autocomplete="off" novalidate>
            <input type="hidden" name="code" value={props.code} />
            <TextAreaField t={t} name="message" label={t('read.reply.label')} hint={t('write.message.hint', { max: MESSAGE_MAX_LENGTH })} value={state.values.message ?? ''} error={fieldError(state.errors, 'message', t)} maxLength={MESSAGE_MAX_LENGTH} rows={5} required />
            <button type="submit">{t('read.reply.submit')}</button>
          </form>
        </>
      )}
      <p><a class="button button-secondary" href={href(frame, 'start')}>{t('read.done')}</a></p>
    </>
  );
}

export function ErrorPage(props: Props & { title: CitizenKey; text: string }) {
  const { frame } = props;
  return (
    <>
      <h1>{frame.t(props.title)}</h1>
      <p>{props.text}</p>
      <p><a href={href(frame, 'start')}>{frame.t('nav.start')}</a></p>
    </>
  );
}
