import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { applyChanges, assertWritable } from '../install/applyChanges.js';
import { detectProject } from '../install/detectProject.js';
import { planUninstall } from '../install/planUninstall.js';
import { dependencyField } from '../install/editPackageJson.js';
import { printDryRun, say } from '../install/printPlan.js';
import { parseOptions } from './parseOptions.js';

const HELP = `Usage: keyguard uninstall [options]

Removes exactly what \`keyguard init\` added: the keyguard lines in .husky/pre-commit and
.husky/pre-push, keyguard's block in git's hooks, the keyguard task in the lint-staged config.
Everything else in those files stays. Dependencies stay too (remove them with your package manager).

Options:
  --gitignore   also remove keyguard's block from .gitignore
  --dry-run     print what would change, change nothing
  --help        this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { gitignore: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    'uninstall',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length) throw new KeyguardError(`uninstall: unexpected argument "${positionals[0]}" (run keyguard uninstall --help)`);
  const project = await detectProject(process.cwd());
  const { changes, report } = planUninstall(project, { gitignore: Boolean(values.gitignore) });
  if (values['dry-run']) {
    assertWritable(project.root, changes);
    printDryRun(project.root, changes);
    return EXIT_CLEAN;
  }
  applyChanges(project.root, changes);
  for (const line of report) say(line);
  say(report.length ? 'keyguard no longer runs in this repository\'s hooks' : 'nothing to remove: keyguard is not installed here');
  const field = project.packageJson && dependencyField(project.packageJson.data, 'keyguard');
  if (field) say(`the keyguard ${DEPENDENCY_KIND[field]} stays; remove it with your package manager (e.g. npm uninstall keyguard)`);
  return EXIT_CLEAN;
}

const DEPENDENCY_KIND = { devDependencies: 'devDependency', dependencies: 'dependency', optionalDependencies: 'optional dependency' };
