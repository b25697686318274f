import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers/repo.js';

/**
 * The tests drive the built CLI (dist/), so `vitest` run on its own must never test a stale
 * build: every run builds it first (about a second; the build swaps dist/ in whole).
 */
export default function setup(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
