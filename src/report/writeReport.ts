import type { Finding } from '../detect/finding.js';
import type { Config } from '../config/types.js';
import type { BaselineOutcome } from '../baseline/applyBaseline.js';
import { formatText } from './formatText.js';
import { formatJson } from './formatJson.js';
import { displayPath } from './displayPath.js';
import { useColor } from './color.js';
import { escapeText } from './escape.js';

export interface ReportOptions {
  format: string;
  quiet: boolean;
  /** "push blocked", "secrets found" */
  verdict: string;
  /** "in 3 commits to push" */
  where: string;
  /** The one line said when nothing is found: a pass is always stated, never silent. */
  clean: string;
  warnings: string[];
  baseline: BaselineOutcome;
  /** Report baseline entries that matched nothing (only when the whole repository was read). */
  reportStale: boolean;
  /** Extra top-level JSON fields (what was scanned). */
  extra: Record<string, unknown>;
  /** A line printed after the findings in text form. */
  advice?: string;
  /** The folder keyguard runs in, relative to the repository root: fix commands name paths from there. */
  cwdPrefix?: string;
  /** The command that accepts exactly these findings (check: `keyguard allow`). */
  acceptCommand?: string;
  /** Name `allowFiles` for secret files (not outside git). */
  allowFilesHint?: boolean;
  /** Formats only some commands offer (scan's `gitlab`), given by them so check's bundle stays without them. */
  formats?: Record<string, (findings: BaselineOutcome['findings']) => string>;
}

/** Prints findings in the chosen format (stdout) and everything else on stderr, for every scanning command. */
export async function writeReport(config: Config, opts: ReportOptions): Promise<void> {
  const { findings } = opts.baseline;
  // Warnings and stale entries name revisions, paths and rules from the repository: escaped.
  const notes = [...opts.warnings.map((w) => `keyguard: warning: ${escapeText(w)}`)];
  if (opts.baseline.accepted > 0 && !opts.quiet) notes.push(`keyguard: ${opts.baseline.accepted} accepted by the baseline`);
  if (opts.reportStale && opts.baseline.stale.length > 0) {
    const shown = opts.baseline.stale.slice(0, 5).map((e) => `${displayPath(e.path)} (${escapeText(e.rule)})`).join(', ');
    const more = opts.baseline.stale.length > 5 ? `, and ${opts.baseline.stale.length - 5} more` : '';
    notes.push(`keyguard: ${opts.baseline.stale.length} baseline entr${opts.baseline.stale.length === 1 ? 'y matches' : 'ies match'} nothing any more (stale): ${shown}${more}; run keyguard baseline to refresh`);
  }

  const own = opts.formats?.[opts.format];
  if (own) {
    process.stdout.write(own(findings));
  } else if (opts.format === 'sarif') {
    const { formatSarif, sarifRules } = await import('./formatSarif.js');
    process.stdout.write(formatSarif(findings, sarifRules(config)));
  } else if (opts.format === 'json') {
    process.stdout.write(
      formatJson(findings, {
        ...opts.extra,
        warnings: opts.warnings,
        baseline: { accepted: opts.baseline.accepted, stale: opts.reportStale ? opts.baseline.stale : [] },
      }),
    );
  } else if (findings.length > 0) {
    process.stdout.write(
      formatText(findings, {
        verdict: opts.verdict,
        where: opts.where,
        color: useColor(process.stdout),
        cwdPrefix: opts.cwdPrefix,
        acceptCommand: opts.acceptCommand,
        allowFilesHint: opts.allowFilesHint,
        advice: opts.advice,
      }) + '\n',
    );
  } else if (!opts.quiet) {
    notes.push(opts.clean);
  }
  if (notes.length) process.stderr.write(notes.join('\n') + '\n');
}
