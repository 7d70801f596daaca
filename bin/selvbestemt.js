#!/usr/bin/env node
// The `selvbestemt` command. Runs the compiled CLI; `npm ci` builds it (prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error('selvbestemt: the compiled code is missing; run `npm run build` first.');
  process.exit(1);
}
const { runCli } = await import(compiled);
process.exitCode = await runCli(process.argv.slice(2));
