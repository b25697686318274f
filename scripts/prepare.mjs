// npm's `prepare`: builds dist/. It runs after a developer's `npm install`/`npm ci` and before
// `npm pack`/`npm publish`, where the devDependencies are installed; and when keyguard is installed
// from git. There npm clones the repository and prepares the clone with a nested `npm install`
// that inherits the outer command's settings: under `npm install -g git+…` (what the pre-commit
// framework runs for a node hook) that nested install is global too, so the clone never gets its
// devDependencies and the build cannot find esbuild. In that case alone, install them into the
// clone first, exactly as its lockfile pins them, then build.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// pre-commit before 3.2 installs a node hook by running `npm install` in its clone, then
// `npm pack`, and takes all of pack's standard output as the tarball's file name; npm prints a
// banner there for this script, so the install fails. pre-commit's node environment lives inside
// that clone: only there, quiet npm for the clone, and pack prints the file name alone.
const nodeEnv = process.env.NODE_VIRTUAL_ENV;
if (nodeEnv && join(nodeEnv, '..') === join(root, '.') && !existsSync(join(root, '.npmrc'))) {
  writeFileSync(join(root, '.npmrc'), 'loglevel=silent\n');
}

function hasEsbuild() {
  try {
    createRequire(`${root}package.json`).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!hasEsbuild()) {
  // pacote (npm's fetcher) marks the install it runs to prepare a git dependency.
  const gitInstall = process.env._PACOTE_NO_PREPARE_ !== undefined;
  if (!gitInstall) {
    process.stderr.write('keyguard: building needs the devDependencies (esbuild): run `npm ci` in this folder first\n');
    process.exit(1);
  }
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  // Local, from the lockfile, without scripts: this prepare script is not run again, and
  // esbuild needs no install script (its platform binary is an optional dependency).
  const args = ['ci', '--global=false', `--prefix=${root}`, '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
  const r = spawnSync(npm[0], [...npm.slice(1), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`keyguard: could not install the build's devDependencies (npm ci exited ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
}
await import('./build.mjs');
