import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KeyguardError } from '../errors.js';
import { isChange, showPath, type FileChange } from './applyChanges.js';
import { huskyActive, type Project } from './detectProject.js';
import { editPackageJson, packageJsonChange } from './editPackageJson.js';
import { planGitignore } from './fixGitignore.js';
import { HOOK_COMMANDS } from './hookLines.js';
import { planGitHook } from './installGitHook.js';
import { huskyHookPath, planHuskyHook, readIfExists, runsLintStaged } from './installHusky.js';
import { findLintStagedConfig, jsInstructions, planLintStaged } from './installLintStaged.js';
import { detectPackageManager, installCommand, type PackageManager } from './packageManager.js';

export interface InitOptions {
  fixGitignore: boolean;
  /** 'auto': lint-staged's task when the repository's pre-commit already runs lint-staged. */
  lintStaged: 'auto' | 'yes' | 'no';
}

export interface InitPlan {
  changes: FileChange[];
  /** One line per thing set up, phrased for after the changes are written. */
  report: string[];
  /** Set when the package manager must install for the hooks to run (husky's `prepare`). */
  install: PackageManager | null;
  gitignorePatterns: string[] | null;
}

const HOOKS = ['pre-commit', 'pre-push'] as const;

const done = (c: FileChange | null) => (c && isChange(c) ? 'installed' : 'already installed');

/** Hooks git runs today that husky's core.hooksPath would silence. */
function hooksHuskyWouldHide(project: Project): string[] {
  if (huskyActive(project) || !existsSync(project.hooksDir)) return [];
  return readdirSync(project.hooksDir).filter((name) => {
    if (name.endsWith('.sample')) return false;
    try {
      const st = statSync(join(project.hooksDir, name));
      return st.isFile() && (st.mode & 0o111) !== 0;
    } catch {
      return false;
    }
  });
}

function planNpm(project: Project, pkg: NonNullable<Project['packageJson']>, opts: InitOptions, plan: InitPlan): void {
  const { root } = project;
  const preCommitPath = huskyHookPath(root, 'pre-commit');
  const preCommit = readIfExists(preCommitPath);
  const lsConfig = findLintStagedConfig(root, pkg);
  const viaLintStaged = opts.lintStaged === 'yes' || (opts.lintStaged === 'auto' && lsConfig !== null && runsLintStaged(preCommit));
  let data = pkg.data;

  if (viaLintStaged) {
    const config = lsConfig ?? { kind: 'package.json' as const };
    if (config.kind === 'js') {
      for (const line of jsInstructions(config.name)) process.stdout.write(`${line}\n`);
    }
    if (config.kind === 'package.json' && !('lint-staged' in data)) data = { ...data, 'lint-staged': {} };
    const ls = planLintStaged(config, data);
    data = ls.pkgData;
    if (ls.change) plan.changes.push(ls.change);
    const where = config.kind === 'package.json' ? 'package.json "lint-staged"' : config.name;
    plan.report.push(`pre-commit check ${ls.change || data !== pkg.data ? 'installed' : 'already installed'} (lint-staged task in ${where})`);
    if (!runsLintStaged(preCommit)) {
      const c = planHuskyHook(root, 'pre-commit', 'lint-staged');
      plan.changes.push(c);
      plan.report.push(`.husky/pre-commit now runs lint-staged`);
    }
  } else {
    const c = planHuskyHook(root, 'pre-commit', HOOK_COMMANDS['pre-commit']);
    plan.changes.push(c);
    plan.report.push(`pre-commit hook ${done(c)} (husky, .husky/pre-commit)`);
  }
  const push = planHuskyHook(root, 'pre-push', HOOK_COMMANDS['pre-push']);
  plan.changes.push(push);
  plan.report.push(`pre-push hook ${done(push)} (husky, .husky/pre-push)`);

  const edit = editPackageJson(data, { lintStaged: viaLintStaged && opts.lintStaged === 'yes' });
  const pkgChange = packageJsonChange(pkg, edit.data, `add ${edit.added.join(', ') || 'the lint-staged task'}`);
  if (pkgChange) plan.changes.push(pkgChange);
  if (edit.added.length) plan.report.push(`package.json — added ${edit.added.join(', ')}`);

  for (const hook of hooksHuskyWouldHide(project)) {
    plan.report.push(
      `warning — once husky is active git runs hooks from .husky/_ only, so ${showPath(root, join(project.hooksDir, hook))} will stop running; move its commands into .husky/${hook}`,
    );
  }
  if (edit.added.length || !huskyActive(project)) plan.install = detectPackageManager(root, pkg.data);
}

function planPlainGit(project: Project, plan: InitPlan): void {
  const { root, hooksDir } = project;
  if (!existsSync(dirname(hooksDir))) {
    throw new KeyguardError(`the hooks folder ${hooksDir} (core.hooksPath) is in a folder that does not exist; fix core.hooksPath (nothing was changed)`);
  }
  for (const hook of HOOKS) {
    const c = planGitHook(root, hooksDir, hook);
    plan.changes.push(c);
    const chained = c.before !== null && isChange(c) ? ', chained before the existing hook' : '';
    plan.report.push(`${hook} hook ${done(c)} (git hooks folder, ${showPath(root, c.path)}${chained})`);
  }
}

/** Everything `keyguard init` would write, decided before anything is written. */
export function planInit(project: Project, opts: InitOptions): InitPlan {
  const plan: InitPlan = { changes: [], report: [], install: null, gitignorePatterns: null };
  if (project.packageJson) planNpm(project, project.packageJson, opts, plan);
  else if (opts.lintStaged === 'yes') throw new KeyguardError('--lint-staged needs a package.json at the top of the repository');
  else planPlainGit(project, plan);
  if (opts.fixGitignore) {
    const gi = planGitignore(project.root, project.ignoreCase);
    plan.changes.push(gi.change);
    plan.gitignorePatterns = gi.patterns;
  }
  return plan;
}

export function installHint(pm: PackageManager): string {
  return `run \`${installCommand(pm).join(' ')}\` to install husky and keyguard and activate the hooks (or: keyguard init --install)`;
}
