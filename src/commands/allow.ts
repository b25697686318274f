import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import { scanStaged } from '../sources/staged.js';
import type { Finding } from '../detect/finding.js';
import { EXIT_CLEAN, EXIT_FOUND, KeyguardError } from '../errors.js';
import { baselinePath, loadBaseline, addToBaseline } from '../baseline/baselineFile.js';
import { applyBaseline } from '../baseline/applyBaseline.js';
import { shellQuote } from '../shellQuote.js';
import { displayPath } from '../report/displayPath.js';
import { escapeText } from '../report/escape.js';
import { cwdPrefix, fixFromCwd } from '../report/fromCwd.js';
import { naturalCompare } from '../report/naturalCompare.js';
import { parseOptions } from './parseOptions.js';
import { gather } from './runScan.js';

const HELP = `Usage: keyguard allow [FILE...] [options]

Accepts exactly what blocks the commit now: runs the staged check and adds those findings to
.keyguard-baseline.json by fingerprint (a hash of rule and secret; the secret is never written),
keeping every entry already there. On a terminal it walks the findings one by one:
  a  accept this one        s  skip it (it still blocks)     f  show its fix
  A  accept all remaining   q  stop here (keeps what you accepted)
Commit the baseline file with your change so everyone shares it.

Options:
  --all, -a           accept every finding without asking
  --interactive, -i   ask for each finding, also when standard input is not a terminal
  --file FILE         the baseline (default .keyguard-baseline.json at the repository root)
  --config FILE       settings file
  --quiet             print only the questions
  --help              this help
Exit codes: 0 nothing blocks any more, 1 findings you skipped still block, 2 error.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      all: { type: 'boolean', short: 'a' },
      interactive: { type: 'boolean', short: 'i' },
      file: { type: 'string' },
      config: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    'allow',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (values.all && values.interactive) throw new KeyguardError('allow: choose one of --all and --interactive');
  // The same source as `keyguard check`: what blocks the commit is what is accepted.
  const { repo, result } = await gather({ config: values.config as string | undefined }, async (r, scanner) => {
    const findings = await scanStaged(r, scanner, positionals);
    return { findings, summary: 'staged changes', warnings: [], complete: false, scanned: {} };
  });
  const path = baselinePath(repo.root, values.file as string | undefined, repo.cwd);
  const shown = relative(repo.cwd, path) || path;
  const staged = result.findings;
  // What blocks now: what the check finds, less what the baseline already accepts.
  const { findings } = applyBaseline(staged, loadBaseline(path, repo.root));
  const say = (line: string) => {
    if (!values.quiet) process.stderr.write(`${line}\n`);
  };
  if (findings.length === 0) {
    say('keyguard: nothing to allow: no secrets block the staged changes');
    return EXIT_CLEAN;
  }
  const sorted = [...findings].sort((a, b) => naturalCompare(a.path, b.path) || a.line - b.line || a.column - b.column);
  const interactive = !values.all && (values.interactive || (process.stdin.isTTY && process.stderr.isTTY));
  const chosen = interactive ? await triage(sorted, cwdPrefix(repo.root, repo.cwd)) : sorted;

  const added = chosen.length > 0 ? addToBaseline(path, repo.root, chosen) : 0;
  const left = sorted.length - chosen.length;
  say(
    `keyguard: ${escapeText(shown)}: ${added} finding${added === 1 ? '' : 's'} accepted` +
      (left > 0 ? `, ${left} not accepted (still blocking)` : '') +
      (added > 0 ? `; commit it with your change: git add ${shellQuote(shown)}` : ''),
  );
  return left > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

const describe = (f: Finding) => {
  const where = f.kind === 'file' ? displayPath(f.path) : `${displayPath(f.path)}:${f.line}:${f.column}`;
  const value = f.kind === 'content' ? `   ${escapeText(f.redacted)} (redacted)` : '';
  return `${where}  ${escapeText(f.description)} [${escapeText(f.rule)}]${value}`;
};

/**
 * One question per finding, answered by a line (a terminal, or answers piped in). The end of the
 * input stops the walk like `q`: nothing unanswered is accepted. Each finding reads as in check's
 * report: its location from the repository's top, its fix command from where the user stands
 * (`prefix`), every repository string escaped.
 */
async function triage(findings: Finding[], prefix: string): Promise<Finding[]> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | null> => {
    process.stderr.write(prompt);
    const next = await lines.next();
    return next.done ? null : next.value.trim();
  };
  const accepted: Finding[] = [];
  try {
    walk: for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      process.stderr.write(`\n[${i + 1}/${findings.length}] ${describe(f)}\n`);
      for (;;) {
        const answer = await ask('accept into the baseline? [a]ccept, [s]kip, [f]ix, [A]ccept all remaining, [q]uit: ');
        if (answer === null || answer === 'q') break walk;
        if (answer === 'a' || answer === 'y') {
          accepted.push(f);
          break;
        }
        if (answer === 's' || answer === 'n' || answer === '') break;
        if (answer === 'A') {
          accepted.push(...findings.slice(i));
          break walk;
        }
        if (answer === 'f') process.stderr.write(`  fix: ${escapeText(fixFromCwd(f, prefix))}\n`);
        else process.stderr.write('  answer a, s, f, A or q\n');
      }
    }
  } finally {
    rl.close();
  }
  return accepted;
}
