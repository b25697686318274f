import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, CLI, type TestRepo } from './helpers/repo.js';
import { commit, makeRepoWithRemote } from './helpers/remote.js';
import { keys } from './helpers/keys.js';

/**
 * The one judging policy (src/judge/judgeChange.ts), through the gates a user meets: a commit
 * through the installed hook, a real push to a bare remote, and `scan --since` as CI runs it.
 */
afterAll(cleanupRepos);

function installPreCommit(repo: TestRepo): void {
  const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" check\n`);
  chmodSync(hook, 0o755);
}

function commitThroughHook(repo: TestRepo, message: string) {
  return repo.git(['commit', '-q', '-m', message], { allowFail: true });
}

const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const indent = (text: string, by: string) => text.trimEnd().split('\n').map((l) => by + l).join('\n') + '\n';
const yamlWithKey = (key: string) => `service:\n  name: api\n  tls_key: |\n${indent(key, '    ')}  port: 443\n`;

describe('multi-line secrets in modified files', () => {
  it('blocks a PEM key rotated inside YAML, whose BEGIN and END lines did not change: commit, push and CI scan', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'README.md': '# app\n' }, 'first');
    repo.git(['push', '-q', '--no-verify', 'origin', 'main']);
    commit(repo, { 'deploy.yaml': yamlWithKey(pem()) }, 'key, committed past the hook');
    repo.git(['push', '-q', '--no-verify', 'origin', 'main']);
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();

    installPreCommit(repo);
    repo.write('deploy.yaml', yamlWithKey(pem()));
    repo.git(['add', 'deploy.yaml']);
    const blocked = commitThroughHook(repo, 'rotate the key');
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toMatch(/deploy\.yaml:\d+:\d+\s+private key/);

    repo.git(['commit', '-q', '--no-verify', '-m', 'rotate the key']);
    const pushed = repo.git(['push', 'origin', 'main'], { allowFail: true });
    expect(pushed.code).not.toBe(0);
    expect(pushed.stderr + pushed.stdout).toMatch(/push blocked[\s\S]*deploy\.yaml:\d+:\d+\s+private key/);

    const ci = repo.keyguard(['scan', '--since', base, '--format', 'json']);
    expect(ci.code).toBe(1);
    expect(JSON.parse(ci.stdout).findings.map((f: { path: string; rule: string }) => `${f.path} ${f.rule}`)).toEqual(['deploy.yaml private-key']);
  });

  it('blocks a new PEM key prepended before an old one, and does not report the old one again', () => {
    const repo = makeRepo();
    const old = pem();
    commit(repo, { 'keys.txt': old }, 'old key, committed past the hook');
    const added = pem();
    repo.write('keys.txt', added + old);
    repo.git(['add', 'keys.txt']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { line: number; rule: string }[];
    expect(findings).toHaveLength(1);
    expect(findings[0].rule).toBe('private-key');
    expect(findings[0].line).toBeLessThan(added.split('\n').length);
  });

  it('passes an edit next to an unchanged key it did not touch', () => {
    const repo = makeRepo();
    commit(repo, { 'deploy.yaml': yamlWithKey(pem()) }, 'key accepted long ago');
    repo.write('deploy.yaml', repo.read('deploy.yaml').replace('port: 443', 'port: 8443'));
    repo.git(['add', 'deploy.yaml']);
    const r = repo.keyguard(['check']);
    expect(r.stderr).toContain('no secrets in staged changes');
    expect(r.code).toBe(0);
  });
});

describe('big files are judged in overlapping pieces', () => {
  it('finds a PEM key that straddles the 1 MiB cut of a new file, at commit and in a tree scan', () => {
    const repo = makeRepo();
    const filler = 'x'.repeat(99) + '\n';
    const lead = filler.repeat(Math.floor((1 << 20) / 100) - 5); // the key begins ~500 bytes before the cut
    repo.write('dump.sql', `${lead}${pem()}${filler.repeat(2000)}`);
    repo.git(['add', 'dump.sql']);
    const r = repo.keyguard(['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings as { path: string; line: number; rule: string }[];
    expect(found).toEqual([expect.objectContaining({ path: 'dump.sql', rule: 'private-key', line: lead.split('\n').length })]);
    repo.git(['commit', '-q', '--no-verify', '-m', 'dump']);
    const tree = repo.keyguard(['scan', '--format', 'json']);
    expect(tree.code).toBe(1);
    expect(JSON.parse(tree.stdout).findings).toHaveLength(1);
  });
});

describe('renames out of paths keyguard does not read', () => {
  it('judges a file renamed out of allowPaths whole: its keys were never scanned', () => {
    const repo = makeRepo();
    repo.write('.keyguardrc.json', JSON.stringify({ allowPaths: ['fixtures/**'] }));
    commit(repo, { 'fixtures/client.ts': `export const token = "${keys.github()}";\n` }, 'fixture');
    installPreCommit(repo);
    mkdirSync(join(repo.dir, 'src'));
    repo.git(['mv', 'fixtures/client.ts', 'src/client.ts']);
    const r = commitThroughHook(repo, 'promote the fixture');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/src\/client\.ts:1:\d+\s+GitHub/);
  });

  it('still lets an unchanged rename between scanned paths through', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    installPreCommit(repo);
    repo.git(['mv', 'a.txt', 'b.txt']);
    expect(commitThroughHook(repo, 'rename').code).toBe(0);
  });
});

describe('symlinks', () => {
  it('judges the target text of a symlink, which is pushed like any text', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'README.md': '# app\n' }, 'first');
    installPreCommit(repo);
    symlinkSync(keys.github(), join(repo.dir, 'token-link'));
    repo.git(['add', 'token-link']);
    const r = commitThroughHook(repo, 'a link');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/token-link:1:1\s+GitHub/);
    repo.git(['commit', '-q', '--no-verify', '-m', 'a link']);
    const pushed = repo.git(['push', 'origin', 'main'], { allowFail: true });
    expect(pushed.code).not.toBe(0);
    expect(pushed.stdout + pushed.stderr).toContain('token-link');
  });

  it('does not take a symlink named .env for a secret file', () => {
    const repo = makeRepo();
    symlinkSync('../shared/.env', join(repo.dir, '.env'));
    repo.git(['add', '.env']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(0);
  });
});

describe('commit and tag messages', () => {
  it('blocks a push and a CI scan when a commit message holds a token', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'README.md': '# app\n' }, 'first');
    repo.git(['push', '-q', 'origin', 'main']);
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const bad = commit(repo, { 'a.txt': 'x\n' }, `deploy fix\n\nused token ${keys.github()} to test`);
    const pushed = repo.git(['push', 'origin', 'main'], { allowFail: true });
    expect(pushed.code).not.toBe(0);
    expect(pushed.stdout + pushed.stderr).toMatch(/\(commit message\):3:\d+\s+GitHub/);
    expect(pushed.stdout + pushed.stderr).toContain(bad.slice(0, 12));
    const ci = repo.keyguard(['scan', '--since', base]);
    expect(ci.code).toBe(1);
    expect(ci.stdout).toContain('(commit message)');
  });

  it('blocks pushing an annotated tag whose message holds a token', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'README.md': '# app\n' }, 'first');
    repo.git(['push', '-q', 'origin', 'main']);
    repo.git(['tag', '-a', 'v1', '-m', `release\n\nkey ${keys.stripe()}`]);
    const pushed = repo.git(['push', 'origin', 'v1'], { allowFail: true });
    expect(pushed.code).not.toBe(0);
    expect(pushed.stdout + pushed.stderr).toMatch(/\(commit message\)[\s\S]*Stripe/);
    repo.git(['tag', '-a', 'v2', '-m', 'release two']);
    expect(repo.git(['push', 'origin', 'v2'], { allowFail: true }).code).toBe(0);
  });
});

describe('fix lines for hostile file names', () => {
  it('quotes a name starting with - and a folder name holding a newline, and still blocks both', () => {
    const repo = makeRepo();
    repo.write('-cfg/.env', 'A=1\n');
    repo.write('a\nb/.env', 'A=1\n');
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    // One fix for both, one command naming both paths, each quoted so it works when pasted.
    expect(r.stdout).toContain("fix for 2 × env-file: git rm --cached ./-cfg/.env $'a\\nb/.env',");
    expect(r.stdout.split('\n').filter((l) => l.includes('fix'))).toHaveLength(1);
  });
});

describe('Kubernetes Secret manifests', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const manifest = (entries: string[]) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ntype: Opaque\ndata:\n${entries.map((e) => `  ${e}\n`).join('')}`;

  it('blocks an entry added to an existing Secret whatever its key is called, at commit and in CI', () => {
    const { repo } = makeRepoWithRemote();
    const old = `password: ${b64(keys.generic())}`;
    commit(repo, { 'k8s/secret.yaml': manifest([old]) }, 'secret, committed past the hook');
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    installPreCommit(repo);
    repo.write('k8s/secret.yaml', manifest([old, `DATABASE_URL: ${b64(`postgres://app:${keys.generic()}@db:5432/app`)}`]));
    repo.git(['add', '-A']);
    const r = commitThroughHook(repo, 'add the database');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/k8s\/secret\.yaml:8:\d+\s+Kubernetes Secret/);
    expect((r.stdout + r.stderr).match(/Kubernetes Secret/g)).toHaveLength(1); // the old entry is not reported again
    repo.git(['commit', '-q', '--no-verify', '-m', 'add the database']);
    const ci = repo.keyguard(['scan', '--since', base, '--format', 'json']);
    expect(ci.code).toBe(1);
    expect(JSON.parse(ci.stdout).findings.map((f: { line: number }) => f.line)).toEqual([8]);
  });

  it('reads data written before kind, stringData, and block scalars; leaves certificates, templates and other kinds alone', () => {
    const repo = makeRepo();
    const cert = b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    repo.write('a.yaml', `apiVersion: v1\ndata:\n  token: ${b64(keys.generic())}\n  tls.crt: ${cert}\nkind: Secret\n---\nkind: Secret\nstringData:\n  api: ${keys.generic()}\n  other: "{{ .Values.other }}"\n---\nkind: Secret\ndata:\n  key: |\n    ${b64(keys.generic())}\n`);
    repo.write('b.yaml', `kind: ExternalSecret\ndata:\n  - secretKey: token\n    remoteRef:\n      key: prod/api/token\n---\nkind: ConfigMap\ndata:\n  mode: ${b64('production-mode-on')}\n`);
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check', '--format', 'json']);
    const found = (JSON.parse(r.stdout).findings as { path: string; line: number; rule: string }[]).map((f) => `${f.path}:${f.line}`);
    expect(found, r.stdout).toEqual(['a.yaml:3', 'a.yaml:9', 'a.yaml:15']);
  });
});
