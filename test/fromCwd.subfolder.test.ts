import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { seeded, AN } from './helpers/keys.js';

afterAll(cleanupRepos);

/**
 * A command keyguard prints for pasting must work where the user stands: run from a subfolder,
 * init's tracked-secret warning and a custom rule's `{path}` name the file from there. Where a
 * problem is (the report's locations) stays relative to the top, as git's own diff prints it.
 */
const sh = (repo: TestRepo, cwd: string, command: string) => spawnSync('sh', ['-c', command], { cwd, env: repo.env, encoding: 'utf8' });

/** The backquoted command of a warning line. */
const commandIn = (line: string) => /`([^`]+)`/.exec(line)![1];

describe('run from a subfolder', () => {
  it('init --fix-gitignore: the git rm --cached command of each tracked secret file works as printed there', () => {
    const repo = makeRepo();
    repo.write('services/api/.env', 'API_TOKEN=x\n');
    repo.write('services/api/-deploy.key', 'x\n');
    repo.write('services/web/prod.env', 'X=1\n');
    repo.write('.env', 'TOP=1\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'init']);
    const cwd = join(repo.dir, 'services', 'api');
    const r = repo.keyguard(['init', '--fix-gitignore'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stdout.split('\n').filter((l) => l.includes('is tracked by git'));
    expect(warnings).toHaveLength(4);
    // Where: from the top, as git prints it. The command: from here.
    const byPath = Object.fromEntries(warnings.map((l) => [/warning — (\S+) is tracked/.exec(l)![1], commandIn(l)]));
    expect(byPath).toEqual({
      '.env': 'git rm --cached ../../.env',
      'services/api/-deploy.key': 'git rm --cached ./-deploy.key',
      'services/api/.env': 'git rm --cached .env',
      'services/web/prod.env': 'git rm --cached ../web/prod.env',
    });
    for (const command of Object.values(byPath)) {
      const run = sh(repo, cwd, command);
      expect(run.status, `${command}: ${run.stderr}`).toBe(0);
    }
    expect(repo.git(['ls-files']).stdout).toBe('');
  });

  it('keyguard --fix-gitignore from a subfolder: the same', () => {
    const repo = makeRepo();
    repo.write('app/config/.env', 'A=1\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'init']);
    const cwd = join(repo.dir, 'app');
    const r = repo.keyguard(['--fix-gitignore'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('is tracked by git'))!;
    expect(line).toContain('app/config/.env is tracked by git; run `git rm --cached config/.env`');
    expect(sh(repo, cwd, commandIn(line)).status).toBe(0);
    expect(repo.git(['ls-files']).stdout).toBe('');
  });

  it("a custom rule's {path}: the file from where the user stands in the text report, from the top in JSON; never a literal {path}", () => {
    const repo = makeRepo();
    const key = `acme_${seeded(99)(AN, 32)}`;
    repo.write('.keyguardrc.json', JSON.stringify({
      rules: [{ id: 'acme-token', pattern: 'acme_[A-Za-z0-9]{32}', keywords: ['acme_'], fix: 'revoke it, then git rm --cached {path} or edit {path}' }],
    }));
    repo.write('pkg/src/client file.ts', `const t = "${key}";\n`);
    repo.git(['add', '.']);
    const cwd = join(repo.dir, 'pkg');
    const text = repo.keyguard(['check'], { cwd });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("pkg/src/client file.ts:1:12");
    expect(text.stdout).toContain("fix: revoke it, then git rm --cached 'src/client file.ts' or edit 'src/client file.ts'");
    expect(text.stdout).not.toContain('{path}');
    // The command works as printed, from there.
    const printed = /git rm --cached ('[^']+')/.exec(text.stdout)![0];
    expect(sh(repo, cwd, printed).status).toBe(0);
    repo.git(['add', '.']);
    const top = repo.keyguard(['check']);
    expect(top.stdout).toContain("fix: revoke it, then git rm --cached 'pkg/src/client file.ts' or edit 'pkg/src/client file.ts'");
    const json = repo.keyguard(['check', '--format', 'json'], { cwd });
    expect(JSON.parse(json.stdout).findings[0].fix).toBe("revoke it, then git rm --cached 'pkg/src/client file.ts' or edit 'pkg/src/client file.ts'");
    expect(json.stdout).not.toContain(key);
  });
});
