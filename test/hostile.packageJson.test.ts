/**
 * keyguard edits a user's package.json and lint-staged config: it must keep every byte it does not
 * need to change (duplicate keys, big integers, number formats, `\u` escapes, line ends, a BOM),
 * and never print a secret those files hold (a `curl -u admin:<password>` script, an npm token in
 * `prepare`), neither in `init` nor in `init --dry-run`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { cleanupRepos, makeRepo, ROOT } from './helpers/repo.js';
import { seeded } from './helpers/keys.js';

afterAll(cleanupRepos);

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const rnd = seeded(0x10);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('package.json is edited in place, never re-serialised', () => {
  it('keeps duplicate keys, big integers, number formats, \\u escapes, CRLF and a BOM; adds only its lines', () => {
    const repo = makeRepo();
    const password = `Summer${rnd('0123456789', 4)}${rnd('!#%', 1)}${rnd(ALNUM, 3)}`;
    const lines = [
      '\uFEFF{',
      '  "name": "app",',
      '  "big": 12345678901234567890,',
      '  "ratio": 1.0,',
      '  "exp": 1E3,',
      '  "label": "caf\\u00e9 \\ud83d\\ude00 \\/",',
      '  "dup": 1,',
      '  "dup": 2,',
      '  "scripts": {',
      '    "test": "vitest",',
      `    "deploy": "curl -u admin:${password} https://deploy.example.com/hook"`,
      '  },',
      '  "devDependencies": {',
      '    "typescript": "^5.0.0"',
      '  }',
      '}',
      '',
    ];
    const original = lines.join('\r\n');
    repo.write('package.json', original);

    const dry = repo.keyguard(['init', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would update package.json');
    expect(dry.stdout).not.toContain(password);
    // The changed line is shown, its password redacted: a guessable value shows none of its characters.
    expect(dry.stdout).toMatch(/-\s+"deploy": "curl -u admin:… https:\/\/deploy\.example\.com\/hook"/);
    expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toBe(original);

    const r = repo.keyguard(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(password);
    const written = readFileSync(join(repo.dir, 'package.json'), 'utf8');
    // The keyguard range init records: ^VERSION, or this checkout when run from one.
    const range = JSON.parse(written.replace(/^\uFEFF/, '')).devDependencies.keyguard as string;
    expect(range === `^${VERSION}` || range.startsWith("file:"), range).toBe(true);
    const expected = [
      ...lines.slice(0, 10),
      `    "deploy": "curl -u admin:${password} https://deploy.example.com/hook",`,
      '    "prepare": "husky"',
      '  },',
      '  "devDependencies": {',
      '    "husky": "^9.1.7",',
      // Where the running keyguard came from (this checkout, a clone): never a guessed registry range.
      `    "keyguard": "file:${relative(repo.dir, ROOT).split(sep).join('/')}",`,
      '    "typescript": "^5.0.0"',
      '  }',
      '}',
      '',
    ].join('\r\n');
    expect(written).toBe(expected);
  });

  it('chains husky after an existing prepare that holds a token, without echoing it or rewriting its escapes', () => {
    const repo = makeRepo();
    const token = `npm_${rnd(ALNUM, 36)}`;
    const original = `{"name":"app","scripts":{"prepare":"npm config set //registry.npmjs.org/:_authToken=${token} \\u0026\\u0026 tsc"},"devDependencies":{"husky":"^9.1.7","keyguard":"^${VERSION}"}}`;
    repo.write('package.json', original);
    const dry = repo.keyguard(['init', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).not.toContain(token);
    expect(dry.stdout).not.toContain(token.slice(0, 20));
    const r = repo.keyguard(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(token.slice(4, 16));
    expect(r.stdout).toContain('`husky` after the existing "prepare" script');
    expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toBe(original.replace(' tsc"}', ' tsc && husky"}'));
  });

  it('lint-staged: a task added to and removed from package.json and .lintstagedrc.json leaves every other byte', () => {
    const repo = makeRepo();
    const pkgText = '{\n\t"name": "app",\n\t"n": 1.50,\n\t"lint-staged": {\n\t\t"*.js": ["eslint --fix", "prettier -w"]\n\t},\n\t"scripts": {"prepare": "husky"},\n\t"devDependencies": {"husky": "^9.1.7", "keyguard": "^0.1.0", "lint-staged": "^16.3.0"}\n}';
    repo.write('package.json', pkgText);
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    const init = repo.keyguard(['init']);
    expect(init.code, init.stderr).toBe(0);
    const edited = readFileSync(join(repo.dir, 'package.json'), 'utf8');
    expect(edited).toBe(pkgText.replace('"prettier -w"]\n', '"prettier -w"],\n\t\t"*": "keyguard check"\n'));
    const un = repo.keyguard(['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toBe(pkgText);

    const other = makeRepo();
    const rc = '{ "*.ts": "tsc --noEmit", "*.md": "prettier -c", "big": 12345678901234567890 }\n';
    other.write('package.json', '{"name":"b","scripts":{"prepare":"husky"},"devDependencies":{"husky":"^9.1.7","keyguard":"^0.1.0","lint-staged":"^16.3.0"}}');
    other.write('.lintstagedrc.json', rc);
    other.write('.husky/pre-commit', 'npx lint-staged\n');
    expect(other.keyguard(['init']).code).toBe(0);
    expect(readFileSync(join(other.dir, '.lintstagedrc.json'), 'utf8')).toBe(rc.replace('12345678901234567890 }', '12345678901234567890, "*": "keyguard check" }'));
    expect(other.keyguard(['uninstall']).code).toBe(0);
    expect(readFileSync(join(other.dir, '.lintstagedrc.json'), 'utf8')).toBe(rc);
  });
});
