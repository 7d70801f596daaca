import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Database } from './database.js';

/** Opens PostgreSQL when DATABASE_URL is set, else the embedded database under DATA_DIR. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'DATABASE_POOL_SIZE'>): Promise<Database> {
  // Each adapter loads only when used: the other's driver would only lengthen the start.
  if (config.DATABASE_URL) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite({ dataDir: join(config.dataDir, 'pglite') });
}
