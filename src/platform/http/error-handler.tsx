/**
 * Turns every error into a translated answer: JSON under /api, a friendly page elsewhere.
 * Anything a client can cause maps to a 4xx; only our own bugs answer 500, with a request id
 * the user can quote, and are logged (scrubbed).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LANG, isLang, translator, type Lang } from '../i18n/index.js';
import type { PageFrame } from '../layout/page.js';
import { AppError } from './errors.js';
import { handle, sendPage, view } from './routes.js';

function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

/** Maps Fastify's own client errors (body parsing, limits) to our codes. */
function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large', 'error.payloadTooLarge', { limit: '1 MB' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'error.unsupportedMediaType');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', 'error.invalidJson');
    default:
      break;
  }
  if (error instanceof SyntaxError) return new AppError('bad_request', 'error.invalidJson');
  if (isDataException(error)) return new AppError('bad_request', 'error.badRequest');
  // Two requests that wait for each other's rows (a deadlock) or a serialization failure: the
  // database rolled one back, and it is an edit conflict for its user, not a server error.
  if (isConcurrencyFailure(error)) return new AppError('conflict', 'error.concurrent');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return new AppError('payload_too_large', 'error.payloadTooLarge', { limit: '1 MB' });
    if (error.statusCode === 415) return new AppError('unsupported_media_type', 'error.unsupportedMediaType');
    return new AppError('bad_request', 'error.badRequest');
  }
  return null;
}

/**
 * PostgreSQL's class 22 ("data exception": a NUL character, a number out of range, text that is
 * no uuid) means a client's value reached the database unchecked. The transaction is already
 * rolled back, so the honest answer is a 400; the schema that let it through should be tightened
 * (it is logged as a warning for that).
 */
function isDataException(error: unknown): boolean {
  const code = pgErrorCode(error);
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function isConcurrencyFailure(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === PG_ERRORS.serializationFailure || code === PG_ERRORS.deadlockDetected;
}

/**
 * The language of an answer when the request failed before the pipeline chose one (a body that
 * is not JSON, too large, an unknown path): Accept-Language for the API, the language cookie
 * for pages, as `handle` would have chosen.
 */
function requestLanguage(req: FastifyRequest): Lang {
  if (req.selvbestemt?.lang) return req.selvbestemt.lang;
  if (isApiRequest(req)) return String(req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG;
  const cookie = req.cookies?.sb_lang;
  return isLang(cookie) ? cookie : DEFAULT_LANG;
}

function fallbackFrame(req: FastifyRequest, lang: Lang): PageFrame {
  const state = req.selvbestemt;
  return {
    lang,
    t: translator(lang),
    tenantName: state?.tenant?.name ?? null,
    isDemo: state?.tenant?.isDemo ?? false,
    actor: state?.actor ?? null,
    path: req.url.split('?')[0],
    csrfToken: state?.actor?.csrfToken ?? null,
  };
}

/** Page wording that does not fit an API client ("your text is kept below"), and its API twin. */
const API_WORDING: Record<string, string> = { 'error.conflict': 'error.conflictApi', 'flowrules.conflict': 'error.conflictApi' };

function sendApiError(req: FastifyRequest, reply: FastifyReply, error: AppError, lang: Lang): FastifyReply {
  const t = translator(lang);
  const messageKey = API_WORDING[error.messageKey] ?? error.messageKey;
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: error.code,
        message: t(messageKey, error.params),
        requestId: String(req.id),
        fields: error.fields.length > 0 ? error.fields.map((field) => ({ field: field.field, message: t(field.messageKey, field.params) })) : undefined,
      },
    });
}

function sendErrorPage(req: FastifyRequest, reply: FastifyReply, error: AppError, lang: Lang): FastifyReply | void {
  const frame = fallbackFrame(req, lang);
  const { t } = frame;
  if ((error.code === 'unauthenticated' || error.code === 'session_expired') && req.method === 'GET') {
    const next = encodeURIComponent(req.url);
    return reply.redirect(`/login?next=${next}${error.code === 'session_expired' ? '&expired=1' : ''}`, 303);
  }
  if (error.code === 'not_found') {
    return sendPage(reply, frame, view(t('error.notFound.title'), <NotFoundBody t={t} />, { status: 404 }));
  }
  if (error.code === 'unauthenticated' || error.code === 'session_expired') {
    // A form sent after the session ended: nothing was saved; say so and offer the login,
    // rather than "the information sent has errors". (No way back to the form: our pages send no
    // Referer, by Referrer-Policy.)
    return sendPage(reply, frame, view(t('error.loginAgain.title'), (
      <div>
        <h1>{t('error.loginAgain.title')}</h1>
        <p>{t(error.messageKey, error.params)}</p>
        <p>{t('error.loginAgain.notSaved')}</p>
        <p><a class="button button-primary" href="/login">{t('error.loginAgain.link')}</a></p>
      </div>
    ), { status: error.status }));
  }
  return sendPage(
    reply,
    frame,
    view(
      t('error.badRequest'),
      <div>
        <h1>{error.code === 'csrf' ? t('error.badRequest') : t('error.validation')}</h1>
        {/* The error's own message, unless it only repeats the heading, and the use case's field
            messages, which say what was wrong ("you cannot deactivate yourself"). */}
        {error.messageKey !== 'error.validation' || error.fields.length === 0 ? <p>{t(error.messageKey, error.params)}</p> : null}
        {error.fields.length > 0 ? <ul>{error.fields.map((field) => <li>{t(field.messageKey, field.params)}</li>)}</ul> : null}
        <p><a href="/">{t('error.notFound.home')}</a></p>
      </div>,
      { status: error.status },
    ),
  );
}

function NotFoundBody({ t }: { t: (key: string) => string }) {
  return (
    <div>
      <h1>{t('error.notFound.title')}</h1>
      <p>{t('error.notFound.text')}</p>
      <p><a href="/">{t('error.notFound.home')}</a></p>
    </div>
  );
}

export function registerErrorHandlers(app: FastifyInstance, deps: AppDeps): void {
  app.setErrorHandler(async (rawError: FastifyError, req, reply) => {
    const lang = requestLanguage(req);
    const error = rawError instanceof AppError ? rawError : fromFastifyError(rawError);
    if (error && isDataException(rawError)) req.log.warn({ err: rawError}, 'the database refused a value from the client: tighten the input schema');
    if (error) {
      if (isApiRequest(req) || req.selvbestemt?.api) return sendApiError(req, reply, error, lang);
      return sendErrorPage(req, reply, error, lang);
    }
    req.log.error({ err: rawError}, 'request failed');
    const t = translator(lang);
    if (isApiRequest(req)) {
      return reply.code(500).type('application/json; charset=utf-8').send({
        error: { code: 'internal', message: t('error.server.text', { requestId: String(req.id) }), requestId: String(req.id) },
      });
    }
    return sendPage(
      reply,
      fallbackFrame(req, lang),
      view(t('error.server.title'), (
        <div>
          <h1>{t('error.server.title')}</h1>
          <p>{t('error.server.text', { requestId: String(req.id) })}</p>
        </div>
      ), { status: 500 }),
    );
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (isApiRequest(req)) return sendApiError(req, reply, new AppError('not_found', 'error.notFound.text'), requestLanguage(req));
    // Render the 404 inside the normal frame (menu for the logged-in user, their language).
    // A path that does not exist is a 404 for every method and origin: when the frame cannot be
    // built (unknown host, a cross-site POST refused by the origin check) the plain frame is used.
    let frame: PageFrame;
    try {
      frame = (await handle(deps, req, { access: { auth: 'public', csrf: 'none' }, api: false, url: '*' }, async () => null)).frame;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      frame = fallbackFrame(req, requestLanguage(req));
    }
    return sendPage(reply, frame, view(frame.t('error.notFound.title'), <NotFoundBody t={frame.t} />, { status: 404 }));
  });
}
