import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { commit, makeRepoWithRemote } from './helpers/remote.js';

afterAll(cleanupRepos);

const BASELINE = '.keyguard-baseline.json';

describe('keyguard baseline', () => {
  it('round trip: accepted findings pass, new ones block, the file holds no secret', () => {
    const repo = makeRepo();
    const old = keys.openai();
    commit(repo, { 'legacy/config.js': `module.exports = { key: "${old}" };\n`, '.env': 'A=1\n' }, 'legacy');
    expect(repo.keyguard(['scan']).code).toBe(1);

    const w = repo.keyguard(['baseline']);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('2 findings accepted');
    const text = repo.read(BASELINE);
    expect(text).not.toContain(old);
    expect(text).not.toContain(old.slice(8, 24)); // not even part of the key body
    const doc = JSON.parse(text);
    expect(doc.findings.map((e: { path: string }) => e.path).sort()).toEqual(['.env', 'legacy/config.js']);
    for (const e of doc.findings) expect(Object.keys(e).sort()).toEqual(['fingerprint', 'path', 'rule']);

    const accepted = repo.keyguard(['scan']);
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toContain('2 accepted by the baseline');

    // The line moves: a fingerprint of rule and secret still matches.
    commit(repo, { 'legacy/config.js': `// moved down\n\nmodule.exports = { key: "${old}" };\n` }, 'move');
    expect(repo.keyguard(['scan']).code).toBe(0);

    const fresh = keys.github();
    commit(repo, { 'new.sh': `TOKEN=${fresh}\n` }, 'new key');
    const blocked = repo.keyguard(['scan', '--format', 'json']);
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['new.sh']);
  });

  it('check skips baselined findings in staged changes and still blocks new ones', () => {
    const repo = makeRepo();
    const old = keys.aws();
    commit(repo, { 'a.py': `KEY = "${old}"\n` }, 'c0');
    expect(repo.keyguard(['baseline']).code).toBe(0);
    repo.write('b.py', `KEY = "${old}"\n`); // the same accepted key, copied
    repo.git(['add', 'b.py']);
    expect(repo.keyguard(['check']).code).toBe(0);
    repo.write('c.py', `KEY = "${keys.stripe()}"\n`);
    repo.git(['add', 'c.py']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('c.py');
    expect(r.stdout).not.toContain('b.py');
  });

  it('pre-push skips findings accepted from history and blocks a new one', () => {
    const { repo } = makeRepoWithRemote();
    commit(repo, { 'old.txt': `${keys.openai()}\n` }, 'old');
    commit(repo, { 'old.txt': 'gone\n' }, 'removed');
    expect(repo.keyguard(['baseline', '--history']).code).toBe(0);
    commit(repo, { [BASELINE]: repo.read(BASELINE) }, 'baseline');
    const push = repo.git(['push', '-q', 'origin', 'main'], { allowFail: true });
    expect(push.code, push.stderr).toBe(0);

    const bad = commit(repo, { 'new.txt': `${keys.github()}\n` }, 'new');
    const r = repo.git(['push', '-q', 'origin', 'main'], { allowFail: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toContain(bad.slice(0, 12));
  });

  it('reports stale entries without failing, and rewriting drops them', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': `${keys.github()}\n` }, 'c0');
    repo.keyguard(['baseline']);
    const first = repo.read(BASELINE);
    expect(repo.keyguard(['baseline']).code).toBe(0);
    expect(repo.read(BASELINE)).toBe(first); // same state, same bytes

    commit(repo, { 'a.txt': 'clean now\n' }, 'c1');
    const r = repo.keyguard(['scan']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 baseline entry matches nothing any more \(stale\): a\.txt/);
    const json = JSON.parse(repo.keyguard(['scan', '--format', 'json']).stdout);
    expect(json.baseline.stale).toHaveLength(1);

    const w = repo.keyguard(['baseline']);
    expect(w.stderr).toContain('0 findings accepted');
    expect(w.stderr).toContain('1 dropped');
    expect(JSON.parse(repo.read(BASELINE)).findings).toEqual([]);
  });

  it('a tree scan does not call entries accepted from history stale', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': `${keys.openai()}\n` }, 'c0');
    commit(repo, { 'a.txt': 'gone\n' }, 'c1');
    expect(repo.keyguard(['baseline', '--history']).code).toBe(0);
    const history = repo.keyguard(['scan', '--history']);
    expect(history.code).toBe(0);
    expect(history.stderr).toContain('1 accepted by the baseline');
    const tree = repo.keyguard(['scan']);
    expect(tree.code).toBe(0);
    expect(tree.stderr).not.toContain('stale');
  });

  it('a broken baseline is an exit-2 error naming the file', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': 'x\n' }, 'c0');
    repo.write(BASELINE, '{ not json');
    for (const cmd of [['scan'], ['check'], ['baseline']]) {
      const r = repo.keyguard(cmd);
      expect(r.code, cmd[0]).toBe(2);
      expect(r.stderr).toMatch(/^keyguard: error: \.keyguard-baseline\.json: not valid JSON/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(repo.read(BASELINE)).toBe('{ not json'); // never overwritten
    const missing = repo.keyguard(['scan', '--baseline', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
  });

  it('reads a baseline saved with a byte-order mark, and refuses a format version it does not know', () => {
    const repo = makeRepo();
    commit(repo, { 'a.txt': `${keys.openai()}\n` }, 'c0');
    expect(repo.keyguard(['baseline']).code).toBe(0);
    const saved = repo.read(BASELINE);
    repo.write(BASELINE, `\uFEFF${saved}`);
    expect(repo.keyguard(['scan']).code).toBe(0); // still accepted: the mark is not part of the JSON
    repo.write(BASELINE, saved.replace('"version": 2', '"version": 3'));
    const r = repo.keyguard(['scan']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/version 3 is not one this keyguard reads/);
  });
});
