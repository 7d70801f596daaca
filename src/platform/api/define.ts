/**
 * JSON API routes under /api/v1. A route is declared once with zod schemas for its params,
 * query, body and response: the same schemas validate requests, shape responses (unknown
 * fields are stripped, so nothing leaks by accident) and generate the OpenAPI document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { handle, type RouteAccess } from '../http/routes.js';
import type { Scope } from '../http/scope.js';
import { parseOrThrow, parsePath } from '../http/validation.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRouteDefinition<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Fastify path, e.g. `/api/v1/cases/:id`. */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: RouteAccess;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** Success status; 200 unless stated. */
  status?: number;
  /** Error statuses this route can answer besides the common ones, for the document. */
  errors?: number[];
  /**
   * The body is multipart/form-data with one file, not JSON. The handler reads it from the
   * request after its access checks (so a record the user may not see answers 404 whatever
   * was sent), and the route must be registered where @fastify/multipart is.
   */
  upload?: { description: string; maxBytes: number };
  /** The answer is a file: the handler returns a `FileAnswer`, sent as it is, not as JSON. */
  download?: { description: string };
}

/** What a download route's handler returns. */
export interface FileAnswer {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/** The schema of a download route's handler result (documented as binary, not as this). */
export const FileAnswerSchema = z.custom<FileAnswer>((value) => typeof value === 'object' && value !== null && Buffer.isBuffer((value as FileAnswer).content));

export interface ApiInput<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
}

const registry: ApiRouteDefinition[] = [];

export function apiRoutes(): readonly ApiRouteDefinition[] {
  return registry;
}

function requireJson(req: FastifyRequest): void {
  if (req.body === undefined || req.body === null) return;
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/json')) throw new AppError('unsupported_media_type', 'error.unsupportedMediaType');
}

/** Declares an API route and registers it for the OpenAPI document. */
export function api<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType, Response extends z.ZodType>(
  app: FastifyInstance,
  deps: AppDeps,
  definition: ApiRouteDefinition<Params, Query, Body, Response>,
  handler: (
    scope: Scope,
    input: ApiInput<z.output<Params>, z.output<Query>, z.output<Body>>,
    req: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<z.input<Response>>,
): void {
  if (!registry.some((route) => route.operationId === definition.operationId)) registry.push(definition as unknown as ApiRouteDefinition);
  const access: RouteAccess = { allowApiToken: true, csrf: 'session', ...definition.access };
  app.route({
    method: definition.method,
    url: definition.url,
    handler: async (req, reply) => {
      const { result } = await handle(deps, req, { access, api: true, url: definition.url }, async (scope) => {
        if (definition.method !== 'GET' && !definition.upload) requireJson(req);
        const input = {
          params: definition.params ? parsePath(definition.params, req.params) : {},
          query: definition.query ? parseOrThrow(definition.query, req.query ?? {}) : {},
          body: definition.body ? parseOrThrow(definition.body, req.body ?? {}) : undefined,
        } as ApiInput<z.output<Params>, z.output<Query>, z.output<Body>>;
        const output = await handler(scope, input, req, reply);
        return definition.response.parse(output);
      });
      if (reply.sent) return reply;
      if (definition.download) {
        const file = result as FileAnswer;
        // The name goes in filename* only (RFC 6266), so no client mistakes it for a path.
        return reply.code(200).header('cache-control', 'no-store').header('content-type', file.mediaType)
          .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .send(file.content);
      }
      return reply.code(definition.status ?? 200).header('cache-control', 'no-store').send(result);
    },
  });
}

/** The error body every API error uses. */
export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. `validation`, `not_found`, `conflict`.'),
      message: z.string().describe("Human-readable message in the request's language (Accept-Language: da or en)."),
      requestId: z.string().describe('Quote this when reporting a problem.'),
      fields: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .describe('Per-field validation messages.'),
    }),
  })
  .meta({ id: 'Error' });
