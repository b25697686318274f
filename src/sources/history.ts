import { streamLog, type LogChange, type LogCommit } from '../git/streamLog.js';
import { openBlobReader, type BlobReader } from '../git/blobReader.js';
import type { Finding, CommitInfo } from '../detect/finding.js';
import type { Scanner } from '../engine/createScanner.js';
import { decodeText } from '../engine/decodeText.js';
import { addedLinesFragment, wholeFileFragments, CHUNK_CHARS } from '../engine/toFragments.js';
import type { Fragment } from '../detect/fragment.js';

const GITLINK = '160000';
const SYMLINK = '120000';
const ZERO = /^0+$/;
/** Commits being read ahead while earlier ones are judged: keeps both git processes busy, memory bounded. */
const WINDOW = 32;
/** Decoded blobs kept for the next commit, whose "before" is often this commit's "after". */
const CACHE_CHARS = 16 << 20;

export interface HistoryResult {
  /** Each secret once, at the first (oldest) commit that brought it in. */
  findings: Finding[];
  commits: number;
  /** Text read from git: patch characters plus blob bytes. */
  bytes: number;
  /** Commits scanned that have no parent (root commits, or the edge of a shallow clone). */
  roots: string[];
}

/**
 * The history source: every commit `revs` selects, oldest first, judged by the one engine
 * exactly as the pre-commit check judges a commit — path rules on each file brought in, content
 * rules on new files whole and on the added lines of changed ones. Added lines come from git's
 * patch; where git shows no text diff (binaries, UTF-16, `-diff` attributes) the blobs are read
 * and decided as the pre-commit check does, so nothing is passed unread. One `git log` and one
 * `git cat-file` process serve the whole history. A key added in one commit and removed in the
 * next is found.
 */
export async function scanHistory(root: string, revs: string[], scanner: Scanner): Promise<HistoryResult> {
  const reader = openBlobReader(root);
  const cache = new TextCache(reader);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const roots: string[] = [];
  const inFlight: Promise<Finding[]>[] = [];
  let commits = 0;
  let patchChars = 0;
  let done = false;

  const settle = async () => {
    for (const f of await inFlight.shift()!) {
      if (seen.has(f.fingerprint)) continue;
      seen.add(f.fingerprint);
      findings.push(f);
    }
  };

  try {
    for await (const commit of streamLog(root, revs, { oldestFirst: true })) {
      commits++;
      patchChars += commit.patchChars;
      if (commit.parents.length === 0) roots.push(commit.sha);
      const work = judgeCommit(commit, scanner, cache);
      work.catch(() => {}); // awaited in order by settle(); this only keeps an early failure from going unhandled
      inFlight.push(work);
      if (inFlight.length >= WINDOW) await settle();
    }
    while (inFlight.length) await settle();
    done = true;
  } finally {
    // After a failure the first error is the one to report; after success a failing close is one.
    await reader.close().catch((e) => {
      if (done) throw e;
    });
  }
  return { findings, commits, bytes: patchChars + reader.bytesRead(), roots };
}

async function judgeCommit(commit: LogCommit, scanner: Scanner, cache: TextCache): Promise<Finding[]> {
  const info: CommitInfo = { sha: commit.sha, author: commit.author, date: commit.date };
  const findings: Finding[] = [];
  const jobs = commit.changes.map((change) => judgeChange(change, info, scanner, cache, findings));
  await Promise.all(jobs);
  return findings;
}

async function judgeChange(change: LogChange, commit: CommitInfo, scanner: Scanner, cache: TextCache, out: Finding[]): Promise<void> {
  // A deletion removes a secret: the fix, never a problem.
  if (change.status === 'D' || ZERO.test(change.newSha)) return;
  if (change.newMode === GITLINK || change.newMode === SYMLINK) return;
  if (scanner.isIgnored(change.path)) return;
  const sameContent = (change.status === 'R' || change.status === 'C') && change.score === 100;
  const { patch } = change;
  if (patch && !patch.binary && !scanner.needsContentForPath(change.path)) {
    // git's diff already says which lines are new: no blob needs reading.
    const byPath = scanner.judgePath(change.path, null, commit);
    if (byPath) out.push(byPath);
    for (const fragment of addedFragments(change.path, patch.added, patch.lineMap, commit)) out.push(...scanner.judgeText(fragment));
    return;
  }
  if (sameContent && !scanner.needsContentForPath(change.path)) {
    const f = scanner.judgePath(change.path, null, commit);
    if (f) out.push(f);
    return;
  }
  const olds = change.status === 'A' || sameContent
    ? []
    : change.oldShas.filter((s, i) => !ZERO.test(s) && change.oldModes[i] !== GITLINK && change.oldModes[i] !== SYMLINK);
  const [text, ...oldTexts] = await Promise.all([cache.get(change.newSha), ...olds.map((s) => cache.get(s))]);
  const byPath = scanner.judgePath(change.path, text, commit);
  if (byPath) out.push(byPath);
  if (text === null || sameContent) return;
  const readable = oldTexts.filter((t): t is string => t !== null);
  if (readable.length > 0) {
    // Against every parent at once: a merge's added lines are those no parent had.
    const fragment = addedLinesFragment(change.path, readable.join('\n'), text, commit);
    if (fragment) out.push(...scanner.judgeText(fragment));
    return;
  }
  for (const fragment of wholeFileFragments(change.path, text, commit)) out.push(...scanner.judgeText(fragment));
}

/** Added lines as fragments of bounded size, each line kept whole and mapped to its real number. */
function addedFragments(path: string, lines: string[], lineMap: number[], commit: CommitInfo): Fragment[] {
  const out: Fragment[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = start;
    let chars = 0;
    while (end < lines.length && (end === start || chars + lines[end].length < CHUNK_CHARS)) chars += lines[end++].length + 1;
    out.push({ path, text: lines.slice(start, end).join('\n'), lineMap: lineMap.slice(start, end), commit });
    start = end;
  }
  return out;
}

/** Decoded blob text by object id, read once while it is likely to be asked for again. */
class TextCache {
  private readonly entries = new Map<string, Promise<string | null>>();
  private readonly sizes = new Map<string, number>();
  private chars = 0;

  constructor(private readonly reader: BlobReader) {}

  get(sha: string): Promise<string | null> {
    const hit = this.entries.get(sha);
    if (hit) {
      // Refresh its place: the oldest entries are dropped first.
      this.entries.delete(sha);
      this.entries.set(sha, hit);
      return hit;
    }
    const p = this.reader.read(sha).then((buf) => {
      const text = decodeText(buf);
      const size = text?.length ?? 0;
      if (this.entries.get(sha) === p) {
        this.sizes.set(sha, size);
        this.chars += size;
        this.evict();
      }
      return text;
    });
    this.entries.set(sha, p);
    return p;
  }

  private evict(): void {
    for (const [sha] of this.entries) {
      if (this.chars <= CACHE_CHARS || this.entries.size <= 1) break;
      const size = this.sizes.get(sha);
      if (size === undefined) continue; // still being read
      this.entries.delete(sha);
      this.sizes.delete(sha);
      this.chars -= size;
    }
  }
}
