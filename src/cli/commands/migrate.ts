import { migrate } from '../../db/migrate.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

export async function run(_args: string[], io: CliIo): Promise<number> {
  const applied = await withDeps((deps) => migrate(deps.db), { migrate: false });
  io.stdout(applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}\n`);
  return 0;
}
