/** What the database commands share: configuration and dependencies from the environment. */
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import { createDeps } from '../../server.js';
import { createLogger } from '../../platform/log.js';
import { migrate } from '../../db/migrate.js';

export async function withDeps<T>(work: (deps: AppDeps) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const deps = await createDeps(config, { log: createLogger(process.env.LOG_LEVEL ?? 'warn') });
  try {
    if (options.migrate !== false) await migrate(deps.db);
    return await work(deps);
  } finally {
    await deps.db.close();
  }
}
