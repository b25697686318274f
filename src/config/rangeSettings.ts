import { nodeCrypto } from '../lazyCrypto.js';
import { KeyguardError } from '../errors.js';
import { runGit } from '../git/runGit.js';
import type { Finding, CommitInfo } from '../detect/finding.js';
import { parseJsonSafely } from './jsonText.js';
import { BASELINE_LIMIT, PACKAGE_JSON_LIMIT, SETTINGS_LIMIT } from './readUserFile.js';

/**
 * A pull request must not be able to switch off its own scan. When keyguard scans a range
 * (`scan --since BASE`, what CI runs), the files that steer it — settings, ignore file, baseline —
 * are read from the range's base, which a maintainer has already accepted, never from the
 * commits being judged; and every change the range makes to them is a finding of its own, so a
 * weakened gate blocks like a secret until a maintainer reviews it.
 */
export const SETTINGS_CHANGED = 'keyguard-settings-changed';

/** The steering files, repository-relative, with the size each may have. */
export const STEERING: Record<string, number> = {
  '.keyguardrc.json': SETTINGS_LIMIT,
  'package.json': PACKAGE_JSON_LIMIT,
  '.keyguardignore': SETTINGS_LIMIT,
  '.keyguard-baseline.json': BASELINE_LIMIT,
  // The workflow `keyguard init --ci github` writes: editing it changes how CI calls keyguard.
  '.github/workflows/keyguard.yml': SETTINGS_LIMIT,
};

/** Reads a repository file's text for settings; null when there is none. */
export interface SettingsReader {
  /** What the messages call where it reads ("the base abc123def456"). */
  where: string;
  read(rel: string, shown: string, limit: number): string | null;
}

interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  size: number;
}

async function treeEntries(root: string, rev: string, paths: string[]): Promise<Map<string, TreeEntry>> {
  const out = await runGit(['ls-tree', '-z', '--long', '--full-tree', rev, '--', ...paths], root);
  const entries = new Map<string, TreeEntry>();
  for (const rec of out.stdout.toString('utf8').split('\0')) {
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(rec);
    if (m) entries.set(m[5], { mode: m[1], type: m[2], sha: m[3], size: m[4] === '-' ? 0 : Number(m[4]) });
  }
  return entries;
}

/**
 * The steering files as the revision holds them. Each must be a regular file (a committed symlink
 * would point at a file on the runner) below its size limit; a file the revision lacks is absent.
 */
export async function revisionReader(root: string, rev: string, extra: string[] = []): Promise<SettingsReader> {
  const paths = [...Object.keys(STEERING), ...extra];
  const entries = await treeEntries(root, rev, paths);
  const where = `the base ${rev.slice(0, 12)}`;
  const texts = new Map<string, string>();
  for (const [path, e] of entries) {
    const limit = STEERING[path] ?? SETTINGS_LIMIT;
    if (e.type !== 'blob' || (e.mode !== '100644' && e.mode !== '100755')) {
      throw new KeyguardError(`${path} in ${where} is not a regular file; keyguard reads settings only from regular files`);
    }
    if (e.size > limit) throw new KeyguardError(`${path} in ${where} is ${e.size} bytes; keyguard reads at most ${limit} bytes from it`);
    const blob = await runGit(['cat-file', 'blob', e.sha], root);
    texts.set(path, blob.stdout.toString('utf8').replace(/^\uFEFF/, ''));
  }
  return {
    where,
    read: (rel) => texts.get(rel) ?? null,
  };
}

/** The "keyguard" settings a package.json text holds, for comparing: only they steer keyguard. */
function packageSettings(text: string | null): string {
  if (text === null) return 'absent';
  const parsed = parseJsonSafely(text);
  if (!parsed.ok) return /"keyguard"\s*:/.test(text) ? `unreadable:${text}` : 'none';
  const data = parsed.data as Record<string, unknown> | null;
  return data && typeof data === 'object' && 'keyguard' in data ? JSON.stringify(data.keyguard) : 'none';
}

async function blobText(root: string, rev: string, path: string): Promise<string | null> {
  const r = await runGit(['cat-file', 'blob', `${rev}:${path}`], root, [0, 128]);
  return r.code === 0 ? r.stdout.toString('utf8') : null;
}

/**
 * One finding for each steering file the range changes (from where it left the base to its tip):
 * the file itself, not its lines, since keyguard scanned with the base's version and a maintainer
 * must decide whether the new one is acceptable. A package.json counts only when its "keyguard"
 * settings change.
 */
export async function settingsChanges(root: string, base: string, tip: CommitInfo, extra: string[] = []): Promise<Finding[]> {
  const fork = (await runGit(['merge-base', base, tip.sha], root, [0, 1])).stdout.toString('utf8').trim() || base;
  const paths = [...Object.keys(STEERING), ...extra];
  const diff = await runGit(['diff', '--no-renames', '--name-only', '-z', fork, tip.sha, '--', ...paths], root);
  const changed = diff.stdout.toString('utf8').split('\0').filter(Boolean);
  const findings: Finding[] = [];
  for (const path of changed) {
    const before = await blobText(root, fork, path);
    const after = await blobText(root, tip.sha, path);
    if (path === 'package.json' && packageSettings(before) === packageSettings(after)) continue;
    const what = before === null ? 'adds' : after === null ? 'deletes' : 'changes';
    findings.push({
      path,
      line: 0,
      column: 0,
      rule: SETTINGS_CHANGED,
      description: `this range ${what} a file that steers keyguard (this scan used the base's version)`,
      kind: 'file',
      secret: '',
      redacted: '',
      // Names this very change: accepting it does not accept the next one.
      fingerprint: nodeCrypto().createHash('sha256').update(SETTINGS_CHANGED).update('\0').update(path).update('\0').update(before ?? '').update('\0').update(after ?? '').digest('hex').slice(0, 32),
      fix: 'a maintainer reviews this change: it can turn checks off for the code it comes with',
      commit: tip,
    });
  }
  return findings;
}
