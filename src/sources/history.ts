import { streamLog, type LogCommit } from '../git/streamLog.js';
import { openBlobReader, type BlobReader } from '../git/catFile.js';
import { runGit } from '../git/runGit.js';
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
 * policy needs the whole new text, the blobs are read, so nothing is passed unread. One `git rev-list`,
 * one `git log` (two for a long history, one for each half) and one `git cat-file` process serve the
 * whole history.
 * A key added in one commit and removed in the next is found.
 */
export async function scanHistory(root: string, revs: string[], scanner: Scanner): Promise<HistoryResult> {
  const reader = openBlobReader(root);
  const cache = new BlobCache(reader);
  let done = false;
  try {
    // The commits, oldest first; `git log` is given them as they are listed, so it walks nothing again.
    // git's diffs are most of a long history's cost: two `git log` processes, one for each half of
    // the list, make them on two cores at once.
    const list = (await runGit(['rev-list', '--reverse', '--date-order', ...revs, '--'], root)).stdout.toString('latin1');
    const count = countLines(list);
    const lists = count === 0 ? [] : count >= SPLIT_FROM ? splitInTwo(list) : [list];
    const stop = { now: false };
    const parts = lists.map(() => new Part());
    const settled = await Promise.allSettled(
      parts.map((part, i) =>
        part
          .read(streamLog(root, lists[i]), scanner, cache, stop)
          .catch((e) => {
            stop.now = true;
            throw e;
          }),
      ),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    // The older half's findings first: each secret is reported at the oldest commit that brought it in.
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const part of parts) {
      for (const f of part.findings) {
        if (seen.has(f.fingerprint)) continue;
        seen.add(f.fingerprint);
        findings.push(f);
      }
    }
    done = true;
    return {
      findings,
      commits: parts.reduce((n, p) => n + p.commits, 0),
      bytes: parts.reduce((n, p) => n + p.patchChars, 0) + reader.bytesRead(),
      roots: parts.flatMap((p) => p.roots),
    };
  } finally {
    // After a failure the first error is the one to report; after success a failing close is one.
    await reader.close().catch((e) => {
      if (done) throw e;
    });
  }
}

/** From this many commits on, a history is read in two halves at once. */
const SPLIT_FROM = 2000;

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The list of commit ids (one a line) cut at the line nearest its middle. */
function splitInTwo(list: string): [string, string] {
  const cut = list.indexOf('\n', Math.floor(list.length / 2) - 1) + 1;
  return [list.slice(0, cut), list.slice(cut)];
}

/** One stream of commits judged in order, its findings in the order of its commits. */
class Part {
  findings: Finding[] = [];
  roots: string[] = [];
  commits = 0;
  patchChars = 0;

  async read(log: AsyncIterable<LogCommit>, scanner: Scanner, cache: BlobCache, stop: { now: boolean }): Promise<void> {
    const seen = new Set<string>();
    const inFlight: Promise<Finding[]>[] = [];
    const settle = async () => {
      for (const f of await inFlight.shift()!) {
        if (seen.has(f.fingerprint)) continue;
        seen.add(f.fingerprint);
        this.findings.push(f);
      }
    };
    try {
      for await (const commit of log) {
        if (stop.now) break; // the other half failed: its error is the one reported
        this.commits++;
        this.patchChars += commit.patchChars;
        if (commit.parents.length === 0) this.roots.push(commit.sha);
        const work = judgeCommit(commit, scanner, cache);
        work.catch(() => {}); // awaited in order by settle(); this only keeps an early failure from going unhandled
        inFlight.push(work);
        if (inFlight.length >= WINDOW) await settle();
      }
      while (inFlight.length) await settle();
    } finally {
      // Judging still under way after a failure is not waited for, but must not go unhandled.
      for (const w of inFlight) w.catch(() => {});
    }
  }
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
