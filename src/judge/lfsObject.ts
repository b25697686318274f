import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * Git LFS: for a tracked file git holds only a pointer (`version https://git-lfs.github.com/spec/v1`,
 * `oid sha256:…`, `size …`); the content lives in the local LFS store (`.git/lfs/objects/xx/yy/oid`)
 * and goes to the LFS server on push. Judging the pointer would pass any key in the content, so
 * the judge reads the object instead, and says so when this clone does not have it.
 */
export interface LfsStore {
  /**
   * The content a pointer names, or null when this clone does not hold it: then `path`, when
   * given (the version being judged, not an old one), is named in a warning.
   */
  content(pointer: LfsPointer, path: string | null): Buffer | null;
  /** What could not be read, for the report's warnings. */
  warnings(): string[];
}

export interface LfsPointer {
  oid: string;
  size: number;
}

/** The spec caps pointer files at 1024 bytes; anything larger is content. */
const POINTER_MAX = 1024;
const VERSION = 'version https://git-lfs.github.com/spec/v1\n';
const OID = /^oid sha256:([0-9a-f]{64})$/m;
const SIZE = /^size (\d{1,15})$/m;
/** An added line that says a patch is a pointer's: the blob must be read, not the patch's text. */
export const LFS_POINTER_LINE = /^oid sha256:[0-9a-f]{64}\r?$/;
/** Objects larger than this are not read into memory: the report says they were not scanned. */
const OBJECT_MAX = 512 * 1024 * 1024;

export function parseLfsPointer(blob: Buffer): LfsPointer | null {
  if (blob.length > POINTER_MAX || blob.length < VERSION.length || blob.toString('latin1', 0, VERSION.length) !== VERSION) return null;
  const text = blob.toString('latin1');
  const oid = OID.exec(text);
  const size = SIZE.exec(text);
  return oid && size ? { oid: oid[1], size: Number(size[1]) } : null;
}

/** The store of the repository at `root`; git is asked where it is only once a pointer turns up. */
export function openLfsStore(root: string): LfsStore {
  let objects: string | undefined;
  const missing: string[] = [];
  const tooBig: string[] = [];
  return {
    content(pointer, path) {
      objects ??= objectsFolder(root);
      const file = join(objects, pointer.oid.slice(0, 2), pointer.oid.slice(2, 4), pointer.oid);
      try {
        if (statSync(file).size > OBJECT_MAX) {
          if (path !== null) tooBig.push(path);
          return null;
        }
        return readFileSync(file);
      } catch {
        if (path !== null) missing.push(path);
        return null;
      }
    },
    warnings() {
      const out: string[] = [];
      const list = (paths: string[]) => `${[...new Set(paths)].slice(0, 5).join(', ')}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''}`;
      if (missing.length) out.push(`Git LFS content not in this clone, so not scanned (only its pointer was): ${list(missing)}; run git lfs fetch to get it`);
      if (tooBig.length) out.push(`Git LFS content over 512 MiB not scanned: ${list(tooBig)}`);
      return out;
    },
  };
}

/** `lfs.storage` when set (relative to the git folder), else `<git common dir>/lfs`; then `objects`. */
function objectsFolder(root: string): string {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const common = git(['rev-parse', '--path-format=absolute', '--git-common-dir']) || join(root, '.git');
  const storage = git(['config', '--get', 'lfs.storage']);
  const base = storage ? (isAbsolute(storage) ? storage : join(common, storage)) : join(common, 'lfs');
  return join(base, 'objects');
}
