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

/**
 * Every (method, path) the router serves, read from `printRoutes` (HEAD left out). The print is
 * the router's radix tree: a node's path is its parent's path followed by its own segment, and
 * its depth is where its "── " marker stands.
 */
export function servedRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const stack: string[] = [];
  const routes: { method: string; url: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const marker = line.indexOf('── ');
    if (marker < 1) continue;
    const depth = Math.round((marker - 1) / 4);
    const match = /^(\S+)(?: \(([^)]*)\))?$/.exec(line.slice(marker + 3).trimEnd());
    if (!match) continue;
    const path = (depth === 0 ? '' : stack[depth - 1] ?? '') + match[1];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[2] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, url: path });
    }
  }
  return routes;
}

/** Routes the router serves that neither registry declares (raw `app.get` routes). */
export function undeclaredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const declared = new Set(declaredRoutes().map((route) => `${route.method} ${route.url}`));
  return servedRoutes(app).filter((route) => !declared.has(`${route.method} ${route.url}`));
}
