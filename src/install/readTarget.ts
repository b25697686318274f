import { isAbsolute, relative } from 'node:path';
import { readUserFile } from '../config/readUserFile.js';
import { displayPath } from '../report/displayPath.js';

/**
 * How a path reads in a message: relative to where the user stands when it is below it, escaped
 * (a symlink's target, like a file name, comes from the repository and may hold a line break).
 */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return displayPath(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path);
}

/**
 * The biggest file init or uninstall edits. A hook can be big (one with an embedded binary, a
 * 120 MB one is tested); edits are made on a one-character-per-byte string, which V8 caps near
 * 512 MiB, so the bound sits well below that: a bigger file is refused rather than crash.
 */
export const TARGET_LIMIT = 256 * 1024 * 1024;

/**
 * The current bytes of a file keyguard may write (a hook, .gitignore, package.json, a lint-staged
 * config, the workflow), or null when there is none. keyguard writes only regular files: a
 * symlink would carry its edit elsewhere (a .gitignore linked to a shared file outside the
 * repository, a hook linked to a tracked `scripts/pre-commit` whose change would be committed),
 * and a device or FIFO would never finish reading. Such a path is refused before anything is
 * read or written, naming where the file really is. The guard itself is readUserFile's.
 */
export function readTarget(path: string): Buffer | null {
  const shown = shownPath(path);
  return readUserFile(path, {
    shown,
    limit: TARGET_LIMIT,
    note: 'nothing was changed',
    refuseSymlink: (target) => {
      const to = target ? shownPath(target) : null;
      return `${shown} is a symlink${to ? ` to ${to}` : ''}; keyguard writes only regular files, so add keyguard's part to ${to ?? 'it'} yourself or replace the link with a copy`;
    },
  });
}
