/**
 * End to end: keyguard packed as users get it (npm pack), installed into fresh repositories of each
 * kind, set up with `keyguard init --fix-gitignore`, then exercised through real `git commit`s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, ROOT, type Run, type TestRepo } from './helpers/repo.js';
import { hashTree } from './helpers/tree.js';
import { keys } from './helpers/keys.js';

let packDir = '';
let tarball = '';
/** npm reads the machine's cache (husky and lint-staged are in it after `npm ci`) and stays quiet. */
const npmEnv: Record<string, string> = {
  npm_config_cache: spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim(),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
  HUSKY: '1',
};

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), 'keyguard-pack-'));
  // dist/ is already built (npm test builds first); pack exactly what would be published.
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  tarball = join(packDir, r.stdout.trim().split('\n').pop()!);
});

afterAll(() => {
  cleanupRepos();
  if (packDir) rmSync(packDir, { recursive: true, force: true });
});

function npm(repo: TestRepo, args: string[], extra: Record<string, string> = {}): Run {
  const r = spawnSync('npm', args, { cwd: repo.dir, env: { ...repo.env, ...npmEnv, ...extra }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command as the user would type it, with the test's PATH. */
function sh(repo: TestRepo, cmd: string, env: Record<string, string>): Run {
  const r = spawnSync('sh', ['-c', cmd], { cwd: repo.dir, env: { ...repo.env, ...npmEnv, ...env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function commit(repo: TestRepo, env: Record<string, string>, files: Record<string, string>, force = false): Run {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', ...(force ? ['-f'] : []), ...Object.keys(files)], { env });
  const r = repo.git(['commit', '-q', '-m', `add ${Object.keys(files).join(' ')}`], { env: { ...npmEnv, ...env }, allowFail: true });
  if (r.code !== 0) repo.git(['reset', '-q'], { env }); // unstage what was refused, as the user would
  return r;
}

/** The behaviour every kind of repository must show once `init` has run. */
function exercise(repo: TestRepo, env: Record<string, string>, init: string, ownHook?: string) {
  const ok = commit(repo, env, {
    '.env.example': 'OPENAI_API_KEY=your-api-key-here\n',
    'src/index.js': 'export const client = () => process.env.OPENAI_API_KEY;\n',
  });
  expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  if (ownHook) expect(ok.stdout + ok.stderr).toContain(ownHook);

  // .gitignore now ignores .env, so a plain `git add .env` refuses; force it as a hurried user would.
  const env1 = commit(repo, env, { '.env': 'OPENAI_API_KEY=abc\n' }, true);
  expect(env1.code).not.toBe(0);
  expect(env1.stdout + env1.stderr).toMatch(/\.env\b/);

  const key = keys.openai();
  const leak = commit(repo, env, { 'src/client.js': `const apiKey = "${key}";\nexport default apiKey;\n` });
  expect(leak.code).not.toBe(0);
  expect(leak.stdout + leak.stderr).toContain('src/client.js');
  expect(leak.stdout + leak.stderr).not.toContain(key);
  expect(repo.git(['log', '--format=%s']).stdout.trim().split('\n')).toHaveLength(1);

  // A commit that skipped the pre-commit hook is stopped at the push, through the pre-push hook.
  const remote = makeRepo({ bare: true });
  expect(repo.git(['push', '-q', remote.dir, 'HEAD:refs/heads/main'], { env: { ...npmEnv, ...env }, allowFail: true }).code).toBe(0);
  repo.write('src/late.js', `export const token = "${key}";\n`);
  repo.git(['add', 'src/late.js']);
  repo.git(['commit', '-q', '--no-verify', '-m', 'skip the hook']);
  const push = repo.git(['push', remote.dir, 'HEAD:refs/heads/main'], { env: { ...npmEnv, ...env }, allowFail: true });
  expect(push.code).not.toBe(0);
  expect(push.stdout + push.stderr).toContain('src/late.js');
  expect(push.stdout + push.stderr).not.toContain(key);
  repo.git(['reset', '-q', '--hard', 'HEAD~1']);

  const before = hashTree(repo.dir);
  const again = sh(repo, init, env);
  expect(again.code).toBe(0);
  expect(hashTree(repo.dir)).toEqual(before);

  const un = sh(repo, init.replace(/ init.*$/, ' uninstall'), env);
  expect(un.code).toBe(0);
  // With keyguard out, the same key commits (nothing else stops it).
  const after = commit(repo, env, { 'src/client.js': `const apiKey = "${key}";\n` });
  expect(after.code).toBe(0);
}

// npm installs and a dozen hooked commits each: generous for a loaded two-core CI machine.
describe('e2e: npm pack, install, init, real commits', { timeout: 180_000 }, () => {
  it('npm repository without husky: init sets husky up, --install activates it', () => {
    const repo = makeRepo();
    repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2) + '\n');
    npm(repo, ['install', '-D', tarball]);
    const init = 'npx keyguard init --fix-gitignore';
    const r = sh(repo, `${init} --install`, {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('keyguard: pre-commit hook installed (husky, .husky/pre-commit)');
    expect(r.stdout).toMatch(/keyguard: \.gitignore — added \d+ secret patterns \(\.env, \.env\.\*, \*\.key/);
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.devDependencies.keyguard).toMatch(/^file:/); // the user's own entry, kept as it was
    expect(pkg.devDependencies.husky).toBe('^9.1.7');
    expect(pkg.scripts.prepare).toBe('husky');
    exercise(repo, {}, init);
    expect(existsSync(join(repo.dir, '.husky/pre-commit'))).toBe(false);
  });

  it('npm repository on husky with a pre-commit line of its own', () => {
    const repo = makeRepo();
    repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', private: true, scripts: { prepare: 'husky' } }, null, 2) + '\n');
    npm(repo, ['install', '-D', 'husky@9', tarball]);
    npm(repo, ['run', 'prepare']); // what the repository's own install has done: husky is active
    repo.write('.husky/pre-commit', 'echo "own pre-commit ran"\n');
    const init = 'npx keyguard init --fix-gitignore';
    const r = sh(repo, init, {});
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('npm install');
    expect(repo.read('.husky/pre-commit')).toBe('echo "own pre-commit ran"\nkeyguard check\n');
    exercise(repo, {}, init, 'own pre-commit ran');
    expect(repo.read('.husky/pre-commit')).toBe('echo "own pre-commit ran"\n');
  });

  it('npm repository on husky with lint-staged: keyguard runs as a lint-staged task', () => {
    const repo = makeRepo();
    const data = { name: 'app', version: '1.0.0', private: true, scripts: { prepare: 'husky' }, 'lint-staged': { '*.js': 'node -e "console.log(\'own lint task ran\')"' } };
    repo.write('package.json', JSON.stringify(data, null, 2) + '\n');
    npm(repo, ['install', '-D', 'husky@9', 'lint-staged@16', tarball]);
    npm(repo, ['run', 'prepare']);
    repo.write('.husky/pre-commit', 'lint-staged --verbose\n');
    const init = 'npx keyguard init --fix-gitignore';
    const r = sh(repo, init, {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lint-staged task in package.json "lint-staged"');
    expect(JSON.parse(repo.read('package.json'))['lint-staged']['*']).toBe('keyguard check');
    expect(repo.read('.husky/pre-commit')).toBe('lint-staged --verbose\n');
    exercise(repo, {}, init, 'own lint task ran');
    expect(JSON.parse(repo.read('package.json'))['lint-staged']).toEqual(data['lint-staged']);
  });

  it('no package.json, core.hooksPath set and a hook already there; keyguard installed globally', () => {
    const repo = makeRepo();
    const prefix = join(repo.dir, '..', 'global');
    npm(repo, ['install', '-g', '--prefix', prefix, tarball]);
    const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    repo.git(['config', 'core.hooksPath', '.githooks']);
    const own = '#!/bin/sh\necho "own hook ran" >&2\n';
    repo.write('.githooks/pre-commit', own);
    chmodSync(join(repo.dir, '.githooks/pre-commit'), 0o755);
    const init = 'keyguard init --fix-gitignore';
    const r = sh(repo, init, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pre-commit hook installed (git hooks folder, .githooks/pre-commit, chained before the existing hook)');
    expect(r.stdout).not.toContain('cannot find keyguard');
    exercise(repo, env, init, 'own hook ran');
    expect(repo.read('.githooks/pre-commit')).toBe(own);
    expect(existsSync(join(repo.dir, '.githooks/pre-push'))).toBe(false);
  });

  it('no package.json, keyguard installed globally with its bin folder off PATH (as in GUI clients): the hook finds it through npx', () => {
    const repo = makeRepo();
    const prefix = join(repo.dir, '..', 'global');
    npm(repo, ['install', '-g', '--prefix', prefix, tarball]);
    const env = { npm_config_prefix: prefix }; // PATH has node and npx, not the global bin folder
    const cli = join(prefix, 'lib/node_modules/keyguard/dist/cli.js');
    const r = sh(repo, `node ${cli} init`, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning — the hooks cannot find keyguard on PATH');
    expect(commit(repo, env, { 'src/index.js': 'export const a = 1;\n' }).code).toBe(0);
    const blocked = commit(repo, env, { '.env': 'A=1\n' });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).toMatch(/\.env\s+secret file/);
    expect(blocked.stderr).not.toContain('not installed');
  });
});
