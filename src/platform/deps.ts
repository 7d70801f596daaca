import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { KeyRing } from './crypto/keys.js';
import type { JobQueue } from './jobs/registry.js';
import type { TenantResolver } from './tenants.js';

/** What every feature's routes get: built once in the composition root (src/main.ts). */
export interface AppDeps {
  config: Config;
  db: Database;
  keys: KeyRing;
  log: Logger;
  tenants: TenantResolver;
  /** Background jobs (pg-boss in the server). Absent in tests: jobs then run inline. */
  jobs?: JobQueue;
}
