/**
 * `keyguard uninstall` removes what keyguard added and nothing of the user's: an empty .gitignore
 * and a hook that was only `#!/bin/sh` are the user's files and stay; a .gitignore with classic Mac
 * (CR-only) line ends gets every byte back; files keyguard created itself go.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo } from './helpers/repo.js';

afterAll(cleanupRepos);

const bytes = (dir: string, p: string) => readFileSync(join(dir, p));

describe('uninstall leaves the user\'s files', () => {
  it.each([
    ['empty', ''],
    ['CR-only line ends', 'node_modules\rdist\r'],
    ['CR-only, no final CR', 'node_modules\rdist'],
    ['CRLF, no final line end', 'node_modules\r\ndist'],
    ['LF, no final line end', 'node_modules'],
    ['CRLF', 'node_modules\r\n'],
  ])('a .gitignore that is %s gets every byte back', (_name, content) => {
    const repo = makeRepo();
    repo.write('.gitignore', content);
    const init = repo.keyguard(['init', '--fix-gitignore']);
    expect(init.code, init.stderr).toBe(0);
    expect(repo.read('.gitignore')).toContain('# >>> keyguard');
    const un = repo.keyguard(['uninstall', '--gitignore']);
    expect(un.code, un.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.gitignore'))).toBe(true);
    expect(bytes(repo.dir, '.gitignore')).toEqual(Buffer.from(content, 'latin1'));
  });

  it('a .gitignore keyguard created is removed again, also after a second init', () => {
    const repo = makeRepo();
    expect(repo.keyguard(['init', '--fix-gitignore']).code).toBe(0);
    expect(repo.keyguard(['init', '--fix-gitignore']).code).toBe(0);
    expect(repo.keyguard(['uninstall', '--gitignore']).code).toBe(0);
    expect(existsSync(join(repo.dir, '.gitignore'))).toBe(false);
  });

  it('a hook that was only #!/bin/sh stays, byte for byte and executable; a hook keyguard created goes', () => {
    const repo = makeRepo();
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\n');
    chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
    const init = repo.keyguard(['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toContain('# >>> keyguard');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(true); // created by keyguard
    const un = repo.keyguard(['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toBe('#!/bin/sh\n');
    expect(statSync(join(repo.dir, '.git/hooks/pre-commit')).mode & 0o777).toBe(0o755);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false);
  });

  it('a hook with CRLF line ends and no final line end gets every byte back', () => {
    const repo = makeRepo();
    const own = '#!/bin/sh\r\necho own';
    repo.write('.git/hooks/pre-push', own);
    chmodSync(join(repo.dir, '.git/hooks/pre-push'), 0o755);
    expect(repo.keyguard(['init']).code).toBe(0);
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(repo.read('.git/hooks/pre-push')).toBe(own);
  });
});
