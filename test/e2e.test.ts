/**
 * End to end: keyguard packed as users get it (npm pack), installed into fresh repositories of each
 * kind, set up with `keyguard init --fix-gitignore`, then exercised through real `git commit`s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
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

  // git runs pre-merge-commit, not pre-commit, for a merge: merging a --no-verify branch is stopped too.
  const main = repo.git(['branch', '--show-current']).stdout.trim();
  repo.git(['checkout', '-q', '-b', 'feature']);
  repo.write('src/late.js', `export const token = "${key}";\n`);
  repo.git(['add', 'src/late.js']);
  repo.git(['commit', '-q', '--no-verify', '-m', 'skip the hook']);
  repo.git(['checkout', '-q', main]);
  repo.write('src/other.js', 'export const other = 1;\n');
  repo.git(['add', 'src/other.js']);
  repo.git(['commit', '-q', '--no-verify', '-m', 'main moves on']);
  const merge = repo.git(['merge', '--no-ff', '-m', 'merge feature', 'feature'], { env: { ...npmEnv, ...env }, allowFail: true });
  expect(merge.code, merge.stdout + merge.stderr).not.toBe(0);
  expect(merge.stdout + merge.stderr).toContain('src/late.js');
  expect(merge.stdout + merge.stderr).not.toContain(key);
  repo.git(['merge', '--abort']);
  repo.git(['reset', '-q', '--hard', 'HEAD~1']);
  repo.git(['branch', '-q', '-D', 'feature']);

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
    expect(r.stdout).toMatch(/keyguard: \.gitignore — added \d+ secret patterns \(\.env, \.env\.\*, \*\.env, \.envrc/);
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
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\necho "own pre-commit ran"\n');
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

  it('init writes the dependency and the install hint of where this keyguard came from (a tarball), and that hint works', () => {
    // keyguard installed from the tarball into a tools folder (npm records the tarball in its lockfile).
    const tools = makeRepo({ init: false });
    tools.write('package.json', '{"name":"tools","private":true}\n');
    npm(tools, ['install', tarball]);
    const kg = join(tools.dir, 'node_modules/.bin/keyguard');

    const app = makeRepo();
    app.write('package.json', JSON.stringify({ name: 'app', private: true }, null, 2) + '\n');
    const r = sh(app, `'${kg}' init`, {});
    expect(r.code).toBe(0);
    const spec = `file:${relative(app.dir, tarball).split(sep).join('/')}`;
    expect(r.stdout).toContain(`devDependency keyguard@${spec} (the tarball this keyguard was installed from; every clone needs it at that path)`);
    expect(JSON.parse(app.read('package.json')).devDependencies.keyguard).toBe(spec);
    npm(app, ['install']); // the spec installs
    expect(JSON.parse(readFileSync(join(app.dir, 'node_modules/keyguard/package.json'), 'utf8')).name).toBe('keyguard');

    // A plain repository set up by that keyguard; then the tools folder goes: the hook names the command that installs it again.
    const repo = makeRepo();
    expect(sh(repo, `'${kg}' init`, {}).code).toBe(0);
    rmSync(tools.dir, { recursive: true, force: true });
    const stopped = commit(repo, {}, { 'a.txt': 'a\n' });
    expect(stopped.code).not.toBe(0);
    const hint = /install it \((npm install -g [^)]+)\) and try again/.exec(stopped.stderr);
    expect(hint?.[1]).toBe(`npm install -g ${tarball}`);
    const prefix = join(repo.dir, '..', 'global');
    expect(sh(repo, hint![1], { npm_config_prefix: prefix }).code).toBe(0);
    const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    expect(commit(repo, env, { 'a.txt': 'a\n' }).code).toBe(0);
    expect(commit(repo, env, { '.env': 'A=1\n' }).code).toBe(1);
  });

  it('hooks/ on its own: core.hooksPath node_modules/keyguard/hooks guards commits, merges and pushes', () => {
    const repo = makeRepo();
    repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2) + '\n');
    repo.write('.gitignore', 'node_modules\n');
    npm(repo, ['install', '-D', '--ignore-scripts', tarball]);
    repo.git(['config', 'core.hooksPath', 'node_modules/keyguard/hooks']);
    // No keyguard on PATH: the hooks run the package's own CLI beside them.
    expect(commit(repo, {}, { '.gitignore': 'node_modules\n', 'package.json': repo.read('package.json'), 'src/a.js': 'export const a = 1;\n' }).code).toBe(0);
    const blocked = commit(repo, {}, { '.env': 'A=1\n' });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).toMatch(/\.env\s+secret file/);
    const key = keys.openai();
    const leak = commit(repo, {}, { 'src/client.js': `export const k = "${key}";\n` });
    expect(leak.code).toBe(1);
    expect(leak.stdout + leak.stderr).not.toContain(key);

    // A branch committed with --no-verify: merging it runs pre-merge-commit, which stops the merge commit.
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('src/late.js', `export const token = "${key}";\n`);
    repo.git(['add', 'src/late.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'skip the hook']);
    repo.git(['checkout', '-q', 'main']);
    repo.write('src/b.js', 'export const b = 2;\n');
    repo.git(['add', 'src/b.js']);
    repo.git(['commit', '-q', '-m', 'main moves on']);
    const merge = repo.git(['merge', '--no-ff', '-m', 'merge feature', 'feature'], { allowFail: true });
    expect(merge.code).not.toBe(0);
    expect(merge.stdout + merge.stderr).toContain('src/late.js');
    expect(merge.stdout + merge.stderr).not.toContain(key);
    expect(repo.git(['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('2');
    repo.git(['merge', '--abort']);

    const remote = makeRepo({ bare: true });
    expect(repo.git(['push', '-q', remote.dir, 'main'], { allowFail: true }).code).toBe(0);
    const push = repo.git(['push', remote.dir, 'feature'], { allowFail: true });
    expect(push.code).toBe(1);
    expect(push.stdout + push.stderr).toContain('src/late.js');
    expect(remote.git(['branch', '--list', 'feature']).stdout).toBe('');
  });

  it('no package.json, keyguard installed globally with its bin folder off PATH (as in GUI clients): the hook runs the keyguard init ran with, else finds one through npx', () => {
    const repo = makeRepo();
    const prefix = join(repo.dir, '..', 'global');
    npm(repo, ['install', '-g', '--prefix', prefix, tarball]);
    const env = { npm_config_prefix: prefix }; // PATH has node and npx, not the global bin folder
    const cli = join(prefix, 'lib/node_modules/keyguard/dist/cli.js');
    const r = sh(repo, `node ${cli} init`, env);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('warning');
    expect(repo.read('.git/hooks/pre-commit')).toContain(`__keyguard_cli='${cli}'`);
    expect(commit(repo, env, { 'src/index.js': 'export const a = 1;\n' }).code).toBe(0);
    const blocked = commit(repo, env, { '.env': 'A=1\n' });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).toMatch(/\.env\s+secret file/);

    // keyguard reinstalled elsewhere (another prefix, as a Node version manager does): npx finds it.
    rmSync(prefix, { recursive: true, force: true });
    const moved = join(repo.dir, '..', 'global2');
    npm(repo, ['install', '-g', '--prefix', moved, tarball]);
    const env2 = { npm_config_prefix: moved };
    const again = commit(repo, env2, { '.env': 'A=1\n' });
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toMatch(/\.env\s+secret file/);
    expect(again.stderr).not.toContain('not installed');
    expect(commit(repo, env2, { 'src/b.js': 'export const b = 1;\n' }).code).toBe(0);
  });
});
