import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../git/change.js';
import { readBlobs } from '../git/catFile.js';
import { runGit } from '../git/runGit.js';
import { displayPath } from '../report/displayPath.js';

/** .env-style templates other than .env.example itself: `.env.sample`, `.env.production.example`, `prod.example.env`. */
const TEMPLATE = /^(?:\.env(?:\.[\w-]+)?\.(?:example|sample|template|dist|defaults)|\.env\.(?:sample|template|dist|defaults)|[\w-]+\.(?:example|sample|template)\.env)$/;
const NAME_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
/** Names from the repository are shown only in this safe form (no terminal control, bounded). */
const SHOWN = (n: string) => n.slice(0, 64);
const MAX_BYTES = 1 << 20;

function names(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = NAME_LINE.exec(line);
    if (m) out.add(m[1]);
  }
  return out;
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function differ(a: string, an: Set<string>, b: string, bn: Set<string>): string | null {
  const onlyA = [...an].filter((n) => !bn.has(n)).map(SHOWN);
  const onlyB = [...bn].filter((n) => !an.has(n)).map(SHOWN);
  if (!onlyA.length && !onlyB.length) return null;
  const parts = [];
  if (onlyA.length) parts.push(`${a} has ${onlyA.slice(0, 8).join(', ')}${onlyA.length > 8 ? ', …' : ''} that ${b} lacks`);
  if (onlyB.length) parts.push(`${b} has ${onlyB.slice(0, 8).join(', ')}${onlyB.length > 8 ? ', …' : ''} that ${a} lacks`);
  return `${parts.join('; ')}: keep .env.example in step (names only, placeholder values)`;
}

function readLocal(root: string, rel: string): string | null {
  const abs = join(root, rel);
  try {
    if (!existsSync(abs)) return null;
    const st = lstatSync(abs);
    return st.isFile() && st.size <= MAX_BYTES ? readFileSync(abs, 'utf8') : null;
  } catch {
    return null;
  }
}

/**
 * Warnings (never blocks) when a staged .env-style template and the .env.example beside it list
 * different names, and when a staged .env.example and the local .env beside it do: the template
 * is how the next person learns which variables to set. Reads nothing unless such a file is staged.
 */
export async function envDriftWarnings(root: string, changes: Change[]): Promise<string[]> {
  const relevant = changes.filter((c) => c.status !== 'D' && c.newMode !== '160000' && c.newMode !== '120000' && (TEMPLATE.test(baseOf(c.path)) || baseOf(c.path) === '.env.example'));
  if (relevant.length === 0) return [];
  const wanted = new Map<string, string>(relevant.map((c) => [c.path, c.newSha]));
  // The .env.example beside each staged template, as the index has it.
  const missing = [...new Set(relevant.filter((c) => baseOf(c.path) !== '.env.example').map((c) => `${folderOf(c.path)}.env.example`))].filter((p) => !wanted.has(p));
  if (missing.length) {
    const ls = await runGit(['ls-files', '-s', '-z', '--', ...missing.map((p) => `:(literal)${p}`)], root);
    for (const rec of ls.stdout.toString('utf8').split('\0')) {
      const m = /^\d{6} ([0-9a-f]{40,64}) 0\t(.*)$/s.exec(rec);
      if (m) wanted.set(m[2], m[1]);
    }
  }
  const paths = [...wanted.keys()];
  const texts = new Map<string, Set<string>>();
  await readBlobs(root, paths.map((p) => wanted.get(p)!), (i, content) => {
    if (content.length <= MAX_BYTES) texts.set(paths[i], names(content.toString('utf8')));
  });
  const out: string[] = [];
  for (const c of relevant) {
    const mine = texts.get(c.path);
    if (!mine) continue;
    const isExample = baseOf(c.path) === '.env.example';
    const otherPath = isExample ? `${folderOf(c.path)}.env` : `${folderOf(c.path)}.env.example`;
    let other = texts.get(otherPath);
    if (isExample) {
      const local = readLocal(root, otherPath);
      other = local === null ? undefined : names(local);
    }
    if (!other) continue;
    const said = differ(displayPath(c.path), mine, displayPath(otherPath), other);
    if (said) out.push(said);
  }
  return out;
}
