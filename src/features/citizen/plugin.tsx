/**
 * The citizen site under /hjaelp/: its own Fastify scope with its own pipeline, error pages,
 * layout and assets, and nothing from the staff application's session or layout code.
 *
 * In this scope every cookie a browser sends is dropped before any handler runs, no response
 * may set one, and every response is `Cache-Control: no-store`. Form posts from other sites
 * are refused (Sec-Fetch-Site / Origin). The client address is used only by the in-memory
 * rate limiters and is never stored or logged.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { projectPath } from '../../platform/paths.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Tenant } from '../../platform/tenants.js';
import { citizenTranslator, type CitizenKey } from './catalogs/index.js';
import {
  CitizenValidationError, createCitizenScope, InboxUnavailableError, NewMessageInput, openConversation, parseCitizenForm,
  ReplyInput, replyAsVisitor, startConversation, type CitizenScope,
} from './conversations.js';
import { sharedDefaultDocument as defaultDocument, type SiteDocument } from './document.js';
import { CITIZEN_LANGS, DEFAULT_CITIZEN_LANG, isCitizenLang, type CitizenLang } from './languages.js';
import { CITIZEN_PREFIX, CitizenPage, pagePath, type CitizenFrame, type PageId } from './layout.js';
import {
  CodeForm, ConversationPage, ErrorPage, FriendsPage, HelpPage, RightsPage, SafetyPage, SelfCheckPage, SelfCheckResultPage,
  SentPage, StartPage, WritePage,
} from './pages.js';
import { MESSAGE_RULE, SlidingWindowLimiter, WRONG_CODE_RULE } from './rate-limit.js';
import { registerJob } from '../../platform/jobs/registry.js';
import { purgeExpiredConversations } from './retention.js';
import { parseAnswers, scoreSelfCheck, SelfCheckInputError } from './self-check.js';
import { cachedPublishedDocument, inboxTeamId } from './site-content.js';

const WEB_ROOT = `${projectPath('web', 'citizen')}/`;
/** Posts larger than this are refused before parsing (a message is at most 5,000 characters). */
const BODY_LIMIT_BYTES = 256 * 1024;

/** A refusal the visitor sees as a page in their language. */
export class CitizenHttpError extends Error {
  constructor(
    readonly status: number,
    readonly key: CitizenKey,
    readonly title: CitizenKey = status === 404 ? 'error.notFound.title' : 'error.badRequest.title',
  ) {
    super(key);
  }
}

/** The content pages, shared with the unit's preview. */
export function contentPageBody(frame: CitizenFrame, page: Exclude<PageId, 'read'>): VNode {
  switch (page) {
    case 'start': return <StartPage frame={frame} />;
    case 'rights': return <RightsPage frame={frame} />;
    case 'check': return <SelfCheckPage frame={frame} />;
    case 'help': return <HelpPage frame={frame} />;
    case 'friends': return <FriendsPage frame={frame} />;
    case 'safety': return <SafetyPage frame={frame} />;
    case 'write': return <WritePage frame={frame} state={{ values: {}, errors: [] }} available />;
  }
}

export function renderCitizenDocument(frame: CitizenFrame, body: VNode): string {
  return '<!DOCTYPE html>' + render(<CitizenPage frame={frame}>{body}</CitizenPage>);
}

export function citizenFrame(lang: CitizenLang, document: SiteDocument, page: PageId | null, options: { demo?: boolean } = {}): CitizenFrame {
  return { lang, t: citizenTranslator(lang, document.texts[lang]), document, page, demo: options.demo === true };
}

/** The first of the visitor's Accept-Language choices that the site speaks; else Danish. */
export function preferredLanguage(header: string | undefined): CitizenLang {
  const ranked = String(header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isCitizenLang) ?? DEFAULT_CITIZEN_LANG;
}

/** Refuses form posts made by another site (no cookies exist to protect, but spam does). */
function assertSameOrigin(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new CitizenHttpError(403, 'error.crossSite');
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new CitizenHttpError(403, 'error.crossSite');
  }
  if (host !== req.headers.host) throw new CitizenHttpError(403, 'error.crossSite');
}

interface SiteContext {
  tenant: Tenant;
  document: SiteDocument;
  lang: CitizenLang;
}

/** What the error handler can still use to answer in the visitor's language. */
const requestContext = new WeakMap<FastifyRequest, { lang: CitizenLang; document: SiteDocument; demo?: boolean }>();

function langFromUrl(req: FastifyRequest): CitizenLang {
  const segment = req.url.slice(CITIZEN_PREFIX.length + 1).split(/[/?#]/)[0];
  return isCitizenLang(segment) ? segment : DEFAULT_CITIZEN_LANG;
}

// Deletes expired conversations every quarter of an hour, on the platform's job queue.
registerJob({
  name: 'citizen.purge-expired',
  schedule: '*/15 * * * *',
  handler: async ({ deps }) => purgeExpiredConversations(deps.db),
});

export async function registerCitizenSite(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const wrongCodes = new SlidingWindowLimiter(WRONG_CODE_RULE);
  const messages = new SlidingWindowLimiter(MESSAGE_RULE);

  await app.register(async (site) => {
    // Cookies sent to the citizen site are never read: they are gone before any handler runs.
    site.addHook('onRequest', async (req) => {
      (req as { cookies: Record<string, string> }).cookies = {};
    });
    site.addHook('onSend', async (_req, reply, payload) => {
      reply.removeHeader('set-cookie');
      reply.header('cache-control', 'no-store');
      return payload;
    });

    await site.register(fastifyStatic, {
      root: WEB_ROOT,
      prefix: '/static/',
      decorateReply: false,
      cacheControl: false,
      index: false,
    });

    async function context(req: FastifyRequest): Promise<SiteContext> {
      const raw = (req.params as Record<string, unknown> | undefined)?.lang;
      const lang = isCitizenLang(raw) ? raw : DEFAULT_CITIZEN_LANG;
      requestContext.set(req, { lang, document: defaultDocument() });
      if (raw !== undefined && !isCitizenLang(raw)) throw new CitizenHttpError(404, 'error.notFound.text');
      const tenant = await deps.tenants.resolve(req.headers.host);
      if (!tenant) throw new CitizenHttpError(404, 'error.notFound.text');
      const document = await cachedPublishedDocument(deps, tenant);
      requestContext.set(req, { lang, document, demo: tenant.isDemo });
      return { tenant, document, lang };
    }

    function send(reply: FastifyReply, frame: CitizenFrame, body: VNode, status = 200): FastifyReply {
      return reply.code(status).type('text/html; charset=utf-8').send(renderCitizenDocument(frame, body));
    }

    function inTransaction<R>(req: FastifyRequest, ctx: SiteContext, work: (scope: CitizenScope) => Promise<R>): Promise<R> {
      return deps.db.withContext({ tenantId: ctx.tenant.id, userId: null }, (tx) =>
        work(createCitizenScope({ tx, deps, tenant: ctx.tenant, lang: ctx.lang, requestId: String(req.id) })),
      );
    }

    site.get('/', async (req, reply) => {
      reply.header('vary', 'Accept-Language');
      return reply.redirect(`${CITIZEN_PREFIX}/${preferredLanguage(req.headers['accept-language'])}/`, 302);
    });

    // Content pages depend only on (document, language, page): rendered once per published
    // document object (the cache above hands out the same object for a few seconds).
    const rendered = new WeakMap<SiteDocument, Map<string, string>>();
    const contentPages: Exclude<PageId, 'read' | 'write'>[] = ['start', 'rights', 'check', 'help', 'friends', 'safety'];
    for (const page of contentPages) {
      const segment = pagePath('da', page).slice(`${CITIZEN_PREFIX}/da/`.length);
      site.get(segment ? `/:lang/${segment}` : '/:lang', async (req, reply) => {
        const ctx = await context(req);
        let pages = rendered.get(ctx.document);
        if (!pages) rendered.set(ctx.document, (pages = new Map()));
        // Tenants without a published document share the default one: the demo note is in the key.
        const key = `${ctx.lang}/${page}/${ctx.tenant.isDemo ? 'demo' : ''}`;
        let html = pages.get(key);
        if (html === undefined) {
          const frame = citizenFrame(ctx.lang, ctx.document, page, { demo: ctx.tenant.isDemo });
          html = renderCitizenDocument(frame, contentPageBody(frame, page));
          pages.set(key, html);
        }
        return reply.code(200).type('text/html; charset=utf-8').send(html);
      });
    }

    site.post('/:lang/test', { bodyLimit: BODY_LIMIT_BYTES }, async (req, reply) => {
      const ctx = await context(req);
      assertSameOrigin(req);
      const frame = citizenFrame(ctx.lang, ctx.document, 'check', { demo: ctx.tenant.isDemo });
      try {
        const result = scoreSelfCheck(parseAnswers(req.body));
        return send(reply, frame, <SelfCheckResultPage frame={frame} result={result} />);
      } catch (error) {
        if (!(error instanceof SelfCheckInputError)) throw error;
        const values = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
        const key = error.reason === 'no_answers' ? 'check.error.noAnswers' : 'check.error.invalid';
        return send(reply, frame, <SelfCheckPage frame={frame} values={values} error={key} />, 400);
      }
    });

    site.get('/:lang/skriv', async (req, reply) => {
      const ctx = await context(req);
      const frame = citizenFrame(ctx.lang, ctx.document, 'write', { demo: ctx.tenant.isDemo });
      const available = (await inTransaction(req, ctx, (scope) => inboxTeamId(scope.tx, ctx.document))) !== null;
      return send(reply, frame, <WritePage frame={frame} state={{ values: {}, errors: [] }} available={available} />);
    });

    site.post('/:lang/skriv', { bodyLimit: BODY_LIMIT_BYTES }, async (req, reply) => {
      const ctx = await context(req);
      assertSameOrigin(req);
      const frame = citizenFrame(ctx.lang, ctx.document, 'write', { demo: ctx.tenant.isDemo });
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { message: typeof body.message === 'string' ? body.message : '', contact: typeof body.contact === 'string' ? body.contact : '' };
      const slot = messages.take(req.ip, ctx.tenant.id);
      if (!slot) {
        return send(reply, frame, <WritePage frame={frame} state={{ values, errors: [], message: frame.t('message.rateLimited') }} available />, 429);
      }
      try {
        const input = parseCitizenForm(NewMessageInput, body);
        const { code } = await inTransaction(req, ctx, (scope) => startConversation(scope, ctx.document, input));
        return send(reply, frame, <SentPage frame={frame} code={code} retentionDays={ctx.document.settings.retentionDays} />);
      } catch (error) {
        slot();
        if (error instanceof CitizenValidationError) {
          return send(reply, frame, <WritePage frame={frame} state={{ values, errors: error.fields }} available />, 400);
        }
        if (error instanceof InboxUnavailableError) {
          return send(reply, frame, <WritePage frame={frame} state={{ values, errors: [] }} available={false} />, 503);
        }
        throw error;
      }
    });

    site.get('/:lang/svar', async (req, reply) => {
      const ctx = await context(req);
      const frame = citizenFrame(ctx.lang, ctx.document, 'read', { demo: ctx.tenant.isDemo });
      return send(reply, frame, <CodeForm frame={frame} />);
    });

    /** The one answer every wrong, malformed or expired code gets (the attempt was counted before the lookup). */
    function wrongCode(reply: FastifyReply, frame: CitizenFrame): FastifyReply {
      return send(reply, frame, <CodeForm frame={frame} error={frame.t('read.wrongCode')} />, 400);
    }

    function refusedForTooManyCodes(reply: FastifyReply, frame: CitizenFrame): FastifyReply {
      return send(reply, frame, <CodeForm frame={frame} error={frame.t('read.rateLimited')} />, 429);
    }

    site.post('/:lang/svar', { bodyLimit: BODY_LIMIT_BYTES }, async (req, reply) => {
      const ctx = await context(req);
      assertSameOrigin(req);
      const frame = citizenFrame(ctx.lang, ctx.document, 'read', { demo: ctx.tenant.isDemo });
      // Every attempt counts as wrong until the code turns out right (parallel guesses all count).
      const attempt = wrongCodes.take(req.ip, ctx.tenant.id);
      if (!attempt) return refusedForTooManyCodes(reply, frame);
      const code = (req.body as Record<string, unknown> | undefined)?.code;
      if (typeof code !== 'string' || code.trim() === '') {
        attempt();
        return send(reply, frame, <CodeForm frame={frame} error={frame.t('validation.codeRequired')} />, 400);
      }
      const conversation = await inTransaction(req, ctx, (scope) => openConversation(scope, code));
      if (!conversation) return wrongCode(reply, frame);
      attempt();
      return send(reply, frame, <ConversationPage frame={frame} code={code} conversation={conversation} state={{ values: {}, errors: [] }} />);
    });

    site.post('/:lang/svar/skriv', { bodyLimit: BODY_LIMIT_BYTES }, async (req, reply) => {
      const ctx = await context(req);
      assertSameOrigin(req);
      const frame = citizenFrame(ctx.lang, ctx.document, 'read', { demo: ctx.tenant.isDemo });
      const attempt = wrongCodes.take(req.ip, ctx.tenant.id);
      if (!attempt) return refusedForTooManyCodes(reply, frame);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const code = typeof body.code === 'string' ? body.code : '';
      const typed = typeof body.message === 'string' ? body.message : '';
      const current = code ? await inTransaction(req, ctx, (scope) => openConversation(scope, code)) : null;
      if (!current) return wrongCode(reply, frame);
      attempt();
      const page = (state: { errors?: CitizenValidationError['fields']; message?: string }, status: number, notice?: string, conversation = current) =>
        send(reply, frame, <ConversationPage frame={frame} code={code} conversation={conversation} state={{ values: { message: notice ? '' : typed }, errors: state.errors ?? [], message: state.message }} notice={notice} />, status);
      const slot = messages.take(req.ip, ctx.tenant.id);
      if (!slot) return page({ message: frame.t('message.rateLimited') }, 429);
      try {
        const input = parseCitizenForm(ReplyInput, body);
        const updated = await inTransaction(req, ctx, (scope) => replyAsVisitor(scope, ctx.document, code, input.message));
        if (updated === null || updated === 'closed') slot();
        if (updated === null) {
          // The code stopped working between reading and replying (expired): a wrong code after all.
          wrongCodes.record(req.ip, ctx.tenant.id);
          return wrongCode(reply, frame);
        }
        if (updated === 'closed') return page({}, 409);
        return page({}, 200, frame.t('read.replySent'), updated);
      } catch (error) {
        slot();
        if (error instanceof CitizenValidationError) return page({ errors: error.fields.filter((field) => field.field === 'message') }, 400);
        throw error;
      }
    });

    site.setNotFoundHandler(async (req, reply) => {
      const lang = langFromUrl(req);
      const tenant = await deps.tenants.resolve(req.headers.host).catch(() => null);
      const document = tenant ? await cachedPublishedDocument(deps, tenant).catch(() => defaultDocument()) : defaultDocument();
      const frame = citizenFrame(lang, document, null, { demo: tenant?.isDemo });
      return send(reply, frame, <ErrorPage frame={frame} title="error.notFound.title" text={frame.t('error.notFound.text')} />, 404);
    });

    site.setErrorHandler(async (error: FastifyError, req, reply) => {
      const known = requestContext.get(req);
      const lang = known?.lang ?? langFromUrl(req);
      const frame = citizenFrame(lang, known?.document ?? defaultDocument(), null, { demo: known?.demo });
      let refusal: CitizenHttpError | null = error instanceof CitizenHttpError ? error : null;
      if (!refusal && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') refusal = new CitizenHttpError(413, 'error.tooLarge');
      if (!refusal && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        refusal = new CitizenHttpError(error.statusCode === 413 ? 413 : 400, error.statusCode === 413 ? 'error.tooLarge' : 'error.badRequest');
      }
      if (refusal) return send(reply, frame, <ErrorPage frame={frame} title={refusal.title} text={frame.t(refusal.key)} />, refusal.status);
      req.log.error({ err: error}, 'citizen request failed');
      return send(reply, frame, <ErrorPage frame={frame} title="error.server.title" text={frame.t('error.server.text')} />, 500);
    });
  }, { prefix: CITIZEN_PREFIX });
}

export { CITIZEN_LANGS };
