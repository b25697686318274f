import { KeyguardError } from '../errors.js';
import type { Repo } from './resolveRepo.js';
import { runGit } from './runGit.js';

const EMPTY_TREE: Record<string, string> = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/**
 * A repository without a work tree (a server's bare repository, where a pre-receive hook runs
 * with GIT_DIR set): `root` is its git folder, where the server's own settings live.
 */
export async function resolveGitDir(cwd: string): Promise<Repo> {
  let out: string;
  try {
    out = (await runGit(['rev-parse', '--absolute-git-dir', '--show-object-format'], cwd)).stdout.toString('utf8');
  } catch (e) {
    if (e instanceof KeyguardError && /not a git repository/i.test(e.message)) throw new KeyguardError('not a git repository (run keyguard inside one)');
    throw e;
  }
  const [root, format] = out.split('\n');
  return { root, head: null, emptyTree: EMPTY_TREE[format] ?? EMPTY_TREE.sha1, cwd };
}
