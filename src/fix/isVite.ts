import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const VITE_CONFIGS = ['vite.config.js', 'vite.config.ts', 'vite.config.mjs', 'vite.config.mts', 'vite.config.cjs', 'vite.config.cts'];

/**
 * Browser code of a Vite project reads `import.meta.env`, not `process.env`. The nearest
 * package.json decides: Vite among its dependencies, or a vite.config beside it. Vite's own
 * config, and server code beside the app, run in Node, so they keep `process.env`.
 */
/** Code that runs in Node even in a Vite project: its server, API routes, scripts, configs. */
const NODE_SIDE = /(?:^|\/)(?:server|api|scripts?|functions|netlify|backend)\/|\.server\.[cm]?[jt]sx?$|(?:^|\/)[\w-]+\.config\.[cm]?[jt]s$/;

export function isViteFile(root: string, path: string): boolean {
  if (NODE_SIDE.test(path)) return false;
  let dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  for (;;) {
    const pkg = join(root, dir, 'package.json');
    if (existsSync(pkg)) {
      if (VITE_CONFIGS.some((c) => existsSync(join(root, dir, c)))) return true;
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        return ['dependencies', 'devDependencies'].some((k) => {
          const deps = json[k];
          return typeof deps === 'object' && deps !== null && Object.prototype.hasOwnProperty.call(deps, 'vite');
        });
      } catch {
        return false;
      }
    }
    if (dir === '') return false;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}
