import { createHash } from 'node:crypto';
import { chmodSync, cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLI, ROOT } from './repo.js';

/** Every file under dir (git's own folder included) → its hash and mode: "no byte changed" made checkable. */
export function hashTree(dir: string, skip: string[] = ['node_modules']): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (skip.includes(name)) continue;
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile()) out[relative(dir, abs)] = `${createHash('sha256').update(readFileSync(abs)).digest('hex')} ${(st.mode & 0o777).toString(8)}`;
    }
  };
  walk(dir);
  return out;
}

/** A folder holding a `keyguard` command that runs the built CLI: keyguard "installed globally". */
export function keyguardOnPath(base: string): string {
  const bin = join(base, 'kg-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'keyguard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'keyguard'), 0o755);
  return bin;
}

/**
 * A copy of the built keyguard package (dist/, hooks/, package.json) in its own folder: a keyguard
 * installed somewhere that a test can remove again, as a user uninstalls or moves one.
 */
export function keyguardCopy(base: string): { root: string; cli: string } {
  const root = join(base, 'kg-copy');
  cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'hooks'), join(root, 'hooks'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  return { root, cli: join(root, 'dist', 'cli.js') };
}
