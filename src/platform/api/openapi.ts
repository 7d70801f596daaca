/** Builds the OpenAPI 3.1 document from the registered routes' zod schemas. */
import { z } from 'zod';
import { ApiErrorSchema, apiRoutes, type ApiRouteDefinition } from './define.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(route: ApiRouteDefinition): unknown[] {
  const list: unknown[] = [];
  for (const [location, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        description: property.description,
        schema: property,
      });
    }
  }
  return list;
}

const COMMON_ERRORS: Record<number, string> = {
  400: 'Invalid input (validation errors per field).',
  401: 'Not logged in, or the session expired.',
  403: 'CSRF token missing or wrong, or the API token lacks the scope.',
  404: 'Not found, or not visible to you (the two are indistinguishable).',
  409: 'Conflict: the record changed since you read it (send the current version).',
  413: 'Body larger than 1 MB.',
  415: 'Body is not application/json.',
  429: 'Too many attempts.',
};

export function buildOpenApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const route of apiRoutes()) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const statuses = [400, 401, 403, 404, 413, 415, ...(route.errors ?? [])];
    const responses: Record<string, unknown> = {
      [String(route.status ?? 200)]: route.download
        ? { description: route.download.description, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }
        : { description: 'Success', content: { 'application/json': { schema: toSchema(route.response, 'output') } } },
    };
    for (const status of [...new Set(statuses)].sort()) {
      const description = status === 413 && route.upload ? `File larger than ${route.upload.maxBytes / (1024 * 1024)} MB.`
        : status === 415 && route.upload ? 'Body is not multipart/form-data.' : COMMON_ERRORS[status] ?? 'Error';
      responses[String(status)] = { description, content: { 'application/json': { schema: errorRef } } };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: route.tags,
      parameters: parameters(route),
      requestBody: route.upload
        ? { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: route.upload.description } } } } } }
        : route.body ? { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } : undefined,
      responses,
      security: route.access.auth === 'public' ? [] : [{ bearerToken: [] }, { sessionCookie: [], csrfHeader: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Selvbestemt API',
      version: '1.0.0',
      description:
        'The JSON API of Selvbestemt. Authenticate with a personal access token (`Authorization: Bearer sbt_…`, created under "API-nøgler") ' +
        'or log in with `POST /api/v1/auth/login`, which sets a session cookie and returns a `csrfToken` to send as `X-CSRF-Token` on every state-changing call. ' +
        'Errors have the shape of the `Error` schema; messages follow `Accept-Language` (da or en). Records you may not see answer 404.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: toSchema(ApiErrorSchema, 'output') },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'Personal access token (sbt_…).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
        csrfHeader: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
  };
}
