import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { runGit } from './runGit.js';

/**
 * The commit a revision names, or null when there is none. The revision is never taken as an
 * option (`--end-of-options`), whatever the user typed.
 */
export async function resolveCommit(root: string, rev: string): Promise<{ sha: string; date: string; author: string } | null> {
  const r = await runGit(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], root, [0, 1, 128]);
  const sha = r.code === 0 ? r.stdout.toString('utf8').trim() : '';
  if (!sha) return null;
  const info = await runGit(['show', '-s', '--format=%an%x00%aI', sha], root);
  const [author, date] = info.stdout.toString('utf8').trim().split('\0');
  return { sha, author, date };
}

/**
 * In a shallow clone, the commits at its edge: history behind them is not here, so a scan
 * must say so rather than pass it unread. Empty for a complete repository.
 */
export async function shallowEdge(root: string): Promise<string[]> {
  const r = await runGit(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow'], root);
  const [shallow, path] = r.stdout.toString('utf8').split('\n');
  if (shallow !== 'true') return [];
  try {
    return readFileSync(isAbsolute(path) ? path : join(root, path), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
