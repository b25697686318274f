import { createReadStream, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { KeyguardError } from '../errors.js';
import type { Scanner } from '../detect/createScanner.js';
import type { Finding } from '../detect/finding.js';
import type { AllowCarry, Fragment } from '../detect/fragment.js';
import { carryAllow, NO_CARRY } from '../detect/allowMarkers.js';
import type { Change } from '../git/change.js';
import { judgeChange, planChange, type Plan } from '../judge/judgeChange.js';
import { CHUNK_CHARS, OVERLAP_CHARS } from '../judge/toFragments.js';
import { pieceJudge } from '../judge/judgePieces.js';
import type { SourceResult } from './source.js';

/** How standard input is named in reports. */
export const STDIN_NAME = '(stdin)';
/**
 * A line longer than this is cut anyway (with the usual overlap, so a key across the cut is still
 * whole in one piece): memory stays bounded on a single-line log or a minified bundle of any size.
 */
const MAX_PIECE_BYTES = 4 << 20;
/** The most of a binary file held whole to be judged (a commit's blobs are held whole too). */
const MAX_WHOLE_BYTES = 1 << 30;
/** The fix for a secret file outside git: there is no index to take it out of. */
const NO_GIT_FILE_FIX = 'keep it out of what you ship (a .dockerignore entry, the archive\'s file list) and rotate what it holds';

/** Where the scanner for a folder argument comes from: its own settings and .keyguardignore. */
export type ScannerFor = (root: string) => Scanner;

/**
 * `keyguard scan --no-git PATH… | -`: files and folders that are not (or not only) a git
 * repository — a Docker build context, an unpacked release, logs — and standard input, judged by
 * the same policy as a new file in a commit. A folder is read like a repository's tree: its
 * .keyguardrc.json and .keyguardignore apply (paths from its top), `.git` folders are skipped, and
 * symlinks are never followed (one could point anywhere on the machine). Files are read as streams
 * in pieces, so memory stays bounded whatever their size. What cannot be read is an error.
 */
export async function scanPaths(cwd: string, args: string[], scannerFor: ScannerFor): Promise<SourceResult> {
  const findings: Finding[] = [];
  let files = 0;
  let bytes = 0;
  const count = (n: number) => {
    files++;
    bytes += n;
  };
  for (const arg of args) {
    if (arg === '-') {
      const scanner = scannerFor(cwd);
      findings.push(...(await judgeStream(STDIN_NAME, null, process.stdin, scanner, count)));
      continue;
    }
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs); // named by the user: a symlink given on the command line is followed
    } catch (e) {
      throw new KeyguardError(`${arg}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (st.isDirectory()) {
      const scanner = scannerFor(abs);
      for (const rel of walk(abs, arg, scanner)) {
        const shown = joinShown(arg, rel);
        findings.push(...(await judgeFile(join(abs, ...rel.split('/')), rel, shown, scanner, count)));
      }
    } else {
      // A single file: judged by its name from the current folder, with that folder's settings.
      const rel = toPosix(relative(cwd, abs));
      const inside = !rel.startsWith('../') && rel !== '..';
      const scanner = scannerFor(cwd);
      if (inside && scanner.isIgnored(rel)) continue;
      findings.push(...(await judgeFile(abs, inside ? rel : toPosix(arg), toPosix(arg), scanner, count)));
    }
  }
  const what = args.length === 1 && args[0] === '-' ? 'standard input' : `${files} file${files === 1 ? '' : 's'} (${formatBytes(bytes)})`;
  return { findings, summary: what, warnings: [], complete: false, scanned: { what: 'paths', summary: what, files, bytes } };
}

const toPosix = (p: string) => p.split(sep).join('/');
const joinShown = (arg: string, rel: string) => (arg === '.' ? rel : `${toPosix(arg).replace(/\/+$/, '')}/${rel}`);

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Regular files below `root`, as paths from it, in a stable order; ignored folders are not entered. */
function* walk(root: string, shown: string, scanner: Scanner): Generator<string> {
  const stack: string[] = [''];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir ? join(root, ...dir.split('/')) : root, { withFileTypes: true });
    } catch (e) {
      // Never a silent pass: a folder that cannot be listed is not "clean".
      throw new KeyguardError(`${joinShown(shown, dir || '.')}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!scanner.isIgnored(`${rel}/`)) subdirs.push(rel);
      } else if (entry.isFile()) {
        if (!scanner.isIgnored(rel)) yield rel;
      }
      // FIFOs, sockets and devices hold no file content: reading one could block forever.
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

async function judgeFile(abs: string, rel: string, shown: string, scanner: Scanner, count: (n: number) => void): Promise<Finding[]> {
  let stream;
  try {
    if (lstatSync(abs).isDirectory()) return [];
    stream = createReadStream(abs, { highWaterMark: 1 << 20 });
  } catch (e) {
    throw new KeyguardError(`${shown}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const out = await judgeStream(rel, shown, stream, scanner, count);
  return out;
}

/**
 * Judges one stream of bytes. Up to CHUNK_CHARS it is one blob, judged by the same policy as a
 * new file in a commit (judgeChange); past that, plain UTF-8 text is judged piece by piece as it
 * arrives (pieces overlap, as for big blobs); a big binary is gathered and judged whole (its
 * printable runs, as in a commit), and big UTF-16 is refused with one line.
 * `name` is the path rules see (null: standard input, which has none); `shown` the path reported.
 */
async function judgeStream(name: string, shown: string | null, input: AsyncIterable<Buffer | string>, scanner: Scanner, count: (n: number) => void): Promise<Finding[]> {
  const display = shown ?? name;
  const out: Finding[] = [];
  const rename = (f: Finding) => {
    f.path = display;
    if (f.kind === 'file') f.fix = NO_GIT_FILE_FIX;
    out.push(f);
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let streaming = false; // past the first piece: judging as text arrives
  let wholeBlob = false; // a big binary, gathered to be judged whole
  let line = 1;
  let column = 0; // characters of the current line before the piece (a line cut by force)
  let allowCarry: AllowCarry = NO_CARRY; // what allow markers before the piece say
  const judge = pieceJudge(scanner);
  const change: Change = { status: 'A', score: 0, path: name, newMode: '100644', newSha: 'file', oldShas: [], oldModes: [] };

  const judgePiece = (data: Buffer, final: boolean): Buffer => {
    let end = data.length;
    let next = data.length;
    if (!final) {
      let forced = false;
      const cut = data.lastIndexOf(10, CHUNK_CHARS - 1);
      if (cut >= 0) end = cut + 1;
      else {
        const nl = data.indexOf(10, CHUNK_CHARS);
        if (nl >= 0) end = nl + 1;
        else if (data.length >= MAX_PIECE_BYTES) {
          end = charBoundary(data, MAX_PIECE_BYTES);
          forced = true;
        } else return data; // a long line still arriving: wait for its end
      }
      // The next piece starts at the line holding `end - OVERLAP_CHARS` (inside a line cut by
      // force, at that very character), so a key across the cut is whole in one of the two.
      next = end;
      const back = end - OVERLAP_CHARS;
      if (back > 0) {
        const ls = data.lastIndexOf(10, back - 1) + 1;
        if (ls > 0) next = ls;
        else if (forced) next = charBoundary(data, back);
        else {
          // The piece's first line runs into the overlap (a minified line): the next piece starts
          // right after it, or a PEM key written after a ~1 MB line is cut in two and found in neither.
          const nl = data.indexOf(10);
          if (nl >= 0 && nl + 1 < end) next = nl + 1;
        }
      }
    }
    const own = data.toString('utf8', 0, next);
    const text = next < end ? own + data.toString('utf8', next, end) : own;
    const fragment: Fragment = { path: name, text, firstLine: line, allowCarry, ...(final ? {} : { ownTo: own.length }) };
    allowCarry = carryAllow(text, own.length, allowCarry);
    for (const f of judge.judge(fragment)) {
      // A piece that starts inside a line (cut by force) counts columns from its own start.
      if (f.line === line) f.column += column;
      rename(f);
    }
    let lastNl = -1;
    for (let i = data.indexOf(10); i !== -1 && i < next; i = data.indexOf(10, i + 1)) {
      line++;
      lastNl = i;
    }
    column = lastNl === -1 ? column + own.length : own.length - data.toString('utf8', 0, lastNl + 1).length;
    return data.subarray(next);
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    pending.push(buf);
    pendingBytes += buf.length;
    if (wholeBlob && pendingBytes > MAX_WHOLE_BYTES) {
      throw new KeyguardError(`${display}: a binary file over ${MAX_WHOLE_BYTES >> 20} MB is not read; list it in .keyguardignore to scan without it`);
    }
    if (wholeBlob || (!streaming && pendingBytes <= CHUNK_CHARS)) continue;
    let data: Buffer = Buffer.concat(pending);
    if (!streaming) {
      const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
      if (utf16) throw new KeyguardError(`${display}: a UTF-16 file over ${CHUNK_CHARS >> 20} MB is not read piece by piece; convert it to UTF-8 to scan it`);
      // A big binary is judged whole, by its printable runs, as a binary blob in a commit is: a
      // key pasted into a build artefact is found here as at the commit that would add it.
      if (data.subarray(0, 8000).includes(0)) {
        wholeBlob = true;
        pending = [data];
        continue;
      }
      streaming = true;
      // A big text file: its name is judged now, its content piece by piece as it arrives.
      if (shown !== null) {
        const pathFinding = scanner.judgePath(name, scanner.needsContentForPath(name) ? data.toString('latin1', 0, CHUNK_CHARS) : null);
        if (pathFinding) rename(pathFinding);
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    while (data.length > CHUNK_CHARS) {
      const rest = judgePiece(data, false);
      if (rest.length === data.length) break;
      data = rest;
    }
    pending = [data];
    pendingBytes = data.length;
  }
  count(total);
  const data = Buffer.concat(pending);
  if (!streaming) {
    // Small: exactly the policy of a new file in a commit (path rules, content, multi-line rules).
    // Standard input has no name: no ignore file or path rule applies, only what its content gives.
    const plan: Plan = shown === null ? { read: 'blobs', judge: 'whole', oldShas: [] } : planChange(change, scanner);
    for (const f of judgeChange(change, plan, scanner, undefined, data)) if (shown !== null || f.kind !== 'file') rename(f);
    return out;
  }
  if (data.length > 0) judgePiece(data, true);
  for (const f of judge.rest()) rename(f);
  return out;
}

/** The largest offset at most `at` that does not split a UTF-8 character. */
function charBoundary(data: Buffer, at: number): number {
  let i = Math.min(at, data.length);
  while (i > 0 && i < data.length && (data[i] & 0xc0) === 0x80) i--;
  return i;
}
