import { resolveRepo, type Repo } from '../git/resolveRepo.js';
import { resolveGitDir } from '../git/resolveGitDir.js';
import { loadConfig } from '../config/loadConfig.js';
import type { Config } from '../config/types.js';
import { createScanner, type Scanner } from '../detect/createScanner.js';
import type { Source, SourceResult } from '../sources/source.js';
import { openLfsStore } from '../judge/lfsObject.js';
import { baselinePath, loadBaseline, parseBaseline, type Baseline } from '../baseline/baselineFile.js';
import { revisionReader, settingsChanges, type SettingsReader } from '../config/rangeSettings.js';
import { BASELINE_LIMIT } from '../config/readUserFile.js';
import { resolveCommit } from '../git/revisions.js';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { applyBaseline } from '../baseline/applyBaseline.js';
import { writeReport } from '../report/writeReport.js';
import { cwdPrefix } from '../report/fromCwd.js';
import { EXIT_CLEAN, EXIT_FOUND, KeyguardError } from '../errors.js';
import type { Finding } from '../detect/finding.js';

export interface CommonValues {
  config?: string;
  baseline?: string;
  /** A repository without a work tree (a server's): settings and baseline come from its git folder. */
  bare?: boolean;
  /**
   * A range scan: settings, ignore file and baseline come from `base` (null: not in this clone,
   * so none are read), and what the range changes in them is reported (config/rangeSettings.ts).
   */
  range?: { base: string | null; tip: string };
  /** Outside git (`scan --no-git`): the current folder stands for the repository's top. */
  noGit?: boolean;
}

/** A repository file named on the command line, repository-relative when it lies inside. */
function inRepo(root: string, cwd: string, given: string | undefined): string | null {
  if (given === undefined) return null;
  const rel = relative(root, resolve(cwd, given));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : null;
}

const NOTHING: SettingsReader = { where: 'no settings', read: () => null };

/** repo → settings → scanner → source: the part every command that scans shares. */
export async function gather(values: CommonValues, source: Source): Promise<{ repo: Repo; config: Config; result: SourceResult; at?: SettingsReader }> {
  const cwd = process.cwd();
  // Outside git (`scan --no-git`) the current folder stands for the repository's top.
  const repo: Repo = values.noGit ? { root: cwd, cwd, head: null, emptyTree: '' } : values.bare ? await resolveGitDir(cwd) : await resolveRepo(cwd);
  let at: SettingsReader | undefined;
  if (values.range) {
    const extra = [inRepo(repo.root, repo.cwd, values.config), inRepo(repo.root, repo.cwd, values.baseline)].filter((p): p is string => p !== null);
    at = values.range.base ? await revisionReader(repo.root, values.range.base, extra) : NOTHING;
  }
  source.prepare?.(repo);
  const config = loadConfig(repo.root, repo.cwd, values.config, at);
  const scanner = createScanner(config);
  scanner.lfs = openLfsStore(repo.root);
  const result = await source(repo, scanner);
  result.warnings.push(...scanner.lfs.warnings());
  if (values.range) {
    if (values.range.base) {
      const tip = await resolveCommit(repo.root, values.range.tip);
      const extra = [inRepo(repo.root, repo.cwd, values.config), inRepo(repo.root, repo.cwd, values.baseline)].filter((p): p is string => p !== null);
      if (tip) result.findings.push(...(await settingsChanges(repo.root, values.range.base, tip, extra)));
    } else {
      result.warnings.push("the range's base is not in this clone, so its settings, ignore file and baseline were not read (a range's own are never trusted): built-in rules only");
    }
  }
  return { repo, config, result, at };
}

/** The baseline: from the file, or in a range scan from the base (a file outside the repository stays the user's). */
function readBaseline(repo: Repo, given: string | undefined, at: SettingsReader | undefined): Baseline | null {
  const path = baselinePath(repo.root, given, repo.cwd);
  const rel = inRepo(repo.root, repo.root, path);
  if (!at || rel === null) return loadBaseline(path, repo.root, given !== undefined);
  const text = at.read(rel, rel, BASELINE_LIMIT);
  if (text === null) {
    if (given !== undefined) throw new KeyguardError(`${rel}: not in ${at.where}, where a range scan reads its baseline`);
    return null;
  }
  return parseBaseline(text, `${rel} (${at.where})`);
}

export interface RunOptions extends CommonValues {
  format: string;
  quiet: boolean;
  /** "commit blocked", "push blocked", "secrets found". */
  verdict: string;
  /** Printed after the findings in text form; a function decides from the findings that block. */
  advice?: string | ((findings: Finding[]) => string | undefined);
  /** The command that accepts exactly these findings into the baseline, named in the text report. */
  acceptCommand?: string;
  /** Report formats of this command alone (see writeReport). */
  formats?: Record<string, (findings: Finding[]) => string>;
}

/**
 * The one scan runner: check, scan and pre-push differ only in their source. Findings accepted
 * by the baseline do not block; the report (text, JSON or SARIF) and the exit code follow.
 */
export async function runScan(opts: RunOptions, source: Source): Promise<number> {
  const { repo, config, result, at } = await gather(opts, source);
  const baseline = readBaseline(repo, opts.baseline, at);
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
    cwdPrefix: cwdPrefix(repo.root, repo.cwd),
    acceptCommand: opts.acceptCommand,
    allowFilesHint: !opts.noGit,
    formats: opts.formats,
  });
  return outcome.findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
}
