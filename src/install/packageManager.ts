import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyguardError } from '../errors.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The lockfile says which package manager the repository uses; then `packageManager`; else npm. */
export function detectPackageManager(root: string, pkg: Record<string, unknown>): PackageManager {
  for (const [file, pm] of LOCKFILES) if (existsSync(join(root, file))) return pm;
  const declared = typeof pkg.packageManager === 'string' ? /^(npm|pnpm|yarn|bun)@/.exec(pkg.packageManager) : null;
  return (declared?.[1] as PackageManager | undefined) ?? 'npm';
}

/**
 * The commands that install the dependencies and activate husky. pnpm skips the project's own
 * `prepare` when its dependencies are already up to date, so there `prepare` runs by name too.
 */
export function installSteps(pm: PackageManager, lifecycle: 'prepare' | 'postinstall' = 'prepare'): string[][] {
  return pm === 'pnpm' ? [['pnpm', 'install'], ['pnpm', 'run', lifecycle]] : [[pm, 'install']];
}

export function installCommand(pm: PackageManager, lifecycle: 'prepare' | 'postinstall' = 'prepare'): string {
  return installSteps(pm, lifecycle).map((step) => step.join(' ')).join(' && ');
}

/** `--install`: runs the install so husky's `prepare` script activates the hooks. */
export function runInstall(root: string, pm: PackageManager, lifecycle: 'prepare' | 'postinstall' = 'prepare'): void {
  for (const [cmd, ...args] of installSteps(pm, lifecycle)) {
    const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
    if (r.error) throw new KeyguardError(`could not run ${cmd} (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); run \`${installCommand(pm, lifecycle)}\` yourself`);
    if (r.status !== 0) throw new KeyguardError(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status}); the hooks are written, run it again once it works`);
  }
}

/**
 * Yarn 2+ ("berry"): it never runs a `prepare` script on install (husky is activated from
 * `postinstall` instead), and with Plug'n'Play, its default, there is no node_modules/.bin for a
 * hook to find keyguard in, so hook lines go through yarn (`yarn keyguard check`).
 */
export function yarnBerry(dirs: string[], pkg: Record<string, unknown>): { pnp: boolean } | null {
  let rc: string | null = null;
  let berry = typeof pkg.packageManager === 'string' && /^yarn@([2-9]|[1-9]\d)/.test(pkg.packageManager);
  for (const dir of dirs) {
    if (rc === null && existsSync(join(dir, '.yarnrc.yml'))) rc = readFileSync(join(dir, '.yarnrc.yml'), 'utf8');
    const lock = join(dir, 'yarn.lock');
    if (!berry && existsSync(lock)) berry = /^__metadata:/m.test(readFileSync(lock, 'utf8').slice(0, 4096));
  }
  if (!berry && rc === null) return null;
  const linker = rc && /^nodeLinker:\s*["']?([\w-]+)/m.exec(rc)?.[1];
  return { pnp: !linker || linker === 'pnp' };
}

/** The command that removes a dependency with this package manager (for uninstall's advice). */
export function removeCommand(pm: PackageManager, names: string[]): string {
  return `${pm === 'npm' ? 'npm uninstall' : `${pm} remove`} ${names.join(' ')}`;
}
