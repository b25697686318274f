import { scanStaged } from '../sources/staged.js';
import type { Finding } from '../detect/finding.js';
import { EXIT_CLEAN } from '../errors.js';
import { listIgnored } from '../git/listIgnored.js';
import { shellQuote, untrackCommand } from '../shellQuote.js';
import { displayPath } from '../report/displayPath.js';
import { formatOption, parseOptions, REPORT_OPTIONS } from './parseOptions.js';
import { runScan } from './runScan.js';
import type { Change } from '../git/change.js';
import type { Repo } from '../git/resolveRepo.js';
import type { Scanner } from '../detect/createScanner.js';
import { getStagedChanges } from '../git/getStagedChanges.js';
import { offerFix } from '../fix/offerFix.js';
import { liveKeyWarnings } from '../fix/liveKeys.js';
import { envDriftWarnings } from '../fix/envDrift.js';

const HELP = `Usage: keyguard check [PATH...] [options]

Scans what is staged for commit (the index, not the working tree) and exits 1 when it holds a
secret file or a key. With PATH arguments, scans only those files as staged (for lint-staged); a
folder means what is staged under it, and a name neither staged nor on disk is an error.

Options:
  --format text|json|sarif   report format (default text)
  --config FILE              settings file (default .keyguardrc.json, or "keyguard" in package.json)
  --quiet                    print nothing when nothing is found
  --help                     this help
Findings listed in .keyguard-baseline.json (see keyguard baseline) do not block.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...REPORT_OPTIONS,
    },
    'check',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  const format = formatOption(values.format, ['text', 'json', 'sarif'], 'check');
  const acceptCommand = ['keyguard allow', ...positionals.map(shellQuote)].join(' ');
  const opts = { format, quiet: Boolean(values.quiet), config: values.config, verdict: 'commit blocked', advice: offerFix, acceptCommand };
  // What is staged is asked for as soon as the repository is known: git lists it while the
  // settings are read and the rules prepared (a few ms of every commit).
  let staged: Promise<Change[]> | undefined;
  const source = async (repo: Repo, scanner: Scanner) => {
    const changes: Change[] = [];
    const findings = await scanStaged(repo, scanner, positionals, (c) => changes.push(...c), staged);
    await tailorFileFixes(repo.root, findings);
    // Named files may be staged or only on disk: not "staged changes".
    const summary = positionals.length === 0 ? 'staged changes' : positionals.length === 1 ? displayPath(positionals[0]) : `${positionals.length} named files`;
    // Said, never blocking: a live key where a test key belongs, a template out of step with .env.example.
    const warnings = [...liveKeyWarnings(findings), ...(await envDriftWarnings(repo.root, changes))];
    return { findings, summary, warnings, complete: false as const, scanned: { what: 'index', summary } };
  };
  const prepare = (repo: Repo) => {
    staged = getStagedChanges(repo);
    // A failure is reported where the changes are read; settings that fail first leave it unread.
    staged.catch(() => {});
  };
  return runScan(opts, Object.assign(source, { prepare }));
}

/** A secret file that .gitignore already covers only needs unstaging: say so instead of the general fix. */
async function tailorFileFixes(root: string, findings: Finding[]): Promise<void> {
  const files = findings.filter((f) => f.kind === 'file');
  if (files.length === 0) return;
  const ignored = await listIgnored(root, files.map((f) => f.path));
  for (const f of files) {
    if (ignored.has(f.path)) f.fix = `${untrackCommand(f.path)}   (already ignored by .gitignore)`;
  }
}
