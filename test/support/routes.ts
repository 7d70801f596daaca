/**
 * Every route of the application, found at run time, so the security sweeps cover the routes
 * other features add later without being told: page routes and API routes come from their
 * registries with the access they declare; anything else Fastify serves (health checks, static
 * files, the OIDC redirects) is listed from the router itself as "undeclared".
 */
import type { FastifyInstance } from 'fastify';
import { apiRoutes, type ApiRouteDefinition } from '../../src/platform/api/define.js';
import { pageRoutes, type RouteAccess } from '../../src/platform/http/routes.js';

export interface DeclaredRoute {
  kind: 'page' | 'api';
  method: string;
  url: string;
  access: RouteAccess;
  /** The API definition (schemas) for API routes. */
  api?: ApiRouteDefinition;
}

/** Page and API routes with their declared access, sorted for stable test names. */
export function declaredRoutes(): DeclaredRoute[] {
  const pages: DeclaredRoute[] = pageRoutes().map((route) => ({ kind: 'page', method: route.method, url: route.url, access: route }));
  const apis: DeclaredRoute[] = apiRoutes().map((route) => ({
    kind: 'api', method: route.method, url: route.url,
    // The same defaults `api()` applies.
    access: { allowApiToken: true, csrf: 'session', ...route.access },
    api: route,
  }));
  return [...pages, ...apis].sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
}

/** Every (method, path) the router serves, read from `printRoutes` (HEAD left out). */
export function servedRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const routes: { method: string; url: string }[] = [];
  for (const line of lines) {
    const match = /^([│ ]*)(?:[├└]── )?(\S+)(?: \(([^)]*)\))?$/.exec(line.trimEnd());
    if (!match || !match[2]) continue;
    const depth = line.startsWith('└── ') && stack.length === 0 ? 0 : Math.round(match[1].length / 4) + (/[├└]── /.test(line) ? 1 : 0);
    const segment = match[2];
    const parent = depth === 0 ? '' : stack[depth - 1] ?? '';
    const path = depth === 0 ? segment : parent.endsWith('/') || segment.startsWith('/') ? parent + segment : `${parent}/${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, url: path.replace(/\/+/g, '/') });
    }
  }
  return routes;
}

/** Routes the router serves that neither registry declares (raw `app.get` routes). */
export function undeclaredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const declared = new Set(declaredRoutes().map((route) => `${route.method} ${route.url}`));
  return servedRoutes(app).filter((route) => !declared.has(`${route.method} ${route.url}`));
}
