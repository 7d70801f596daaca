import { writeBackup } from '../../db/backup.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

export async function run(args: string[], io: CliIo): Promise<number> {
  const file = args[0];
  if (!file || file.startsWith('-')) {
    io.stderr('Usage: selvbestemt backup FILE\n');
    return 2;
  }
  const summary = await withDeps((deps) => writeBackup(deps.db, deps.keys, file));
  io.stdout(`Backup written to ${file}: ${summary.rows} rows from ${summary.tables} tables.\nKeep the key file (KEY_FILE, default data/secrets.json) safe as well: it is needed to read encrypted text.\n`);
  return 0;
}
