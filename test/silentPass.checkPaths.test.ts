/**
 * Issue 11, item 2: `keyguard check PATH…` with a folder means what is staged under it, and a
 * name that is neither staged nor on disk is an error — never "no secrets".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

function stagedKey() {
  const repo = makeRepo();
  repo.write('README.md', '# app\n');
  repo.write('src/api/client.ts', `export const key = "${keys.openai()}";\n`);
  repo.write('docs/guide.md', 'nothing here\n');
  repo.git(['add', '.']);
  mkdirSync(join(repo.dir, 'empty'));
  return repo;
}

describe('keyguard check PATH', () => {
  it.each([['.'], ['src'], ['src/'], ['./src/api'], ['src/api/client.ts'], ['docs', 'src']])('check %s finds the key staged under it', (...paths) => {
    const repo = stagedKey();
    const r = repo.keyguard(['check', ...paths]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('src/api/client.ts:1:');
  });

  it('from a subfolder, `.` is that folder', () => {
    const repo = stagedKey();
    expect(repo.keyguard(['check', '.'], { cwd: join(repo.dir, 'src') }).code).toBe(1);
    expect(repo.keyguard(['check', '.'], { cwd: join(repo.dir, 'docs') }).code).toBe(0);
  });

  it('a folder with nothing staged under it is clean; files outside the named paths are not read', () => {
    const repo = stagedKey();
    expect(repo.keyguard(['check', 'docs']).code).toBe(0);
    expect(repo.keyguard(['check', 'empty']).code).toBe(0);
    expect(repo.keyguard(['check', 'README.md']).code).toBe(0);
  });

  it('a name that is neither staged nor on disk: exit 2, one line naming it', () => {
    const repo = stagedKey();
    for (const args of [['nothere.js'], ['src/api/client.ts', 'src/typo.ts'], ['nothere/']]) {
      const r = repo.keyguard(['check', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(args[args.length - 1].replace(/\/$/, ''));
    }
  });

  it('a staged deletion named by its path is not an error', () => {
    const repo = stagedKey();
    repo.git(['commit', '-q', '--no-verify', '-m', 'x']);
    repo.git(['rm', '-q', 'docs/guide.md']);
    expect(repo.keyguard(['check', 'docs/guide.md']).code).toBe(0);
  });
});
