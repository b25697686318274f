import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { KeyguardError } from '../errors.js';
import { isChange, showPath, type FileChange } from './applyChanges.js';
import type { Project } from './detectProject.js';
import { dependencyField, editPackageJson, packageJsonChange } from './editPackageJson.js';
import { isObject } from './jsonFile.js';
import { addHuskyV4Hooks } from './installHuskyV4.js';
import { planGitignore } from './fixGitignore.js';
import { planGitHook } from './installGitHook.js';
import { dependencySpec, describeSource, hookValues, keyguardReachable, keyguardSource, runningKeyguard } from './findKeyguard.js';
import { GIT_HOOKS } from './gitHookBlock.js';
import { huskyActiveFor, huskyHookLine, huskyLine, huskyPrepare, projectHuskyLayout, type HuskyLayout } from './huskyLayout.js';
import { HUSKY_V8_HEADER, planHuskyHook, readIfExists, runsLintStaged } from './installHusky.js';
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
  install: { pm: PackageManager; dir: string; lifecycle?: 'prepare' | 'postinstall' } | null;
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

/** The keyguard dependency init may write: where this keyguard came from, as a spec for that package.json. */
function keyguardSpec(pkgDir: string): { spec: string | null; why: string } {
  const source = keyguardSource(runningKeyguard());
  return { spec: dependencySpec(source, pkgDir), why: describeSource(source) };
}

/** husky 4 and older: keyguard joins the `"husky": {"hooks": …}` config; no `prepare` (v4 has no such command). */
function planHuskyV4(project: Project, pkg: NonNullable<Project['packageJson']>, layout: HuskyLayout, plan: InitPlan): void {
  const pkgDir = join(project.root, project.packageRel);
  const hooks = addHuskyV4Hooks(pkg.data, layout.runner);
  const kg = keyguardSpec(pkgDir);
  let data = hooks.data;
  const added: string[] = [];
  if (dependencyField(data, 'keyguard') === null && kg.spec !== null) {
    data = { ...data, devDependencies: { ...(isObject(data.devDependencies) ? data.devDependencies : {}), keyguard: kg.spec } };
    added.push(`devDependency keyguard@${kg.spec} (${kg.why})`);
  }
  const change = packageJsonChange(pkg, data, `keyguard in husky 4's hooks${added.length ? `, ${added.join(', ')}` : ''}`);
  if (change) plan.changes.push(change);
  for (const hook of GIT_HOOKS) {
    plan.report.push(`${hook} hook ${hooks.added.includes(hook) ? 'installed' : 'already installed'} (husky ${layout.major}, ${pkg.name} "husky.hooks", keyguard first)`);
  }
  if (added.length) plan.report.push(`${pkg.name} — added ${added.join(', ')}`);
  noKeyguardDependency(data, kg, detectPackageManager(pkgDir, pkg.data), plan);
  plan.report.push(
    `husky ${layout.major} reads its hooks from package.json and installs them on \`${installCommand(detectPackageManager(pkgDir, pkg.data))}\`; to move to husky 9 follow husky's migration guide, then run keyguard init again`,
  );
  if (change) plan.install = { pm: detectPackageManager(pkgDir, pkg.data), dir: pkgDir };
}

function noKeyguardDependency(data: Record<string, unknown>, kg: { spec: string | null; why: string }, pm: PackageManager, plan: InitPlan): void {
  if (dependencyField(data, 'keyguard') !== null || kg.spec !== null) return;
  plan.report.push(
    `warning — keyguard is not added as a devDependency (${kg.why}): run \`${pm === 'npm' ? 'npm install -D' : `${pm} add -D`} <the tarball, folder or git URL you installed keyguard from>\` so every clone runs the hook`,
  );
}

function planNpm(project: Project, pkg: NonNullable<Project['packageJson']>, opts: InitOptions, plan: InitPlan): void {
  const { root } = project;
  const layout = projectHuskyLayout(project, pkg.data);
  if (layout.major !== null && layout.major <= 4) return planHuskyV4(project, pkg, layout, plan);
  // husky 5–8 runs a hook file only with its header; keyguard writes it into the files it creates.
  const header = layout.major !== null && layout.major <= 8 ? HUSKY_V8_HEADER : [];
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
      const c = planHuskyHook(layout.dir, 'pre-commit', huskyLine(layout, 'lint-staged'), header);
      plan.changes.push(c);
      plan.report.push(`${shown('pre-commit')} now runs lint-staged`);
    }
  } else {
    const c = planHuskyHook(layout.dir, 'pre-commit', huskyHookLine(layout, 'pre-commit'), header);
    plan.changes.push(c);
    plan.report.push(`pre-commit hook ${done(c)} (husky, ${shown('pre-commit')})`);
  }
  for (const hook of ['pre-merge-commit', 'pre-push'] as const) {
    const c = planHuskyHook(layout.dir, hook, huskyHookLine(layout, hook), header);
    plan.changes.push(c);
    plan.report.push(`${hook} hook ${done(c)} (husky, ${shown(hook)})`);
  }

  const pkgDir = join(root, project.packageRel);
  const pm = detectPackageManager(pkgDir, pkg.data);
  const kg = keyguardSpec(pkgDir);
  const edit = editPackageJson(data, { lintStaged: viaLintStaged && opts.lintStaged === 'yes', prepare: huskyPrepare(layout), lifecycle: layout.lifecycle, keyguard: kg.spec });
  const pkgChange = packageJsonChange(pkg, edit.data, `add ${edit.added.join(', ') || 'the lint-staged task'}`);
  if (pkgChange) plan.changes.push(pkgChange);
  const added = edit.added.map((a) => (a.startsWith('devDependency keyguard@') ? `${a} (${kg.why})` : a));
  if (added.length) plan.report.push(`${pkg.name} — added ${added.join(', ')}`);
  noKeyguardDependency(edit.data, kg, pm, plan);
  if (layout.runner) plan.report.push(`Plug'n'Play has no node_modules/.bin: the hooks run keyguard through \`${layout.runner.trim()}\``);

  for (const hook of hooksHuskyWouldHide(project, layout)) {
    plan.report.push(
      `warning — once husky is active git runs hooks from ${showPath(root, join(layout.dir, '_'))} only, so ${showPath(root, join(project.hooksDir, hook))} will stop running; move its commands into ${shown(hook)}`,
    );
  }
  if (edit.added.length || !huskyActiveFor(layout, project.hooksPath)) plan.install = { pm, dir: pkgDir, lifecycle: layout.lifecycle };
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
  return `run \`${cd}${installCommand(install.pm, install.lifecycle)}\` to install husky and keyguard and activate the hooks (or: keyguard init --install)`;
}
