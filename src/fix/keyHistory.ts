import { runGit } from '../git/runGit.js';
import { readBlobs } from '../git/catFile.js';

/** Past this many blobs the history is not searched: the answer is "cannot tell", said as such. */
const MAX_BLOBS = 50_000;

/** Where else a key already is: on a remote (public for good), or in local commits not yet pushed. */
export interface KeyHistory {
  /** Keys in a blob reachable from a remote-tracking ref; null when git could not tell. */
  pushed: Set<string> | null;
  /** Keys in commits of HEAD that no remote-tracking ref reaches; null when git could not tell. */
  unpushed: Set<string> | null;
}

async function blobsOf(root: string, revs: string[]): Promise<string[] | null> {
  try {
    const list = await runGit(['rev-list', '--objects', '--filter=object:type=blob', '--filter-provided-objects', ...revs], root);
    const shas = new Set<string>();
    for (const line of list.stdout.toString('utf8').split('\n')) {
      const sha = line.slice(0, line.indexOf(' ') < 0 ? line.length : line.indexOf(' '));
      if (sha) shas.add(sha);
      if (shas.size > MAX_BLOBS) return null;
    }
    return [...shas];
  } catch {
    return null;
  }
}

async function holding(root: string, shas: string[] | null, secrets: string[]): Promise<Set<string> | null> {
  if (shas === null) return null;
  const found = new Set<string>();
  const wanted = secrets.map((s) => ({ s, bytes: Buffer.from(s, 'utf8') }));
  await readBlobs(root, shas, (_i, content) => {
    for (const w of wanted) if (!found.has(w.s) && content.includes(w.bytes)) found.add(w.s);
  });
  return found;
}

/**
 * Which of these keys git already holds outside the index. A key a remote has is readable by
 * whoever can read the remote, for good: moving it out of the code does not unpublish it, only
 * rotating it does. A key in a local commit not yet pushed still goes out with the next push
 * unless that commit is rewritten.
 */
export async function keyHistory(root: string, hasHead: boolean, secrets: string[]): Promise<KeyHistory> {
  if (secrets.length === 0) return { pushed: new Set(), unpushed: new Set() };
  const refs = await runGit(['for-each-ref', '--count=1', '--format=%(refname)', 'refs/remotes'], root);
  const hasRemotes = refs.stdout.length > 0;
  const pushed = hasRemotes ? await holding(root, await blobsOf(root, ['--remotes']), secrets) : new Set<string>();
  const unpushed = hasHead ? await holding(root, await blobsOf(root, ['HEAD', '--not', '--remotes']), secrets) : new Set<string>();
  return { pushed, unpushed };
}
