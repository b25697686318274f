import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, makeRepo, type Run, type TestRepo } from './repo.js';

/** A repository whose pre-commit hook runs the built `keyguard check` (what `keyguard init` installs). */
export function repoWithHook(): TestRepo {
  const repo = makeRepo();
  const hooks = join(repo.dir, '.git', 'hooks');
  mkdirSync(hooks, { recursive: true });
  const hook = join(hooks, 'pre-commit');
  writeFileSync(hook, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check\n`);
  chmodSync(hook, 0o755);
  repo.git(['config', 'core.hooksPath', hooks]);
  return repo;
}

/** `git commit` through the hook. */
export function tryCommit(repo: TestRepo, message = 'change'): Run {
  return repo.git(['commit', '-q', '-m', message], { allowFail: true });
}

/** The variables a .env defines, as the dotenv readers see them (plain and single-quoted values). */
export function readDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].startsWith("'") ? m[2].slice(1, -1) : m[2];
  }
  return out;
}

/** Runs a program in the repository with extra environment variables. */
export function runIn(repo: TestRepo, cmd: string, args: string[], env: Record<string, string> = {}, cwd = repo.dir): Run {
  const r = spawnSync(cmd, args, { cwd, env: { ...repo.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Whether a program is on PATH. */
export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
