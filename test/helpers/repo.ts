import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI: tests run what users run. `npm test` builds it first. */
export const CLI = join(ROOT, 'dist', 'cli.js');

const sandboxes: string[] = [];

/**
 * An environment that no developer's git config can reach: its own HOME and global config,
 * no system config, and none of the GIT_* variables a surrounding hook may have set.
 */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR') env[k] = v;
  const gitconfig = join(home, '.gitconfig');
  writeFileSync(
    gitconfig,
    [
      '[user]', '\tname = Keyguard Test', '\temail = test@keyguard.invalid',
      '[init]', '\tdefaultBranch = main',
      '[commit]', '\tgpgsign = false',
      '[core]', '\tautocrlf = false',
      '[advice]', '\tdetachedHead = false',
      '',
    ].join('\n'),
  );
  return { ...env, HOME: home, GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1', ...extra };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function toRun(r: SpawnSyncReturns<string>): Run {
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface TestRepo {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs git; throws with git's message on failure unless `allowFail`. */
  git(args: string[], opts?: { allowFail?: boolean; cwd?: string; env?: Record<string, string>; input?: string }): Run;
  write(path: string, content: string | Buffer): void;
  read(path: string): string;
  /** Runs the built keyguard CLI. */
  keyguard(args: string[], opts?: { cwd?: string; env?: Record<string, string>; input?: string }): Run;
}

/** A fresh repository in its own temporary folder (removed by cleanupRepos). */
export function makeRepo(opts: { init?: boolean; bare?: boolean } = {}): TestRepo {
  const base = mkdtempSync(join(tmpdir(), 'keyguard-test-'));
  sandboxes.push(base);
  const home = join(base, 'home');
  const dir = join(base, 'repo');
  mkdirSync(home);
  mkdirSync(dir);
  const env = isolatedEnv(home);
  const repo: TestRepo = {
    dir,
    home,
    env,
    git(args, o = {}) {
      const r = toRun(spawnSync('git', args, { cwd: o.cwd ?? dir, env: { ...env, ...o.env }, encoding: 'utf8', input: o.input }));
      if (r.code !== 0 && !o.allowFail) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r;
    },
    write(path, content) {
      const abs = join(dir, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    },
    read(path) {
      return readFileSync(join(dir, path), 'utf8');
    },
    keyguard(args, o = {}) {
      return toRun(
        spawnSync(process.execPath, [CLI, ...args], {
          cwd: o.cwd ?? dir,
          env: { ...env, ...o.env },
          encoding: 'utf8',
          input: o.input ?? '',
          maxBuffer: 64 * 1024 * 1024,
        }),
      );
    },
  };
  if (opts.init !== false) repo.git(opts.bare ? ['init', '-q', '--bare'] : ['init', '-q']);
  return repo;
}

export function cleanupRepos(): void {
  for (const d of sandboxes.splice(0)) rmSync(d, { recursive: true, force: true });
}
