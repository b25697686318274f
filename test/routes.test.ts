/**
 * Every installation route with the real program: npm as the README says (a teammate's fresh clone
 * runs `npm ci` and commits through the hook), pnpm, yarn 4 with Plug'n'Play, husky 4, 8 and 9 from
 * the registry. Each route: init, the package manager's install, a clean commit passes, a key is
 * blocked, a --no-verify commit is stopped at the push, uninstall takes keyguard out. CI installs
 * pnpm and yarn 4 (.ci/run), so nothing here skips there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, ROOT, type Run, type TestRepo } from './helpers/repo.js';
import { cloneKeyguard } from './helpers/keyguardClone.js';
import { keys } from './helpers/keys.js';

let packDir = '';
let tarball = '';
/** npm and pnpm read the machine's npm cache; yarn reads the npm registry, not its own mirror. */
const toolEnv: Record<string, string> = {
  npm_config_cache: spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim(),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
  YARN_ENABLE_TELEMETRY: '0',
  YARN_NPM_REGISTRY_SERVER: 'https://registry.npmjs.org',
  YARN_ENABLE_PROGRESS_BARS: 'false',
  COREPACK_ENABLE_STRICT: '0',
  HUSKY: '1',
  // A developer's machine, not CI: husky 4 installs no git hooks when it detects CI (is-ci, which
  // takes any non-empty CI, "false" included), and yarn turns on immutable installs there. CI runs
  // these tests with CI=true.
  CI: '',
};
const version = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const yarn4 = /^4\./.test(version('yarn'));
const pnpm = /^\d+\./.test(version('pnpm'));
/** Per-commit times (ms) of a clean commit through each route's hook, printed for the README. */
const timings: Record<string, number> = {};

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), 'keyguard-pack-'));
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  tarball = join(packDir, r.stdout.trim().split('\n').pop()!);
});

afterAll(() => {
  cleanupRepos();
  if (packDir) rmSync(packDir, { recursive: true, force: true });
  if (Object.keys(timings).length) process.stdout.write(`per-commit times (median of 3, ms): ${JSON.stringify(timings)}\n`);
});

function sh(repo: TestRepo, cmd: string, env: Record<string, string> = {}, cwd = repo.dir): Run {
  const r = spawnSync('sh', ['-c', cmd], { cwd, env: { ...repo.env, ...toolEnv, ...env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(repo: TestRepo, cmd: string, env: Record<string, string> = {}, cwd = repo.dir): Run {
  const r = sh(repo, cmd, env, cwd);
  if (r.code !== 0) throw new Error(`${cmd} failed (${r.code}): ${r.stdout}${r.stderr}`);
  return r;
}

function commit(repo: TestRepo, files: Record<string, string>, env: Record<string, string> = {}, cwd = repo.dir): Run {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(cwd, p, '..'), { recursive: true });
    writeFileSync(join(cwd, p), c);
  }
  repo.git(['add', '-f', ...Object.keys(files)], { cwd });
  const r = repo.git(['commit', '-q', '-m', `add ${Object.keys(files).join(' ')}`], { cwd, env: { ...toolEnv, ...env }, allowFail: true });
  if (r.code !== 0) repo.git(['reset', '-q'], { cwd });
  return r;
}

/** A clean commit passes (timed), a key is blocked, a --no-verify commit is stopped at the push. */
function guards(route: string, repo: TestRepo, env: Record<string, string> = {}, cwd = repo.dir) {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = commit(repo, { [`src/ok${i}.js`]: `export const n = ${i};\n` }, env, cwd);
    times.push(performance.now() - t);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }
  timings[route] = Math.round(times.sort((a, b) => a - b)[1]);
  const key = keys.openai();
  const leak = commit(repo, { 'src/client.js': `export const apiKey = "${key}";\n` }, env, cwd);
  expect(leak.code).not.toBe(0);
  expect(leak.stdout + leak.stderr).toContain('src/client.js');
  expect(leak.stdout + leak.stderr).not.toContain(key);
  const remote = makeRepo({ bare: true });
  expect(repo.git(['push', '-q', remote.dir, 'HEAD:refs/heads/main'], { cwd, env: { ...toolEnv, ...env }, allowFail: true }).code).toBe(0);
  writeFileSync(join(cwd, 'src/late.js'), `export const token = "${key}";\n`);
  repo.git(['add', 'src/late.js'], { cwd });
  repo.git(['commit', '-q', '--no-verify', '-m', 'skip the hook'], { cwd });
  const push = repo.git(['push', remote.dir, 'HEAD:refs/heads/main'], { cwd, env: { ...toolEnv, ...env }, allowFail: true });
  expect(push.code).not.toBe(0);
  expect(push.stdout + push.stderr).toContain('src/late.js');
  repo.git(['reset', '-q', '--hard', 'HEAD~1'], { cwd });
}

function app(repo: TestRepo, extra: object = {}) {
  repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', private: true, ...extra }, null, 2) + '\n');
  repo.write('.gitignore', 'node_modules\n.yarn\n.pnp.*\n');
}

describe('installation routes with the real tools', { timeout: 240_000 }, () => {
  it("npm as the README says: init from a clone of keyguard (npm link), then a teammate's fresh clone runs npm ci and commits through the hook", () => {
    const repo = makeRepo();
    const base = join(repo.dir, '..');
    // The keyguard clone beside the project, built and linked globally (`npm ci && npm link` in the
    // README; this suite's own node_modules stands in for the `npm ci`).
    const clone = join(base, 'keyguard');
    cloneKeyguard(clone);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    const prefix = join(base, 'global');
    ok(repo, 'npm link', { npm_config_prefix: prefix }, clone);
    const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    app(repo);
    const init = ok(repo, 'keyguard init --fix-gitignore', env);
    expect(init.stdout).toContain("devDependency keyguard@file:../keyguard (this keyguard's own folder; every clone needs keyguard at that path)");
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.devDependencies).toEqual({ husky: '^9.1.7', keyguard: 'file:../keyguard' });
    ok(repo, 'npm install', env);
    guards('npm + husky 9 (README route)', repo, env);
    rmSync(join(repo.dir, 'src/client.js')); // the key guards() tried to commit
    ok(repo, 'git add -A && git commit -q -m "set up keyguard"', env);
    const origin = makeRepo({ bare: true });
    repo.git(['push', '-q', origin.dir, 'HEAD:refs/heads/main']);

    // A teammate: keyguard cloned beside the project as the README says, a fresh clone, npm ci.
    const mate = join(base, 'mate');
    mkdirSync(mate);
    cloneKeyguard(join(mate, 'keyguard'));
    symlinkSync(join(ROOT, 'node_modules'), join(mate, 'keyguard', 'node_modules'));
    ok(repo, 'node scripts/build.mjs', {}, join(mate, 'keyguard'));
    const mine = join(mate, 'app');
    repo.git(['clone', '-q', origin.dir, mine]);
    ok(repo, 'npm ci', {}, mine);
    expect(repo.git(['config', 'core.hooksPath'], { cwd: mine }).stdout.trim()).toBe('.husky/_');
    const key = keys.openai();
    const leak = commit(repo, { 'src/mate.js': `export const k = "${key}";\n` }, {}, mine);
    expect(leak.code).not.toBe(0);
    expect(leak.stdout + leak.stderr).toContain('src/mate.js');
    expect(commit(repo, { 'src/fine.js': 'export const fine = 1;\n' }, {}, mine).code).toBe(0);

    // uninstall takes out what init brought: hooks, husky's set-up; dependencies with npm's own command.
    const un = ok(repo, 'keyguard uninstall', env);
    expect(un.stdout).toContain('the keyguard devDependency and the husky devDependency stay; remove them with `npm uninstall keyguard husky`');
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
    expect(JSON.parse(repo.read('package.json')).scripts).toBeUndefined();
    expect(repo.git(['config', 'core.hooksPath'], { allowFail: true }).code).toBe(1);
    ok(repo, 'npm uninstall keyguard husky', env);
    expect(JSON.parse(repo.read('package.json')).devDependencies).toBeUndefined();
  });

  it.runIf(pnpm || process.env.CI)('pnpm + husky 9', () => {
    expect(pnpm, 'pnpm is not installed (npm i -g pnpm)').toBe(true);
    const repo = makeRepo();
    app(repo);
    ok(repo, `pnpm add -D husky@9 '${tarball}'`);
    const init = ok(repo, 'pnpm exec keyguard init');
    expect(init.stdout).toContain('run `pnpm install && pnpm run prepare` to install husky and keyguard');
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\n');
    ok(repo, 'pnpm install && pnpm run prepare');
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
    guards(`pnpm ${version('pnpm')} + husky 9`, repo);
    const un = ok(repo, 'pnpm exec keyguard uninstall');
    expect(un.stdout).toContain('remove them with `pnpm remove keyguard husky`');
  });

  it.runIf(yarn4 || process.env.CI)("yarn 4 with Plug'n'Play + husky 9: hooks run keyguard through yarn, husky activates from postinstall", () => {
    expect(yarn4, 'yarn 4 is not installed (npm i -g @yarnpkg/cli-dist@4)').toBe(true);
    const repo = makeRepo();
    app(repo);
    ok(repo, `yarn add -D husky@9 'keyguard@file:${tarball}'`);
    expect(existsSync(join(repo.dir, '.pnp.cjs'))).toBe(true);
    expect(existsSync(join(repo.dir, 'node_modules'))).toBe(false);
    const init = ok(repo, 'yarn keyguard init');
    expect(init.stdout).toContain("Plug'n'Play has no node_modules/.bin: the hooks run keyguard through `yarn`");
    expect(repo.read('.husky/pre-commit')).toBe('yarn keyguard check\n');
    expect(repo.read('.husky/pre-push')).toBe('yarn keyguard pre-push "$@"\n');
    expect(JSON.parse(repo.read('package.json')).scripts).toEqual({ postinstall: 'husky' });
    ok(repo, 'yarn install');
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
    guards(`yarn ${version('yarn')} PnP + husky 9`, repo);
    const un = ok(repo, 'yarn keyguard uninstall');
    expect(un.stdout).toContain('remove them with `yarn remove keyguard husky`');
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
  });

  it('husky 4: keyguard joins its package.json hooks, first; the install keeps working; uninstall restores package.json', () => {
    const repo = makeRepo();
    app(repo, { husky: { hooks: { 'pre-commit': 'echo own v4 hook ran' } } });
    ok(repo, `npm install -D husky@4 '${tarball}'`);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(true); // husky 4's own stub
    const before = repo.read('package.json');
    const init = ok(repo, 'npx keyguard init');
    expect(init.stdout).toContain('pre-commit hook installed (husky 4, package.json "husky.hooks", keyguard first)');
    expect(init.stdout).toContain("husky's migration guide");
    expect(init.stdout).not.toContain('warning');
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.husky.hooks).toEqual({
      'pre-commit': 'keyguard check && echo own v4 hook ran',
      'pre-merge-commit': 'keyguard check',
      'pre-push': `printf '%s\\n' "$HUSKY_GIT_STDIN" | keyguard pre-push $HUSKY_GIT_PARAMS`,
    });
    expect(pkg.scripts).toBeUndefined();
    // Every install still works (husky 4 has no `husky` command for a prepare script to call).
    ok(repo, 'npm install');
    ok(repo, 'npm ci');
    guards('npm + husky 4', repo);
    const own = commit(repo, { 'src/x.js': 'export const x = 1;\n' });
    expect(own.stdout + own.stderr).toContain('own v4 hook ran');
    ok(repo, 'npx keyguard uninstall');
    expect(repo.read('package.json')).toBe(before);
  });

  it('husky 8: new hook files get the shebang and husky.sh line husky 8 runs', () => {
    const repo = makeRepo();
    app(repo, { scripts: { prepare: 'husky install' } });
    ok(repo, `npm install -D husky@8 '${tarball}'`);
    ok(repo, 'npm run prepare');
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky');
    ok(repo, 'npx husky add .husky/pre-commit "echo own v8 hook ran"');
    ok(repo, 'npx keyguard init');
    const header = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n';
    // husky 8 puts nothing on the hooks' PATH: keyguard is named by its path.
    expect(repo.read('.husky/pre-push')).toBe(`${header}node_modules/.bin/keyguard pre-push "$@"\n`);
    expect(repo.read('.husky/pre-merge-commit')).toBe(`${header}node_modules/.bin/keyguard check\n`);
    expect(repo.read('.husky/pre-commit')).toBe(`${header}node_modules/.bin/keyguard check\necho own v8 hook ran\n`);
    expect(JSON.parse(repo.read('package.json')).scripts).toEqual({ prepare: 'husky install' });
    guards('npm + husky 8', repo);
    ok(repo, 'npx keyguard uninstall');
    expect(existsSync(join(repo.dir, '.husky/pre-push'))).toBe(false);
    expect(repo.read('.husky/pre-commit')).toBe(`${header}echo own v8 hook ran\n`);
  });
});
