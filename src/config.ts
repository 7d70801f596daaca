/**
 * Every setting of Selvbestemt, read from the environment once at start and validated.
 * A wrong value stops the process with a message naming the variable (fail fast).
 * docs/operations.md lists each variable with its meaning.
 */
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  /** TCP port of the web server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… to use a PostgreSQL server; unset for the embedded database under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database, the key file and demo credentials. */
  DATA_DIR: z.string().default('./data'),
  /** Connections in the PostgreSQL pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Public base URL (used in links printed on the console and for OIDC). */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * The TLS-terminating proxies in front: `false` (none), `true` (one), a number of proxies, or
   * their addresses (comma-separated IPs or CIDR ranges). The client address is the last one in
   * X-Forwarded-For that a trusted proxy did not write; `true` never trusts the whole header,
   * whose left-most entries the client writes itself (that would let one client dodge the
   * per-address login lock, or lock out others). Cookies get `Secure`, HSTS is sent.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((value, context): false | number | string[] => {
      const lower = value.toLowerCase();
      if (['false', '0', 'no', ''].includes(lower)) return false;
      if (['true', 'yes'].includes(lower)) return 1;
      if (/^\d{1,2}$/.test(lower)) return Number(lower);
      const addresses = lower.split(',').map((part) => part.trim()).filter(Boolean);
      if (addresses.length > 0 && addresses.every((address) => /^[0-9a-f.:]+(\/\d{1,3})?$/.test(address))) return addresses;
      context.addIssue({ code: 'custom', message: 'false, true, a number of proxies, or their IP addresses/CIDR ranges separated by commas' });
      return z.NEVER;
    }),
  /** File holding the master key (outside the database). Created on first start when missing. */
  KEY_FILE: z.string().optional(),
  /** Log level for pino. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Slug of the tenant served when the Host header matches no tenant. */
  DEFAULT_TENANT: z.string().optional(),
  /** Session lifetimes, minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(10),
  /** Login throttling: failures before the lock and the lock's length in minutes. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Run background jobs (pg-boss) in this process. Turn off on extra web-only processes. */
  JOBS_ENABLED: booleanFromEnv.default(true),
  /** Seconds between sealing runs of the audit chain. */
  AUDIT_SEAL_INTERVAL_SECONDS: z.coerce.number().min(0.05).default(1),
  /** OpenID Connect login through the municipality's identity provider (all four, or none). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** Text on the login button, e.g. "Log ind med Odense Kommunes login". */
  OIDC_LABEL: z.string().optional(),
  /** Whether an OIDC login also satisfies the second factor (the IdP enforces MFA). */
  OIDC_TRUST_IDP_MFA: booleanFromEnv.default(false),
  /** Allow the OIDC issuer over plain http (only for tests on loopback). */
  OIDC_ALLOW_INSECURE: booleanFromEnv.default(false),
});

export type Config = z.infer<typeof configSchema> & {
  dataDir: string;
  keyFile: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; label?: string } | null;
};

/** Parses and validates settings; throws an Error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const oidcKeys = [values.OIDC_ISSUER, values.OIDC_CLIENT_ID, values.OIDC_CLIENT_SECRET, values.OIDC_REDIRECT_URI];
  const oidcSet = oidcKeys.filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 4) {
    throw new Error('Invalid configuration:\n  OIDC_*: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI together');
  }
  return {
    ...values,
    dataDir: values.DATA_DIR,
    keyFile: values.KEY_FILE ?? `${values.DATA_DIR}/secrets.json`,
    oidc:
      oidcSet === 4
        ? {
            issuer: values.OIDC_ISSUER!,
            clientId: values.OIDC_CLIENT_ID!,
            clientSecret: values.OIDC_CLIENT_SECRET!,
            redirectUri: values.OIDC_REDIRECT_URI!,
            label: values.OIDC_LABEL,
          }
        : null,
  };
}
