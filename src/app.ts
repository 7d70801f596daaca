/**
 * Builds the web application: plugins, security headers, error pages, static assets and
 * every feature's routes. No listening here (tests call `inject`); see main.ts.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { registerFeatures } from './features/index.js';
import type { AppDeps } from './platform/deps.js';
import { projectPath } from './platform/paths.js';
import { registerErrorHandlers } from './platform/http/error-handler.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A number of proxies: the hops counted from our side of the connection are trusted. */
function trustedProxies(setting: false | number | string[]): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}

function refuseRouteSchema({ url }: { url?: string }): never {
  throw new Error(`Route ${url}: Fastify route schemas are not used here; validate with the feature's zod schema`);
}

function splitOnce(text: string, separator: string): [string, string | null] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
}

/** Whether a %XX escape decodes on its own: an ASCII byte (any other byte is made literal, so the address always decodes). */
function isDecodable(escape: string): boolean {
  return Number.parseInt(escape.slice(1), 16) < 0x80;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // pino's Logger type is wider than Fastify's base logger type; the instance is the same.
  const app = Fastify({
    loggerInstance: deps.log,
    // Fastify's own request lines would log the URL (a query may hold a name): we log our own.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustedProxies(deps.config.TRUST_PROXY),
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // Path parameters as long as a request line can be (Node limits the whole head to 16 KB), so
    // an over-long id or token reaches its route and gets that route's own translated 404 or 400
    // (in the citizen site's frame there) instead of Fastify's English JSON 414.
    routerOptions: { maxParamLength: 16 * 1024, ignoreTrailingSlash: true },
    // A malformed percent-escape in the path ("/sager/%E0%A4%A") matches no route: send the
    // browser to the literal address (every "%" escaped), which answers the 404 of the frame the
    // path belongs to, translated, instead of Fastify's English JSON 400.
    frameworkErrors: (error, req, reply) => {
      if (error.code !== 'FST_ERR_BAD_URL') throw error;
      const [path, query] = splitOnce(req.raw.url ?? '/', '?');
      const literal = path.replace(/%(?![0-9a-fA-F]{2})/g, '%25').replace(/%([0-9a-fA-F]{2})/g, (escape) => (isDecodable(escape) ? escape : `%25${escape.slice(1)}`));
      void reply.redirect(query === null ? literal : `${literal}?${query}`, 303);
    },
    // Requests are validated by our zod schemas and answers serialised by our own code, so
    // Fastify's JSON Schema compilers (Ajv, fast-json-stringify) have nothing to do; left as
    // defaults, loading them took a third of a second of every start (decision 0008).
    schemaController: { compilersFactory: { buildValidator: () => refuseRouteSchema, buildSerializer: () => refuseRouteSchema } },
  }) as unknown as FastifyInstance;

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  await app.register(fastifyStatic, {
    root: projectPath('node_modules', 'dkfds', 'dist'),
    prefix: '/static/dkfds/',
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: projectPath('web'),
    prefix: '/static/app/',
    maxAge: '1h',
    index: false,
    decorateReply: false,
  });

  registerSecurityHeaders(app);
  registerErrorHandlers(app, deps);

  // One line per request: route pattern (never the URL with its query), status and duration.
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  await registerFeatures(app, deps);
  return app;
}
