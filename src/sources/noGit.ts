import { createReadStream, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { KeyguardError } from '../errors.js';
import { shellQuote } from '../shellQuote.js';
import type { Scanner } from '../detect/createScanner.js';
import type { Finding } from '../detect/finding.js';
import type { Change } from '../git/change.js';
import { judgeChange, planChange, type Plan } from '../judge/judgeChange.js';
import { CHUNK_CHARS, utf8PieceCutter, type PieceCutter } from '../judge/toFragments.js';
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
    // A custom rule's `{path}`: the file as the user named it, from where they stand.
    if (f.fixTemplate !== undefined) f.fix = f.fixTemplate.replaceAll('{path}', () => shellQuote(display));
    delete f.fixTemplate;
    out.push(f);
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let cutter: PieceCutter | null = null; // past the first piece: judging as text arrives
  let wholeBlob = false; // a big binary, gathered to be judged whole
  const judge = pieceJudge(scanner);
  const change: Change = { status: 'A', score: 0, path: name, newMode: '100644', newSha: 'file', oldShas: [], oldModes: [] };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (cutter) {
      cutter.write(buf);
      continue;
    }
    pending.push(buf);
    pendingBytes += buf.length;
    if (wholeBlob && pendingBytes > MAX_WHOLE_BYTES) {
      throw new KeyguardError(`${display}: a binary file over ${MAX_WHOLE_BYTES >> 20} MB is not read; list it in .keyguardignore to scan without it`);
    }
    if (wholeBlob || pendingBytes <= CHUNK_CHARS) continue;
    let data: Buffer = Buffer.concat(pending);
    const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
    if (utf16) throw new KeyguardError(`${display}: a UTF-16 file over ${CHUNK_CHARS >> 20} MB is not read piece by piece; convert it to UTF-8 to scan it`);
    // A big binary is judged whole, by its printable runs, as a binary blob in a commit is: a
    // key pasted into a build artefact is found here as at the commit that would add it.
    if (data.subarray(0, 8000).includes(0)) {
      wholeBlob = true;
      pending = [data];
      continue;
    }
    // A big text file: its name is judged now, its content piece by piece as it arrives, cut as
    // a big blob in a commit is (the same cutter), and a line over MAX_PIECE_BYTES cut anyway.
    if (shown !== null) {
      const pathFinding = scanner.judgePath(name, scanner.needsContentForPath(name) ? data.toString('latin1', 0, CHUNK_CHARS) : null);
      if (pathFinding) rename(pathFinding);
    }
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    // The length is not known before the end (standard input; a file that grows as it is read).
    cutter = utf8PieceCutter(name, undefined, undefined, (f) => {
      for (const finding of judge.judge(f)) rename(finding);
    }, { forceCutAt: MAX_PIECE_BYTES });
    cutter.write(data);
    pending = [];
  }
  count(total);
  if (!cutter) {
    const data = Buffer.concat(pending);
    // Small: exactly the policy of a new file in a commit (path rules, content, multi-line rules).
    // Standard input has no name: no ignore file or path rule applies, only what its content gives.
    const plan: Plan = shown === null ? { read: 'blobs', judge: 'whole', oldShas: [] } : planChange(change, scanner);
    for (const f of judgeChange(change, plan, scanner, undefined, data)) if (shown !== null || f.kind !== 'file') rename(f);
    return out;
  }
  cutter.end();
  for (const f of judge.rest()) rename(f);
  return out;
}
