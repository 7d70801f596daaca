import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { restoreBackup, RestoreError } from '../../db/backup.js';
import type { CliIo } from '../main.js';
import { withDeps } from './shared.js';

export async function run(args: string[], io: CliIo): Promise<number> {
  const file = args[0];
  if (!file || file.startsWith('-')) {
    io.stderr('Usage: selvbestemt restore FILE\n');
    return 2;
  }
  if (!existsSync(file)) {
    io.stderr(`No such file: ${file}\n`);
    return 2;
  }
  // Starting without a key file would make a new key, which cannot read the backup's encrypted text.
  const keyFile = loadConfig().keyFile;
  if (!existsSync(keyFile)) {
    io.stderr(`Restore failed, nothing was changed: there is no key file at ${keyFile}. Copy the key file that belongs with the backup there first (or set KEY_FILE to it).\n`);
    return 2;
  }
  try {
    const summary = await withDeps((deps) => restoreBackup(deps.db, deps.keys, file));
    io.stdout(`Restored ${summary.rows} rows into ${summary.tables} tables. Run "selvbestemt audit verify" to check the audit chain.\n`);
    return 0;
  } catch (error) {
    if (error instanceof RestoreError || error instanceof SyntaxError) {
      io.stderr(`Restore failed, nothing was changed: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
