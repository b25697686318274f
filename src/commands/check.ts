import { resolveRepo } from '../git/resolveRepo.js';
import { loadConfig } from '../config/loadConfig.js';
import { createScanner } from '../detect/createScanner.js';
import { scanStaged } from '../sources/staged.js';
import { formatText } from '../report/formatText.js';
import { formatJson } from '../report/formatJson.js';
import type { Finding } from '../detect/finding.js';
import { EXIT_CLEAN, EXIT_FOUND } from '../errors.js';
import { listIgnored } from '../git/listIgnored.js';
import { untrackCommand } from '../shellQuote.js';
import { formatOption, parseOptions } from './parseOptions.js';
import { useColor } from '../report/color.js';
import { baselinePath, loadBaseline } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';

const HELP = `Usage: keyguard check [FILE...] [options]

Scans what is staged for commit (the index, not the working tree) and exits 1 when it holds a
secret file or a key. With FILE arguments, scans only those files as staged (for lint-staged).

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
      format: { type: 'string' },
      config: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    'check',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  const format = formatOption(values.format, ['text', 'json', 'sarif'], 'check');
  const repo = await resolveRepo(process.cwd());
  const config = loadConfig(repo.root, repo.cwd, values.config as string | undefined);
  const scanner = createScanner(config);
  const staged = await scanStaged(repo, scanner, positionals);
  await tailorFileFixes(repo.root, staged);
  // Findings accepted with `keyguard baseline` do not block (stale entries are scan's to report).
  const { findings } = applyBaseline(staged, loadBaseline(baselinePath(repo.root), repo.root));

  if (format === 'sarif') {
    const { formatSarif, sarifRules } = await import('../report/formatSarif.js');
    process.stdout.write(formatSarif(findings, sarifRules(config)));
  } else if (format === 'json') {
    process.stdout.write(formatJson(findings));
  } else if (findings.length > 0) {
    process.stdout.write(
      formatText(findings, { verdict: 'commit blocked', where: 'in staged changes', color: useColor(process.stdout) }) + '\n',
    );
  } else if (!values.quiet) {
    process.stderr.write('keyguard: no secrets in staged changes\n');
  }
  return findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
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
