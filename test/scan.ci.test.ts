import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

const WORKFLOW = '.github/workflows/keyguard.yml';

/** The workflow's scan step, as the runner would execute it (bash -e). */
function scanStep(workflow: string): string {
  const lines = workflow.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'run: |');
  const indent = lines[start + 1].length - lines[start + 1].trimStart().length;
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() !== '' && l.length - l.trimStart().length < indent) break;
    body.push(l.slice(indent));
  }
  return body.join('\n');
}

/** Runs the step in `repo` with `npx` standing in for the published package. */
function runStep(repo: TestRepo, env: Record<string, string>) {
  const bin = join(repo.home, 'bin');
  mkdirSync(bin, { recursive: true });
  const npx = join(bin, 'npx');
  // npx --yes keyguard ARGS → the built CLI with ARGS
  writeFileSync(npx, `#!/bin/sh\nshift 2\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(npx, 0o755);
  const script = scanStep(repo.read(WORKFLOW));
  const r = spawnSync('bash', ['-e', '-c', script], {
    cwd: repo.dir,
    env: { ...repo.env, PATH: `${bin}:${process.env.PATH}`, ...env },
    encoding: 'utf8',
  });
  const sarifPath = join(repo.dir, 'keyguard.sarif');
  return { code: r.status, stderr: r.stderr, sarif: existsSync(sarifPath) ? JSON.parse(readFileSync(sarifPath, 'utf8')) : null };
}

describe('keyguard init --ci github', () => {
  it('writes the workflow once, and leaves a workflow the user changed alone', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'x\n' }, 'c0');
    const first = repo.keyguard(['init', '--ci', 'github']);
    expect(first.code, first.stderr).toBe(0);
    const text = repo.read(WORKFLOW);
    expect(text).toContain('upload-sarif');
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
    repo.write(WORKFLOW, repo.read(WORKFLOW).replace('node-version: 20', 'node-version: 22'));
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(repo.read(WORKFLOW)).toContain('node-version: 22');
  });

  it('the workflow scans exactly the pushed range, fails on a key and leaves SARIF to upload', () => {
    const repo = makeRepo();
    commit(repo, { 'old.txt': `${keys.openai()}\n` }, 'already there before this push');
    const before = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    repo.keyguard(['init', '--ci', 'github']);

    commit(repo, { 'clean.txt': 'ok\n' }, 'clean');
    const clean = runStep(repo, { BASE: before, GITHUB_REF_NAME: 'main', DEFAULT_BRANCH: 'main' });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.sarif.runs[0].results).toEqual([]); // the old key is outside the range

    commit(repo, { 'new.txt': `${keys.github()}\n` }, 'key');
    const found = runStep(repo, { BASE: before, GITHUB_REF_NAME: 'main', DEFAULT_BRANCH: 'main' });
    expect(found.code).toBe(1);
    expect(found.sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['new.txt']);

    // A first push (no usable base): the whole history.
    const all = runStep(repo, { BASE: '0'.repeat(40), GITHUB_REF_NAME: 'main', DEFAULT_BRANCH: 'main' });
    expect(all.code).toBe(1);
    expect(all.sarif.runs[0].results).toHaveLength(2);
  });

  it('a scan that cannot run fails the job and leaves no empty report behind', () => {
    const repo = makeRepo(); // no commits: exit 2
    mkdirSync(join(repo.dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(repo.dir, WORKFLOW), readFileSync(join(ROOT, 'src/install/githubWorkflow.ts'), 'utf8').split('export const WORKFLOW = `')[1].split('`;\n')[0].replaceAll('\\${{', '${{'));
    const r = runStep(repo, { BASE: '', GITHUB_REF_NAME: 'main', DEFAULT_BRANCH: 'main' });
    expect(r.code).toBe(2);
    expect(r.sarif).toBeNull();
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks that run keyguard commands that exist, without file names', () => {
    const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    const hooks = text.split(/^- /m).slice(1);
    expect(hooks).toHaveLength(2);
    const repo = makeRepo();
    for (const hook of hooks) {
      const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(hook)?.[1].trim();
      expect(field('language')).toBe('node');
      expect(field('pass_filenames')).toBe('false');
      const entry = field('entry')!;
      expect(entry).toMatch(/^keyguard (check|pre-push)$/);
      expect(repo.keyguard([...entry.split(' ').slice(1), '--help']).code).toBe(0);
    }
    expect(hooks.map((h) => /id:\s*(\S+)/.exec(h)?.[1])).toEqual(['keyguard', 'keyguard-pre-push']);
  });
});
