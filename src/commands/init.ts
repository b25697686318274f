import { EXIT_CLEAN, KeyguardError } from '../errors.js';
import { applyChanges, assertWritable, isChange } from '../install/applyChanges.js';
import { detectProject } from '../install/detectProject.js';
import { cwdPrefix } from '../report/fromCwd.js';
import { findTrackedSecrets } from '../install/findTrackedSecrets.js';
import { installHint, planInit, type InitOptions } from '../install/planInit.js';
import { runInstall } from '../install/packageManager.js';
import { gitignoreLine, printDryRun, printTracked, say } from '../install/printPlan.js';
import { parseOptions } from './parseOptions.js';

const HELP = `Usage: keyguard init [options]

Installs keyguard's pre-commit and pre-push hooks in this repository:
  npm repositories      husky (.husky/pre-commit, .husky/pre-push), set up as \`husky init\` does
                        if needed, with husky and keyguard as devDependencies
  lint-staged           a keyguard task in the lint-staged config, when .husky/pre-commit runs it
  other repositories    a block in git's hooks folder (honours core.hooksPath), chained with any hook there
Running it again changes nothing; \`keyguard uninstall\` takes it out.

Options:
  --fix-gitignore    also add the recommended secret patterns to .gitignore
  --lint-staged      use lint-staged (adds its config and devDependency when missing)
  --no-lint-staged   put \`keyguard check\` in .husky/pre-commit even when lint-staged is set up
  --install          run the package manager's install afterwards (activates husky)
  --ci github        also write a GitHub Actions workflow that scans pushes and pull requests (SARIF)
  --ci gitlab        also write a GitLab CI job that scans merge requests (secret detection report)
  --global           every repository of yours: a global hooks folder (core.hooksPath in
                     ~/.gitconfig) that runs keyguard, then each repository's own .git/hooks
  --server           in a server's bare repository: install the pre-receive hook that rejects
                     pushes adding a secret (the only option that applies there)
  --dry-run          print what would change, change nothing
  --help             this help`;

/** init's options, in one place. */
const OPTIONS = {
  'fix-gitignore': { type: 'boolean' },
  'lint-staged': { type: 'boolean' },
  'no-lint-staged': { type: 'boolean' },
  install: { type: 'boolean' },
  ci: { type: 'string' },
  server: { type: 'boolean' },
  global: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'init');
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT_CLEAN;
  }
  if (positionals.length) throw new KeyguardError(`init: unexpected argument "${positionals[0]}" (run keyguard init --help)`);
  if (values['lint-staged'] && values['no-lint-staged']) throw new KeyguardError('init: --lint-staged and --no-lint-staged cannot be used together');
  if (values.ci !== undefined && values.ci !== 'github' && values.ci !== 'gitlab') {
    throw new KeyguardError(`init: --ci takes "github" or "gitlab" (got "${values.ci}")`);
  }
  if (values.global) {
    const others = Object.keys(values).filter((k) => !['global', 'dry-run'].includes(k));
    if (others.length) throw new KeyguardError(`init: --global cannot be used with --${others[0]}`);
    const { applyGlobalPlan, planGlobalInit } = await import('../install/installGlobal.js');
    const { hookValues, keyguardSource, runningKeyguard } = await import('../install/findKeyguard.js');
    const running = runningKeyguard();
    const global = await planGlobalInit(hookValues(running, keyguardSource(running)));
    await applyGlobalPlan(global, Boolean(values['dry-run']));
    return EXIT_CLEAN;
  }
  if (values.server) {
    const { carryOutServerPlan, planServerHook } = await import('../install/serverHook.js');
    const server = await planServerHook(process.cwd());
    const closing = server.changes.some(isChange) ? null : 'nothing to change: keyguard is already set up here';
    carryOutServerPlan(server, Boolean(values['dry-run']), closing);
    return EXIT_CLEAN;
  }
  const opts: InitOptions = {
    fixGitignore: Boolean(values['fix-gitignore']),
    lintStaged: values['lint-staged'] ? 'yes' : values['no-lint-staged'] ? 'no' : 'auto',
  };

  const project = await detectProject(process.cwd());
  const plan = planInit(project, opts);
  if (values.ci === 'gitlab') {
    const { planGitlabJob } = await import('../install/gitlabJob.js');
    const job = planGitlabJob(project.root);
    plan.changes.push(...job.changes);
    plan.report.push(...job.report);
  } else if (values.ci !== undefined) {
    const { planGithubWorkflow } = await import('../install/githubWorkflow.js');
    const workflow = planGithubWorkflow(project.root);
    if (workflow.change) plan.changes.push(workflow.change);
    plan.report.push(workflow.report);
  }
  const tracked = opts.fixGitignore ? await findTrackedSecrets(project.root, project.ignoreCase) : [];

  if (values['dry-run']) {
    assertWritable(project.root, plan.changes);
    printDryRun(project.root, plan.changes);
    if (plan.install) say(`then ${installHint(project.root, plan.install)}`);
    printTracked(tracked, cwdPrefix(project.root, project.cwd));
    return EXIT_CLEAN;
  }
  applyChanges(project.root, plan.changes);
  for (const line of plan.report) say(line);
  if (plan.gitignorePatterns) say(gitignoreLine(plan.gitignorePatterns, plan.changes.some((c) => c.path.endsWith('.gitignore') && isChange(c))));
  printTracked(tracked, cwdPrefix(project.root, project.cwd));
  if (plan.install && values.install) runInstall(plan.install.dir, plan.install.pm, plan.install.lifecycle);
  else if (plan.install) say(installHint(project.root, plan.install));
  if (!plan.changes.some(isChange)) say('nothing to change: keyguard is already set up here');
  return EXIT_CLEAN;
}

