// Bundles the CLI into dist/ so a commit does not resolve hundreds of modules at start-up.
// Commands are split into chunks loaded on demand: `check` never loads the installer or SARIF.
import { build } from 'esbuild';
import { chmodSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
// Build beside dist and swap it in, so a test running meanwhile never sees a half-written CLI.
const staging = `${root}dist.build-${process.pid}`;

await build({
  entryPoints: { cli: `${root}src/cli.ts` },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
chmodSync(`${staging}/cli.js`, 0o755);
rmSync(`${root}dist`, { recursive: true, force: true });
renameSync(staging, `${root}dist`);
