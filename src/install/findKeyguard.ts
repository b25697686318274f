import { accessSync, constants } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

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

export const GLOBAL_INSTALL = `npm install -g keyguard@${__VERSION__}`;
