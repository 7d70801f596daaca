/**
 * How a feature declares a route. Every route goes through `handle`, which
 *   1. finds the tenant from the Host header,
 *   2. opens one transaction as the application role with the tenant set,
 *   3. authenticates (session cookie or API token) and sets the user in the transaction,
 *   4. checks the login stage, the role list, the token scope and the CSRF token,
 *   5. runs the handler (which calls use cases, which call policies and write audit rows),
 *   6. commits, or rolls back on any error; a refusal is then audited in its own transaction.
 * A handler therefore never sees a request it may not serve, and a failed request changes
 * nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Actor } from '../access/actor.js';
import type { Role, TokenScope } from '../access/roles.js';
import { findActorByApiToken } from '../auth/api-tokens.js';
import { actorFromSession, findSession, type SessionStage } from '../auth/sessions.js';
import { recordAudit } from '../audit/events.js';
import { safeEqual } from '../crypto/tokens.js';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LANG, isLang, translator, type Lang } from '../i18n/index.js';
import { Page, type Crumb, type PageFrame } from '../layout/page.js';
import type { Tenant } from '../tenants.js';
import { AccessDeniedError, AppError, ScopeDeniedError } from './errors.js';
import { createScope, type Scope } from './scope.js';
import { readSessionToken } from './cookies.js';

export interface RouteAccess {
  /**
   * `public`: anyone (a logged-in user is still recognised); `user`: a complete login;
   * `pending`: a session that is still at the second-factor or enrolment step is enough.
   */
  auth: 'public' | 'user' | 'pending';
  /** Roles allowed; others get 404 (audited). Omitted: every logged-in role. */
  roles?: readonly Role[];
  /** API token scope needed; by default `read` for GET and `write` otherwise. */
  tokenScope?: TokenScope;
  /** Whether API tokens (Authorization: Bearer) are accepted. Only API routes accept them. */
  allowApiToken?: boolean;
  /** Public form posts (login, setup) check the pre-session CSRF cookie instead. */
  csrf?: 'session' | 'pre-session' | 'none';
}

export type PageResult =
  | { kind: 'page'; title: string; body: VNode; crumbs?: Crumb[]; status?: number; wide?: boolean; limited?: boolean }
  | { kind: 'redirect'; to: string }
  | { kind: 'sent' };

export function view(title: string, body: VNode, options: { crumbs?: Crumb[]; status?: number; wide?: boolean; limited?: boolean } = {}): PageResult {
  return { kind: 'page', title, body, ...options };
}

export function redirect(to: string): PageResult {
  return { kind: 'redirect', to };
}

export const SENT: PageResult = { kind: 'sent' };

const LANG_COOKIE = 'sb_lang';
const PRE_SESSION_CSRF_COOKIE = 'sb_csrf';

function pickLanguage(req: FastifyRequest, preferred: string | null): Lang {
  const cookie = req.cookies?.[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  if (isLang(preferred)) return preferred;
  return DEFAULT_LANG;
}

function apiLanguage(req: FastifyRequest): Lang {
  const header = String(req.headers['accept-language'] ?? '').toLowerCase();
  return header.startsWith('en') ? 'en' : DEFAULT_LANG;
}

function csrfFromRequest(req: FastifyRequest): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  const query = req.query as Record<string, unknown> | undefined;
  return typeof query?._csrf === 'string' ? query._csrf : undefined;
}

function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * Whether a form post may come from our own pages: cross-site posts are refused outright, and
 * the CSRF token check comes on top. (With our
 * `Referrer-Policy: no-referrer`, browsers send `Origin: null` on same-site form posts, so
 * `null` cannot be refused; Sec-Fetch-Site tells cross-site requests apart instead.)
 * `same-site` is refused too: it is another origin under the same domain (another
 * municipality's host, another municipal web application), never one of our own forms.
 */
function isSameOrigin(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

interface Authenticated {
  actor: Actor | null;
  stage: SessionStage | null;
  expired: boolean;
  preferredLanguage: string | null;
  /** Whether the session look-up already set app.user_id (saves a round trip). */
  userEntered?: boolean;
}

async function authenticate(scopeTx: Scope['tx'], req: FastifyRequest, tenant: Tenant, deps: AppDeps, access: RouteAccess): Promise<Authenticated> {
  const authorization = req.headers.authorization;
  if (access.allowApiToken && typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    const actor = await findActorByApiToken(scopeTx, tenant.id, authorization.slice(7).trim());
    if (!actor) throw new AppError('unauthenticated', 'error.unauthenticated');
    return { actor, stage: 'complete', expired: false, preferredLanguage: null };
  }
  const token = readSessionToken(req);
  if (!token) return { actor: null, stage: null, expired: false, preferredLanguage: null };
  const session = await findSession(scopeTx, token, {
    idleMinutes: deps.config.SESSION_IDLE_MINUTES,
    absoluteHours: deps.config.SESSION_ABSOLUTE_HOURS,
  }, { enterUser: access.auth === 'pending' ? 'any' : 'complete' });
  if (!session) return { actor: null, stage: null, expired: false, preferredLanguage: null };
  if (session.expired) return { actor: null, stage: null, expired: true, preferredLanguage: null };
  return { actor: actorFromSession(tenant.id, session), stage: session.stage, expired: false, preferredLanguage: session.preferredLanguage, userEntered: session.userEntered };
}

const ENTER_USER_SQL = "select set_config('app.user_id', $1, true)";

export interface HandleOptions {
  access: RouteAccess;
  api: boolean;
  /** Route pattern, for audit rows about refused access. */
  url: string;
}

/** The outcome of a handled request, rendered outside the transaction. */
interface Handled<R> {
  result: R;
  frame: PageFrame;
  /** Work to run once the transaction has committed (Scope.afterCommit). */
  committed?: (() => Promise<unknown> | unknown)[];
}

/** Runs `handler` inside the request transaction after every check (see the file comment). */
export async function handle<R>(
  deps: AppDeps,
  req: FastifyRequest,
  options: HandleOptions,
  handler: (scope: Scope) => Promise<R>,
): Promise<Handled<R>> {
  const { access } = options;
  const tenant = await deps.tenants.resolve(req.headers.host);
  req.selvbestemt = { tenant, actor: null, lang: options.api ? apiLanguage(req) : pickLanguage(req, null), api: options.api };
  if (!tenant) throw new AppError('not_found', 'error.notFound.text');
  const requestId = String(req.id);
  try {
    const outcome: Handled<R> | { deferred: AppError } = await deps.db.withContext({ tenantId: tenant.id, userId: null }, async (tx): Promise<Handled<R> | { deferred: AppError }> => {
      const auth = await authenticate(tx, req, tenant, deps, access);
      const lang = options.api ? apiLanguage(req) : pickLanguage(req, auth.preferredLanguage);
      const complete = auth.stage === 'complete';
      const actor = complete || access.auth === 'pending' ? auth.actor : null;
      req.selvbestemt = { tenant, actor: complete ? auth.actor : null, lang, api: options.api };
      // Only an actor this route accepts becomes the database's app.user_id: a login still
      // waiting for its second factor must not count as that user for row-level security on a
      // public route (policies may grant rows by app_user_id()).
      if (actor && !auth.userEntered) await tx.query(ENTER_USER_SQL, [actor.userId]);

      if (access.auth === 'user' && !complete) {
        throw new AppError(auth.expired ? 'session_expired' : 'unauthenticated', auth.expired ? 'error.sessionExpired' : 'error.unauthenticated');
      }
      if (access.auth === 'pending' && !auth.actor) throw new AppError('unauthenticated', 'error.unauthenticated');
      if (access.roles && (!actor || !access.roles.includes(actor.role))) {
        throw new AccessDeniedError({ action: 'route.access', entityType: 'route', entityId: `${req.method} ${options.url}` });
      }
      if (actor?.kind === 'api_token') {
        const needed = access.tokenScope ?? (isSafeMethod(req.method) ? 'read' : 'write');
        if (!actor.scopes?.includes(needed)) {
          throw new ScopeDeniedError({ action: 'api.scope', entityType: 'route', entityId: `${req.method} ${options.url}`, reason: `missing_scope_${needed}` });
        }
      }
      if (!isSafeMethod(req.method) && actor?.kind !== 'api_token') {
        // Every refused form post is written down, logged in or not (e.g. a forged login post).
        const csrfRefusal = (reason: string) => Object.assign(new AppError('csrf', 'error.csrf'), {
          audit: { action: 'security.csrf_rejected', entityType: 'route', entityId: `${req.method} ${options.url}`, reason },
        });
        if (!isSameOrigin(req)) throw csrfRefusal('cross_site');
        // A body that is no set of fields (plain text, a JSON list or null) is no form at all:
        // say so, rather than "the form has expired" for the token it could not carry.
        if (!options.api && req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
          throw typeof req.body === 'string'
            ? new AppError('unsupported_media_type', 'error.unsupportedMediaType')
            : new AppError('bad_request', 'error.badRequest');
        }
        const csrfMode = access.csrf ?? (access.auth === 'public' ? 'pre-session' : 'session');
        const submitted = csrfFromRequest(req);
        if (csrfMode === 'session') {
          const expected = auth.actor?.csrfToken;
          if (!expected || !submitted || !safeEqual(submitted, expected)) throw csrfRefusal('session_token');
        } else if (csrfMode === 'pre-session') {
          const cookie = req.cookies?.[PRE_SESSION_CSRF_COOKIE];
          if (!cookie || !submitted || !safeEqual(submitted, cookie)) throw csrfRefusal('pre_session_token');
        }
      }

      const scope = createScope({ tx, deps, tenant, actor, lang, t: translator(lang), requestId, sessionStage: auth.stage, clientAddress: req.ip });
      let result: R;
      try {
        result = await handler(scope);
      } catch (error) {
        if (error instanceof AppError && error.keepChanges) {
          await scope.flushAudit();
          return { deferred: error };
        }
        throw error;
      }
      await scope.flushAudit();
      const frame: PageFrame = {
        lang,
        t: scope.t,
        tenantName: tenant.name,
        isDemo: tenant.isDemo,
        actor: complete ? auth.actor : null,
        path: req.url.split('?')[0],
        csrfToken: auth.actor?.csrfToken ?? null,
        limited: !complete,
      };
      return { result, frame, committed: scope.committedCallbacks };
    });
    if ('deferred' in outcome) throw outcome.deferred;
    for (const work of outcome.committed ?? []) {
      await Promise.resolve()
        .then(work)
        .catch((error: unknown) => deps.log.error({ err: error }, 'after-commit work failed'));
    }
    return outcome;
  } catch (error) {
    if (error instanceof AppError && error.audit) await auditRefusal(deps, tenant, req, error);
    throw error;
  }
}

/** The refused request's transaction was rolled back; its refusal is recorded on its own. */
async function auditRefusal(deps: AppDeps, tenant: Tenant, req: FastifyRequest, error: AppError): Promise<void> {
  const actor = req.selvbestemt?.actor ?? null;
  await deps.db
    .withContext({ tenantId: tenant.id, userId: actor?.userId ?? null }, (tx) =>
      recordAudit(tx, {
        tenantId: tenant.id,
        actorKind: actor ? actor.kind : 'anonymous',
        actorUserId: actor?.userId ?? null,
        action: error.audit!.action,
        outcome: 'denied',
        entityType: error.audit!.entityType ?? null,
        entityId: error.audit!.entityId ?? null,
        details: error.audit!.reason ? { reason: error.audit!.reason } : {},
        requestId: String(req.id),
      }),
    )
    .catch((auditError: unknown) => deps.log.error({ err: auditError }, 'could not audit a refused request'));
}

export function renderDocument(node: VNode): string {
  return '<!DOCTYPE html>' + render(node);
}

/**
 * A Location header may hold only visible ASCII: a raw line break or "€" from a query string
 * would make Node refuse the header (a 500) or, worse, split it. Such characters are
 * percent-encoded; a target that cannot be encoded at all sends the user home.
 */
function headerSafeLocation(to: string): string {
  try {
    return to.replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character));
  } catch {
    return '/';
  }
}

export function sendPage(reply: FastifyReply, frame: PageFrame, result: PageResult): FastifyReply | void {
  if (result.kind === 'sent') return reply;
  if (result.kind === 'redirect') return reply.redirect(headerSafeLocation(result.to), 303);
  const html = renderDocument(
    <Page frame={frame} title={result.title} crumbs={result.crumbs} wide={result.wide}>
      {result.body}
    </Page>,
  );
  return reply.code(result.status ?? 200).type('text/html; charset=utf-8').send(html);
}

export interface PageRoute extends RouteAccess {
  method: 'GET' | 'POST';
  url: string;
}

const declaredPages: PageRoute[] = [];

/**
 * Every page route declared so far with its access rules, so the refused-access tests cover
 * routes added later without being told about them.
 */
export function pageRoutes(): readonly PageRoute[] {
  return declaredPages;
}

/** Declares a server-rendered page or form target. */
export function page(
  app: FastifyInstance,
  deps: AppDeps,
  route: PageRoute,
  handler: (scope: Scope, req: FastifyRequest, reply: FastifyReply) => Promise<PageResult>,
): void {
  if (!declaredPages.some((known) => known.method === route.method && known.url === route.url)) declaredPages.push({ ...route });
  app.route({
    method: route.method,
    url: route.url,
    handler: async (req, reply) => {
      const { result, frame } = await handle(deps, req, { access: route, api: false, url: route.url }, (scope) => handler(scope, req, reply));
      return sendPage(reply, { ...frame, limited: frame.limited || result.kind === 'page' && result.limited === true }, result);
    },
  });
}

export { LANG_COOKIE, PRE_SESSION_CSRF_COOKIE };
