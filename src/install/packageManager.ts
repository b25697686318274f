import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

export function installCommand(pm: PackageManager): string[] {
  return [pm, 'install'];
}

/** `--install`: runs the install so husky's `prepare` script activates the hooks. */
export function runInstall(root: string, pm: PackageManager): void {
  const [cmd, ...args] = installCommand(pm);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (r.error) throw new KeyguardError(`could not run ${cmd} (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); run \`${cmd} ${args.join(' ')}\` yourself`);
  if (r.status !== 0) throw new KeyguardError(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status}); the hooks are written, run it again once it works`);
}
