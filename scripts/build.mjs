// Bundles the CLI into dist/ so a commit does not resolve hundreds of modules at start-up.
// Commands are split into chunks loaded on demand: `check` never loads the installer or SARIF.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
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
import { chmodSync } from 'node:fs'; chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
