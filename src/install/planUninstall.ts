import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isChange, showPath, type FileChange } from './applyChanges.js';
import type { Project } from './detectProject.js';
import { dependencyField, packageJsonChange } from './editPackageJson.js';
import { planGitignoreRemoval } from './fixGitignore.js';
import { GIT_HOOKS } from './gitHookBlock.js';
import { planGithubWorkflowRemoval, WORKFLOW_PATH } from './githubWorkflow.js';
import { planGitlabJobRemoval } from './gitlabJob.js';
import { huskyActiveFor, huskyHookLine, huskyPrepare, projectHuskyLayout, type HuskyLayout } from './huskyLayout.js';
import { planGitUnhook } from './installGitHook.js';
import { planHuskyUnhook, readIfExists } from './installHusky.js';
import { removeHuskyV4Hooks } from './installHuskyV4.js';
import { findLintStagedConfig, planLintUnstaged } from './installLintStaged.js';
import { isObject } from './jsonFile.js';
import { detectPackageManager, removeCommand } from './packageManager.js';

export interface UninstallPlan {
  changes: FileChange[];
  report: string[];
  /** Folders to remove once empty (husky's `_` and `.husky` when init brought husky in), deepest first. */
  emptyDirs: string[];
  /** `git config --unset core.hooksPath` when it pointed at a husky that now runs nothing. */
  unsetHooksPath: boolean;
  /** What stays, and the command that removes it (dependencies: the package manager keeps the lockfile in step). */
  notes: string[];
}

const DEPENDENCY_KIND = { devDependencies: 'devDependency', dependencies: 'dependency', optionalDependencies: 'optional dependency' };

/** The prepare (or postinstall) script with init's `husky` taken out; null when init's part is not there. */
function withoutHusky(script: string, ours: string): string | null {
  if (script.trim() === ours) return '';
  const tail = ` && ${ours}`;
  return script.endsWith(tail) ? script.slice(0, -tail.length) : null;
}

/**
 * When husky runs nothing but keyguard once keyguard's lines are out (init brought it in, or it has
 * no other hook), its set-up goes too: the script that activates it, its generated `_` folder, an
 * empty `.husky` and core.hooksPath. The husky devDependency stays (removing it by hand would leave
 * the lockfile out of step): the report names the command that removes it.
 */
function planHuskyRemoval(project: Project, layout: HuskyLayout, data: Record<string, unknown>, plan: UninstallPlan, removed: Set<string>): Record<string, unknown> {
  if (!existsSync(layout.dir)) return data;
  const others = readdirSync(layout.dir).filter((name) => name !== '_' && !removed.has(join(layout.dir, name)));
  if (others.length) return data;
  const generated = join(layout.dir, '_');
  if (existsSync(generated) && lstatSync(generated).isDirectory()) {
    for (const name of readdirSync(generated)) {
      const path = join(generated, name);
      if (!lstatSync(path).isFile()) return data; // not husky's flat folder: leave it all
      plan.changes.push({ path, before: readIfExists(path), after: null, summary: "remove husky's generated hook" });
    }
    plan.emptyDirs.push(generated);
  }
  plan.emptyDirs.push(layout.dir);
  plan.report.push(`removed ${showPath(project.root, layout.dir)} (husky ran nothing but keyguard)`);
  if (huskyActiveFor(layout, project.hooksPath)) {
    plan.unsetHooksPath = true;
    plan.report.push(`unset core.hooksPath (${project.hooksPath}), so git runs .git/hooks again`);
  }
  const scripts = isObject(data.scripts) ? data.scripts : {};
  const script = scripts[layout.lifecycle];
  const rest = typeof script === 'string' ? withoutHusky(script, huskyPrepare(layout)) : null;
  if (rest === null) return data;
  const nextScripts = { ...scripts };
  if (rest) nextScripts[layout.lifecycle] = rest;
  else delete nextScripts[layout.lifecycle];
  plan.report.push(rest ? `removed \`${huskyPrepare(layout)}\` from the "${layout.lifecycle}" script` : `removed the "${layout.lifecycle}" script (\`${huskyPrepare(layout)}\`)`);
  const next: Record<string, unknown> = { ...data, scripts: nextScripts };
  if (Object.keys(nextScripts).length === 0) delete next.scripts;
  return next;
}

/**
 * What `keyguard uninstall` takes out: exactly the lines, blocks and tasks init adds, wherever they
 * are (husky files, husky 4's package.json hooks, the git hooks folder, the lint-staged config),
 * husky's set-up when it served keyguard alone, and keyguard's .gitignore block when asked.
 */
export function planUninstall(project: Project, opts: { gitignore: boolean }): UninstallPlan {
  const { root } = project;
  const plan: UninstallPlan = { changes: [], report: [], emptyDirs: [], unsetHooksPath: false, notes: [] };
  const keep = (c: FileChange | null, what: string) => {
    if (c && isChange(c)) {
      plan.changes.push(c);
      plan.report.push(what);
    }
  };
  const pkg = project.packageJson;
  const layout = projectHuskyLayout(project, pkg?.data ?? {});
  const removed = new Set<string>();
  for (const hook of GIT_HOOKS) {
    // Both forms: a repository may have moved to or from Plug'n'Play since init.
    for (const runner of new Set([layout.runner, '', 'yarn ', 'node_modules/.bin/'])) {
      const line = huskyHookLine({ ...layout, runner }, hook);
      const c = planHuskyUnhook(layout.dir, hook, line);
      if (c && c.after === null) removed.add(c.path);
      keep(c, `removed \`${line}\` from ${showPath(root, join(layout.dir, hook))}`);
    }
    keep(planGitUnhook(root, project.hooksDir, hook), `removed keyguard's block from the ${hook} hook`);
  }
  if (pkg) {
    let data = pkg.data;
    const v4 = removeHuskyV4Hooks(data);
    data = v4.data;
    if (v4.removed.length) plan.report.push(`removed keyguard from husky's hooks in ${pkg.name} (${v4.removed.join(', ')})`);
    const config = findLintStagedConfig(join(root, project.packageRel), pkg);
    if (config) {
      const ls = planLintUnstaged(config, data);
      keep(ls.change, 'removed the keyguard task from the lint-staged config');
      if (ls.pkgData !== data) plan.report.push(`removed the keyguard task from ${pkg.name} "lint-staged"`);
      data = ls.pkgData;
    }
    if (removed.size) data = planHuskyRemoval(project, layout, data, plan, removed);
    const change = packageJsonChange(pkg, data, "remove keyguard's set-up");
    if (change) plan.changes.push(change);
    const pm = detectPackageManager(join(root, project.packageRel), pkg.data);
    const deps = ['keyguard', ...(plan.emptyDirs.length ? ['husky'] : [])].filter((d) => dependencyField(data, d) !== null);
    const kinds = deps.map((d) => `the ${d} ${DEPENDENCY_KIND[dependencyField(data, d)!]}`);
    if (deps.length) plan.notes.push(`${kinds.join(' and ')} stay${deps.length === 1 ? 's' : ''}; remove ${deps.length === 1 ? 'it' : 'them'} with \`${removeCommand(pm, deps)}\``);
  }
  keep(planGithubWorkflowRemoval(root), `removed ${WORKFLOW_PATH} (as init --ci github wrote it)`);
  for (const c of planGitlabJobRemoval(root)) keep(c, `${c.summary.replace(/^remove/, 'removed')}`);
  if (opts.gitignore) keep(planGitignoreRemoval(root), "removed keyguard's block from .gitignore");
  return plan;
}
