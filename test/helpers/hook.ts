import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, makeRepo, type Run, type TestRepo } from './repo.js';

/**
 * A repository set up the way a user does it: keyguard on PATH (a `keyguard` command that runs the
 * built CLI) and `keyguard init` run in it, so commits go through the hook init installs.
 */
export function initRepo(): { repo: TestRepo; env: Record<string, string> } {
  const repo = makeRepo();
  const bin = join(repo.home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'keyguard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'keyguard'), 0o755);
  const env = { PATH: `${bin}:${process.env.PATH}` };
  const r = repo.keyguard(['init'], { env });
  if (r.code !== 0) throw new Error(`keyguard init failed (${r.code}): ${r.stderr}`);
  return { repo, env };
}

/** Writes and stages the files, then `git commit` through the installed hook. */
export function commitThroughHook(repo: TestRepo, env: Record<string, string>, files: Record<string, string | Buffer>, message = 'change'): Run {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.git(['add', '--', ...Object.keys(files)], { env });
  return repo.git(['commit', '-q', '-m', message], { env, allowFail: true });
}
