import type { TestRepo } from './repo.js';

/** What git itself decides, path by path: the truth a .gitignore edit is judged by. */
export function ignored(repo: TestRepo, paths: string[]): Record<string, boolean> {
  const r = repo.git(['check-ignore', '--no-index', '--stdin', '-z'], { input: paths.join('\0') + '\0', allowFail: true });
  const hit = new Set(r.stdout.split('\0').filter(Boolean));
  return Object.fromEntries(paths.map((p) => [p, hit.has(p)]));
}

/** The lines of keyguard's block in a .gitignore, without its markers. */
export function block(text: string): string[] {
  const start = text.indexOf('# >>> keyguard');
  const end = text.indexOf('# <<< keyguard <<<');
  return start < 0 ? [] : text.slice(start, end).split(/\r?\n/).slice(1).filter(Boolean);
}
