import ignore from 'ignore';
import { runGit } from '../git/runGit.js';
import { SECRET_PATTERNS, TEMPLATE_NEGATIONS } from './recommendedPatterns.js';

/** Files git already tracks that the recommended patterns name: .gitignore does not untrack them. */
export async function findTrackedSecrets(root: string, ignorecase: boolean): Promise<string[]> {
  const { stdout } = await runGit(['ls-files', '-z'], root);
  const matcher = ignore({ ignorecase }).add([...SECRET_PATTERNS.filter((p) => !p.byContent), ...TEMPLATE_NEGATIONS].map((p) => p.pattern));
  return stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => {
      if (p === '') return false;
      try {
        return matcher.ignores(p);
      } catch {
        return false;
      }
    });
}
