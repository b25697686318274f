import { posix, relative, sep } from 'node:path';
import type { Finding } from '../detect/finding.js';
import { shellQuote, untrackCommand } from '../shellQuote.js';

/** Where the user stands, relative to the repository's top (posix separators; '' at the top). */
export function cwdPrefix(root: string, cwd: string): string {
  return relative(root, cwd).split(sep).join('/');
}

/**
 * A repository path (relative to the top) as a shell word that names it from where the user
 * stands: a command printed for pasting must work there, so `git rm --cached sub/.env` is
 * `git rm --cached .env` in sub/. Locations in a report stay relative to the top, as git prints them.
 */
export function shellPathFromCwd(prefix: string, path: string): string {
  return shellQuote(pathFromCwd(prefix, path));
}

function pathFromCwd(prefix: string, path: string): string {
  return prefix ? posix.relative(prefix, path) || '.' : path;
}

/** `git rm --cached PATH` for a repository path, to be run from where the user stands. */
export function untrackFromCwd(prefix: string, path: string): string {
  return untrackCommand(pathFromCwd(prefix, path));
}

/**
 * A finding's fix line naming the file from where the user stands: its untrack command (a file
 * rule's), or each `{path}` of the rule's fix (a custom rule's `fixTemplate`).
 */
export function fixFromCwd(f: Pick<Finding, 'kind' | 'fix' | 'path' | 'fixTemplate'>, prefix: string): string {
  if (f.fixTemplate !== undefined) return f.fixTemplate.replaceAll('{path}', () => shellPathFromCwd(prefix, f.path));
  const untrack = untrackCommand(f.path);
  if (f.kind !== 'file' || !prefix || !f.fix.includes(untrack)) return f.fix;
  return f.fix.replace(untrack, () => untrackCommand(pathFromCwd(prefix, f.path)));
}
