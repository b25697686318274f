import { isChange, showPath, type FileChange } from './applyChanges.js';
import type { Project } from './detectProject.js';
import { packageJsonChange } from './editPackageJson.js';
import { planGitignoreRemoval } from './fixGitignore.js';
import { huskyHookLine, huskyLayout } from './huskyLayout.js';
import { planGitUnhook } from './installGitHook.js';
import { GIT_HOOKS } from './gitHookBlock.js';
import { planHuskyUnhook } from './installHusky.js';
import { join } from 'node:path';
import { findLintStagedConfig, planLintUnstaged } from './installLintStaged.js';
import { planGithubWorkflowRemoval, WORKFLOW_PATH } from './githubWorkflow.js';
import { planGitlabJobRemoval } from './gitlabJob.js';

/**
 * What `keyguard uninstall` takes out: exactly the lines, blocks and tasks init adds, wherever they
 * are (husky files, the git hooks folder, the lint-staged config), and keyguard's .gitignore block
 * when asked. Dependencies stay: removing them by hand would leave the lockfile out of step.
 */
export function planUninstall(project: Project, opts: { gitignore: boolean }): { changes: FileChange[]; report: string[] } {
  const { root } = project;
  const changes: FileChange[] = [];
  const report: string[] = [];
  const keep = (c: FileChange | null, what: string) => {
    if (c && isChange(c)) {
      changes.push(c);
      report.push(what);
    }
  };
  const layout = huskyLayout(root, project.packageRel);
  for (const hook of GIT_HOOKS) {
    const line = huskyHookLine(layout, hook);
    keep(planHuskyUnhook(layout.dir, hook, line), `removed \`${line}\` from ${showPath(root, join(layout.dir, hook))}`);
    keep(planGitUnhook(root, project.hooksDir, hook), `removed keyguard's block from the ${hook} hook`);
  }
  const pkg = project.packageJson;
  if (pkg) {
    const config = findLintStagedConfig(join(root, project.packageRel), pkg);
    if (config) {
      const ls = planLintUnstaged(config, pkg.data);
      keep(ls.change, 'removed the keyguard task from the lint-staged config');
      keep(packageJsonChange(pkg, ls.pkgData, 'remove the keyguard lint-staged task'), `removed the keyguard task from ${pkg.name} "lint-staged"`);
    }
  }
  keep(planGithubWorkflowRemoval(root), `removed ${WORKFLOW_PATH} (as init --ci github wrote it)`);
  for (const c of planGitlabJobRemoval(root)) keep(c, `${c.summary.replace(/^remove/, 'removed')}`);
  if (opts.gitignore) keep(planGitignoreRemoval(root), "removed keyguard's block from .gitignore");
  return { changes, report };
}
