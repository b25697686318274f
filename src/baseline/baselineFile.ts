import { isAbsolute, join, relative } from 'node:path';
import { KeyguardError } from '../errors.js';
import type { Finding } from '../detect/finding.js';
import { parseJsonSafely } from '../config/jsonText.js';
import { BASELINE_LIMIT, readUserFile } from '../config/readUserFile.js';
import { writeFileAtomic } from '../install/writeAtomic.js';

export const BASELINE_FILE = '.keyguard-baseline.json';

/**
 * One accepted finding. Keyed by the fingerprint (hash of rule and secret), which survives
 * edits that move the line; path and rule are there for people reading the file. Never the secret.
 */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  commit?: string;
}

export interface Baseline {
  /** Where it was read from, as the user would write it. */
  file: string;
  /**
   * 1: every fingerprint is SHA-256 of rule and value. 2 (written since): guessable values have
   * scrypt fingerprints (detect/fingerprint.ts). A format-1 file still applies — its entries are
   * matched by the old hash too — and `keyguard baseline` rewrites it as format 2.
   */
  version: 1 | 2;
  entries: BaselineEntry[];
}

export const BASELINE_VERSION = 2;

export function baselinePath(root: string, given?: string, cwd: string = root): string {
  if (!given) return join(root, BASELINE_FILE);
  return isAbsolute(given) ? given : join(cwd, given);
}

/** The baseline, or null when there is none. A file that is there but broken is an error (exit 2). */
export function loadBaseline(path: string, root: string, required = false): Baseline | null {
  const shown = relative(root, path) || path;
  // A file in the repository comes with it (a pull request can make it a symlink to /dev/zero or
  // to a file on the runner); one named outside it is the user's own choice.
  const inRepo = !relative(root, path).startsWith('..') && !isAbsolute(relative(root, path));
  const bytes = readUserFile(path, { shown, limit: BASELINE_LIMIT, within: inRepo ? root : undefined });
  if (bytes === null) {
    if (!required) return null;
    throw new KeyguardError(`${shown}: cannot read the baseline (ENOENT)`);
  }
  return parseBaseline(bytes.toString('utf8'), shown);
}

/** A baseline's text (from a file, or from a range's base), checked. */
export function parseBaseline(text: string, shown: string): Baseline {
  // A byte-order mark (some Windows editors save one) is not part of the JSON.
  const parsed = parseJsonSafely(text.replace(/^\uFEFF/, ''));
  // The position only: the text around a syntax error could be anything, a pasted key included.
  if (!parsed.ok) throw new KeyguardError(`${shown}: not valid JSON${parsed.where.replace(/^invalid JSON/, '')}`);
  const data = parsed.data;
  const findings = (data as { findings?: unknown })?.findings;
  if (typeof data !== 'object' || data === null || !Array.isArray(findings)) {
    throw new KeyguardError(`${shown}: not a keyguard baseline (expected {"version": 2, "findings": [...]})`);
  }
  // A later format may mean something this version would misread: refuse it rather than guess.
  const version = (data as { version?: unknown }).version;
  if (version !== undefined && version !== 1 && version !== 2) {
    throw new KeyguardError(`${shown}: baseline format version ${JSON.stringify(version)} is not one this keyguard reads (1, 2); update keyguard`);
  }
  const entries: BaselineEntry[] = [];
  findings.forEach((f, i) => {
    const e = f as Partial<BaselineEntry>;
    if (typeof e?.fingerprint !== 'string' || !/^[0-9a-f]{16,64}$/.test(e.fingerprint)) {
      throw new KeyguardError(`${shown}: findings[${i}] has no valid "fingerprint"`);
    }
    entries.push({ fingerprint: e.fingerprint, rule: String(e.rule ?? ''), path: String(e.path ?? ''), ...(e.commit ? { commit: String(e.commit) } : {}) });
  });
  return { file: shown, version: version === 2 ? 2 : 1, entries };
}

/** Writes the findings as a baseline: sorted so that re-running on the same state changes nothing. */
export function writeBaseline(path: string, findings: Finding[]): number {
  const byPrint = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (byPrint.has(f.fingerprint)) continue;
    byPrint.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.rule, path: f.path, ...(f.commit ? { commit: f.commit.sha } : {}) });
  }
  const entries = [...byPrint.values()].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint),
  );
  const doc = {
    version: BASELINE_VERSION,
    description: 'Findings accepted by `keyguard baseline`: they no longer block. Fingerprints are hashes (scrypt for guessable values); no secret is stored here.',
    findings: entries,
  };
  // Written beside and renamed over, so an interrupted run never leaves half a baseline.
  writeFileAtomic(path, Buffer.from(JSON.stringify(doc, null, 2) + '\n'));
  return entries.length;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Adds findings to a baseline without rewriting what is there (for `keyguard allow`): entries
 * already in the file are kept as they are, extra fields included; new ones (by fingerprint) are
 * added and the list ordered as writeBaseline orders it, so a keyguard-written file only gains lines.
 * Returns how many entries were added.
 */
export function addToBaseline(path: string, root: string, findings: Finding[]): number {
  const before = loadBaseline(path, root); // a broken file is an error (exit 2), never replaced
  let doc: { version?: unknown; description?: unknown; findings: Record<string, unknown>[] } = {
    version: 1,
    description: 'Findings accepted by `keyguard baseline` or `keyguard allow`: they no longer block. Fingerprints are hashes; no secret is stored here.',
    findings: [],
  };
  if (before) {
    const inRepo = !relative(root, path).startsWith('..') && !isAbsolute(relative(root, path));
    const bytes = readUserFile(path, { shown: before.file, limit: BASELINE_LIMIT, within: inRepo ? root : undefined });
    const parsed = bytes && parseJsonSafely(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    if (!parsed || !parsed.ok) throw new KeyguardError(`${before.file}: changed while keyguard read it; run keyguard allow again`);
    doc = parsed.data as typeof doc;
  }
  const known = new Set(doc.findings.map((e) => e.fingerprint));
  let added = 0;
  for (const f of findings) {
    if (known.has(f.fingerprint)) continue;
    known.add(f.fingerprint);
    doc.findings.push({ fingerprint: f.fingerprint, rule: f.rule, path: f.path, ...(f.commit ? { commit: f.commit.sha } : {}) });
    added++;
  }
  if (added === 0) return 0;
  const key = (e: Record<string, unknown>) => [String(e.path ?? ''), String(e.rule ?? ''), String(e.fingerprint ?? '')];
  doc.findings.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return cmp(x[0], y[0]) || cmp(x[1], y[1]) || cmp(x[2], y[2]);
  });
  writeFileAtomic(path, Buffer.from(JSON.stringify(doc, null, 2) + '\n'));
  return added;
}
