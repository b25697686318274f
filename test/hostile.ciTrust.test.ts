/**
 * A pull request cannot switch off its own CI scan. `keyguard scan --since BASE` (what the
 * generated workflow runs) reads settings, ignore file and baseline from BASE, and reports each
 * change the range makes to them as a `keyguard-settings-changed` finding, which blocks (exit 1)
 * like a secret until a maintainer has reviewed it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

interface JsonFinding {
  rule: string;
  path: string;
}

const sha = (rule: string, value: string) => createHash('sha256').update(rule).update('\0').update(value).digest('hex').slice(0, 32);

/** main with the maintainers' settings: fixtures allowed, docs ignored. */
function mainRepo(): TestRepo {
  const repo = makeRepo();
  commit(
    repo,
    {
      '.keyguardrc.json': JSON.stringify({ allowPaths: ['fixtures/**'] }, null, 2) + '\n',
      '.keyguardignore': 'docs/\n',
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0' }, null, 2) + '\n',
      'src/index.js': 'export {};\n',
    },
    'main',
  );
  return repo;
}

function scanSince(repo: TestRepo, base: string): { code: number; findings: JsonFinding[] } {
  const r = repo.keyguard(['scan', '--since', base, '--format', 'json']);
  expect([0, 1], r.stderr).toContain(r.code);
  return { code: r.code, findings: JSON.parse(r.stdout).findings };
}

describe('a pull request that weakens the gate', () => {
  const token = keys.github();
  const attacks: [string, Record<string, string>][] = [
    ['allowPaths ** in .keyguardrc.json', { '.keyguardrc.json': JSON.stringify({ allowPaths: ['**'] }) }],
    ['allowValues /.*/', { '.keyguardrc.json': JSON.stringify({ allowPaths: ['fixtures/**'], allowValues: ['/.*/'] }) }],
    ['disable the rule', { '.keyguardrc.json': JSON.stringify({ allowPaths: ['fixtures/**'], disable: ['github-token'] }) }],
    ['* in .keyguardignore', { '.keyguardignore': '*\n' }],
    ['a package.json "keyguard" key with .keyguardrc.json deleted', { 'package.json': JSON.stringify({ name: 'app', keyguard: { allowPaths: ['**'] } }) }],
    ['a baseline holding the fingerprint computed offline', { '.keyguard-baseline.json': JSON.stringify({ version: 1, findings: [{ fingerprint: sha('github-token', token), rule: 'github-token', path: 'src/leak.js' }] }) }],
  ];

  it.each(attacks)('%s: the key still blocks, and the change is a finding of its own', (name, files) => {
    const repo = mainRepo();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    repo.git(['checkout', '-q', '-b', 'pr']);
    if (name.includes('deleted')) repo.git(['rm', '-q', '.keyguardrc.json']);
    commit(repo, { ...files, 'src/leak.js': `const t = "${token}";\n` }, `pr: ${name}`);
    // What the pull request's own settings say: nothing to see.
    expect(repo.keyguard(['scan']).code).toBe(0);
    const { code, findings } = scanSince(repo, base);
    expect(code).toBe(1);
    expect(findings.map((f) => `${f.rule} ${f.path}`)).toContain('github-token src/leak.js');
    const changed = findings.filter((f) => f.rule === 'keyguard-settings-changed').map((f) => f.path);
    for (const path of Object.keys(files)) expect(changed).toContain(path);
  });

  it('a settings change alone blocks until reviewed; the text report names the file and the fix', () => {
    const repo = mainRepo();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    commit(repo, { '.keyguardignore': 'docs/\nsrc/\n' }, 'ignore src');
    const r = repo.keyguard(['scan', '--since', base]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('.keyguardignore');
    expect(r.stdout + r.stderr).toContain('a maintainer reviews this change');
  });
});

describe('the base settings are what apply in a range', () => {
  it('the base allows fixtures/ and ignores docs/; a package.json change outside "keyguard" is no finding; the base baseline applies', () => {
    const repo = mainRepo();
    const accepted = keys.github();
    commit(repo, { 'legacy/old.js': `const t = "${accepted}";\n` }, 'legacy key');
    const b = repo.keyguard(['baseline']);
    expect(b.code, b.stderr).toBe(0);
    repo.git(['add', '.keyguard-baseline.json']);
    repo.git(['commit', '-q', '-m', 'baseline']);
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    commit(
      repo,
      {
        'fixtures/sample.js': `const t = "${keys.github()}";\n`,
        'docs/guide.md': `token: ${keys.github()}\n`,
        'src/copy.js': `const t = "${accepted}";\n`,
        'package.json': JSON.stringify({ name: 'app', version: '1.0.1', dependencies: { x: '1' } }, null, 2) + '\n',
      },
      'pr',
    );
    const { code, findings } = scanSince(repo, base);
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('a broken or hostile settings file in the range cannot break the scan: the base is read, the change reported', () => {
    const repo = mainRepo();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    commit(repo, { '.keyguardrc.json': JSON.stringify({ rules: [{ id: 'evil', pattern: '(a)\\1', keywords: ['a'] }] }) }, 'hostile rule');
    expect(repo.keyguard(['scan']).code).toBe(2); // on its own, the new file is refused
    const { code, findings } = scanSince(repo, base);
    expect(code).toBe(1);
    expect(findings.map((f) => f.rule)).toEqual(['keyguard-settings-changed']);
  });
});
