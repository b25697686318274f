import { readFileSync, lstatSync, readlinkSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { KeyguardError } from '../errors.js';
import type { Repo } from '../git/resolveRepo.js';
import { getStagedChanges } from '../git/getStagedChanges.js';
import type { Change } from '../git/change.js';
import type { Finding } from '../detect/finding.js';
import type { Scanner } from '../detect/createScanner.js';
import { judgeChange, planChange } from '../judge/judgeChange.js';
import { scanChanges } from './scanChanges.js';

/**
 * The pre-commit source: what is staged, read from the index (never the working tree).
 * With `files`, only those: a folder (`.`, `src/`) means what is staged under it; a file named
 * but not staged is read from disk (lint-staged may pass files this way, and a file the user names
 * explicitly must not pass unread); a name that is neither staged nor on disk is an error.
 */
export async function scanStaged(repo: Repo, scanner: Scanner, files?: string[], onChanges?: (changes: Change[]) => void, staged?: Promise<Change[]>): Promise<Finding[]> {
  let changes = await (staged ?? getStagedChanges(repo));
  onChanges?.(changes);
  if (!files || files.length === 0) return scanChanges(repo.root, changes, scanner);

  const wanted = new Map<string, string>(); // repo-relative path ('' for the top) -> as given
  for (const f of files) {
    const rel = relative(repo.root, resolve(repo.cwd, f)).split(sep).join('/');
    if (rel.startsWith('../') || rel === '..') throw new KeyguardError(`${f}: outside the repository`);
    wanted.set(rel, f);
  }
  const matched = new Set<string>();
  changes = changes.filter((c) => {
    const hit = namedBy(c.path, wanted);
    if (hit !== undefined) matched.add(hit);
    return hit !== undefined;
  });
  const findings = await scanChanges(repo.root, changes, scanner);
  for (const [rel, given] of wanted) {
    if (matched.has(rel)) continue;
    findings.push(...scanWorkingFile(repo.root, rel, given, scanner));
  }
  return findings;
}

/** Which of the named paths covers this staged path: itself, or a folder above it. */
function namedBy(path: string, wanted: Map<string, string>): string | undefined {
  if (wanted.has(path)) return path;
  if (wanted.has('')) return '';
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const folder = path.slice(0, i);
    if (wanted.has(folder)) return folder;
  }
  return undefined;
}

/** A named file that is not staged, judged from disk by the same policy as a new file. */
function scanWorkingFile(root: string, rel: string, given: string, scanner: Scanner): Finding[] {
  const change: Change = { status: 'A', score: 0, path: rel, newMode: '100644', newSha: 'worktree', oldShas: [], oldModes: [] };
  if (planChange(change, scanner).read === 'none') return [];
  const abs = resolve(root, rel);
  let content: Buffer;
  try {
    const st = lstatSync(abs);
    if (st.isDirectory()) return []; // a folder with nothing staged under it: nothing will be committed
    if (st.isSymbolicLink()) {
      change.newMode = '120000';
      content = Buffer.from(readlinkSync(abs));
    } else {
      content = readFileSync(abs);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Named but neither staged nor present: a typo must not pass as "no secrets".
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new KeyguardError(`${given}: no such file, and nothing staged by that name`);
    throw new KeyguardError(`${given}: cannot read (${code ?? (e as Error).message})`);
  }
  return judgeChange(change, planChange(change, scanner), scanner, undefined, content);
}
