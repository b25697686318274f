import type { Finding } from '../detect/finding.js';
import { displayPath } from './displayPath.js';

export interface TextOptions {
  /** "commit blocked", "push blocked", "secrets found" */
  verdict: string;
  /** "in staged changes", "in commits to push", ... */
  where: string;
  color: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The human report: grouped by file, each problem with where, what, the redacted value and the fix. */
export function formatText(findings: Finding[], opts: TextOptions): string {
  const paint = (code: string) => (s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const red = paint('1;31');
  const bold = paint('1');
  const dim = paint('2');

  // Findings from commits stay grouped by commit, in the order given (oldest first), each named once.
  const commitRank = new Map<string, number>();
  for (const f of findings) if (f.commit && !commitRank.has(f.commit.sha)) commitRank.set(f.commit.sha, commitRank.size);
  const rank = (f: Finding) => (f.commit ? commitRank.get(f.commit.sha)! : -1);
  const sorted = [...findings].sort(
    (a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
  const out: string[] = [red(`keyguard: ${opts.verdict} — ${plural(findings.length, 'problem')} ${opts.where}`), ''];
  let lastCommit: string | undefined;
  for (const f of sorted) {
    if (f.commit && f.commit.sha !== lastCommit) {
      lastCommit = f.commit.sha;
      out.push(`  commit ${f.commit.sha.slice(0, 12)}${f.commit.author ? ` by ${f.commit.author}` : ''}${f.commit.date ? ` (${f.commit.date})` : ''}`);
    }
    const where = f.kind === 'file' ? displayPath(f.path) : `${displayPath(f.path)}:${f.line}:${f.column}`;
    const what = f.kind === 'file' ? f.description : `${f.description}   ${f.redacted}  (redacted)`;
    out.push(`  ${bold(where.padEnd(24))}  ${what}`);
    out.push(dim(`      fix: ${f.fix}`));
    if (f.kind === 'content') out.push(dim('      false positive? add `keyguard:allow` in a comment on that line'));
    out.push('');
  }
  return out.join('\n');
}
