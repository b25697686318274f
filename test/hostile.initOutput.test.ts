/**
 * init and uninstall print folder names, package.json paths and, in a dry run, lines of the
 * user's files: all come from the repository, so none reaches the terminal raw. A folder named
 * with ESC or a package.json script holding a bidi control (JSON allows it raw) is shown escaped.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type Run } from './helpers/repo.js';

afterAll(cleanupRepos);

// C0 but tab and line feed, DEL, C1, and the bidi / line-separator controls escapeText rewrites.
// eslint-disable-next-line no-control-regex
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function expectEscaped(r: Run): void {
  expect(r.stdout + r.stderr).not.toMatch(RAW);
}

describe('init and uninstall output is escaped', () => {
  it('a package in a folder named with ESC: init, its dry run and uninstall name it escaped', () => {
    const repo = makeRepo();
    const folder = 'web\x1b[31m';
    repo.write(`${folder}/package.json`, `${JSON.stringify({ name: 'web', devDependencies: { husky: '^9.1.7' } }, null, 2)}\n`);
    const cwd = join(repo.dir, folder);
    const dry = repo.keyguard(['init', '--dry-run'], { cwd });
    expect(dry.code, dry.stderr).toBe(0);
    expectEscaped(dry);
    expect(dry.stdout).toContain('web\\x1b[31m/package.json');
    const init = repo.keyguard(['init'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    expectEscaped(init);
    expect(init.stdout).toContain('web\\x1b[31m/package.json — added');
    // What was written is what husky's recipe needs for that folder (shell-quoted, so it runs).
    expect(JSON.parse(repo.read(`${folder}/package.json`)).scripts.prepare).toBe("cd .. && husky $'web\\x1b[31m/.husky'");
    for (const args of [['uninstall', '--dry-run'], ['uninstall']]) {
      const r = repo.keyguard(args, { cwd });
      expect(r.code, r.stderr).toBe(0);
      expectEscaped(r);
    }
  });

  it("a dry run shows the user's changed package.json line with its bidi control escaped", () => {
    const repo = makeRepo();
    repo.write('package.json', `{\n  "name": "app",\n  "scripts": { "prepare": "tsc \u202e-p ." },\n  "devDependencies": { "husky": "^9.1.7" }\n}\n`);
    const r = repo.keyguard(['init', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expectEscaped(r);
    expect(r.stdout).toMatch(/^ {4}- .*"prepare": "tsc \\u202e-p \."/m);
    expect(r.stdout).toMatch(/^ {4}\+ .*"prepare": "tsc \\u202e-p \. && husky"/m);
    // Lines are shown as the UTF-8 text they are, not byte by byte.
    const accents = makeRepo();
    accents.write('package.json', `{\n  "name": "app",\n  "scripts": { "prepare": "echo café" },\n  "devDependencies": { "husky": "^9.1.7" }\n}\n`);
    const shown = accents.keyguard(['init', '--dry-run']);
    expect(shown.stdout).toContain('"prepare": "echo café && husky"');
  });

  it('an error naming a file in a folder whose name holds a line break says the whole name, escaped, in one line', () => {
    const repo = makeRepo();
    const folder = 'a\nkeyguard: nothing to change';
    repo.write(`${folder}/package.json`, '{ "name": "app", broken');
    const r = repo.keyguard(['init'], { cwd: join(repo.dir, folder) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^keyguard: error: a\\nkeyguard: nothing to change\/package\.json is not valid JSON \(.*\); fix it and run keyguard again\n$/);
  });
});
