import type { Finding } from '../detect/finding.js';

/** The stable JSON schema (README, "JSON output"). Never includes the secret itself. */
export function toJsonFinding(f: Finding) {
  return {
    path: f.path,
    line: f.line,
    column: f.column,
    rule: f.rule,
    description: f.description,
    kind: f.kind,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    fix: f.fix,
    ...(f.commit ? { commit: f.commit.sha, author: f.commit.author, date: f.commit.date } : {}),
  };
}

export function formatJson(findings: Finding[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, ...extra, findings: findings.map(toJsonFinding) }, null, 2) + '\n';
}
