import { streamLog, type LogCommit } from '../git/streamLog.js';
import { openBlobReader, type BlobReader } from '../git/catFile.js';
import type { Finding, CommitInfo } from '../detect/finding.js';
import type { Scanner } from '../detect/createScanner.js';
import { judgeChange, planChange } from '../judge/judgeChange.js';
/** Commits being read ahead while earlier ones are judged: keeps both git processes busy, memory bounded. */
const WINDOW = 32;
/** Blobs kept for the next commit, whose "before" is often this commit's "after". */
const CACHE_BYTES = 16 << 20;
/** Where a finding in a commit (or tag) message is reported: no file of the tree has this name. */
export const COMMIT_MESSAGE = '(commit message)';

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
 * The history source: every commit `revs` selects, oldest first, each change judged by the one
 * policy (judge/judgeChange.ts) exactly as the pre-commit check judges it. git's patch says which
 * lines were added; where git shows no text diff (binaries, UTF-16, `-diff` attributes), or the
 * policy needs the whole new text, the blobs are read, so nothing is passed unread. One `git log` and one
 * `git cat-file` process serve the whole history. A key added in one commit and removed in the
 * next is found.
 */
export async function scanHistory(root: string, revs: string[], scanner: Scanner): Promise<HistoryResult> {
  const reader = openBlobReader(root);
  const cache = new BlobCache(reader);
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

async function judgeCommit(commit: LogCommit, scanner: Scanner, cache: BlobCache): Promise<Finding[]> {
  const info: CommitInfo = { sha: commit.sha, author: commit.author, date: commit.date };
  // The message travels with the commit: a token pasted there is pushed like one in a file.
  const message = commit.message ? scanner.judgeText({ path: COMMIT_MESSAGE, text: commit.message, firstLine: 1, commit: info }) : [];
  const judged = commit.changes.map(async (change) => {
    const plan = planChange(change, scanner);
    if (plan.read !== 'blobs') return judgeChange(change, plan, scanner, info);
    const [content, ...olds] = await Promise.all([cache.get(change.newSha), ...plan.oldShas.map((s) => cache.get(s))]);
    return judgeChange(change, plan, scanner, info, content, olds);
  });
  return [...message, ...(await Promise.all(judged)).flat()];
}

/** Blobs by object id, read once while they are likely to be asked for again (a commit's "after" is the next one's "before"). */
class BlobCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly reader: BlobReader) {}

  get(sha: string): Promise<Buffer> {
    const hit = this.entries.get(sha);
    if (hit) {
      // Refresh its place: the oldest entries are dropped first.
      this.entries.delete(sha);
      this.entries.set(sha, hit);
      return hit;
    }
    const p = this.reader.read(sha).then((buf) => {
      if (this.entries.get(sha) === p) {
        this.sizes.set(sha, buf.length);
        this.bytes += buf.length;
        this.evict();
      }
      return buf;
    });
    this.entries.set(sha, p);
    return p;
  }

  private evict(): void {
    for (const [sha] of this.entries) {
      if (this.bytes <= CACHE_BYTES || this.entries.size <= 1) break;
      const size = this.sizes.get(sha);
      if (size === undefined) continue; // still being read
      this.entries.delete(sha);
      this.sizes.delete(sha);
      this.bytes -= size;
    }
  }
}
