import { runGit } from '../git/runGit.js';
import { readBlobs } from '../git/catFile.js';
import { KeyguardError } from '../errors.js';
import { displayPath } from '../report/displayPath.js';

/**
 * The most of a file keyguard fix reads, staged or in the working tree: its rewrite holds a few
 * copies of it as text, and a key in anything bigger (a bundle, a dump) is moved by hand anyway.
 */
export const FIX_LIMIT = 64 * 1024 * 1024;

/** One path's entry in the index (stage 0). */
export interface IndexEntry {
  mode: string;
  sha: string;
}

/** The index entries of these paths (those not in the index are absent). */
export async function indexEntries(root: string, paths: string[]): Promise<Map<string, IndexEntry>> {
  const out = new Map<string, IndexEntry>();
  if (paths.length === 0) return out;
  const { stdout } = await runGit(['ls-files', '-s', '-z', '--', ...paths.map((p) => `:(literal)${p}`)], root);
  for (const rec of stdout.toString('utf8').split('\0')) {
    const m = /^(\d{6}) ([0-9a-f]{40,64}) (\d)\t(.*)$/s.exec(rec);
    if (m && m[3] === '0') out.set(m[4], { mode: m[1], sha: m[2] });
  }
  return out;
}

export async function readIndexBlobs(root: string, entries: Map<string, IndexEntry>): Promise<Map<string, Buffer>> {
  const paths = [...entries.keys()];
  const out = new Map<string, Buffer>();
  if (paths.length === 0) return out;
  // Sizes first, in one process: a blob too big to rewrite is refused before it is read.
  const { stdout } = await runGit(['cat-file', '--batch-check=%(objectsize)'], root, [0], paths.map((p) => `${entries.get(p)!.sha}\n`).join(''));
  stdout.toString('utf8').split('\n').forEach((size, i) => {
    if (i < paths.length && Number(size) > FIX_LIMIT) {
      throw new KeyguardError(`${displayPath(paths[i])} is ${size} bytes staged; keyguard fix reads at most ${FIX_LIMIT} bytes of a file: move the key by hand (nothing was changed)`);
    }
  });
  await readBlobs(root, paths.map((p) => entries.get(p)!.sha), (i, content) => out.set(paths[i], Buffer.from(content)));
  return out;
}

/** New staged content for a path: written as a blob from these bytes, never from the working file. */
export interface Restage {
  path: string;
  mode: string;
  content: Buffer;
}

/**
 * Stages exactly the given contents: each becomes a blob (`hash-object -w`, no filters: the bytes
 * are already the index's form) and all index entries change in one `update-index`, so the
 * user's unstaged work in the same files stays unstaged. `untrack` entries leave the index.
 */
export async function restage(root: string, items: Restage[], untrack: string[]): Promise<void> {
  const lines: string[] = [];
  for (const item of items) {
    const { stdout } = await runGit(['hash-object', '-w', '--no-filters', '--stdin'], root, [0], item.content);
    lines.push(`${item.mode} ${stdout.toString('utf8').trim()}\t${item.path}`);
  }
  if (lines.length) await runGit(['update-index', '-z', '--index-info'], root, [0], lines.map((l) => `${l}\0`).join(''));
  if (untrack.length) await runGit(['update-index', '--force-remove', '--', ...untrack], root);
}
