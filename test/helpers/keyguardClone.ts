import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './repo.js';

/**
 * A real `git clone` of this repository, holding a commit of the files as they are on disk now
 * (committed or not: a temporary index, so neither the index, the refs nor the working tree of
 * this checkout change). Integrations install keyguard from it the way users install from git.
 */
export function cloneKeyguard(dest: string): { dir: string; sha: string } {
  const git = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }).trim();
  const scratch = mkdtempSync(join(tmpdir(), 'keyguard-index-'));
  try {
    const env = {
      GIT_INDEX_FILE: join(scratch, 'index'),
      GIT_AUTHOR_NAME: 'keyguard test', GIT_AUTHOR_EMAIL: 'test@keyguard.invalid',
      GIT_COMMITTER_NAME: 'keyguard test', GIT_COMMITTER_EMAIL: 'test@keyguard.invalid',
    };
    git(['read-tree', 'HEAD'], env);
    git(['add', '-A', '.'], env);
    const tree = git(['write-tree'], env);
    const sha = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'keyguard as on disk (test snapshot)'], env);
    // A local clone copies the object store, so the snapshot is there; a branch advertises it.
    execFileSync('git', ['clone', '-q', '--no-checkout', ROOT, dest]);
    execFileSync('git', ['-C', dest, 'branch', '-f', 'snapshot', sha]);
    execFileSync('git', ['-C', dest, 'checkout', '-q', 'snapshot']);
    return { dir: dest, sha };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
