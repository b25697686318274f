import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { ROOT, cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit } from './helpers/remote.js';

afterAll(cleanupRepos);

const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
// A CommonJS module: under NodeNext its default export arrives as `.default`.
const Ajv = AjvDraft04.default;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }) // the schema's language pattern is not valid under the u flag;
const validate = ajv.compile(schema);

function expectValid(doc: unknown) {
  const ok = validate(doc);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
  expect(ok).toBe(true);
}

describe('--format sarif', () => {
  it('the validator rejects a broken log (the test can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('scan --history output is valid SARIF 2.1.0 with rules, locations and fingerprints, and no secret', () => {
    const repo = makeRepo();
    const openai = keys.openai();
    const github = keys.github();
    commit(repo, { 'README.md': '# x\n' }, 'c0');
    const c1 = commit(repo, { 'src/dir with space/app.ts': `// header\nconst k = "${openai}";\n`, '.env': 'X=1\n' }, 'c1');
    commit(repo, { 'ci.sh': `export T=${github}\n` }, 'c2');
    const r = repo.keyguard(['scan', '--history', '--format', 'sarif']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(openai);
    expect(r.stdout).not.toContain(github);
    const log = JSON.parse(r.stdout);
    expectValid(log);

    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('keyguard');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const rules = run.tool.driver.rules as { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } }[];
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.text).toMatch(/^Fix: /);
    }

    const results = run.results as any[];
    expect(results).toHaveLength(3);
    const app = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'src/dir%20with%20space/app.ts');
    expect(app).toBeDefined();
    expect(app.ruleId).toMatch(/openai/);
    expect(rules[app.ruleIndex].id).toBe(app.ruleId);
    expect(app.level).toBe('error');
    expect(app.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 12 });
    expect(app.partialFingerprints['keyguardFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(app.properties.commit).toBe(c1);
    expect(app.message.text).toContain('(redacted)');

    const env = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === '.env');
    expect(env.locations[0].physicalLocation.region).toEqual({ startLine: 1 });
  });

  it('is valid with no findings, and for check and pre-push too', () => {
    const repo = makeRepo();
    const sha = commit(repo, { 'a.txt': 'clean\n' }, 'c0');
    const clean = repo.keyguard(['scan', '--format', 'sarif']);
    expect(clean.code).toBe(0);
    const cleanLog = JSON.parse(clean.stdout);
    expectValid(cleanLog);
    expect(cleanLog.runs[0].results).toEqual([]);

    repo.write('staged.py', `TOKEN = "${keys.github()}"\n`);
    repo.git(['add', 'staged.py']);
    const check = repo.keyguard(['check', '--format', 'sarif']);
    expect(check.code).toBe(1);
    expectValid(JSON.parse(check.stdout));

    const pushed = commit(repo, { 'p.txt': `${keys.stripe()}\n` }, 'c1');
    const zero = '0'.repeat(40);
    const prePush = repo.keyguard(['pre-push', '--format', 'sarif'], { input: `refs/heads/main ${pushed} refs/heads/main ${zero}\n` });
    expect(prePush.code).toBe(1);
    const pushLog = JSON.parse(prePush.stdout);
    expectValid(pushLog);
    expect(pushLog.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri).sort()).toEqual(['p.txt', 'staged.py']);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
  });
});
