import { EXIT_CLEAN, EXIT_ERROR, KeyguardError, isKeyguardError } from './errors.js';
import { skipNotice } from './skipHook.js';
import { escapeText } from './report/escape.js';

declare const __VERSION__: string;

/** Commands load on demand: a commit's `check` never loads the installer, SARIF or history code. */
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  check: () => import('./commands/check.js'),
  init: () => import('./commands/init.js'),
  uninstall: () => import('./commands/uninstall.js'),
  // Without a command: only the .gitignore part of init.
  '--fix-gitignore': () => import('./commands/fixGitignore.js'),
  scan: () => import('./commands/scan.js'),
  'pre-push': () => import('./commands/prePush.js'),
  'pre-receive': () => import('./commands/preReceive.js'),
  baseline: () => import('./commands/baseline.js'),
  fix: () => import('./commands/fix.js'),
  allow: () => import('./commands/allow.js'),
};

const HELP = `keyguard — keeps API keys and other secrets out of git

Usage:
  keyguard init [--fix-gitignore]   install the pre-commit and pre-push hooks in this repository
  keyguard uninstall                remove exactly what init added
  keyguard check [FILE...]          scan what is staged (what the hook runs)
  keyguard scan [--range A..B | --since REF | --history [--all]]
                                    scan the tree at HEAD, a commit range or all history (CI, audits)
  keyguard pre-push                 scan the commits a push sends (what the pre-push hook runs)
  keyguard pre-receive              a git server's gate: reject pushes that add a secret (init --server)
  keyguard baseline                 accept today's findings (.keyguard-baseline.json); new ones still block
  keyguard fix [FILE...] [--dry-run] [--env NAME]
                                    move blocked keys into .env and read them from the environment
  keyguard allow [-i]               accept exactly what blocked the commit (-i: one by one)
  keyguard --fix-gitignore          add the recommended secret patterns to .gitignore (no hook)

Options: --format text|json|sarif, --config FILE, --quiet, --help, --version
Exit codes: 0 nothing found, 1 secrets found, 2 usage, config or git error.
Run \`keyguard help COMMAND\` (or \`keyguard COMMAND --help\`) for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${__VERSION__}\n`);
    return 0;
  }
  // `keyguard help check` is `keyguard check --help`.
  if (first === 'help' && rest.length > 0) {
    const load = Object.hasOwn(commands, rest[0]) ? commands[rest[0]] : undefined;
    if (!load || rest[0].startsWith('-')) throw new KeyguardError(`help: unknown command "${rest[0]}" (run keyguard --help)`);
    return (await load()).run(['--help']);
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${HELP}\n`);
    return first === undefined ? EXIT_ERROR : 0;
  }
  const skipped = skipNotice(first, process.env.SKIP);
  if (skipped) {
    process.stderr.write(`${skipped}\n`);
    return EXIT_CLEAN;
  }
  // Own keys only: `keyguard toString` is an unknown command, not Object.prototype's.
  const load = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (!load) throw new KeyguardError(`unknown command "${first}" (run keyguard --help)`);
  return (await load()).run(rest);
}

// A reader that stops early (`keyguard scan | head`) closes the pipe: not a crash, and the exit
// code still says what was found. Any other write failure (a full disk under `> report.sarif`)
// leaves the report incomplete: an error (exit 2, one line), never a stack trace or a result code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return;
    if (stream === process.stdout) {
      process.stderr.write(`keyguard: error: could not write the report to standard output (${err.code ?? err.message})\n`);
    }
    process.exit(EXIT_ERROR);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    // An error can name a file or revision from the repository: escaped like every report line.
    // keyguard's own errors are one line by construction, so a line break in one is a file name's:
    // escaped with the rest, the whole message stays. Anything else is cut to its first line.
    process.stderr.write(`keyguard: error: ${escapeText(isKeyguardError(err) ? message : message.split('\n')[0])}\n`);
    if (process.env.KEYGUARD_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = isKeyguardError(err) ? err.exitCode : EXIT_ERROR;
  },
);
