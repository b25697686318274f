import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { KeyguardError } from '../errors.js';

/**
 * The files that steer keyguard (settings, .keyguardignore, the baseline) come with the
 * repository, so a hostile one can make them anything: a symlink to /dev/zero (endless), to a
 * FIFO (a read that never returns), to a file elsewhere on the machine (whose text would then be
 * echoed in an error, or trusted as settings). Each is read only when it is a regular file below a
 * size limit, and, unless the user named it on the command line, inside the repository.
 *
 * The same guard reads every file keyguard writes (install/readTarget.ts: hooks, .gitignore,
 * package.json…) and what init learns from the repository (node_modules/husky/package.json): one
 * reader, so no caller can forget the FIFO, the device or the size.
 */
export const SETTINGS_LIMIT = 1024 * 1024;
/** A package.json can be big (workspaces, long script lists) and is read for its "keyguard" key. */
export const PACKAGE_JSON_LIMIT = 16 * 1024 * 1024;
export const BASELINE_LIMIT = 32 * 1024 * 1024;

export interface ReadOptions {
  /** Name for messages. */
  shown: string;
  limit: number;
  /** The repository's top folder: a file (or symlink target) outside it is refused. Unset: anywhere. */
  within?: string;
  /**
   * Set: a symlink is refused whatever it points to (a file about to be written must not carry the
   * edit elsewhere), with the message this builds from where the link points (null: unreadable).
   */
  refuseSymlink?: (target: string | null) => string;
  /** Said after every refusal, e.g. "nothing was changed". */
  note?: string;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The file's bytes, or null when there is none. Anything else that is wrong is one line, exit 2. */
export function readUserFile(path: string, opts: ReadOptions): Buffer | null {
  const { shown, limit } = opts;
  const refuse = (message: string) => new KeyguardError(opts.note ? `${message} (${opts.note})` : message);
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw refuse(`${shown}: cannot read (${code ?? 'error'})`);
  }
  if (st.isSymbolicLink() && opts.refuseSymlink) {
    let target: string | null = null;
    try {
      target = resolve(dirname(path), readlinkSync(path));
    } catch {
      // unreadable link: named without its target
    }
    throw refuse(opts.refuseSymlink(target));
  }
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
      st = statSync(real);
    } catch {
      throw refuse(`${shown} is a symlink to a file that does not exist; remove it or make it a regular file`);
    }
    if (opts.within !== undefined && !inside(realpathSync(opts.within), real)) {
      throw refuse(`${shown} is a symlink to a file outside the repository; keyguard reads it only from inside the repository`);
    }
  }
  if (!st.isFile()) throw refuse(`${shown} is not a regular file`);
  if (st.size > limit) throw refuse(`${shown} is ${st.size} bytes; keyguard reads at most ${limit} bytes from it`);
  let fd: number;
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO since the check, the read fails rather than waits.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw refuse(`${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw refuse(`${shown} is not a regular file`);
    // One byte more than the limit: a file that grew since the check is caught, not read forever.
    const buf = Buffer.alloc(Math.min(limit, st.size) + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got === buf.length) break;
    }
    if (got === buf.length) throw refuse(`${shown} changed while keyguard read it; run keyguard again`);
    return buf.subarray(0, got);
  } catch (e) {
    if ((e as { keyguard?: boolean }).keyguard) throw e;
    throw refuse(`${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}
