import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { ROOT, cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

const JOB = '.gitlab/keyguard.gitlab-ci.yml';
const REPORT = 'gl-secret-detection-report.json';
const NPM_CACHE = { npm_config_cache: join(homedir(), '.npm') };

/**
 * GitLab's CI schema (GitLab's own ci.json, which gitlab-ci-local bundles from GitLab's
 * repository; .ci/run installs it under /opt/gitlab-ci-local). Read from the bundle's object literal.
 */
function gitlabCiSchema(): object {
  const bundle = '/opt/gitlab-ci-local/node_modules/gitlab-ci-local/dist/index.js';
  expect(existsSync(bundle), `${bundle} is installed by .ci/run`).toBe(true);
  const src = readFileSync(bundle, 'utf8');
  const at = src.indexOf('$id:"https://gitlab.com/.gitlab-ci.yml"');
  expect(at).toBeGreaterThan(0);
  const start = src.lastIndexOf('{', at);
  let depth = 0;
  let quote: string | null = null;
  let i = start;
  for (; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  return new Function(`return (${src.slice(start, i + 1)})`)();
}

function initGitlab() {
  const repo = makeRepo();
  commit(repo, { 'a.txt': 'x\n' }, 'c0');
  const r = repo.keyguard(['init', '--ci', 'gitlab']);
  expect(r.code, r.stderr).toBe(0);
  return { repo, out: r.stdout + r.stderr };
}

/** The job's one script entry, as the runner runs it. */
function jobScript(text: string): string {
  const job = parse(text).keyguard;
  expect(job.script).toHaveLength(1);
  return job.script[0];
}

describe('keyguard init --ci gitlab', () => {
  it('writes the job and a .gitlab-ci.yml that includes it; a project pipeline is left unedited; uninstall takes them out', () => {
    const { repo, out } = initGitlab();
    const job = repo.read(JOB);
    expect(parse(repo.read('.gitlab-ci.yml')).include).toEqual([{ local: JOB }]);
    expect(out).toContain('.gitlab-ci.yml');
    const again = repo.keyguard(['init', '--ci', 'gitlab']);
    expect(again.code).toBe(0);
    expect(repo.read(JOB)).toBe(job);

    const u = repo.keyguard(['uninstall']);
    expect(u.code, u.stderr).toBe(0);
    expect(existsSync(join(repo.dir, JOB))).toBe(false);
    expect(existsSync(join(repo.dir, '.gitlab-ci.yml'))).toBe(false);

    const own = 'build:\n  script:\n    - make\n';
    repo.write('.gitlab-ci.yml', own);
    const mine = repo.keyguard(['init', '--ci', 'gitlab']);
    expect(mine.code).toBe(0);
    expect(repo.read('.gitlab-ci.yml')).toBe(own);
    expect(mine.stdout + mine.stderr).toContain(`include: [{ local: ${JOB} }]`);
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(repo.read('.gitlab-ci.yml')).toBe(own);
  });

  it("is valid against GitLab's CI schema, which does reject a broken copy", () => {
    const { repo } = initGitlab();
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(gitlabCiSchema());
    for (const file of [JOB, '.gitlab-ci.yml']) {
      const ok = validate(parse(repo.read(file)));
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
    const job = parse(repo.read(JOB));
    expect(job.keyguard.artifacts.reports.secret_detection).toBe(REPORT);
    expect(job.keyguard.artifacts.when).toBe('always');
    job.keyguard.artifacts.reports.secret_detections = REPORT;
    expect(validate(job)).toBe(false);
  });

  it('its shell passes shellcheck (POSIX sh)', () => {
    const { repo } = initGitlab();
    const r = spawnSync('shellcheck', ['--shell=sh', '--severity=style', '-'], { input: jobScript(repo.read(JOB)), encoding: 'utf8' });
    expect(r.error, 'shellcheck is installed by .ci/run').toBeUndefined();
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('run as the runner runs it: scans the merge request, fails on a key with a valid report, passes clean, fails closed', () => {
    const repo = makeRepo();
    const base = commit(repo, { 'old.txt': `${keys.openai()}\n` }, 'target branch, with a key from before');
    repo.keyguard(['init', '--ci', 'gitlab']);
    const script = jobScript(repo.read(JOB));
    // The checkout's own "keyguard" is never what runs; keyguard comes from a folder of its own.
    repo.write('node_modules/.bin/keyguard', '#!/bin/sh\necho PWNED\nexit 0\n');
    chmodSync(join(repo.dir, 'node_modules/.bin/keyguard'), 0o755);
    repo.git(['add', '-f', 'node_modules/.bin/keyguard']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'clean change']);
    // The job installs keyguard from npm; this keyguard is not published yet, so "npm" here is a
    // stand-in that puts the built CLI where `npm install --prefix DIR keyguard@V` would.
    const bin = join(repo.home, 'bin');
    repo.write('../home/bin/npm', [
      '#!/bin/sh',
      'while [ "$#" -gt 0 ]; do case "$1" in --prefix) dir=$2; shift;; keyguard@*) spec=$1;; esac; shift; done',
      '[ "$spec" = "keyguard@$EXPECTED_VERSION" ] || { echo "npm: no such package $spec" >&2; exit 1; }',
      'mkdir -p "$dir/node_modules/.bin"',
      `printf '#!/bin/sh\\nexec %s %s "$@"\\n' ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'dist/cli.js'))} > "$dir/node_modules/.bin/keyguard"`,
      'chmod +x "$dir/node_modules/.bin/keyguard"',
      '',
    ].join('\n'));
    chmodSync(join(bin, 'npm'), 0o755);
    const version = parse(repo.read(JOB)).keyguard.variables.KEYGUARD_VERSION;
    const run = (env: Record<string, string>) => {
      const r = spawnSync('sh', ['-e', '-c', script], {
        cwd: repo.dir,
        env: { ...repo.env, ...NPM_CACHE, PATH: `${bin}:${process.env.PATH}`, TMPDIR: repo.home, EXPECTED_VERSION: version, KEYGUARD_VERSION: version, CI_DEFAULT_BRANCH: 'main', ...env },
        encoding: 'utf8',
      });
      const path = join(repo.dir, REPORT);
      return { code: r.status, out: r.stdout + r.stderr, report: existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null };
    };
    const mr = { CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_IID: '7', CI_MERGE_REQUEST_DIFF_BASE_SHA: base };

    const clean = run(mr);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).not.toContain('PWNED');
    expect(clean.report.vulnerabilities).toEqual([]);

    const key = keys.github();
    const sha = commit(repo, { 'src/new.txt': `token=${key}\n` }, 'key');
    const found = run(mr);
    expect(found.code, found.out).toBe(1);
    expect(found.out).not.toContain('PWNED');
    expect(found.out).toContain('src/new.txt'); // the text report, in the job log
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/gitlab-secret-detection-report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(found.report), JSON.stringify(validate.errors)).toBe(true);
    expect(found.report.vulnerabilities).toHaveLength(1);
    const v = found.report.vulnerabilities[0];
    expect(v.location).toMatchObject({ file: 'src/new.txt', start_line: 1, commit: { sha } });
    expect(JSON.stringify(found.report)).not.toContain(key);

    // A push to a branch without a merge request: the commits since the previous tip.
    const push = run({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_BEFORE_SHA: sha });
    expect(push.code, push.out).toBe(0);

    // keyguard that cannot be installed, or cannot scan: a failed job (2), never a report.
    const missing = run({ ...mr, EXPECTED_VERSION: 'another' });
    expect(missing.code).toBe(2);
    expect(missing.report).toBeNull();
    const broken = run({ ...mr, CI_MERGE_REQUEST_DIFF_BASE_SHA: '', CI_COMMIT_BRANCH: 'main', GIT_DIR: join(repo.home, 'nothing') });
    expect(broken.code).toBe(2);
    expect(broken.report).toBeNull();
  });
});
