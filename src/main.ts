/**
 * `npm start`: Selvbestemt on http://localhost:3000 (PORT to change) on the embedded database
 * under ./data, or on PostgreSQL when DATABASE_URL is set. `--demo` (npm run demo) adds the
 * fictional municipality "Demokommune" with one user per role.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';

/** Runs the server until SIGINT/SIGTERM (also used by `npx selvbestemt demo`). */
export async function runServerProcess(demo: boolean): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const baseUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  // The embedded database takes about a second to open, part of it compiling its WebAssembly off
  // the main thread: it opens while the rest of the server's modules load (decision 0008).
  const opening = openDatabase(config);
  // Its failure (a data folder in use, say) is reported below, once the modules are loaded;
  // left without a handler meanwhile, Node would end the process with a stack trace instead.
  opening.catch(() => {});
  const [{ startServer }, { ensureFirstAdminLink }] = await Promise.all([import('./server.js'), import('./features/setup/first-admin.js')]);
  const server = await startServer({
    config,
    db: await opening,
    prepare: async (deps) => {
      if (demo) {
        const { seedDemo, printDemoCredentials } = await import('./features/demo/seed.js');
        const result = await seedDemo(deps);
        deps.tenants.setDefault(result.tenantSlug);
        printDemoCredentials(result, baseUrl, config.dataDir);
        return;
      }
      const link = await ensureFirstAdminLink(deps.db, config.DEFAULT_TENANT);
      if (link) {
        console.log(
          `\nSelvbestemt har ingen administrator endnu. Opret den første administrator her (linket virker én gang og udløber om 1 time):\n\n  ${baseUrl}/setup/${link.token}\n`,
        );
      }
    },
  });
  console.log(`Selvbestemt kører på ${baseUrl} (database: ${server.deps.db.kind === 'pglite' ? `indlejret PostgreSQL i ${config.dataDir}` : 'PostgreSQL'})`);

  const shutdown = (signal: string) => {
    server.deps.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.deps.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runServerProcess(process.argv.includes('--demo')).catch((error: unknown) => {
    console.error('Selvbestemt could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
