import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { block, ignored } from './helpers/gitignore.js';
import { hashTree } from './helpers/tree.js';

afterAll(cleanupRepos);

const SECRETS = ['.env', 'app/.env', '.env.local', 'app/.env.production', 'prod.env', 'app/docker.env', '.envrc', 'server.key', 'config/secrets.json', 'a/private/sa.json', 'id_rsa', 'terraform.tfstate', 'prod.tfvars'];
const TEMPLATES = ['.env.example', 'app/.env.sample', '.env.template', 'example.env', 'app/docker.example.env', 'prod.example.tfvars'];
const CODE = ['src/index.ts', 'README.md', 'config/app.json', 'cert.pem'];

describe('keyguard --fix-gitignore', () => {
  it('creates .gitignore with a marked block that git reads as intended; no hook is installed', () => {
    const repo = makeRepo();
    const r = repo.keyguard(['--fix-gitignore']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^keyguard: \.gitignore — added \d+ secret patterns \(\.env, \.env\.\*, \*\.env, \.envrc, \.\.\.\)\n$/);
    const text = repo.read('.gitignore');
    expect(text).toMatch(/^# >>> keyguard >>>.*\n\.env\n\.env\.\*\n/);
    expect(text.endsWith('# <<< keyguard <<<\n')).toBe(true);
    for (const [p, v] of Object.entries(ignored(repo, SECRETS))) expect([p, v]).toEqual([p, true]);
    for (const [p, v] of Object.entries(ignored(repo, [...TEMPLATES, ...CODE]))) expect([p, v]).toEqual([p, false]);
    // Every negation comes after the patterns it negates.
    const lines = block(text);
    expect(lines.indexOf('!.env.example')).toBeGreaterThan(lines.indexOf('.env.*'));
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('keeps every other byte and the CRLF line endings, and appends after a last line without a newline', () => {
    const repo = makeRepo();
    const own = Buffer.concat([Buffer.from('\uFEFFnode_modules\r\n# caf'), Buffer.from([0xe9]), Buffer.from('\r\ndist')]);
    repo.write('.gitignore', own);
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    const after = readFileSync(join(repo.dir, '.gitignore'));
    expect(after.subarray(0, own.length).equals(own)).toBe(true);
    const added = after.subarray(own.length).toString('latin1');
    expect(added.startsWith('\r\n# >>> keyguard')).toBe(true);
    expect(added.replace(/\r\n/g, '')).not.toContain('\n');
    // Like the file, the block ends without a final newline.
    expect(added.endsWith('\r\n# <<< keyguard <<<')).toBe(true);
    expect(ignored(repo, ['.env', 'dist', '.env.example'])).toEqual({ '.env': true, dist: true, '.env.example': false });
    const once = hashTree(repo.dir);
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    expect(hashTree(repo.dir)).toEqual(once);
    expect(repo.keyguard(['uninstall', '--gitignore']).code).toBe(0);
    expect(readFileSync(join(repo.dir, '.gitignore')).equals(own)).toBe(true);
  });

  it('leaves out what the file already covers, deciding as git does rather than by string', () => {
    const repo = makeRepo();
    repo.write('.gitignore', '**/.env\n*.KEY\n/*.key\n.env.*\n!.env.example\n');
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    const lines = block(repo.read('.gitignore'));
    expect(lines).not.toContain('.env'); // covered by **/.env
    expect(lines).not.toContain('.env.*');
    expect(lines).toContain('*.key'); // /*.key covers only the top folder; *.KEY is another name
    expect(lines).not.toContain('!.env.example'); // nothing in the block ignores it
    expect(ignored(repo, ['sub/server.key', '.env.example'])).toEqual({ 'sub/server.key': true, '.env.example': false });

    const all = makeRepo();
    all.write('.gitignore', '.env\n.env.*\n*.env\n.envrc\n!.env.example\n!.env.sample\n!.env.template\n*.key\nconfig/\n**/private/\nid_*\n*.ppk\n*.p12\n*.pfx\n*.jks\n*.keystore\n.git-credentials\n.netrc\n.pgpass\n.aws/\n*.tfstate*\n*.tfvars\n!*.example.tfvars\n');
    const before = hashTree(all.dir);
    const r = all.keyguard(['--fix-gitignore']);
    expect(r.stdout).toContain('.gitignore already covers the recommended secret patterns');
    expect(hashTree(all.dir)).toEqual(before);
  });

  it("never re-ignores what the user un-ignored, nor un-ignores what the user ignored", () => {
    const repo = makeRepo();
    // The user commits .env.local on purpose, and deliberately ignores every .env* including the example.
    repo.write('.gitignore', '.env*\n!.env.local\n');
    expect(ignored(repo, ['.env.local', '.env.example'])).toEqual({ '.env.local': false, '.env.example': true });
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    expect(ignored(repo, ['.env.local', '.env.example', '.env', '.env.production', 'app/.env'])).toEqual({
      '.env.local': false,
      '.env.example': true,
      '.env': true,
      '.env.production': true,
      'app/.env': true,
    });

    const glob = makeRepo();
    glob.write('.gitignore', '*.key\n!keys/public-*.key\n');
    expect(glob.keyguard(['--fix-gitignore']).code).toBe(0);
    expect(ignored(glob, ['keys/public-a.key', 'keys/private.key', '.env'])).toEqual({ 'keys/public-a.key': false, 'keys/private.key': true, '.env': true });
  });

  it('is byte-identical on a second run, and uninstall --gitignore restores the original bytes', () => {
    const repo = makeRepo();
    const own = 'node_modules\n.env.*\n!.env.local\n';
    repo.write('.gitignore', own);
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    const once = hashTree(repo.dir);
    const again = repo.keyguard(['--fix-gitignore']);
    expect(again.stdout).toContain("already has keyguard's");
    expect(hashTree(repo.dir)).toEqual(once);
    expect(repo.keyguard(['init', '--fix-gitignore']).code).toBe(0);
    expect(repo.read('.gitignore')).toBe(readFileSync(join(repo.dir, '.gitignore'), 'utf8'));
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(block(repo.read('.gitignore')).length).toBeGreaterThan(0); // kept unless asked
    expect(repo.keyguard(['uninstall', '--gitignore']).code).toBe(0);
    expect(repo.read('.gitignore')).toBe(own);
  });

  it('lists tracked secret files with the exact git rm --cached command and a rotate reminder', () => {
    const repo = makeRepo();
    repo.write('.env', 'A=1\n');
    repo.write('deploy keys/prod.key', 'x\n');
    repo.write('.env.example', 'A=\n');
    repo.write('src/a.ts', 'x\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'init']);
    const r = repo.keyguard(['--fix-gitignore']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('keyguard: warning — .env is tracked by git; run `git rm --cached .env` and rotate the keys it holds');
    expect(r.stdout).toContain("run `git rm --cached 'deploy keys/prod.key'` and rotate");
    expect(r.stdout).not.toContain('.env.example is tracked');
    expect(r.stdout).not.toContain('src/a.ts');
    // The printed command works as printed.
    repo.git(['rm', '-q', '--cached', 'deploy keys/prod.key']);
    expect(repo.keyguard(['--fix-gitignore']).stdout).not.toContain('prod.key');
  });

  it('--dry-run prints the block it would add and changes nothing', () => {
    const repo = makeRepo();
    repo.write('.gitignore', 'dist\n');
    const before = hashTree(repo.dir);
    const r = repo.keyguard(['--fix-gitignore', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would update .gitignore');
    expect(r.stdout).toContain('    + .env.*');
    expect(hashTree(repo.dir)).toEqual(before);
  });

  it('outside a repository: exit 2, one line', () => {
    const repo = makeRepo({ init: false });
    const r = repo.keyguard(['--fix-gitignore']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('keyguard: error: not a git repository (run keyguard inside one)\n');
    expect(existsSync(join(repo.dir, '.gitignore'))).toBe(false);
  });
});
