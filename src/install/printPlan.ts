import { describeChange, isChange, type FileChange } from './applyChanges.js';
import { untrackFromCwd } from '../report/fromCwd.js';
import { displayPath } from '../report/displayPath.js';
import { escapeLine, escapeText } from '../report/escape.js';

/**
 * One line of init's or uninstall's report. Lines name folders, package.json files and settings
 * from the repository, so each is escaped as a whole: nothing reaches the terminal raw.
 */
export function say(line: string): void {
  process.stdout.write(`keyguard: ${escapeText(line)}\n`);
}

/** `--dry-run`: every file that would change, with the lines it would gain or lose. */
export function printDryRun(root: string, changes: FileChange[]): void {
  const real = changes.filter(isChange);
  for (const c of real) for (const line of describeChange(root, c)) process.stdout.write(`${escapeLine(line)}\n`); // the user's lines, escaped
  say(real.length ? 'dry run — nothing was changed' : 'dry run — nothing would change');
}

export function gitignoreLine(patterns: string[], changed: boolean): string {
  if (patterns.length === 0) return '.gitignore already covers the recommended secret patterns';
  const shown = patterns.length > 4 ? [...patterns.slice(0, 4), '...'] : patterns;
  const what = `${patterns.length} secret pattern${patterns.length === 1 ? '' : 's'} (${shown.join(', ')})`;
  return changed ? `.gitignore — added ${what}` : `.gitignore — already has keyguard's ${what}`;
}

const MAX_LISTED = 20;

/**
 * Secret files git already tracks: .gitignore does not untrack them, and their keys must be rotated.
 * `prefix`: where the user stands, from the top (report/fromCwd.ts cwdPrefix): the file is named
 * from the top, as git's diff names it, and the command to paste from there, so it works as printed.
 */
export function printTracked(paths: string[], prefix = ''): void {
  for (const p of paths.slice(0, MAX_LISTED)) {
    // A tracked file's name comes from the repository: shown escaped (report/displayPath).
    process.stdout.write(`keyguard: warning — ${displayPath(p)} is tracked by git; run \`${untrackFromCwd(prefix, p)}\` and rotate the keys it holds\n`);
  }
  if (paths.length > MAX_LISTED) say(`warning — ${paths.length - MAX_LISTED} more tracked secret files (see: git ls-files)`);
}
