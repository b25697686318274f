import { existsSync, readFileSync } from 'node:fs';
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
  /** package.json at the work tree's top; null in a repository without one. */
  packageJson: JsonFile | null;
  /** core.ignorecase: whether git matches .gitignore patterns case-insensitively. */
  ignoreCase: boolean;
}

/** Everything init and uninstall need to know about the repository, read before anything is written. */
export async function detectProject(cwd: string): Promise<Project> {
  const repo = await resolveRepo(cwd);
  const paths = await runGit(['rev-parse', '--git-path', 'hooks'], cwd);
  const hooksDir = resolve(cwd, paths.stdout.toString('utf8').replace(/\r?\n$/, ''));
  const config = await runGit(['config', '--get', 'core.hooksPath'], cwd, [0, 1]);
  const hooksPath = config.code === 0 ? config.stdout.toString('utf8').trim() : null;
  const pkgPath = join(repo.root, 'package.json');
  const packageJson = existsSync(pkgPath) ? parseJsonFile(pkgPath, 'package.json', readFileSync(pkgPath)) : null;
  return { root: repo.root, cwd, hooksDir, hooksPath, packageJson, ignoreCase: await gitIgnoresCase(repo.root) };
}

/** Whether husky (v9 `.husky/_`, or older `.husky`) is what git runs hooks from. */
export function huskyActive(project: Project): boolean {
  return project.hooksPath !== null && /^\.husky(\/_)?\/?$/.test(project.hooksPath);
}
