import type { Change } from '../git/change.js';
import type { Scanner } from '../detect/createScanner.js';
import type { CommitInfo, Finding } from '../detect/finding.js';
import { decodeText, judgedAsBinaryToo } from './decodeText.js';
import { addedLinesFragment, addedLinesFragments, CHUNK_CHARS, isPlainUtf8, utf8BomLength, utf8Fragments, utf8PieceCutter, UTF8_PROBE, wholeFileFragments, type PieceCutter } from './toFragments.js';
import { pathTokenFindings, redactTokens, withPathTokens } from './pathTokens.js';
import { LFS_POINTER_LINE, parseLfsPointer, type LfsStore } from './lfsObject.js';
import { pieceJudge, runFindings } from './judgePieces.js';
import { collectGarbageOver } from './collectGarbage.js';

/**
 * THE judging policy: for one change of any source — the index, named files, a commit's tree, a
 * commit of history or of a push — what is read and how it is judged. Every gate calls this, so a
 * fix here holds at every gate. The real differences between sources are inputs, not copies:
 * whether git's patch already says which lines were added (history), and whether the content comes
 * from a blob or from the working tree (`check FILE` on an unstaged file).
 *
 * - A deletion removes a secret: it is the fix, never a problem. Unmerged entries cannot be committed.
 * - Submodule pointers hold no text. A symlink's blob is its target path, pushed like any text:
 *   content rules judge it; path rules do not (a link named .env holds no credentials itself).
 * - Path rules judge every file brought in; content rules judge a new file whole, and a modified
 *   one by the lines it added — plus, for multi-line secrets, every match in its new text that
 *   covers an added line (a rotated PEM body inside YAML changes without its armour lines).
 * - A file's name is judged for tokens too, and shown with them redacted.
 * - A Git LFS pointer is judged by the content it stands for, read from the local LFS store.
 * - A binary blob is read for its printable runs (as `strings` reads it), by the provider rules.
 * - A rename or copy from a path keyguard was told not to read (.keyguardignore, allowPaths)
 *   brings content nobody judged: the file is judged whole.
 */
export type Plan =
  /** Nothing to judge. */
  | { read: 'none' }
  /** The path alone decides (unchanged content under a new name). */
  | { read: 'path' }
  /** git's patch says what was added: no blob needed. */
  | { read: 'patch' }
  /**
   * Read the new blob, then: judge it whole (a new file); judge the lines it adds to these old
   * blobs; or only let a path rule look at it (unchanged content of a `*.pem` under a new name).
   */
  | { read: 'blobs'; judge: 'whole' | 'added' | 'path'; oldShas: string[] };

const GITLINK = '160000';
const SYMLINK = '120000';
const ZERO = /^0+$/;

/**
 * A line that can sit inside a multi-line secret without its armour (base64 body lines, a
 * manifest's `key: value` entry): when a patch adds one, the file's new text is read whole.
 */
const MULTILINE_BODY = /^[ \t"'`]*(?:[\w.-]{1,100}["']?:[ \t]*["']?)?[A-Za-z0-9+/]{16,}={0,2}["',]?[ \t]*\r?$/;

export function planChange(change: Change, scanner: Scanner): Plan {
  if (change.status === 'D' || change.status === 'U' || ZERO.test(change.newSha)) return { read: 'none' };
  if (change.newMode === GITLINK) return { read: 'none' };
  if (scanner.isIgnored(change.path)) return { read: 'none' };
  const needsContent = change.newMode !== SYMLINK && scanner.needsContentForPath(change.path);
  const fromUnread = change.oldPath !== undefined && scanner.isIgnored(change.oldPath);
  const sameContent = (change.status === 'R' || change.status === 'C') && change.score === 100 && !fromUnread;
  if (sameContent && !needsContent) return { read: 'path' };
  const { patch } = change;
  // A Git LFS pointer's patch says nothing of the content it stands for: read the blob.
  const lfsPointer = scanner.lfs !== undefined && patch !== undefined && patch.added.some((l) => LFS_POINTER_LINE.test(l));
  if (patch && !patch.binary && !needsContent && !fromUnread && !lfsPointer && !(scanner.multiline && patch.added.some((l) => MULTILINE_BODY.test(l)))) {
    return { read: 'patch' };
  }
  if (sameContent) return { read: 'blobs', judge: 'path', oldShas: [] };
  const oldShas = change.status === 'A' || fromUnread ? [] : change.oldShas.filter((s, i) => !ZERO.test(s) && change.oldModes[i] !== GITLINK);
  return { read: 'blobs', judge: oldShas.length ? 'added' : 'whole', oldShas };
}

/**
 * Judges one change once its plan's blobs are read: `content` is the new blob (absent for
 * 'none', 'path' and 'patch'), `olds` the old ones in the plan's order.
 */
export function judgeChange(change: Change, plan: Plan, scanner: Scanner, commit: CommitInfo | undefined, content?: Buffer, olds: Buffer[] = []): Finding[] {
  if (plan.read === 'none') return [];
  // A token in the file's name: a finding of its own, and redacted wherever the name is shown.
  const tokens = pathTokenFindings(change.path, scanner, commit);
  return withPathTokens(judgeContent(change, plan, scanner, commit, redactTokens(change.path, tokens), content, olds), tokens);
}

/** `shown`: the path as warnings may print it (tokens in it redacted). */
function judgeContent(change: Change, plan: Plan, scanner: Scanner, commit: CommitInfo | undefined, shown: string, content?: Buffer, olds: Buffer[] = []): Finding[] {
  const { path } = change;
  if (plan.read === 'none') return [];
  if (content && scanner.lfs && change.newMode !== SYMLINK) {
    // A Git LFS pointer stands for content in the LFS store: judge that (its old versions too).
    content = lfsContent(scanner.lfs, content, shown);
    olds = olds.map((o) => lfsContent(scanner.lfs!, o, null));
  }
  const out: Finding[] = [];
  const pathFinding = change.newMode === SYMLINK ? () => out : judgePath;
  if (plan.read === 'path') return pathFinding(scanner, path, null, commit, out);
  if (plan.read === 'patch') {
    pathFinding(scanner, path, null, commit, out);
    for (const f of addedLinesFragments(path, change.patch!.added, change.patch!.lineMap, commit)) out.push(...scanner.judgeText(f));
    return out;
  }
  // A big new file is judged piece by piece from its bytes: memory stays bounded.
  const pieces = judgedInPieces(change, plan, scanner) ? utf8Fragments(path, content!, commit) : null;
  if (pieces) {
    pathFinding(scanner, path, null, commit, out);
    const judge = pieceJudge(scanner);
    for (const f of pieces) out.push(...judge.judge(f));
    out.push(...judge.rest());
    return out;
  }
  const text = decodeText(content!);
  pathFinding(scanner, path, text, commit, out);
  if (plan.judge === 'path') return out;
  if (text === null) return judgeBinary(change, scanner, commit, content!, olds, out);
  judgeDecoded(path, text, scanner, commit, olds, out);
  return judgedAsBinaryToo(content!) ? judgeBinary(change, scanner, commit, content!, olds, out) : out;
}

/** A text blob: whole when new, else its added lines (and multi-line secrets touching them). */
function judgeDecoded(path: string, text: string, scanner: Scanner, commit: CommitInfo | undefined, olds: Buffer[], out: Finding[]): Finding[] {
  // An old version git holds only as binary (or none readable): nothing tells which lines are new.
  const oldTexts = olds.map(decodeText).filter((t): t is string => t !== null);
  if (oldTexts.length === 0) {
    for (const f of wholeFileFragments(path, text, commit)) out.push(...scanner.judgeText(f));
    return out;
  }
  // Against every parent at once: a merge's added lines are those no parent had.
  const added = addedLinesFragment(path, oldTexts.join('\n'), text, commit);
  if (!added) return out;
  out.push(...scanner.judgeText(added));
  if (scanner.multiline) {
    const touching = new Set(added.lineMap);
    const seen = new Set(out.map((f) => `${f.fingerprint}:${f.line}`));
    for (const f of wholeFileFragments(path, text, commit)) {
      for (const finding of scanner.judgeText({ ...f, touching })) {
        if (!seen.has(`${finding.fingerprint}:${finding.line}`)) out.push(finding);
      }
    }
  }
  return out;
}

/** A new file whose text, if it is big UTF-8, is judged piece by piece (by its content rules only). */
function judgedInPieces(change: Change, plan: Plan, scanner: Scanner): boolean {
  return plan.read === 'blobs' && plan.judge === 'whole' && plan.oldShas.length === 0 && !scanner.needsContentForPath(change.path) && change.newMode !== SYMLINK;
}

/** Growth of the heap (bytes) while a file is streamed that makes a full garbage collection worth it. */
const COLLECT_OVER = 8 << 20;

export interface ChangeSink {
  /** The new blob's next bytes, in order (copied when kept). */
  write(bytes: Uint8Array): void;
  /** The blob is whole: the change's findings, the same judgeChange gives for the whole blob. */
  end(): Finding[];
}

/**
 * Judging a change's new blob while git is still handing it over, so a big file is never held
 * whole: for a blob of `size` bytes that judgeChange would judge in UTF-8 pieces, each piece is
 * judged as soon as its bytes are in. Null when the plan needs the blob whole (a modified file,
 * a path rule that reads content, a symlink, a small blob). Whatever turns out not to be plain
 * UTF-8 once its first bytes are in (binary, UTF-16) is gathered and judged by judgeChange.
 */
export function streamChange(change: Change, plan: Plan, scanner: Scanner, commit: CommitInfo | undefined, size: number): ChangeSink | null {
  // A Git LFS pointer is far smaller than a piece, so nothing streamed needs the LFS store.
  if (size <= CHUNK_CHARS || !judgedInPieces(change, plan, scanner)) return null;
  const head = Buffer.allocUnsafe(Math.min(size, UTF8_PROBE));
  let headLength = 0;
  let whole: Buffer | null = null;
  let cutter: PieceCutter | null = null;
  let got = 0;
  const tokens = pathTokenFindings(change.path, scanner, commit);
  const out: Finding[] = [];
  const judge = pieceJudge(scanner);

  const decide = () => {
    if (!isPlainUtf8(head, size)) {
      whole = Buffer.allocUnsafe(size);
      head.copy(whole, 0, 0, headLength);
      return;
    }
    judgePath(scanner, change.path, null, commit, out);
    const bom = utf8BomLength(head);
    cutter = utf8PieceCutter(change.path, size - bom, commit, (f) => {
      out.push(...judge.judge(f));
      // Dead pieces are freed as they go, not when V8 gets round to it: peak memory stays low.
      collectGarbageOver(COLLECT_OVER);
    });
    cutter.write(head.subarray(bom, headLength));
  };
  return {
    write(bytes) {
      if (got + bytes.length > size) throw new Error(`streamChange: more than the ${size} bytes announced`);
      const at = got;
      got += bytes.length;
      if (cutter) return (cutter as PieceCutter).write(bytes);
      if (whole) return void (whole as Buffer).set(bytes, at);
      // Still reading the probe: held until it decides how the rest is judged.
      const n = Math.min(bytes.length, head.length - headLength);
      head.set(bytes.subarray(0, n), headLength);
      headLength += n;
      if (headLength < head.length) return;
      decide();
      const rest = bytes.subarray(n);
      if (rest.length === 0) return;
      if (cutter) (cutter as PieceCutter).write(rest);
      else (whole as unknown as Buffer).set(rest, at + n);
    },
    end() {
      if (got !== size) throw new Error(`streamChange: ${got} of ${size} bytes`);
      if (!cutter && !whole) decide();
      if (whole) return judgeChange(change, plan, scanner, commit, whole);
      cutter!.end();
      out.push(...judge.rest());
      return withPathTokens(out, tokens);
    },
  };
}

/**
 * A binary blob is not skipped: a key pasted into one (a build artefact, a SQLite file) is in its
 * printable runs, which the provider rules read. Binary formats move bytes around on every
 * change, so what is new is decided by key, not by line: a key an old version held is not new.
 */
function judgeBinary(change: Change, scanner: Scanner, commit: CommitInfo | undefined, content: Buffer, olds: Buffer[], out: Finding[]): Finding[] {
  // What the text already gave (a blob read both ways: see judgedAsBinaryToo) is not given twice.
  const had = new Set(out.map((f) => f.fingerprint));
  for (const old of olds) for (const f of binaryFindings(change.path, scanner, undefined, old)) had.add(f.fingerprint);
  const seen = new Set<string>();
  for (const f of binaryFindings(change.path, scanner, commit, content)) {
    // A token found both in its run and on the extra line starting at it is one finding.
    const key = `${f.fingerprint}:${f.line}`;
    if (!had.has(f.fingerprint) && !seen.has(key)) out.push(f);
    seen.add(key);
  }
  return out;
}

function binaryFindings(path: string, scanner: Scanner, commit: CommitInfo | undefined, blob: Buffer): Finding[] {
  return runFindings(path, scanner, commit, blob);
}

function lfsContent(lfs: LfsStore, blob: Buffer, path: string | null): Buffer {
  const pointer = parseLfsPointer(blob);
  return (pointer && lfs.content(pointer, path)) || blob;
}

function judgePath(scanner: Scanner, path: string, text: string | null, commit: CommitInfo | undefined, out: Finding[]): Finding[] {
  const f = scanner.judgePath(path, text, commit);
  if (f) out.push(f);
  return out;
}
