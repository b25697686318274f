import { parseTarget, TARGET_OPTIONS, scanTarget } from '../sources/target.js';
import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { formatOption, parseOptions } from './parseOptions.js';
import { runScan } from './runScan.js';
import { resolveRepo } from '../git/resolveRepo.js';
import { resolveCommit } from '../git/revisions.js';

const HELP = `Usage: keyguard scan [--range A..B | --since REF | --history [--all]] [options]

Scans what is already committed, for CI and audits. Exits 1 when it finds a secret.
  (default)        the tracked tree at HEAD, every file whole
  --range A..B     every commit in A..B (reachable from B, not from A), oldest first
  --since REF      the same as --range REF..HEAD
  --history        every commit reachable from HEAD; with --all, from every ref
In history, each secret is reported once, at the commit that brought it in.

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
  const format = formatOption(values.format, ['text', 'json', 'sarif', 'gitlab'], 'scan');
  const target = parseTarget(values, 'scan');
  // A range is what CI scans for a pull request: its settings come from the base, not from the
  // commits being judged (config/rangeSettings.ts).
  let range: { base: string | null; tip: string } | undefined;
  if (target.kind === 'range') {
    const root = (await resolveRepo(process.cwd())).root;
    range = { base: (await resolveCommit(root, target.from))?.sha ?? null, tip: target.to };
  }
  return runScan(
    { format, quiet: Boolean(values.quiet), config: values.config, baseline: values.baseline, range, verdict: 'secrets found' },
    (repo, scanner) => scanTarget(repo, scanner, target),
  );
}
