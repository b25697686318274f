import { runGit } from '../git/runGit.js';
import { readBlobs } from '../git/catFile.js';

/**
 * Which of these secrets a remote already has: those in any blob reachable from a
 * remote-tracking ref. Such a key is public to whoever can read the remote, for good: moving it
 * out of the code does not unpublish it, only rotating it does. Returns null when git cannot tell.
 */
export async function pushedSecrets(root: string, secrets: string[]): Promise<Set<string> | null> {
  const found = new Set<string>();
  if (secrets.length === 0) return found;
  const refs = await runGit(['for-each-ref', '--count=1', '--format=%(refname)', 'refs/remotes'], root);
  if (refs.stdout.length === 0) return found;
  let list;
  try {
    list = await runGit(['rev-list', '--objects', '--remotes', '--filter=object:type=blob', '--filter-provided-objects'], root);
  } catch {
    return null;
  }
  const shas = [...new Set(list.stdout.toString('utf8').split('\n').map((l) => l.slice(0, l.indexOf(' ') < 0 ? l.length : l.indexOf(' '))).filter(Boolean))];
  const wanted = secrets.map((s) => ({ s, bytes: Buffer.from(s, 'utf8') }));
  await readBlobs(root, shas, (_i, content) => {
    for (const w of wanted) if (!found.has(w.s) && content.includes(w.bytes)) found.add(w.s);
  });
  return found;
}
