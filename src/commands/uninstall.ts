import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { applyChanges, assertWritable } from '../install/applyChanges.js';
import { detectProject } from '../install/detectProject.js';
import { planUninstall } from '../install/planUninstall.js';
import { rmdirSync } from 'node:fs';
import { showPath } from '../install/applyChanges.js';
import { runGit } from '../git/runGit.js';
import { printDryRun, say } from '../install/printPlan.js';
import { parseOptions } from './parseOptions.js';

const HELP = `Usage: keyguard uninstall [options]

Removes exactly what \`keyguard init\` added: the keyguard lines in .husky/pre-commit,
pre-merge-commit and pre-push (or husky 4's package.json hooks), keyguard's block in git's hooks,
the keyguard task in the lint-staged config. Everything else in those files stays. When husky then
runs nothing else, its set-up goes too: the "prepare" script's husky, .husky/_, an empty .husky and
core.hooksPath. Dependencies stay (uninstall prints your package manager's command to remove them).

Options:
  --gitignore   also remove keyguard's block from .gitignore
  --server      in a server's bare repository: remove keyguard's block from the pre-receive hook
  --global      take out what \`keyguard init --global\` set up (the global hooks folder and core.hooksPath)
  --dry-run     print what would change, change nothing
  --help        this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { gitignore: { type: 'boolean' }, server: { type: 'boolean' }, global: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    'uninstall',
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length) throw new KeyguardError(`uninstall: unexpected argument "${positionals[0]}" (run keyguard uninstall --help)`);
  if (values.global) {
    if (values.gitignore || values.server) throw new KeyguardError(`uninstall: --global cannot be used with --${values.gitignore ? 'gitignore' : 'server'}`);
    const { applyGlobalPlan, planGlobalUninstall } = await import('../install/installGlobal.js');
    await applyGlobalPlan(await planGlobalUninstall(), Boolean(values['dry-run']));
    return EXIT_CLEAN;
  }
  if (values.server) {
    const { carryOutServerPlan, planServerUnhook } = await import('../install/serverHook.js');
    const server = await planServerUnhook(process.cwd());
    carryOutServerPlan(server, Boolean(values['dry-run']), server.report.length ? 'keyguard no longer checks pushes to this repository' : 'nothing to remove: keyguard is not installed here');
    return EXIT_CLEAN;
  }
  const project = await detectProject(process.cwd());
  const plan = planUninstall(project, { gitignore: Boolean(values.gitignore) });
  if (values['dry-run']) {
    assertWritable(project.root, plan.changes);
    printDryRun(project.root, plan.changes);
    for (const dir of plan.emptyDirs) say(`would remove the folder ${showPath(project.root, dir)}`);
    if (plan.unsetHooksPath) say('would unset core.hooksPath');
    return EXIT_CLEAN;
  }
  applyChanges(project.root, plan.changes);
  // husky's folders go once their files have (only when empty: anything else in them stays).
  for (const dir of plan.emptyDirs) {
    try {
      rmdirSync(dir);
    } catch {
      say(`${showPath(project.root, dir)} is not empty, so it stays`);
    }
  }
  if (plan.unsetHooksPath) await runGit(['config', '--unset', 'core.hooksPath'], project.root, [0, 5]);
  for (const line of plan.report) say(line);
  say(plan.report.length ? 'keyguard no longer runs in this repository\'s hooks' : 'nothing to remove: keyguard is not installed here');
  for (const line of plan.notes) say(line);
  return EXIT_CLEAN;
}
