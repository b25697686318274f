import { KeyguardError } from '../errors.js';
import { runGit } from './runGit.js';

export interface Repo {
  /** Absolute path of the work tree's top folder. */
  root: string;
  /** HEAD's commit, or null before the first commit. */
  head: string | null;
  /** The tree to diff the index against when there is no HEAD yet. */
  emptyTree: string;
  /** The folder keyguard was started in (paths given on the command line are relative to it). */
  cwd: string;
}

const EMPTY_TREE: Record<string, string> = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/** One git process answers where the repository is and whether it has a HEAD. */
export async function resolveRepo(cwd: string): Promise<Repo> {
  let result;
  try {
    result = await runGit(
      ['rev-parse', '--show-toplevel', '--show-object-format', '-q', '--verify', 'HEAD^{commit}'],
      cwd,
      [0, 1],
    );
  } catch (e) {
    if (e instanceof KeyguardError && /not a git repository/i.test(e.message)) {
      throw new KeyguardError('not a git repository (run keyguard inside one)');
    }
    if (e instanceof KeyguardError && /must be run in a work tree|bare/i.test(e.message)) {
      throw new KeyguardError('this is a bare repository; keyguard needs a work tree');
    }
    throw e;
  }
  const lines = result.stdout.toString('utf8').split('\n');
  const root = lines[0];
  const format = lines[1];
  const head = result.code === 0 ? lines[2] || null : null;
  if (!root) throw new KeyguardError('this is a bare repository; keyguard needs a work tree');
  return { root, head, emptyTree: EMPTY_TREE[format] ?? EMPTY_TREE.sha1, cwd };
}
