/** Login, second factor, enrolment, logout, language switch and account activation pages. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { totpQrSvg } from '../../platform/auth/totp.js';
import type { AppDeps } from '../../platform/deps.js';
import { clearSessionCookie, preSessionCsrfToken, setLanguageCookie, setSessionCookie } from '../../platform/http/cookies.js';
import { ValidationError } from '../../platform/http/errors.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import { newPassword, parseOrThrow, text } from '../../platform/http/validation.js';
import { isLang } from '../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, TextField, type FormState } from '../../platform/layout/forms.js';
import type { Translate } from '../../platform/i18n/index.js';
import { activateAccount, findActivationLink } from './activation.js';
import { completeEnrolment, logout, logoutEverywhere, passwordLogin, pendingEnrolmentSecret, verifySecondFactor } from './login.js';
import './messages.js';
import { oidcEnabled } from './oidc.js';

/**
 * Only local paths, so a crafted `next` cannot send the user to another site after login:
 * visible ASCII without a backslash (browsers read `/\\host` as `//host`) and not `//…`.
 */
function isLocalPath(next: unknown): next is string {
  return typeof next === 'string' && /^\/(?![\/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next);
}

export function safeNext(next: unknown): string {
  return isLocalPath(next) && !next.startsWith('/login') ? next : '/';
}

const LoginForm = z.object({
  // text(): control characters (a NUL cannot even reach PostgreSQL) are refused like any field's.
  username: text(100),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
  next: z.string().max(2000).optional(),
});

const CodeForm = z.object({ code: z.string().trim().min(1, 'validation.required').max(20, 'validation.totpFormat') });

function LoginPage(props: { t: Translate; state: FormState; csrf: string; next: string; notice?: 'expired' | 'loggedOut' | 'failed' | 'locked' | 'activated' | 'oidcFailed' | 'oidcUnknown'; oidcLabel: string | null }) {
  const { t } = props;
  const notices = {
    expired: ['warning', t('auth.login.expired')],
    loggedOut: ['success', t('auth.login.loggedOut')],
    failed: ['error', t('auth.login.failed')],
    locked: ['error', t('auth.login.locked')],
    activated: ['success', t('auth.activate.done')],
    oidcFailed: ['error', t('auth.oidc.failed')],
    oidcUnknown: ['error', t('auth.oidc.unknownUser')],
  } as const;
  const notice = props.notice ? notices[props.notice] : null;
  return (
    <div class="narrow-form">
      <h1>{t('auth.login.title')}</h1>
      {notice ? <Alert variant={notice[0]}>{notice[1]}</Alert> : null}
      <ErrorSummary state={props.state} />
      <p>{t('auth.login.intro')}</p>
      <form method="post" action="/login" novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <TextField state={props.state} name="username" label={t('auth.login.username')} autocomplete="username" />
        <TextField state={props.state} name="password" label={t('auth.login.password')} type="password" autocomplete="current-password" />
        <button type="submit" class="button button-primary">{t('auth.login.submit')}</button>
      </form>
      {props.oidcLabel ? (
        <div class="mt-6">
          <p>{t('auth.login.or')}</p>
          <a class="button button-secondary" href={`/auth/oidc/start?next=${encodeURIComponent(props.next)}`}>{props.oidcLabel}</a>
        </div>
      ) : null}
    </div>
  );
}

function loginNotice(query: Record<string, unknown>) {
  if (query.expired) return 'expired' as const;
  if (query.loggedOut) return 'loggedOut' as const;
  if (query.activated) return 'activated' as const;
  if (query.oidc === 'failed') return 'oidcFailed' as const;
  if (query.oidc === 'unknown') return 'oidcUnknown' as const;
  return undefined;
}

function CodePage(props: { t: Translate; state: FormState; csrf: string | null; failed?: boolean }) {
  const { t } = props;
  return (
    <div class="narrow-form">
      <h1>{t('auth.code.title')}</h1>
      {props.failed ? <Alert variant="error">{t('auth.code.failed')}</Alert> : null}
      <ErrorSummary state={props.state} />
      <p>{t('auth.code.intro')}</p>
      <form method="post" action="/login/code" novalidate>
        <CsrfField token={props.csrf} />
        <TextField state={props.state} name="code" label={t('auth.code.label')} hint={t('auth.code.hint')} autocomplete="one-time-code" inputmode="text" width="s" />
        <button type="submit" class="button button-primary">{t('auth.code.submit')}</button>
      </form>
    </div>
  );
}

async function EnrolBody(props: { t: Translate; state: FormState; csrf: string | null; secret: string; label: string; failed?: boolean }) {
  const { t } = props;
  const svg = await totpQrSvg(props.secret, props.label);
  const qrDataUri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const grouped = props.secret.match(/.{1,4}/g)?.join(' ') ?? props.secret;
  return (
    <div class="narrow-form">
      <h1>{t('auth.enrol.title')}</h1>
      {props.failed ? <Alert variant="error">{t('auth.enrol.failed')}</Alert> : null}
      <ErrorSummary state={props.state} />
      <p>{t('auth.enrol.intro')}</p>
      <ol>
        <li>
          <p>{t('auth.enrol.step1')}</p>
          <img class="totp-qr" src={qrDataUri} alt={t('auth.enrol.qrAlt')} width={200} height={200} />
        </li>
        <li>
          <p>{t('auth.enrol.step2')}</p>
          <p><code class="totp-secret" data-secret={props.secret}>{grouped}</code></p>
        </li>
        <li>
          <p>{t('auth.enrol.step3')}</p>
          <form method="post" action="/login/enrol" novalidate>
            <CsrfField token={props.csrf} />
            <TextField state={props.state} name="code" label={t('auth.code.label')} autocomplete="one-time-code" inputmode="numeric" width="s" />
            <button type="submit" class="button button-primary">{t('auth.enrol.submit')}</button>
          </form>
        </li>
      </ol>
    </div>
  );
}

export function RecoveryCodes(props: { t: Translate; codes: string[]; continueHref: string }) {
  return (
    <div class="narrow-form">
      <h1>{props.t('auth.recovery.title')}</h1>
      <p>{props.t('auth.recovery.intro')}</p>
      <ul class="recovery-codes">
        {props.codes.map((code) => (
          <li><code>{code}</code></li>
        ))}
      </ul>
      <a class="button button-primary" href={props.continueHref}>{props.t('auth.recovery.continue')}</a>
    </div>
  );
}

function sendSession(req: FastifyRequest, reply: FastifyReply, token: string) {
  setSessionCookie(req, reply, token);
}

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  page(app, deps, { method: 'GET', url: '/login', auth: 'public' }, async (scope, req, reply) => {
    if (scope.actor && scope.sessionStage === 'complete') return redirect('/');
    const query = req.query as Record<string, unknown>;
    const state: FormState = { values: {}, errors: [], t: scope.t };
    return view(scope.t('auth.login.title'), (
      <LoginPage t={scope.t} state={state} csrf={preSessionCsrfToken(req, reply)} next={safeNext(query.next)} notice={loginNotice(query)} oidcLabel={oidcEnabled(deps) ? deps.config.OIDC_LABEL ?? scope.t('auth.login.oidc') : null} />
    ));
  });

  page(app, deps, { method: 'POST', url: '/login', auth: 'public' }, async (scope, req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const render = (state: FormState, notice?: 'failed' | 'locked', status = 400) =>
      view(scope.t('auth.login.title'), (
        <LoginPage t={scope.t} state={state} csrf={preSessionCsrfToken(req, reply)} next={safeNext(body.next)} notice={notice} oidcLabel={oidcEnabled(deps) ? deps.config.OIDC_LABEL ?? scope.t('auth.login.oidc') : null} />
      ), { status });
    let input: z.output<typeof LoginForm>;
    try {
      input = parseOrThrow(LoginForm, body);
    } catch (error) {
      if (error instanceof ValidationError) return render({ values: { username: body.username }, errors: error.fields, t: scope.t });
      throw error;
    }
    const result = await passwordLogin(scope, { username: input.username, password: input.password, clientAddress: scope.clientAddress });
    if (!result.ok) return render({ values: { username: input.username }, errors: [], t: scope.t }, result.reason === 'locked' ? 'locked' : 'failed', result.reason === 'locked' ? 429 : 401);
    sendSession(req, reply, result.session.token);
    const next = safeNext(input.next);
    if (result.stage === 'second_factor') return redirect(`/login/code?next=${encodeURIComponent(next)}`);
    if (result.stage === 'enrolment') return redirect(`/login/enrol?next=${encodeURIComponent(next)}`);
    return redirect(next);
  });

  page(app, deps, { method: 'GET', url: '/login/code', auth: 'pending' }, async (scope) => {
    if (scope.sessionStage !== 'second_factor') return redirect(scope.sessionStage === 'enrolment' ? '/login/enrol' : '/');
    return view(scope.t('auth.code.title'), <CodePage t={scope.t} state={{ values: {}, errors: [], t: scope.t }} csrf={scope.actor!.csrfToken} />, { limited: true });
  });

  page(app, deps, { method: 'POST', url: '/login/code', auth: 'pending' }, async (scope, req, reply) => {
    const actor = scope.user();
    if (scope.sessionStage !== 'second_factor') return redirect('/');
    const next = safeNext((req.query as Record<string, unknown>).next);
    let code: string;
    try {
      code = parseOrThrow(CodeForm, req.body ?? {}).code;
    } catch (error) {
      if (error instanceof ValidationError) return view(scope.t('auth.code.title'), <CodePage t={scope.t} state={{ values: {}, errors: error.fields, t: scope.t }} csrf={actor.csrfToken} />, { status: 400, limited: true });
      throw error;
    }
    const result = await verifySecondFactor(scope, { sessionId: actor.sessionId!, userId: actor.userId, username: actor.username, code, clientAddress: scope.clientAddress });
    if (!result.ok) {
      if (result.reason === 'locked') {
        clearSessionCookie(req, reply);
        const t = scope.t;
        return view(t('auth.login.title'), <LoginPage t={t} state={{ values: {}, errors: [], t }} csrf={preSessionCsrfToken(req, reply)} next="/" notice="locked" oidcLabel={null} />, { status: 429, limited: true });
      }
      return view(scope.t('auth.code.title'), <CodePage t={scope.t} state={{ values: {}, errors: [], t: scope.t }} csrf={actor.csrfToken} failed />, { status: 401, limited: true });
    }
    sendSession(req, reply, result.session.token);
    return redirect(next);
  });

  page(app, deps, { method: 'GET', url: '/login/enrol', auth: 'pending' }, async (scope) => {
    const actor = scope.user();
    if (scope.sessionStage !== 'enrolment') return redirect('/');
    const secret = await pendingEnrolmentSecret(scope, actor.userId);
    const body = await EnrolBody({ t: scope.t, state: { values: {}, errors: [], t: scope.t }, csrf: actor.csrfToken, secret, label: `${scope.tenant.name}:${actor.username}` });
    return view(scope.t('auth.enrol.title'), body, { limited: true });
  });

  page(app, deps, { method: 'POST', url: '/login/enrol', auth: 'pending' }, async (scope, req, reply) => {
    const actor = scope.user();
    if (scope.sessionStage !== 'enrolment') return redirect('/');
    const secret = await pendingEnrolmentSecret(scope, actor.userId);
    const renderAgain = async (state: FormState, failed: boolean) =>
      view(scope.t('auth.enrol.title'), await EnrolBody({ t: scope.t, state, csrf: actor.csrfToken, secret, label: `${scope.tenant.name}:${actor.username}`, failed }), { status: 400, limited: true });
    let code: string;
    try {
      code = parseOrThrow(CodeForm, req.body ?? {}).code;
    } catch (error) {
      if (error instanceof ValidationError) return renderAgain({ values: {}, errors: error.fields, t: scope.t }, false);
      throw error;
    }
    const result = await completeEnrolment(scope, { sessionId: actor.sessionId, userId: actor.userId, code });
    if (!result.ok) return renderAgain({ values: {}, errors: [], t: scope.t }, true);
    if (result.session) sendSession(req, reply, result.session.token);
    return view(scope.t('auth.recovery.title'), <RecoveryCodes t={scope.t} codes={result.recoveryCodes} continueHref="/" />);
  });

  page(app, deps, { method: 'POST', url: '/logout', auth: 'pending' }, async (scope, req, reply) => {
    const actor = scope.user();
    await logout(scope, actor.sessionId!);
    clearSessionCookie(req, reply);
    return redirect('/login?loggedOut=1');
  });

  page(app, deps, { method: 'POST', url: '/account/logout-everywhere', auth: 'user' }, async (scope, req, reply) => {
    const actor = scope.user();
    await logoutEverywhere(scope, actor.userId);
    clearSessionCookie(req, reply);
    return redirect('/login?loggedOut=1');
  });

  // The language switch is a plain link: it works without JavaScript and from every page.
  page(app, deps, { method: 'GET', url: '/sprog', auth: 'public' }, async (scope, req, reply) => {
    const query = req.query as Record<string, unknown>;
    if (isLang(query.lang)) {
      setLanguageCookie(req, reply, query.lang);
      // The account remembers the choice only when the link was followed on our own pages (or
      // typed): a GET from another site must not change a user's stored settings.
      const site = req.headers['sec-fetch-site'];
      const ownPage = site === undefined || site === 'same-origin' || site === 'none';
      if (scope.actor && ownPage) await scope.tx.query('update users set preferred_language = $2 where id = $1', [scope.actor.userId, query.lang]);
    }
    const next = isLocalPath(query.next) ? query.next : '/';
    return redirect(next);
  });

  registerActivationRoutes(app, deps);
}

const ActivationForm = z
  .object({
    password: newPassword(),
    passwordRepeat: z.string().min(1, 'validation.required'),
  })
  .refine((value) => value.password === value.passwordRepeat, { message: 'validation.passwordMismatch', path: ['passwordRepeat'] });

function ActivationPage(props: { t: Translate; state: FormState; csrf: string; token: string; username: string }) {
  const { t } = props;
  return (
    <div class="narrow-form">
      <h1>{t('auth.activate.title')}</h1>
      <ErrorSummary state={props.state} />
      <p>{t('auth.activate.intro')}</p>
      <form method="post" action={`/activate/${props.token}`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="text" name="username" value={props.username} autocomplete="username" hidden readOnly />
        <TextField state={props.state} name="password" label={t('auth.activate.password')} type="password" autocomplete="new-password" />
        <TextField state={props.state} name="passwordRepeat" label={t('auth.activate.passwordRepeat')} type="password" autocomplete="new-password" />
        <button type="submit" class="button button-primary">{t('auth.activate.submit')}</button>
      </form>
    </div>
  );
}

function registerActivationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const invalid = (t: Translate) =>
    view(t('auth.activate.title'), (
      <div>
        <h1>{t('auth.activate.title')}</h1>
        <Alert variant="error">{t('auth.activate.invalid')}</Alert>
      </div>
    ), { status: 404 });

  page(app, deps, { method: 'GET', url: '/activate/:token', auth: 'public' }, async (scope, req, reply) => {
    const link = await findActivationLink(scope, (req.params as { token: string }).token);
    if (!link) return invalid(scope.t);
    return view(scope.t('auth.activate.title'), <ActivationPage t={scope.t} state={{ values: {}, errors: [], t: scope.t }} csrf={preSessionCsrfToken(req, reply)} token={(req.params as { token: string }).token} username={link.username} />);
  });

  page(app, deps, { method: 'POST', url: '/activate/:token', auth: 'public' }, async (scope, req, reply) => {
    const token = (req.params as { token: string }).token;
    const link = await findActivationLink(scope, token);
    if (!link) return invalid(scope.t);
    try {
      const input = parseOrThrow(ActivationForm, req.body ?? {});
      await activateAccount(scope, link, input.password);
    } catch (error) {
      if (error instanceof ValidationError) {
        return view(scope.t('auth.activate.title'), <ActivationPage t={scope.t} state={{ values: {}, errors: error.fields, t: scope.t }} csrf={preSessionCsrfToken(req, reply)} token={token} username={link.username} />, { status: 400 });
      }
      throw error;
    }
    return redirect('/login?activated=1');
  });
}
