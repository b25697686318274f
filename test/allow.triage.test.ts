/**
 * `keyguard allow -i` from a subfolder shows each finding as `keyguard check` does from there:
 * locations from the repository's top, fix commands that work where the user stands (a pasted
 * `git rm --cached` must name the file from the subfolder), every repository string escaped.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('allow --interactive from a subfolder', () => {
  it('shows the locations check shows, a fix command that works from there, and file names escaped', () => {
    const repo = makeRepo();
    const sub = join(repo.dir, 'app');
    const hostile = 'app/\x1b[31mconfig.js';
    repo.write('app/.env', 'DB_PASSWORD=x\n');
    repo.write(hostile, `export const t = "${keys.github()}";\n`);
    repo.git(['add', '-f', '--', 'app/.env', hostile]);

    const check = repo.keyguard(['check'], { cwd: sub });
    expect(check.code).toBe(1);
    const checkFix = /fix: (git rm --cached [^\s,]+)/.exec(check.stdout)?.[1];
    expect(checkFix).toBe('git rm --cached .env');

    // In path order: [a]ccept the token (ESC sorts before '.'), then [f]ix and [s]kip the .env.
    const r = repo.keyguard(['allow', '-i'], { cwd: sub, input: 'a\nf\ns\n' });
    expect(r.code, r.stderr).toBe(1); // the skipped .env still blocks
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    // Locations as check reports them.
    for (const where of ['app/.env', '"app/\\x1b[31mconfig.js":1:19']) {
      expect(check.stdout, where).toContain(where);
      expect(r.stderr, where).toContain(`] ${where}  `);
    }
    expect(r.stderr).toContain(`  fix: ${checkFix}, add it to .gitignore`);
    expect(r.stderr).toContain('keyguard: ../.keyguard-baseline.json: 1 finding accepted, 1 not accepted (still blocking); commit it with your change: git add ../.keyguard-baseline.json');

    // The command shown works when pasted there: the .env leaves the index, and stays on disk.
    repo.git(checkFix!.split(' ').slice(1), { cwd: sub });
    expect(repo.git(['ls-files', '--', 'app/.env']).stdout).toBe('');
    expect(repo.read('app/.env')).toBe('DB_PASSWORD=x\n');
    const after = repo.keyguard(['check'], { cwd: sub });
    expect(after.code, after.stdout).toBe(0); // the token is in the baseline, the .env is untracked
  });
});
