/**
 * keyguard fix run from a subfolder names files as check does from there: locations from the
 * repository's top, and a command to paste (the `git rm --cached` of a secret file) that works in
 * the folder the user stands in.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos } from './helpers/repo.js';
import { repoWithHook } from './helpers/fixRepo.js';

afterAll(cleanupRepos);

describe('fix from a subfolder', () => {
  it("a staged .env: the untrack command fix prints is check's, and works where it is pasted", () => {
    const repo = repoWithHook();
    const sub = join(repo.dir, 'api');
    repo.write('api/.env', 'DB_PASSWORD=x\n');
    repo.git(['add', '-f', 'api/.env']);
    const check = repo.keyguard(['check'], { cwd: sub });
    expect(check.stdout).toContain('fix: git rm --cached .env,');

    const r = repo.keyguard(['fix'], { cwd: sub });
    expect(r.code, r.stdout + r.stderr).toBe(1); // a secret file by its name is not rewritten
    const line = r.stdout.split('\n').find((l) => l.startsWith('keyguard fix: api/.env: not changed: a secret file by its name: '));
    expect(line, r.stdout).toBeDefined();
    const command = /(git rm --cached [^\s,]+)/.exec(line!)![1];
    expect(command).toBe('git rm --cached .env');
    repo.git(command.split(' ').slice(1), { cwd: sub });
    expect(repo.git(['ls-files', '--', 'api/.env']).stdout).toBe('');
    expect(repo.read('api/.env')).toBe('DB_PASSWORD=x\n');
  });
});
