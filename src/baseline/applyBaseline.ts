import type { Finding } from '../detect/finding.js';
import { fingerprint } from '../detect/fingerprint.js';
import type { Baseline, BaselineEntry } from './baselineFile.js';

export interface BaselineOutcome {
  /** Findings the baseline does not cover: these block. */
  findings: Finding[];
  /** How many findings the baseline accepted. */
  accepted: number;
  /** Entries that matched no finding (the secret is gone, or was never in what was scanned). */
  stale: BaselineEntry[];
}

/** Drops accepted findings by fingerprint; line numbers play no part, so edits do not break it. */
export function applyBaseline(findings: Finding[], baseline: Baseline | null): BaselineOutcome {
  if (!baseline) return { findings, accepted: 0, stale: [] };
  const accepted = new Set(baseline.entries.map((e) => e.fingerprint));
  const matched = new Set<string>();
  const kept: Finding[] = [];
  for (const f of findings) {
    // A format-1 baseline holds the first fingerprint (SHA-256) of every value: it still applies
    // until `keyguard baseline` rewrites it.
    const legacy = baseline.version === 1 && f.kind === 'content' ? fingerprint(f.rule, f.secret) : null;
    if (accepted.has(f.fingerprint)) matched.add(f.fingerprint);
    else if (legacy !== null && accepted.has(legacy)) matched.add(legacy);
    else kept.push(f);
  }
  return {
    findings: kept,
    accepted: findings.length - kept.length,
    stale: baseline.entries.filter((e) => !matched.has(e.fingerprint)),
  };
}
