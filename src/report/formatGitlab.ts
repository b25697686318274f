import { createHash } from 'node:crypto';
import type { Finding } from '../detect/finding.js';

declare const __VERSION__: string;

/**
 * GitLab's secret detection report (the `artifacts:reports:secret_detection` file GitLab shows in
 * merge requests and the vulnerability report), schema version 15. Carries the redacted value
 * only: `raw_source_code_extract` is what GitLab displays, so it gets the redacted form too.
 */
export const GITLAB_REPORT_VERSION = '15.0.7';

/** GitLab's timestamps: UTC, to the second, no zone suffix. */
function gitlabTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export function formatGitlab(findings: Finding[], started: Date, ended = new Date()): string {
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  const tool = { id: 'keyguard', name: 'keyguard', version, vendor: { name: 'keyguard' } };
  const vulnerabilities = findings.map((f) => {
    const line = Math.max(f.line, 1); // a finding about a whole file points at its first line
    const sha = f.commit?.sha ?? '0000000'; // GitLab's placeholder for "the tree, no commit"
    return {
      // Unique per occurrence; derived from the fingerprint, never from the secret.
      id: createHash('sha256').update(`${f.fingerprint}\0${f.path}\0${line}\0${sha}`).digest('hex'),
      name: f.description,
      description: `${f.description} in ${f.path}${f.line > 0 ? ` line ${f.line}` : ''}`,
      severity: 'Critical',
      solution: f.fix,
      raw_source_code_extract: f.redacted,
      location: {
        file: f.path,
        start_line: line,
        end_line: line,
        commit: { sha, ...(f.commit?.author ? { author: f.commit.author } : {}), ...(f.commit?.date ? { date: f.commit.date } : {}) },
      },
      identifiers: [{ type: 'keyguard_rule_id', name: `keyguard rule ${f.rule}`, value: f.rule }],
    };
  });
  return (
    JSON.stringify(
      {
        version: GITLAB_REPORT_VERSION,
        scan: { analyzer: tool, scanner: tool, type: 'secret_detection', start_time: gitlabTime(started), end_time: gitlabTime(ended), status: 'success' },
        vulnerabilities,
      },
      null,
      2,
    ) + '\n'
  );
}
