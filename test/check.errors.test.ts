import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, CLI } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

/** Exit 2 with exactly one line on stderr, naming the problem, and no stack trace. */
function expectOneLineError(r: { code: number; stdout: string; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^keyguard: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('keyguard check fails closed, with one clear line', () => {
  it('outside a git repository', () => {
    const repo = makeRepo({ init: false });
    expectOneLineError(repo.keyguard(['check']), /not a git repository/);
  });

  it('in a bare repository', () => {
    const repo = makeRepo({ bare: true });
    expectOneLineError(repo.keyguard(['check']), /bare repository/);
  });

  it('on an unknown option, an unknown command and a bad format', () => {
    const repo = makeRepo();
    expectOneLineError(repo.keyguard(['check', '--no-such-flag']), /--no-such-flag/);
    expectOneLineError(repo.keyguard(['chekc']), /unknown command "chekc"/);
    expectOneLineError(repo.keyguard(['check', '--format', 'xml']), /--format must be one of text, json/);
  });

  it('when git is missing', () => {
    const repo = makeRepo();
    const emptyBin = join(repo.home, 'bin');
    mkdirSync(emptyBin);
    expectOneLineError(repo.keyguard(['check'], { env: { PATH: emptyBin } }), /git was not found/);
  });

  it('when the index is corrupt', () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    writeFileSync(join(repo.dir, '.git', 'index'), 'DIRC garbage, not an index');
    expectOneLineError(repo.keyguard(['check']), /git .*failed/);
  });

  it('when git dies while handing over the staged content', () => {
    const repo = makeRepo();
    repo.write('a.txt', `token ${keys.github()}\n`);
    repo.git(['add', 'a.txt']);
    const bin = join(repo.home, 'bin');
    mkdirSync(bin);
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    // A git that is killed as it starts to read blobs: the check must not call that "clean".
    writeFileSync(join(bin, 'git'), `#!/bin/sh\n[ "$1" = cat-file ] && kill -9 $$\nexec "${realGit}" "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const r = repo.keyguard(['check'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expectOneLineError(r, /git cat-file failed: killed by SIGKILL/);
  });

  it('in a repository git refuses for its owner (CI containers), giving the reason and the command git suggests', () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    // git's own switch for "owned by someone else": the same refusal as a checkout mounted from another uid.
    const env = { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' };
    for (const args of [['check'], ['scan']]) {
      const r = repo.keyguard(args, { env });
      expectOneLineError(r, /dubious ownership in repository at .*\(git suggests: git config --global --add safe\.directory /);
    }
  });

  it('on a broken config, naming the file and the problem', () => {
    const repo = makeRepo();
    repo.write('.keyguardrc.json', '{ "disable": [ }');
    expectOneLineError(repo.keyguard(['check']), /\.keyguardrc\.json: invalid JSON/);
    repo.write('.keyguardrc.json', '{ "disabel": [] }');
    expectOneLineError(repo.keyguard(['check']), /\.keyguardrc\.json: unknown setting "disabel"/);
    repo.write('.keyguardrc.json', '{ "disable": ["no-such-rule"] }');
    expectOneLineError(repo.keyguard(['check']), /unknown rule "no-such-rule"/);
    repo.write('.keyguardrc.json', '{ "allowValues": ["/([a-z]+/"] }');
    expectOneLineError(repo.keyguard(['check']), /not a valid regular expression/);
    repo.write('.keyguardrc.json', '{ "entropy": "high" }');
    expectOneLineError(repo.keyguard(['check']), /"entropy" must be a number/);
    expectOneLineError(repo.keyguard(['check', '--config', 'missing.json']), /missing\.json: config file not found/);
  });

  it('prints help and version without touching git', () => {
    const repo = makeRepo({ init: false });
    const version = repo.keyguard(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(repo.keyguard(['check', '--help'])).toMatchObject({ code: 0, stderr: '' });
    expect(spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).status).toBe(0);
  });
});

describe('errors across bundled files', () => {
  it('a KeyguardError thrown by a command file keeps its exit code in the dispatcher', async () => {
    const { KeyguardError, isKeyguardError } = await import('../src/errors.js');
    // Each command file is bundled with its own copy of the class: `instanceof` fails across them.
    class CopyOfKeyguardError extends Error {
      readonly keyguard = true;
      constructor(message: string, readonly exitCode: number) {
        super(message);
      }
    }
    const foreign = new CopyOfKeyguardError('x', 1);
    expect(foreign instanceof KeyguardError).toBe(false);
    expect(isKeyguardError(foreign)).toBe(true);
    expect(isKeyguardError(new KeyguardError('y'))).toBe(true);
    expect(isKeyguardError(new Error('z'))).toBe(false);
    expect(isKeyguardError(Object.assign(new Error('w'), { keyguard: true }))).toBe(false);
  });
});
