import type { CliIo } from '../main.js';

/** Starts the server with the demo municipality; returns only when the process is stopped. */
export async function run(_args: string[], _io: CliIo): Promise<number> {
  const { runServerProcess } = await import('../../main.js');
  await runServerProcess(true);
  await new Promise(() => {}); // the server runs until SIGINT/SIGTERM ends the process
  return 0;
}
