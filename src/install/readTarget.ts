import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { isAbsolute, relative, resolve, dirname } from 'node:path';
import { KeyguardError } from '../errors.js';

/** How a path reads in a message: relative to where the user stands when it is below it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The current bytes of a file keyguard may write (a hook, .gitignore, package.json, a lint-staged
 * config, the workflow), or null when there is none. keyguard writes only regular files: a
 * symlink would carry its edit elsewhere (a .gitignore linked to a shared file outside the
 * repository, a hook linked to a tracked `scripts/pre-commit` whose change would be committed),
 * and a device or FIFO would never finish reading. Such a path is refused before anything is
 * read or written, naming where the file really is.
 */
export function readTarget(path: string): Buffer | null {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new KeyguardError(`cannot read ${shown(path)} (${code ?? 'error'}) (nothing was changed)`);
  }
  if (st.isSymbolicLink()) {
    let target = '';
    try {
      target = resolve(dirname(path), readlinkSync(path));
    } catch {
      // unreadable link: named without its target
    }
    throw new KeyguardError(
      `${shown(path)} is a symlink${target ? ` to ${shown(target)}` : ''}; keyguard writes only regular files, so add keyguard's part to ${target ? shown(target) : 'it'} yourself or replace the link with a copy (nothing was changed)`,
    );
  }
  if (!st.isFile()) throw new KeyguardError(`${shown(path)} is not a regular file (nothing was changed)`);
  return readFileSync(path);
}
