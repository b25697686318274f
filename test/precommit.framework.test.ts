import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { cloneKeyguard } from './helpers/keyguardClone.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

/**
 * The real pre-commit framework, both majors users have: pip's 4.x (installed by .ci/run into
 * /opt/pre-commit-4) and Debian's 3.0.4 (/usr/bin/pre-commit). Each installs keyguard from a
 * real clone of this repository at a commit, with a fresh cache, as a user's first run does.
 */
const VERSIONS = [
  { exe: '/opt/pre-commit-4/bin/pre-commit', version: /^pre-commit 4\./, pushStage: 'pre-push' },
  { exe: '/usr/bin/pre-commit', version: /^pre-commit 3\.0\.4$/, pushStage: 'push' },
];

/** npm's download cache of the machine (the scratch HOME's is empty): the same packages, fetched once. */
const NPM_CACHE = { npm_config_cache: join(homedir(), '.npm') };

function setUp(exe: string, pushStage: string) {
  const repo = makeRepo();
  const kg = cloneKeyguard(join(repo.home, 'keyguard'));
  const remote = join(repo.home, 'remote.git');
  repo.git(['init', '-q', '--bare', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  repo.write(
    '.pre-commit-config.yaml',
    [
      'repos:',
      `  - repo: ${kg.dir}`,
      `    rev: ${kg.sha}`,
      '    hooks:',
      '      - id: keyguard',
      '      - id: keyguard-pre-push',
      `        stages: [${pushStage}]`,
      '',
    ].join('\n'),
  );
  commit(repo, { 'README.md': '# app\n' }, 'c0');
  repo.git(['push', '-q', 'origin', 'main']);
  const env = { ...NPM_CACHE, PRE_COMMIT_HOME: join(repo.home, 'pre-commit-cache') };
  const pc = (args: string[]) => {
    const r = spawnSync(exe, args, { cwd: repo.dir, env: { ...repo.env, ...env }, encoding: 'utf8' });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const gitRun = (args: string[]) => repo.git(args, { allowFail: true, env });
  return { repo, pc, gitRun };
}

function sawKey(out: string, key: string) {
  expect(out).not.toContain(key); // redacted, never whole
  expect(out).toContain(key.slice(0, 8));
}

describe.each(VERSIONS)('the pre-commit framework ($exe)', ({ exe, version, pushStage }) => {
  it('installs keyguard from its git repository and runs it at commit, push and on named files', () => {
    expect(existsSync(exe), `${exe} is installed by .ci/run`).toBe(true);
    const v = spawnSync(exe, ['--version'], { encoding: 'utf8' });
    expect(v.stdout.trim()).toMatch(version);

    const { repo, pc, gitRun } = setUp(exe, pushStage);
    const install = pc(['install', '--install-hooks', '-t', 'pre-commit', '-t', 'pre-push']);
    expect(install.code, install.out).toBe(0);
    expect(install.out).not.toMatch(/deprecated/i);

    // At commit: a staged key is blocked, a clean change passes.
    const key = keys.openai();
    repo.write('config.js', `export const key = "${key}";\n`);
    repo.git(['add', 'config.js']);
    const blocked = gitRun(['commit', '-q', '-m', 'key']);
    expect(blocked.code, blocked.stdout + blocked.stderr).not.toBe(0);
    sawKey(blocked.stdout + blocked.stderr, key);
    expect(blocked.stdout + blocked.stderr).toContain('config.js');
    expect(repo.git(['rev-list', '--count', 'HEAD']).stdout.trim()).toBe('1');

    repo.git(['rm', '-q', '--cached', 'config.js']);
    repo.write('app.js', 'export const ok = 1;\n');
    repo.git(['add', 'app.js']);
    const clean = gitRun(['commit', '-q', '-m', 'clean']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);

    // --all-files and --files check the files they name, staged or not.
    const all = pc(['run', '--all-files']);
    expect(all.code, all.out).toBe(0); // config.js is untracked: not part of --all-files
    const named = pc(['run', '--files', 'config.js']);
    expect(named.code, named.out).toBe(1);
    sawKey(named.out, key);
    expect(pc(['run', '--files', 'app.js']).code).toBe(0);
    // A key committed past the hook (--no-verify) is found by --all-files, and by the manual stage.
    repo.git(['add', 'config.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'key, unchecked']);
    const allAgain = pc(['run', '--all-files']);
    expect(allAgain.code, allAgain.out).toBe(1);
    sawKey(allAgain.out, key);
    const manual = pc(['run', '--hook-stage', 'manual', 'keyguard', '--all-files']);
    expect(manual.code, manual.out).toBe(1);

    // At push: the commit that holds the key is refused.
    const push = gitRun(['push', 'origin', 'main']);
    expect(push.code, push.stdout + push.stderr).not.toBe(0);
    expect(push.stderr + push.stdout).toContain('push blocked');
    expect(repo.git(['--git-dir', join(repo.home, 'remote.git'), 'rev-list', '--count', 'main']).stdout.trim()).toBe('1');
  }, 300_000);
});
