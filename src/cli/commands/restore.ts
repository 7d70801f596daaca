import { existsSync } from 'node:fs';
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
  try {
    const summary = await withDeps((deps) => restoreBackup(deps.db, file));
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
