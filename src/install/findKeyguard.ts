import { accessSync, constants, existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { shellQuote } from '../shellQuote.js';
import type { HookValues } from './gitHookBlock.js';

declare const __VERSION__: string;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a plain git hook will find keyguard (PATH, then the repository's node_modules/.bin).
 * npx's own temporary folder does not count: `npx keyguard init` puts it on PATH only while init runs.
 */
export function keyguardReachable(root: string, path = process.env.PATH ?? ''): boolean {
  const names = process.platform === 'win32' ? ['keyguard.cmd', 'keyguard.exe', 'keyguard'] : ['keyguard'];
  const dirs = path.split(delimiter).filter((d) => d && !d.includes(`${sep}_npx${sep}`));
  dirs.push(join(root, 'node_modules', '.bin'));
  return dirs.some((d) => names.some((n) => executable(join(d, n))));
}

/** The keyguard that is running: its CLI file, its package folder, and whether that folder outlives this run. */
export interface RunningKeyguard {
  cli: string;
  /** The package's folder (holds package.json, dist/, hooks/). */
  root: string;
  /** npx's cache folder: gone or replaced later, so no hook may point at it. */
  temporary: boolean;
}

export function runningKeyguard(argv1 = process.argv[1]): RunningKeyguard {
  let cli = resolve(argv1);
  try {
    cli = realpathSync(cli); // node_modules/.bin/keyguard and npm link are symlinks to dist/cli.js
  } catch {
    // keep the path as given
  }
  return { cli, root: dirname(dirname(cli)), temporary: cli.includes(`${sep}_npx${sep}`) };
}

/** Where this keyguard came from, as npm can install it again. */
export type KeyguardSource =
  | { kind: 'registry'; version: string }
  | { kind: 'tarball' | 'folder'; path: string }
  | { kind: 'git'; url: string }
  | { kind: 'unknown'; root: string };

interface LockEntry {
  resolved?: string;
  version?: string;
}

/** npm's record of how the package was installed: the lockfile of the folder whose node_modules holds it. */
function lockEntry(root: string): { entry: LockEntry; base: string } | null {
  const nodeModules = dirname(root);
  if (basename(nodeModules) !== 'node_modules' || basename(root) !== 'keyguard') return null;
  const base = dirname(nodeModules);
  for (const lock of [join(nodeModules, '.package-lock.json'), join(base, 'package-lock.json')]) {
    try {
      const entry = JSON.parse(readFileSync(lock, 'utf8'))?.packages?.['node_modules/keyguard'];
      if (entry && typeof entry.resolved === 'string') return { entry, base };
    } catch {
      // no lockfile there, or not npm's
    }
  }
  return null;
}

/**
 * Where the running keyguard came from, so init writes a dependency that installs this keyguard and
 * nothing else: the tarball, git URL or registry version npm recorded when it installed it, or the
 * clone it runs from (`npm link`). A global install records none: then it is unknown, and said so.
 */
export function keyguardSource(running: RunningKeyguard, version = __VERSION__): KeyguardSource {
  const lock = lockEntry(running.root);
  if (lock) {
    const r = lock.entry.resolved!;
    if (r.startsWith('file:')) {
      const path = resolve(lock.base, r.slice('file:'.length));
      if (existsSync(path)) return r.endsWith('.tgz') || r.endsWith('.tar.gz') ? { kind: 'tarball', path } : { kind: 'folder', path };
    } else if (/^git\+|^git:|^github:/.test(r)) {
      return { kind: 'git', url: r };
    } else if (/^https?:\/\//.test(r) && lock.entry.version === version) {
      return { kind: 'registry', version };
    }
  }
  if (!running.temporary && existsSync(join(running.root, '.git')) && existsSync(join(running.root, 'package.json'))) {
    return { kind: 'folder', path: running.root };
  }
  return { kind: 'unknown', root: running.root };
}

/** The dependency spec for a package.json in `pkgDir`, or null when the source is unknown. */
export function dependencySpec(source: KeyguardSource, pkgDir: string): string | null {
  switch (source.kind) {
    case 'registry':
      return source.version;
    case 'git':
      return source.url;
    case 'tarball':
    case 'folder': {
      const rel = relative(pkgDir, source.path).split(sep).join('/');
      return `file:${rel.startsWith('.') ? rel : `./${rel}`}`;
    }
    case 'unknown':
      return null;
  }
}

/** What the source is, for the line init prints next to the spec it wrote. */
export function describeSource(source: KeyguardSource): string {
  switch (source.kind) {
    case 'registry':
      return 'the registry version this keyguard was installed from';
    case 'git':
      return 'the git URL this keyguard was installed from';
    case 'tarball':
      return 'the tarball this keyguard was installed from; every clone needs it at that path';
    case 'folder':
      return "this keyguard's own folder; every clone needs keyguard at that path";
    case 'unknown':
      return `keyguard at ${source.root} records no source`;
  }
}

/** A command that installs this keyguard again for every repository (the fail-closed hook's hint). */
export function globalInstallCommand(source: KeyguardSource): string {
  switch (source.kind) {
    case 'registry':
      return `npm install -g keyguard@${source.version}`;
    case 'git':
      return `npm install -g ${shellQuote(source.url)}`;
    case 'tarball':
    case 'folder':
      return `npm install -g ${shellQuote(source.path)}`;
    case 'unknown':
      return `the keyguard ${__VERSION__} that was at ${source.root}`;
  }
}

/** What init records in a plain git hook: the node and keyguard running now, unless they are npx's temporary copy. */
export function hookValues(running: RunningKeyguard, source: KeyguardSource): HookValues {
  return {
    node: process.execPath,
    cli: running.temporary ? '' : running.cli,
    install: globalInstallCommand(source),
  };
}
