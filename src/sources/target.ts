import { KeyguardError } from '../errors.js';
import type { Repo } from '../git/resolveRepo.js';
import { resolveCommit, shallowEdge } from '../git/revisions.js';
import type { Scanner } from '../detect/createScanner.js';
import type { SourceResult } from './source.js';
import { scanHistory } from './history.js';
import { scanTree } from './tree.js';

/** What `keyguard scan` (and `keyguard baseline`) reads. */
export type Target =
  | { kind: 'tree' }
  | { kind: 'history'; all: boolean }
  | { kind: 'range'; from: string; to: string; label: string };

/** The options that choose a target, shared by every command that scans one. */
export const TARGET_OPTIONS = {
  range: { type: 'string' },
  since: { type: 'string' },
  history: { type: 'boolean' },
  all: { type: 'boolean' },
} as const;

export function parseTarget(values: { range?: unknown; since?: unknown; history?: unknown; all?: unknown }, command: string): Target {
  const chosen = [values.range !== undefined, values.since !== undefined, Boolean(values.history || values.all)].filter(Boolean).length;
  if (chosen > 1) throw new KeyguardError(`${command}: choose one of --range, --since and --history`);
  if (typeof values.range === 'string') {
    const m = /^(.+?)\.\.(.*)$/.exec(values.range);
    if (!m || m[1] === '' || m[2].startsWith('.')) throw new KeyguardError(`${command}: --range takes A..B (two revisions), got "${values.range}"`);
    return { kind: 'range', from: m[1], to: m[2] || 'HEAD', label: values.range };
  }
  if (typeof values.since === 'string') {
    if (values.since === '') throw new KeyguardError(`${command}: --since needs a revision`);
    return { kind: 'range', from: values.since, to: 'HEAD', label: `${values.since}..HEAD` };
  }
  if (values.history || values.all) return { kind: 'history', all: Boolean(values.all) };
  return { kind: 'tree' };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function scanTarget(repo: Repo, scanner: Scanner, target: Target): Promise<SourceResult> {
  if (!repo.head && !(target.kind === 'history' && target.all)) {
    throw new KeyguardError('this repository has no commits yet: there is nothing to scan');
  }
  if (target.kind === 'tree') {
    const { findings, files } = await scanTree(repo.root, repo.head!, scanner);
    const summary = `the tree at HEAD (${plural(files, 'file')})`;
    return { findings, summary, warnings: [], complete: 'tree', scanned: { what: 'tree', summary } };
  }

  const warnings: string[] = [];
  let revs: string[];
  let label: string;
  const edge = await shallowEdge(repo.root);
  if (target.kind === 'history') {
    revs = target.all ? ['--all'] : ['HEAD'];
    label = target.all ? 'the history of every ref' : 'the history of HEAD';
  } else {
    const to = await resolveCommit(repo.root, target.to);
    if (!to) throw new KeyguardError(`unknown revision ${JSON.stringify(target.to)}`);
    const from = await resolveCommit(repo.root, target.from);
    label = target.label;
    if (from) {
      revs = [to.sha, '--not', from.sha];
    } else if (edge.length > 0) {
      // The base was cut off by a shallow clone: scan what is here and say what is not.
      warnings.push(`${JSON.stringify(target.from)} is not in this shallow clone: scanned all ${JSON.stringify(target.to)} history the clone holds instead (fetch more with git fetch --unshallow to scan from there)`);
      revs = [to.sha];
    } else {
      throw new KeyguardError(`unknown revision ${JSON.stringify(target.from)}`);
    }
  }

  const result = await scanHistory(repo.root, revs, scanner);
  if (target.kind === 'history' && result.commits === 0) throw new KeyguardError('this repository has no commits yet: there is nothing to scan');
  const cut = result.roots.filter((r) => edge.includes(r));
  if (cut.length > 0) {
    warnings.push(
      `shallow clone: history before commit ${cut.map((c) => c.slice(0, 12)).join(', ')} is not here and was not scanned ` +
        `(${cut.length === 1 ? 'that commit was' : 'those commits were'} scanned whole); run git fetch --unshallow to scan it`,
    );
  }
  const summary = `${plural(result.commits, 'commit')} in ${label}`;
  return {
    findings: result.findings,
    summary,
    warnings,
    complete: target.kind === 'history' && cut.length === 0 ? 'history' : false,
    scanned: { what: target.kind, summary, commits: result.commits, bytes: result.bytes },
  };
}
