import { parseTarget, TARGET_OPTIONS, scanTarget } from '../sources/target.js';
import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { formatOption, parseOptions, REPORT_OPTIONS } from './parseOptions.js';
import { runScan } from './runScan.js';
import { formatGitlab } from '../report/formatGitlab.js';
import type { Finding } from '../detect/finding.js';
import { resolveRepo } from '../git/resolveRepo.js';
import { resolveCommit } from '../git/revisions.js';
import { loadConfig } from '../config/loadConfig.js';
import { createScanner } from '../detect/createScanner.js';

const HELP = `Usage: keyguard scan [--range A..B | --since REF | --history [--all]] [options]
       keyguard scan --no-git PATH... | -

Scans what is already committed, for CI and audits. Exits 1 when it finds a secret.
  (default)        the tracked tree at HEAD, every file whole
  --range A..B     every commit in A..B (reachable from B, not from A), oldest first
  --since REF      the same as --range REF..HEAD
  --history        every commit reachable from HEAD; with --all, from every ref
In history, each secret is reported once, at the commit that brought it in.

Outside git, with the same rules, formats, exit codes and allow mechanisms:
  --no-git PATH...  files and folders (a Docker build context, an unpacked release, logs); a
                    folder's .keyguardrc.json and .keyguardignore apply, .git folders are skipped,
                    symlinks inside folders are not followed
  -                 standard input (also: --no-git -)

Options:
  --format text|json|sarif|gitlab
                             report format (default text; gitlab: GitLab's secret detection report)
  --config FILE              settings file (default .keyguardrc.json, or "keyguard" in package.json)
  --baseline FILE            accepted findings (default .keyguard-baseline.json, when present)
  --quiet                    print nothing when nothing is found
  --help                     this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...TARGET_OPTIONS,
      ...REPORT_OPTIONS,
      baseline: { type: 'string' },
      'no-git': { type: 'boolean' },
    },
    'scan',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  const format = formatOption(values.format, ['text', 'json', 'sarif', 'gitlab'], 'scan');
  const common = {
    format,
    quiet: Boolean(values.quiet),
    config: values.config,
    baseline: values.baseline,
    verdict: 'secrets found',
    formats: { gitlab: (findings: Finding[]) => formatGitlab(findings, new Date(Date.now() - process.uptime() * 1000)) },
  };
  // Outside git: named files and folders, or standard input (`-`, also without --no-git).
  const stdinOnly = positionals.length === 1 && positionals[0] === '-';
  if (values['no-git'] || stdinOnly) {
    if (positionals.length === 0) throw new KeyguardError('scan: --no-git needs a PATH to scan (or - for standard input)');
    if (values.range !== undefined || values.since !== undefined || values.history || values.all) {
      throw new KeyguardError('scan: --no-git reads files, not commits: it takes no --range, --since or --history');
    }
    if (positionals.filter((p) => p === '-').length > 1) throw new KeyguardError('scan: standard input (-) can be read once');
    const { scanPaths } = await import('../sources/noGit.js');
    return runScan({ ...common, noGit: true }, (repo, scanner) =>
      scanPaths(repo.cwd, positionals, (root) => (root === repo.cwd ? scanner : createScanner(loadConfig(root, repo.cwd, values.config)))),
    );
  }
  if (positionals.length > 0) {
    throw new KeyguardError(`scan: unexpected argument "${positionals[0]}" (use --range A..B or --since REF; --no-git PATH to scan files outside git)`);
  }
  const target = parseTarget(values, 'scan');
  // A range is what CI scans for a pull request: its settings come from the base, not from the
  // commits being judged (config/rangeSettings.ts).
  let range: { base: string | null; tip: string } | undefined;
  if (target.kind === 'range') {
    const root = (await resolveRepo(process.cwd())).root;
    range = { base: (await resolveCommit(root, target.from))?.sha ?? null, tip: target.to };
  }
  return runScan(
    { ...common, range },
    (repo, scanner) => scanTarget(repo, scanner, target),
  );
}
