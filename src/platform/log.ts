/**
 * Structured logs (pino) that never carry personal data. Requests are logged by route pattern,
 * never by URL (a query string may hold a name or CPR number), bodies and headers are never
 * logged, and every string that reaches the log is scrubbed of CPR-like numbers, e-mail
 * addresses and quoted values (PostgreSQL error messages quote the offending input).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

const CPR_LIKE = /\b\d{6}[-\s]?\d{4}\b/g;
// No slashes: a stack trace's "node_modules/@fastify/static/index.js" is no e-mail address.
const EMAIL_LIKE = /[^\s@"'<>/]+@[^\s@"'<>/]+\.[a-z]{2,}/gi;
// Any length and across lines: PostgreSQL quotes a whole offending value, however long.
const QUOTED = /(["'])(?:(?!\1)[\s\S])+?\1/g;
/** Keys whose values never reach the log, at any depth (pino's redact paths reach one level). */
const SECRET_KEYS = new Set(['password', 'cpr', 'name', 'cookie', 'authorization']);
/** Deeper than this, objects are replaced rather than logged unscrubbed. */
const MAX_DEPTH = 6;

export function scrub(text: string): string {
  return text.replace(CPR_LIKE, '[cpr]').replace(EMAIL_LIKE, '[email]').replace(QUOTED, '$1…$1');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  // pino runs this formatter before the serializers: reduce errors here, or their own fields
  // (a PostgreSQL error's `detail` quotes the row) would be copied and the type lost.
  if (value instanceof Error) return serializeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : scrubDeep(item, depth + 1)]));
}

/** Errors keep their type, code and scrubbed message and stack; `detail` and friends are dropped. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    if (error === null || typeof error !== 'object') return { message: scrub(String(error)) };
    // Already reduced by the formatter (or a plain object): keep the same few fields only.
    const fields = error as Record<string, unknown>;
    const keep = (value: unknown) => (typeof value === 'string' ? scrub(value) : undefined);
    return { type: keep(fields.type), code: keep(fields.code), message: keep(fields.message), stack: keep(fields.stack) };
  }
  const code = (error as { code?: unknown }).code;
  return {
    type: error.constructor?.name ?? 'Error',
    code: typeof code === 'string' ? code : undefined,
    message: scrub(error.message),
    stack: error.stack ? scrub(error.stack) : undefined,
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'selvbestemt' },
      redact: {
        paths: ['req.headers', 'req.body', 'body', 'password', 'headers.cookie', 'headers.authorization', '*.password', '*.cpr', '*.name'],
        censor: '[redacted]',
      },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // The message string itself is scrubbed too (interpolated values included).
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}
