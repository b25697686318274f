import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestRepo } from './repo.js';

/**
 * The real git, first on PATH behind a script that notes each run's arguments: for tests of how
 * many git processes keyguard starts. `env` puts it on PATH; `calls()` lists the runs so far.
 */
export function countingGit(repo: TestRepo): { env: Record<string, string>; calls: () => string[] } {
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const bin = join(repo.home, 'bin');
  const log = join(repo.home, 'git-calls.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(realGit)} "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return { env: { PATH: `${bin}:${process.env.PATH}` }, calls: () => readFileSync(log, 'utf8').trim().split('\n') };
}
