import { runGit } from './runGit.js';

/**
 * Which of these paths .gitignore already covers, in one git process. Used only to tailor the
 * fix line of a blocked secret file, so it is asked only when there is one.
 */
export async function listIgnored(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const result = await runGit(['check-ignore', '--no-index', '-z', '--stdin'], root, [0, 1], paths.join('\0') + '\0');
  return new Set(result.stdout.toString('utf8').split('\0').filter(Boolean));
}
