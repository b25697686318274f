import { closeSync, fchmodSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Files keyguard writes are written whole beside their target, then renamed over it: a full disk,
 * a crash or a SIGKILL leaves either the old file or the new one, never half of one. The temporary
 * name is fresh and opened with O_EXCL, so a symlink planted at a predictable name is not followed.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.keyguard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `bytes` to a new temporary file beside `path` and returns its name; the target is untouched. */
export function writeTemp(path: string, bytes: Buffer, mode?: number): string {
  const tmp = tempPathFor(path);
  // The mode it replaces, or the one asked for (hooks are executable), else the usual 0666 & ~umask.
  let keep = mode;
  try {
    keep = statSync(path).mode & 0o7777;
  } catch {
    // a new file
  }
  const fd = openSync(tmp, 'wx', keep ?? 0o666);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    if (keep !== undefined) fchmodSync(fd, keep);
    fsyncSync(fd); // a full disk can surface only here on some file systems
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
  closeSync(fd);
  return tmp;
}

/** The whole write: temporary file, then rename. */
export function writeFileAtomic(path: string, bytes: Buffer, mode?: number): void {
  const tmp = writeTemp(path, bytes, mode);
  try {
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temporary files a killed keyguard left beside `path` (its pid no longer runs): removed, so a
 * SIGKILL mid-write leaves no lasting copy of a hook behind.
 */
export function removeStaleTemps(path: string): void {
  const prefix = `.${basename(path)}.keyguard-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dirname(path), name));
    } catch {
      // someone else's to clean
    }
  }
}
