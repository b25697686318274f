import type { Finding } from '../detect/finding.js';
import { untrackCommand } from '../shellQuote.js';
import { displayPath } from './displayPath.js';
import { fixFromCwd, shellPathFromCwd } from './fromCwd.js';
import { escapeText } from './escape.js';
import { naturalCompare } from './naturalCompare.js';

export interface TextOptions {
  /** "commit blocked", "push blocked", "secrets found" */
  verdict: string;
  /** "in staged changes", "in commits to push", ... */
  where: string;
  color: boolean;
  /**
   * The folder keyguard runs in, relative to the repository root ("" or undefined at the top):
   * paths in fix commands are written from there, so a pasted command works where it is pasted.
   */
  cwdPrefix?: string;
  /** The command that accepts exactly these findings into the baseline, when it applies (check). */
  acceptCommand?: string;
  /** False outside git (`scan --no-git`), where nothing is committed and allowFiles paths differ. */
  allowFilesHint?: boolean;
  /** A line of the command's own (pre-push: how to rewrite commits), said before the closing summary. */
  advice?: string;
}

/** From this many findings on, the report ends with the verdict again and counts by rule. */
export const SUMMARY_FROM = 4;
/** Wider locations are not padded to: one long path must not push every line to the right. */
const MAX_WHERE_WIDTH = 40;
// Stands for the paths in a fix's untrack command; shellQuote leaves it as it is.
const PATH_SLOT = 'KEYGUARD_PATHS';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface FixGroup {
  template: string;
  paths: string[];
  rules: string[];
  count: number;
}

/**
 * The human report. One line per finding (where, what, rule id, the redacted value), sorted by
 * path as people count; a fix shared by several findings is said once after the list (a file
 * rule's `git rm --cached` names all their paths in one command); hints once; and, with many
 * findings, the verdict again at the end with counts by rule, where the eye lands after scrolling.
 * Every string from the repository or the user's settings goes through escapeText.
 */
export function formatText(findings: Finding[], opts: TextOptions): string {
  const paint = (code: string) => (s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const red = paint('1;31');
  const bold = paint('1');
  const dim = paint('2');
  const prefix = opts.cwdPrefix ?? '';

  // Findings from commits stay grouped by commit, in the order given (oldest first), each named once.
  const commitRank = new Map<string, number>();
  for (const f of findings) if (f.commit && !commitRank.has(f.commit.sha)) commitRank.set(f.commit.sha, commitRank.size);
  const rank = (f: Finding) => (f.commit ? commitRank.get(f.commit.sha)! : -1);
  const sorted = [...findings].sort(
    (a, b) => rank(a) - rank(b) || naturalCompare(a.path, b.path) || a.line - b.line || a.column - b.column || naturalCompare(a.rule, b.rule),
  );

  // A fix is keyed by its text with the path of its untrack command taken out, so
  // `git rm --cached a/.env` and `git rm --cached b/.env` are one command for two paths.
  const groups = new Map<string, FixGroup>();
  const groupOf = new Map<Finding, FixGroup>();
  for (const f of sorted) {
    const untrack = untrackCommand(f.path);
    // A custom rule's `{path}` names its file from where the user stands (one fix line per file).
    const template =
      f.fixTemplate !== undefined ? fixFromCwd(f, prefix) : f.kind === 'file' && f.fix.includes(untrack) ? f.fix.replace(untrack, () => untrackCommand(PATH_SLOT)) : f.fix;
    let g = groups.get(template);
    if (!g) groups.set(template, (g = { template, paths: [], rules: [], count: 0 }));
    g.count++;
    if (!g.paths.includes(f.path)) g.paths.push(f.path);
    if (!g.rules.includes(f.rule)) g.rules.push(f.rule);
    groupOf.set(f, g);
  }
  const fromCwd = (path: string) => shellPathFromCwd(prefix, path);
  const renderFix = (g: FixGroup) => escapeText(g.template.replace(PATH_SLOT, () => g.paths.map(fromCwd).join(' ')));

  const whereOf = (f: Finding) => (f.kind === 'file' ? displayPath(f.path) : `${displayPath(f.path)}:${f.line}:${f.column}`);
  const width = Math.min(MAX_WHERE_WIDTH, Math.max(0, ...sorted.map((f) => whereOf(f).length)));

  const out: string[] = [red(`keyguard: ${opts.verdict} — ${plural(findings.length, 'problem')} ${opts.where}`), ''];
  let lastCommit: string | undefined;
  for (const f of sorted) {
    if (f.commit && f.commit.sha !== lastCommit) {
      if (lastCommit !== undefined) out.push('');
      lastCommit = f.commit.sha;
      const by = f.commit.author ? ` by ${escapeText(f.commit.author)}` : '';
      const when = f.commit.date ? ` (${escapeText(f.commit.date)})` : '';
      out.push(`  commit ${escapeText(f.commit.sha.slice(0, 12))}${by}${when}`);
    }
    const what = `${escapeText(f.description)} [${escapeText(f.rule)}]`;
    const value = f.kind === 'content' ? `   ${escapeText(f.redacted)} (redacted)` : '';
    out.push(`  ${bold(whereOf(f).padEnd(width))}  ${what}${value}`);
    const g = groupOf.get(f)!;
    if (g.count === 1) out.push(dim(`      fix: ${renderFix(g)}`));
  }

  const shared = [...groups.values()].filter((g) => g.count > 1);
  const hints: string[] = [];
  for (const g of shared) hints.push(`fix for ${g.count} × ${g.rules.map(escapeText).join(', ')}: ${renderFix(g)}`);
  if (findings.some((f) => f.kind === 'content')) {
    hints.push('false positive? add `keyguard:allow` in a comment on the line (`keyguard:allow-next-line` on the line above)');
  }
  const files = [...new Set(sorted.filter((f) => f.kind === 'file').map((f) => f.path))];
  if (files.length > 0 && opts.allowFilesHint !== false) {
    // allowFiles entries are globs: a name holding glob characters is written escaped, matching only itself.
    const shown = files.slice(0, 5).map((p) => escapeText(JSON.stringify(p.replace(/[*?[\]{}()!+@\\]/g, '\\$&')))).join(', ') + (files.length > 5 ? ', …' : '');
    const why = sorted.some((f) => f.rule === 'env-file') ? 'a .env of defaults' : 'a test fixture';
    hints.push(`committed on purpose (${why})? allow ${files.length === 1 ? 'the file' : 'files'} by name, contents still scanned: "allowFiles": [${shown}] in .keyguardrc.json`);
  }
  if (opts.acceptCommand) hints.push(`accept ${findings.length === 1 ? 'it' : 'exactly these'} into the baseline (fingerprints, never the secret): ${opts.acceptCommand}`);
  if (hints.length) out.push('', ...hints.map((h) => dim(`  ${h}`)));
  if (opts.advice) out.push('', opts.advice);

  if (findings.length >= SUMMARY_FROM) {
    const byRule = new Map<string, number>();
    for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    const counts = [...byRule].sort((a, b) => b[1] - a[1] || naturalCompare(a[0], b[0])).map(([r, n]) => `${n} ${escapeText(r)}`);
    out.push('', red(`keyguard: ${opts.verdict} — ${plural(findings.length, 'problem')}: ${counts.join(', ')}`));
  }
  out.push('');
  return out.join('\n');
}
