import { accessSync, chmodSync, constants, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { KeyguardError } from '../errors.js';
import { bytesToText, splitLines } from './text.js';

/** One file keyguard wants to create, change or delete. Planned first, written only when every one can be. */
export interface FileChange {
  /** Absolute path. */
  path: string;
  /** Current bytes; null when the file does not exist. */
  before: Buffer | null;
  /** New bytes; null deletes the file. */
  after: Buffer | null;
  /** Mode of a file keyguard creates (hooks must be executable). */
  mode?: number;
  /** What the change does, for people. */
  summary: string;
}

export function isChange(c: FileChange): boolean {
  if (c.before === null || c.after === null) return c.before !== c.after;
  return !c.before.equals(c.after);
}

/** Repo-relative path for messages; paths outside the repository stay absolute. */
export function showPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split('\\').join('/');
}

/**
 * Writable means the OS allows it AND the file or folder is not marked read-only: root may write
 * anywhere, but a folder someone made read-only is a decision keyguard respects.
 */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return (statSync(path).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

function problem(path: string, isDir: boolean): string | null {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if (!['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return `${(e as Error).message}`;
    const parent = dirname(path);
    return parent === path ? 'no such folder' : problem(parent, true);
  }
  if (isDir && !st.isDirectory()) return `${path} is not a folder`;
  if (!writable(path)) return `${path} is read-only`;
  return null;
}

/** Fails before anything is written when any planned change cannot be made. */
export function assertWritable(root: string, changes: FileChange[]): void {
  for (const c of changes.filter(isChange)) {
    const why = c.before === null ? problem(dirname(c.path), true) : c.after === null ? problem(dirname(c.path), true) : problem(c.path, false);
    if (why) throw new KeyguardError(`cannot write ${showPath(root, c.path)}: ${why.replace(root + '/', '')} (nothing was changed)`);
  }
}

function put(path: string, bytes: Buffer | null, mode?: number): void {
  if (bytes === null) {
    unlinkSync(path);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  if (mode !== undefined) chmodSync(path, mode);
}

/** Writes every change; if one fails, the ones already written are put back as they were. */
export function applyChanges(root: string, changes: FileChange[]): void {
  assertWritable(root, changes);
  const done: FileChange[] = [];
  for (const c of changes.filter(isChange)) {
    try {
      put(c.path, c.after, c.before === null ? c.mode : undefined);
      done.push(c);
    } catch (e) {
      for (const d of done.reverse()) {
        try {
          put(d.path, d.before);
        } catch {
          // best effort: the error below names the file that failed
        }
      }
      throw new KeyguardError(`cannot write ${showPath(root, c.path)}: ${(e as Error).message} (nothing was changed)`);
    }
  }
}

/** A dry run's account of one change: what, where, and the lines it adds or removes. */
export function describeChange(root: string, c: FileChange): string[] {
  const verb = c.before === null ? 'create' : c.after === null ? 'delete' : 'update';
  const out = [`keyguard: would ${verb} ${showPath(root, c.path)} — ${c.summary}`];
  const before = splitLines(c.before ? bytesToText(c.before) : '');
  const after = splitLines(c.after ? bytesToText(c.after) : '');
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const had = count(before);
  const has = count(after);
  for (const l of after) if ((had.get(l) ?? 0) > 0) had.set(l, had.get(l)! - 1); else out.push(`    + ${l}`);
  for (const l of before) if ((has.get(l) ?? 0) > 0) has.set(l, has.get(l)! - 1); else out.push(`    - ${l}`);
  return out;
}
