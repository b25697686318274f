import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { GitHook } from './gitHookBlock.js';
import { HOOK_COMMANDS } from './hookLines.js';
import { shellQuote } from '../shellQuote.js';
import type { Project } from './detectProject.js';
import { yarnBerry } from './packageManager.js';
import { PACKAGE_JSON_LIMIT, readUserFile } from '../config/readUserFile.js';
import { shownPath } from './readTarget.js';

/**
 * Where husky lives for this package. At the repository's top that is `.husky`; for a package in a
 * subfolder (`frontend/package.json`) husky's own recipe applies: `.husky` beside that package.json,
 * `prepare` = `cd .. && husky frontend/.husky`, and hook lines that run from the package's folder
 * (husky runs hooks from the top, with a relative node_modules/.bin on PATH).
 */
export interface HuskyLayout {
  /** The package's folder relative to the top, posix separators; '' at the top. */
  rel: string;
  /** Absolute path of the .husky folder. */
  dir: string;
  /** What runs keyguard's commands: '' (husky 9 puts node_modules/.bin on PATH), 'node_modules/.bin/' (husky 5–8 does not) or 'yarn ' (Plug'n'Play has none). */
  runner: string;
  /** The install script that activates husky: `prepare`, or `postinstall` for yarn 2+, which never runs `prepare`. */
  lifecycle: 'prepare' | 'postinstall';
  /** husky's major version when the package has husky (installed, else its declared range), else null. */
  major: number | null;
}

export function huskyLayout(root: string, rel: string, opts: Partial<Pick<HuskyLayout, 'runner' | 'lifecycle' | 'major'>> = {}): HuskyLayout {
  return { rel, dir: join(root, rel, '.husky'), runner: opts.runner ?? '', lifecycle: opts.lifecycle ?? 'prepare', major: opts.major ?? null };
}

/**
 * husky's major version for the package in `pkgDir`: the installed one, else the declared range's
 * (`^4.3.8` → 4), else 4 when package.json has husky v4's `"husky": {"hooks": …}` config.
 */
export function huskyMajor(root: string, pkgDir: string, data: Record<string, unknown>): number | null {
  const installed = installedVersion(root, join(pkgDir, 'node_modules/husky/package.json'));
  const m = installed === null ? null : /^(\d+)\./.exec(installed);
  if (m) return Number(m[1]);
  for (const field of ['devDependencies', 'dependencies']) {
    const range = (data[field] as Record<string, unknown> | undefined)?.husky;
    const m = typeof range === 'string' ? /^\s*(?:[\^~>=v]|>=)*\s*(\d+)/.exec(range) : null;
    if (m) return Number(m[1]);
  }
  const config = data.husky;
  if (config && typeof config === 'object' && 'hooks' in config) return 4;
  return existsSync(join(pkgDir, '.huskyrc')) || existsSync(join(pkgDir, '.huskyrc.json')) ? 4 : null;
}

/**
 * The "version" of an installed package, or null when it is not installed (yet; or Plug'n'Play)
 * or its package.json says none. node_modules can be committed, so this file is as untrusted as
 * the settings: a FIFO, a device, a folder, a link to a file outside the repository or one over
 * the size limit stops init with one line, before anything is written, rather than hang or read
 * without end. A file that is readable but not JSON is a broken install: the declared range decides.
 * Folders on the way may be links (pnpm's node_modules/.pnpm, npm link): only the file itself is checked.
 */
function installedVersion(root: string, path: string): string | null {
  const bytes = readUserFile(path, { shown: shownPath(path), limit: PACKAGE_JSON_LIMIT, within: root, note: 'nothing was changed' });
  if (bytes === null) return null;
  try {
    const version = (JSON.parse(bytes.toString('utf8')) as { version?: unknown } | null)?.version;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

/** A command as a line of a husky hook: run from the package's folder, in a subshell so the hook's cwd stays. */
export function huskyLine(layout: HuskyLayout, command: string): string {
  const line = `${layout.runner}${command}`;
  return layout.rel ? `(cd ${shellQuote(layout.rel)} && ${line})` : line;
}

export function huskyHookLine(layout: HuskyLayout, hook: GitHook): string {
  return huskyLine(layout, HOOK_COMMANDS[hook]);
}

/** The `prepare` script `husky init` would write for this layout. */
export function huskyPrepare(layout: HuskyLayout): string {
  if (!layout.rel) return 'husky';
  const up = layout.rel.split('/').map(() => '..').join('/');
  return `cd ${up} && husky ${shellQuote(posix.join(layout.rel, '.husky'))}`;
}

/** core.hooksPath once husky is active: `.husky/_` (v9) or `.husky` (v4–v8). */
export function huskyActiveFor(layout: HuskyLayout, hooksPath: string | null): boolean {
  if (hooksPath === null) return false;
  const base = layout.rel ? `${layout.rel}/.husky` : '.husky';
  let p = hooksPath.replace(/^\.\//, '');
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p === base || p === `${base}/_`;
}

/** The husky layout of the project's package, with the runner and install script its package manager needs. */
export function projectHuskyLayout(project: Project, data: Record<string, unknown>): HuskyLayout {
  const pkgDir = join(project.root, project.packageRel);
  const berry = yarnBerry([...new Set([pkgDir, project.root])], data);
  const major = huskyMajor(project.root, pkgDir, data);
  // husky 9 puts node_modules/.bin on the hooks' PATH; husky 5–8 does not, so the path is spelled out.
  const runner = berry?.pnp ? 'yarn ' : major !== null && major >= 5 && major <= 8 ? 'node_modules/.bin/' : '';
  return huskyLayout(project.root, project.packageRel, { runner, lifecycle: berry ? 'postinstall' : 'prepare', major });
}
