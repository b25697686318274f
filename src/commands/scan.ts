import { resolveRepo } from '../git/resolveRepo.js';
import { loadConfig } from '../config/loadConfig.js';
import { createScanner } from '../detect/createScanner.js';
import { parseTarget, TARGET_OPTIONS, scanTarget } from '../sources/target.js';
import { baselinePath, loadBaseline } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';
import { writeReport } from '../report/writeReport.js';
import { EXIT_CLEAN, EXIT_FOUND, KeyguardError } from '../errors.js';
import { formatOption, parseOptions } from './parseOptions.js';

const HELP = `Usage: keyguard scan [--range A..B | --since REF | --history [--all]] [options]

Scans what is already committed, for CI and audits. Exits 1 when it finds a secret.
  (default)        the tracked tree at HEAD, every file whole
  --range A..B     every commit in A..B (reachable from B, not from A), oldest first
  --since REF      the same as --range REF..HEAD
  --history        every commit reachable from HEAD; with --all, from every ref
In history, each secret is reported once, at the commit that brought it in.

Options:
  --format text|json|sarif   report format (default text)
  --config FILE              settings file (default .keyguardrc.json, or "keyguard" in package.json)
  --baseline FILE            accepted findings (default .keyguard-baseline.json, when present)
  --quiet                    print nothing when nothing is found
  --help                     this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...TARGET_OPTIONS,
      format: { type: 'string' },
      config: { type: 'string' },
      baseline: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    'scan',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length > 0) {
    throw new KeyguardError(`scan: unexpected argument "${positionals[0]}" (use --range A..B or --since REF)`);
  }
  const format = formatOption(values.format, ['text', 'json', 'sarif'], 'scan');
  const target = parseTarget(values, 'scan');
  const repo = await resolveRepo(process.cwd());
  const config = loadConfig(repo.root, repo.cwd, values.config as string | undefined);
  const baseline = loadBaseline(baselinePath(repo.root, values.baseline as string | undefined, repo.cwd), repo.root, values.baseline !== undefined);
  const result = await scanTarget(repo, createScanner(config), target);
  const outcome = applyBaseline(result.findings, baseline);
  // Entries accepted from history (they name a commit) describe commits, not the tree: a tree scan
  // cannot tell whether they are stale.
  if (target.kind === 'tree') outcome.stale = outcome.stale.filter((e) => !e.commit);

  await writeReport(config, {
    format,
    quiet: Boolean(values.quiet),
    verdict: 'secrets found',
    where: `in ${result.summary}`,
    clean: `keyguard: no secrets in ${result.summary}`,
    warnings: result.warnings,
    baseline: outcome,
    reportStale: result.complete,
    extra: { scanned: { what: target.kind, summary: result.summary, ...(result.commits !== undefined ? { commits: result.commits, bytes: result.bytes } : {}) } },
  });
  return outcome.findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
}
