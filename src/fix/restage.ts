import { runGit } from '../git/runGit.js';
import { readBlobs } from '../git/catFile.js';

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
