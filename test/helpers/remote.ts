import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, makeRepo, type TestRepo } from './repo.js';

/**
 * A work repository whose `origin` is a local bare repository, with keyguard's pre-push hook
 * installed by hand (what `keyguard init` installs: `keyguard pre-push "$@"` with git's stdin).
 */
export function makeRepoWithRemote(): { repo: TestRepo; remote: string } {
  const repo = makeRepo();
  const remote = join(repo.dir, '..', 'remote.git');
  repo.git(['init', '-q', '--bare', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  const hooks = join(repo.dir, '.git', 'hooks');
  mkdirSync(hooks, { recursive: true });
  const hook = join(hooks, 'pre-push');
  writeFileSync(hook, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} pre-push "$@"\n`);
  chmodSync(hook, 0o755);
  return { repo, remote };
}

/** Commits everything given, skipping any pre-commit hook (`--no-verify`, as a GUI might). */
export function commit(repo: TestRepo, files: Record<string, string>, message: string): string {
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  repo.git(['add', '--', ...Object.keys(files)]);
  repo.git(['commit', '-q', '--no-verify', '-m', message]);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

/** What the remote's ref points at, or null. */
export function remoteRef(repo: TestRepo, remote: string, ref: string): string | null {
  const r = repo.git(['--git-dir', remote, 'rev-parse', '-q', '--verify', ref], { allowFail: true });
  return r.code === 0 ? r.stdout.trim() : null;
}
