import { resolveRepo, type Repo } from '../git/resolveRepo.js';
import { resolveGitDir } from '../git/resolveGitDir.js';
import { loadConfig } from '../config/loadConfig.js';
import type { Config } from '../config/types.js';
import { createScanner, type Scanner } from '../detect/createScanner.js';
import type { Source, SourceResult } from '../sources/source.js';
import { openLfsStore } from '../judge/lfsObject.js';
import { baselinePath, loadBaseline } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';
import { writeReport } from '../report/writeReport.js';
import { EXIT_CLEAN, EXIT_FOUND } from '../errors.js';
import type { Finding } from '../detect/finding.js';

export interface CommonValues {
  config?: string;
  baseline?: string;
  /** A repository without a work tree (a server's): settings and baseline come from its git folder. */
  bare?: boolean;
}

/** repo → settings → scanner → source: the part every command that scans shares. */
export async function gather(values: CommonValues, source: Source): Promise<{ repo: Repo; config: Config; result: SourceResult }> {
  const repo = values.bare ? await resolveGitDir(process.cwd()) : await resolveRepo(process.cwd());
  const config = loadConfig(repo.root, repo.cwd, values.config);
  const scanner = createScanner(config);
  scanner.lfs = openLfsStore(repo.root);
  const result = await source(repo, scanner);
  result.warnings.push(...scanner.lfs.warnings());
  return { repo, config, result };
}

export interface RunOptions extends CommonValues {
  format: string;
  quiet: boolean;
  /** "commit blocked", "push blocked", "secrets found". */
  verdict: string;
  /** Printed after the findings in text form; a function decides from the findings that block. */
  advice?: string | ((findings: Finding[]) => string | undefined);
}

/**
 * The one scan runner: check, scan and pre-push differ only in their source. Findings accepted
 * by the baseline do not block; the report (text, JSON or SARIF) and the exit code follow.
 */
export async function runScan(opts: RunOptions, source: Source): Promise<number> {
  const { repo, config, result } = await gather(opts, source);
  const baseline = loadBaseline(baselinePath(repo.root, opts.baseline, repo.cwd), repo.root, opts.baseline !== undefined);
  const outcome = applyBaseline(result.findings, baseline);
  if (result.complete === 'tree') outcome.stale = outcome.stale.filter((e) => !e.commit);
  await writeReport(config, {
    format: opts.format,
    quiet: opts.quiet,
    verdict: opts.verdict,
    where: `in ${result.summary}`,
    clean: `keyguard: no secrets in ${result.summary}`,
    warnings: result.warnings,
    baseline: outcome,
    reportStale: result.complete !== false,
    extra: { scanned: result.scanned },
    advice: typeof opts.advice === 'function' ? opts.advice(outcome.findings) : opts.advice,
  });
  return outcome.findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
}
