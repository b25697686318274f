import { readTarget } from './readTarget.js';
import { join, resolve } from 'node:path';
import { resolveRepo } from '../git/resolveRepo.js';
import { runGit } from '../git/runGit.js';
import { gitIgnoresCase } from './fixGitignore.js';
import { parseJsonFile, type JsonFile } from './jsonFile.js';

export interface Project {
  /** Work tree's top folder. */
  root: string;
  cwd: string;
  /** The folder git runs hooks from (`git rev-parse --git-path hooks`: honours core.hooksPath, worktrees, .git files). */
  hooksDir: string;
  /** core.hooksPath as configured, or null. */
  hooksPath: string | null;
  /** The package.json nearest the current folder (up to the top); null in a repository without one. */
  packageJson: JsonFile | null;
  /** Its folder relative to the top (posix separators; '' at the top). */
  packageRel: string;
  /** core.ignorecase: whether git matches .gitignore patterns case-insensitively. */
  ignoreCase: boolean;
}

/** Everything init and uninstall need to know about the repository, read before anything is written. */
export async function detectProject(cwd: string): Promise<Project> {
  const repo = await resolveRepo(cwd);
  // One answer per call: a folder name can hold a line break, so lines cannot tell answers apart.
  const answer = async (args: string[]) => (await runGit(['rev-parse', ...args], cwd)).stdout.toString('utf8').replace(/\n$/, '');
  const hooksDir = resolve(cwd, await answer(['--git-path', 'hooks']));
  // The current folder relative to the top, as git sees it (symlinked paths included).
  const prefix = (await answer(['--show-prefix'])).replace(/\/$/, '');
  const config = await runGit(['config', '--get', 'core.hooksPath'], cwd, [0, 1]);
  const hooksPath = config.code === 0 ? config.stdout.toString('utf8').trim() : null;
  const segments = prefix ? prefix.split('/') : [];
  let packageJson: JsonFile | null = null;
  let packageRel = '';
  for (let n = segments.length; n >= 0 && !packageJson; n--) {
    const rel = segments.slice(0, n).join('/');
    const path = join(repo.root, rel, 'package.json');
    const bytes = readTarget(path);
    if (!bytes) continue;
    packageJson = parseJsonFile(path, rel ? `${rel}/package.json` : 'package.json', bytes);
    packageRel = rel;
  }
  return { root: repo.root, cwd, hooksDir, hooksPath, packageJson, packageRel, ignoreCase: await gitIgnoresCase(repo.root) };
}
