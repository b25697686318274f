import { join, posix } from 'node:path';
import type { GitHook } from './gitHookBlock.js';
import { HOOK_COMMANDS } from './hookLines.js';
import { shellQuote } from '../shellQuote.js';

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
}

export function huskyLayout(root: string, rel: string): HuskyLayout {
  return { rel, dir: join(root, rel, '.husky') };
}

/** A command as a line of a husky hook: run from the package's folder, in a subshell so the hook's cwd stays. */
export function huskyLine(layout: HuskyLayout, command: string): string {
  return layout.rel ? `(cd ${shellQuote(layout.rel)} && ${command})` : command;
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
