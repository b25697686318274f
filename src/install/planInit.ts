import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { KeyguardError } from '../errors.js';
import { isChange, showPath, type FileChange } from './applyChanges.js';
import type { Project } from './detectProject.js';
import { editPackageJson, packageJsonChange } from './editPackageJson.js';
import { planGitignore } from './fixGitignore.js';
import { planGitHook } from './installGitHook.js';
import { hookValues, keyguardReachable, keyguardSource, runningKeyguard } from './findKeyguard.js';
import { GIT_HOOKS } from './gitHookBlock.js';
import { huskyActiveFor, huskyHookLine, huskyLayout, huskyLine, huskyPrepare, type HuskyLayout } from './huskyLayout.js';
import { planHuskyHook, readIfExists, runsLintStaged } from './installHusky.js';
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
  /** Set when the package manager must install (in `dir`) for the hooks to run (husky's `prepare`). */
  install: { pm: PackageManager; dir: string } | null;
  gitignorePatterns: string[] | null;
}


const done = (c: FileChange | null) => (c && isChange(c) ? 'installed' : 'already installed');

/** Hooks git runs today that husky's core.hooksPath would silence. */
function hooksHuskyWouldHide(project: Project, layout: HuskyLayout): string[] {
  if (huskyActiveFor(layout, project.hooksPath) || !existsSync(project.hooksDir)) return [];
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
  const layout = huskyLayout(root, project.packageRel);
  const shown = (hook: string) => showPath(root, join(layout.dir, hook));
  const preCommit = readIfExists(join(layout.dir, 'pre-commit'));
  const lsConfig = findLintStagedConfig(join(root, project.packageRel), pkg);
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
    const where = config.kind === 'package.json' ? `${pkg.name} "lint-staged"` : showPath(root, config.path);
    plan.report.push(`pre-commit check ${ls.change || data !== pkg.data ? 'installed' : 'already installed'} (lint-staged task in ${where})`);
    if (!runsLintStaged(preCommit)) {
      const c = planHuskyHook(layout.dir, 'pre-commit', huskyLine(layout, 'lint-staged'));
      plan.changes.push(c);
      plan.report.push(`${shown('pre-commit')} now runs lint-staged`);
    }
  } else {
    const c = planHuskyHook(layout.dir, 'pre-commit', huskyHookLine(layout, 'pre-commit'));
    plan.changes.push(c);
    plan.report.push(`pre-commit hook ${done(c)} (husky, ${shown('pre-commit')})`);
  }
  for (const hook of ['pre-merge-commit', 'pre-push'] as const) {
    const c = planHuskyHook(layout.dir, hook, huskyHookLine(layout, hook));
    plan.changes.push(c);
    plan.report.push(`${hook} hook ${done(c)} (husky, ${shown(hook)})`);
  }

  const edit = editPackageJson(data, { lintStaged: viaLintStaged && opts.lintStaged === 'yes', prepare: huskyPrepare(layout) });
  const pkgChange = packageJsonChange(pkg, edit.data, `add ${edit.added.join(', ') || 'the lint-staged task'}`);
  if (pkgChange) plan.changes.push(pkgChange);
  if (edit.added.length) plan.report.push(`${pkg.name} — added ${edit.added.join(', ')}`);

  for (const hook of hooksHuskyWouldHide(project, layout)) {
    plan.report.push(
      `warning — once husky is active git runs hooks from ${showPath(root, join(layout.dir, '_'))} only, so ${showPath(root, join(project.hooksDir, hook))} will stop running; move its commands into ${shown(hook)}`,
    );
  }
  const pkgDir = join(root, project.packageRel);
  if (edit.added.length || !huskyActiveFor(layout, project.hooksPath)) plan.install = { pm: detectPackageManager(pkgDir, pkg.data), dir: pkgDir };
}

function planPlainGit(project: Project, plan: InitPlan): void {
  const { root, hooksDir } = project;
  if (!existsSync(dirname(hooksDir))) {
    throw new KeyguardError(`the hooks folder ${hooksDir} (core.hooksPath) is in a folder that does not exist; fix core.hooksPath (nothing was changed)`);
  }
  const running = runningKeyguard();
  const values = hookValues(running, keyguardSource(running));
  for (const hook of GIT_HOOKS) {
    const c = planGitHook(root, hooksDir, hook, values);
    plan.changes.push(c);
    const chained = c.before !== null && isChange(c) ? ', chained before the existing hook' : '';
    plan.report.push(`${hook} hook ${done(c)} (git hooks folder, ${showPath(root, c.path)}${chained})`);
  }
  if (running.temporary && !keyguardReachable(root)) {
    plan.report.push(`warning — this keyguard is npx's temporary copy, so the hooks look for keyguard on PATH; until one is installed they stop every commit and push: ${values.install}`);
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

export function installHint(root: string, install: NonNullable<InitPlan['install']>): string {
  const rel = relative(root, install.dir);
  const cd = rel ? `cd ${rel} && ` : '';
  return `run \`${cd}${installCommand(install.pm).join(' ')}\` to install husky and keyguard and activate the hooks (or: keyguard init --install)`;
}
