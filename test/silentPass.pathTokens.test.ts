/**
 * Issue 11, item 13 (file names): a token in a file's name is found — git pushes names as it
 * pushes content — and no report prints it whole, in any format, at commit, push or scan.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos } from './helpers/repo.js';
import { commitThroughHook, initRepo } from './helpers/hook.js';
import { keys } from './helpers/keys.js';
import { commit, makeRepoWithRemote } from './helpers/remote.js';

afterAll(cleanupRepos);

describe('a token in a file name', { timeout: 120_000 }, () => {
  it('is blocked at commit and shown redacted, also for other findings in that file', () => {
    const { repo, env } = initRepo();
    const token = keys.openai();
    const other = keys.github();
    const r = commitThroughHook(repo, env, { [`cache/${token}.json`]: `{"gh": "${other}"}\n`, 'notes.txt': 'hello\n' });
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain('OpenAI API key in the file name');
    expect(out).toContain('GitHub');
    expect(out).toContain('cache/sk-proj-');
    expect(out).not.toContain(token);
    expect(out).not.toContain(other);
  });

  it('JSON and SARIF reports, scan and pre-push never print it whole', () => {
    const { repo } = makeRepoWithRemote();
    const token = keys.github();
    commit(repo, { 'a.txt': 'hello\n' }, 'first');
    const bad = commit(repo, { [`keys/${token}`]: 'x\n', '.env': `T=${keys.stripe()}\n` }, 'named after the key');
    for (const format of ['text', 'json', 'sarif']) {
      const scan = repo.keyguard(['scan', '--since', 'HEAD~1', '--format', format]);
      expect(scan.code, `${format}: ${scan.stderr}`).toBe(1);
      expect(scan.stdout + scan.stderr, format).not.toContain(token);
      expect(scan.stdout, format).toMatch(/github-token|GitHub/);
    }
    const tree = repo.keyguard(['scan', '--format', 'json']);
    expect(tree.code).toBe(1);
    expect(tree.stdout).not.toContain(token);
    const push = repo.git(['push', '-q', 'origin', 'main'], { allowFail: true });
    expect(push.code).not.toBe(0);
    expect(push.stdout + push.stderr).toContain(bad.slice(0, 12));
    expect(push.stdout + push.stderr).not.toContain(token);
    // A baseline written from those findings holds no whole token either.
    const baseline = repo.keyguard(['baseline']);
    expect(baseline.code, baseline.stderr).toBe(0);
    expect(repo.read('.keyguard-baseline.json')).not.toContain(token);
  });

  it('ordinary long file names are not taken for tokens', () => {
    const { repo, env } = initRepo();
    const r = commitThroughHook(repo, env, {
      'src/createScannerFromConfigurationOptions.ts': 'export {};\n',
      'assets/4f9c2e1ab7d3c5e8f0a1b2c3d4e5f6a7.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
      'migrations/20240101120000_create_users_table.sql': 'select 1;\n',
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
