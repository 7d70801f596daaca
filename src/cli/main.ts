/**
 * The `selvbestemt` command line. Each sub-command lives in its own module under
 * `commands/` and is loaded only when asked for, so quick commands (agreement, estimate)
 * do not pay for the server's imports.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `--password-stdin`); the process's stdin when absent. */
  stdin?: () => Promise<string>;
}

export type CommandModule = { run: (args: string[], io: CliIo) => Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  migrate: { summary: 'apply database migrations', load: () => import('./commands/migrate.js') },
  demo: { summary: 'start the server with the fictional municipality "Demokommune"', load: () => import('./commands/demo.js') },
  user: { summary: 'user create | user reset-2fa', load: () => import('./commands/user.js') },
  tenant: { summary: 'tenant list | tenant create | tenant hosts: the municipalities this installation serves', load: () => import('./commands/tenant.js') },
  audit: { summary: 'audit verify: check the hash chain of the audit log', load: () => import('./commands/audit.js') },
  backup: { summary: 'backup FILE: write every row to FILE', load: () => import('./commands/backup.js') },
  restore: { summary: 'restore FILE: load a backup into an empty database', load: () => import('./commands/restore.js') },
  agreement: { summary: 'agreement --input FILE.csv [--json]: inter-rater agreement', load: () => import('./commands/agreement.js') },
  estimate: { summary: 'estimate --input FILE.csv [--json]: multiple systems estimation', load: () => import('./commands/estimate.js') },
};

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: selvbestemt <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

/** Runs one sub-command and returns the process exit code (2 for usage errors). */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`selvbestemt: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const module = await command.load();
    return await module.run(rest, io);
  } catch (error) {
    // Operational failures (database in use, unreachable server, bad configuration) are
    // reported in one line; the stack is only for debugging.
    io.stderr(`selvbestemt ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DEBUG) io.stderr(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}
