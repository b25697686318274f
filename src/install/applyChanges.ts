import { accessSync, constants, existsSync, linkSync, mkdirSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { KeyguardError } from '../errors.js';
import { bytesToText, splitLines } from './text.js';
import { removeStaleTemps, tempPathFor, writeTemp } from './writeAtomic.js';
import { redactLine } from './redactLine.js';
import { escapeText } from '../report/escape.js';

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

interface Applied {
  change: FileChange;
  /** A hard link to the file as it was, while the change can still be undone. */
  backup: string | null;
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Folders a new file needs; returns the ones created, deepest last, so they can be removed again. */
function makeFolders(path: string): string[] {
  const missing: string[] = [];
  for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) mkdirSync(dir);
  return missing;
}

/** Keeps the file's current bytes reachable under another name: a hard link costs no space. */
function keepOriginal(path: string, before: Buffer): string {
  const backup = tempPathFor(path);
  try {
    linkSync(path, backup);
  } catch {
    // A file system without hard links: a copy, itself written safely.
    return writeTemp(path, before);
  }
  return backup;
}

/**
 * Writes every change so that a failure anywhere (a full disk, a read-only file, a kill) leaves
 * each file either as it was or as planned, never half-written:
 *  1. every new content is written to a temporary file beside its target — nothing a user sees
 *     changes, so a failure here truly changed nothing;
 *  2. each target is replaced by a rename (atomic), its original kept under a hard link;
 *  3. if a rename fails, the ones already made are renamed back, the failing file included.
 */
export function applyChanges(root: string, changes: FileChange[]): void {
  assertWritable(root, changes);
  const real = changes.filter(isChange);
  const temps = new Map<FileChange, string>();
  const folders: string[] = [];
  const undoFolders = () => {
    for (const dir of folders.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty: something else lives there now
      }
    }
  };
  const fail = (c: FileChange, e: unknown, restored: boolean): never => {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'no space left on the device' : code ?? (e as Error).message;
    throw new KeyguardError(`cannot write ${showPath(root, c.path)}: ${why} (${restored ? 'nothing was changed' : 'some files could not be restored: see above'})`);
  };

  for (const c of real) removeStaleTemps(c.path);
  for (const c of real) {
    if (c.after === null) continue;
    try {
      if (c.before === null) folders.push(...makeFolders(c.path));
      temps.set(c, writeTemp(c.path, c.after, c.before === null ? c.mode : undefined));
    } catch (e) {
      for (const t of temps.values()) tryUnlink(t);
      undoFolders();
      fail(c, e, true);
    }
  }

  const applied: Applied[] = [];
  for (const c of real) {
    let backup: string | null = null;
    try {
      if (c.before !== null) backup = keepOriginal(c.path, c.before);
      if (c.after === null) unlinkSync(c.path);
      else renameSync(temps.get(c)!, c.path);
      temps.delete(c);
      applied.push({ change: c, backup });
    } catch (e) {
      if (backup) applied.push({ change: c, backup }); // the failing file is put back too
      let restored = true;
      for (const a of applied.reverse()) {
        try {
          if (a.backup) renameSync(a.backup, a.change.path);
          else if (a.change.before === null) tryUnlink(a.change.path);
        } catch {
          restored = false;
          process.stderr.write(`keyguard: error: ${escapeText(`could not restore ${showPath(root, a.change.path)}; its previous content is in ${a.backup ?? '(none)'}`)}\n`);
        }
      }
      for (const t of temps.values()) tryUnlink(t);
      if (restored) undoFolders();
      fail(c, e, restored);
    }
  }
  for (const a of applied) if (a.backup) tryUnlink(a.backup);
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
  // Lines of the user's file, shown as the UTF-8 text they are (they are handled as latin1, one
  // character per byte): whatever the detector finds in them is printed redacted.
  const shown = (l: string) => redactLine(showPath(root, c.path), Buffer.from(l, 'latin1').toString('utf8'));
  for (const l of after) if ((had.get(l) ?? 0) > 0) had.set(l, had.get(l)! - 1); else out.push(`    + ${shown(l)}`);
  for (const l of before) if ((has.get(l) ?? 0) > 0) has.set(l, has.get(l)! - 1); else out.push(`    - ${shown(l)}`);
  return out;
}
