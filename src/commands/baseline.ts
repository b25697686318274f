import { relative } from 'node:path';
import { parseTarget, TARGET_OPTIONS, scanTarget } from '../sources/target.js';
import { baselinePath, loadBaseline, writeBaseline, type Baseline } from '../baseline/baselineFile.js';
import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { parseOptions } from './parseOptions.js';
import { gather } from './runScan.js';
import { escapeText } from '../report/escape.js';

const HELP = `Usage: keyguard baseline [--range A..B | --since REF | --history [--all]] [options]

Accepts what keyguard finds today: writes the findings' fingerprints (hashes of rule and secret,
never the secret) with path and rule to .keyguard-baseline.json. check, scan and pre-push then
skip those findings; anything new still blocks. Reads the tree at HEAD by default, or history
like keyguard scan. Rewrites the file: entries that no longer match are dropped.
Commit the file so everyone shares it.

Options:
  --file FILE      where to write (default .keyguard-baseline.json at the repository root)
  --config FILE    settings file
  --quiet          print nothing
  --help           this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...TARGET_OPTIONS,
      file: { type: 'string' },
      config: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    'baseline',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length > 0) {
    throw new KeyguardError(`baseline: unexpected argument "${positionals[0]}"`);
  }
  const target = parseTarget(values, 'baseline');
  let path = '';
  let loaded: Baseline | null = null;
  const { repo, result } = await gather({ config: values.config }, (repo, scanner) => {
    path = baselinePath(repo.root, values.file, repo.cwd);
    loaded = loadBaseline(path, repo.root); // a broken existing file is reported, not silently replaced
    return scanTarget(repo, scanner, target);
  });
  const before = loaded as Baseline | null;
  for (const w of result.warnings) process.stderr.write(`keyguard: warning: ${escapeText(w)}\n`);
  const count = writeBaseline(path, result.findings);
  if (!values.quiet) {
    const old = new Set(before?.entries.map((e) => e.fingerprint) ?? []);
    const added = new Set(result.findings.filter((f) => !old.has(f.fingerprint)).map((f) => f.fingerprint)).size;
    const kept = count - added;
    const dropped = (before?.entries.length ?? 0) - kept;
    // The summary can name a path or revision the user gave: escaped like every report line.
    process.stderr.write(
      `keyguard: ${escapeText(`${relative(repo.cwd, path) || path}: ${count} finding${count === 1 ? '' : 's'} accepted from ${result.summary}`)}` +
        (before ? ` (${added} new, ${Math.max(0, dropped)} dropped)` : '') + '\n',
    );
  }
  return EXIT_CLEAN;
}
