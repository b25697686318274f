import { parseReceiveLines, receivedCommits } from '../sources/receivedCommits.js';
import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { formatOption, parseOptions, REPORT_OPTIONS } from './parseOptions.js';
import { runScan } from './runScan.js';
import { PUSH_ADVICE, readStdin } from './pushGate.js';

const HELP = `Usage: keyguard pre-receive [options]  < ref lines from git

A git server's gate (a bare repository's hooks/pre-receive; \`keyguard init --server\` installs it).
Reads git's \`old new ref\` lines on standard input, scans every commit the push adds to the
repository (new branches, force pushes, tags) and exits 1, which makes git reject the whole push,
when one of them adds a secret. Any error exits 2 and rejects the push too.
Settings come from the server, never from what is pushed: .keyguardrc.json and
.keyguard-baseline.json in the repository's folder (the bare repository itself), or --config FILE.

Options:
  --format text|json|sarif   report format (default text)
  --config FILE              settings file
  --quiet                    print nothing when nothing is found
  --help                     this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...REPORT_OPTIONS,
    },
    'pre-receive',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length > 0) throw new KeyguardError(`pre-receive: unexpected argument "${positionals[0]}" (git passes the refs on standard input)`);
  const format = formatOption(values.format, ['text', 'json', 'sarif'], 'pre-receive');
  if (process.stdin.isTTY) throw new KeyguardError('pre-receive: reads the pushed refs from git on standard input; the pre-receive hook runs it');
  const refs = parseReceiveLines(await readStdin());
  return runScan(
    // Settings and baseline from the repository's folder on the server, never from pushed files.
    { format, quiet: Boolean(values.quiet), config: values.config, bare: true, verdict: 'push rejected', advice: PUSH_ADVICE },
    receivedCommits(refs),
  );
}
