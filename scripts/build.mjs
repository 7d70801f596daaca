// Compiles src/ into dist/ for `npm start`, `npm run demo` and the `selvbestemt` command, so they
// start without a TypeScript loader. Bundled (decision 0008): Node loads one file per entry and a
// few shared chunks instead of ~250 modules of ours and ~150 of small ESM packages, which took a
// third of the start-up time. Packages that find files beside themselves (WebAssembly, fonts,
// native addons, worker threads) or are loaded only on demand stay in node_modules.
// Runs on `npm ci` (prepare) and before `npm start`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

/** Pure JavaScript ESM packages of many small modules: these go into the bundle. */
const BUNDLED_PACKAGES = new Set(['zod', 'openid-client', 'oauth4webapi', 'jose', 'file-type', 'strtok3', 'token-types', '@tokenizer/inflate', '@tokenizer/token', 'uint8array-extras']);

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const keepOtherPackagesExternal = {
  name: 'keep-other-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || !BUNDLED_PACKAGES.has(packageName(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  },
};

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', 'src/cli/main.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  plugins: [keepOtherPackagesExternal],
  logLevel: 'warning',
});
