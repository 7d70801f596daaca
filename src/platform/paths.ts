/**
 * The project's folder (where package.json, migrations/, web/ and node_modules/ are), found from
 * this module's own location. The server runs from src/ in tests and from the bundle in dist/
 * (scripts/build.mjs), where a module's code may sit in a shared chunk at another depth, so a
 * path relative to import.meta.url would differ between the two.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Selvbestemt: no project folder (package.json with migrations/) above ${start}`);
  }
}

/** The project folder, without a trailing slash. */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project folder; `projectPath('web', 'citizen') + '/'` for a folder. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
