import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { applyChanges, assertWritable, isChange } from '../install/applyChanges.js';
import { findTrackedSecrets } from '../install/findTrackedSecrets.js';
import { gitIgnoresCase, planGitignore } from '../install/fixGitignore.js';
import { gitignoreLine, printDryRun, printTracked, say } from '../install/printPlan.js';
import { resolveRepo } from '../git/resolveRepo.js';
import { parseOptions } from './parseOptions.js';
import { cwdPrefix } from '../report/fromCwd.js';

const HELP = `Usage: keyguard --fix-gitignore [--dry-run]

Adds the recommended secret patterns that .gitignore does not already cover, in one marked block,
without installing any hook; then lists secret files git already tracks.

Options:
  --dry-run   print what would change, change nothing
  --help      this help`;

/** `keyguard --fix-gitignore` on its own: the .gitignore part of init, for repositories without the hook. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, '--fix-gitignore');
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length) throw new KeyguardError(`--fix-gitignore: unexpected argument "${positionals[0]}" (run keyguard --fix-gitignore --help)`);
  const repo = await resolveRepo(process.cwd());
  const ignoreCase = await gitIgnoresCase(repo.root);
  const plan = planGitignore(repo.root, ignoreCase);
  const tracked = await findTrackedSecrets(repo.root, ignoreCase);
  if (values['dry-run']) {
    assertWritable(repo.root, [plan.change]);
    printDryRun(repo.root, [plan.change]);
  } else {
    applyChanges(repo.root, [plan.change]);
    say(gitignoreLine(plan.patterns, isChange(plan.change)));
  }
  printTracked(tracked, cwdPrefix(repo.root, repo.cwd));
  return EXIT_CLEAN;
}
