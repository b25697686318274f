import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { block, ignored } from './helpers/gitignore.js';
import { hashTree } from './helpers/tree.js';

afterAll(cleanupRepos);

/**
 * `--fix-gitignore` also keeps out `*.env` (`prod.env`, `docker.env`: a .env under a name of its
 * own) and direnv's `.envrc`, which keyguard's path rules treat as secret files; templates named
 * the other way round (`example.env`, `docker.example.env`) stay committable.
 */
const ENV_FILES = ['prod.env', 'app/docker.env', '.envrc', 'services/api/.envrc'];
const KEPT_OPEN = ['example.env', 'app/docker.example.env', 'sample.env', 'deploy/prod.template.env', '.envrc.example', 'src/vite.env.d.ts', 'src/env.ts'];

describe('--fix-gitignore and env files under other names', () => {
  it('ignores *.env and .envrc, keeps their templates and code committable, and says so in the block', () => {
    const repo = makeRepo();
    const r = repo.keyguard(['init', '--fix-gitignore']);
    expect(r.code, r.stderr).toBe(0);
    const lines = block(repo.read('.gitignore'));
    for (const p of ['*.env', '.envrc', '!*example.env', '!*sample.env', '!*template.env']) expect(lines.filter((l) => l === p)).toEqual([p]);
    expect(lines.indexOf('!*example.env')).toBeGreaterThan(lines.indexOf('*.env'));
    expect(ignored(repo, ENV_FILES)).toEqual(Object.fromEntries(ENV_FILES.map((p) => [p, true])));
    expect(ignored(repo, KEPT_OPEN)).toEqual(Object.fromEntries(KEPT_OPEN.map((p) => [p, false])));
    // Ignored now means the hook never sees them staged by accident: `git add .` leaves them out.
    for (const p of ENV_FILES) repo.write(p, 'export API_TOKEN=x\n');
    repo.write('example.env', 'API_TOKEN=\n');
    repo.git(['add', '.']);
    const staged = repo.git(['diff', '--cached', '--name-only']).stdout.split('\n');
    expect(staged).toContain('example.env');
    for (const p of ENV_FILES) expect(staged).not.toContain(p);
  });

  it('adds neither when the user already covers them, and never twice', () => {
    const repo = makeRepo();
    repo.write('.gitignore', '**/*.env\n.envrc\n');
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    const text = repo.read('.gitignore');
    expect(block(text)).not.toContain('*.env');
    expect(block(text)).not.toContain('.envrc');
    // The user's own *.env ignores example.env too: their choice, not re-opened.
    expect(block(text)).not.toContain('!*example.env');
    expect(text.split('\n').filter((l) => l === '.envrc')).toHaveLength(1);
    const once = hashTree(repo.dir);
    expect(repo.keyguard(['--fix-gitignore']).code).toBe(0);
    expect(hashTree(repo.dir)).toEqual(once);
  });

  it('brings a block an older keyguard wrote up to date, keeping the user bytes around it; a second run changes nothing', () => {
    const repo = makeRepo();
    const own = 'node_modules\n';
    const tail = 'dist\n';
    // The block as keyguard wrote it before *.env and .envrc were recommended.
    const old = [
      '# >>> keyguard >>> secret files, added by `keyguard init --fix-gitignore`; keep your own rules outside this block',
      '.env', '.env.*', '*.key', '!.env.example', '!.env.sample', '!.env.template',
      '# <<< keyguard <<<', '',
    ].join('\n');
    repo.write('.gitignore', own + old + tail);
    const r = repo.keyguard(['--fix-gitignore']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('.gitignore — added');
    const text = repo.read('.gitignore');
    expect(text.startsWith(own + '# >>> keyguard')).toBe(true);
    expect(text.endsWith('# <<< keyguard <<<\n' + tail)).toBe(true);
    const lines = block(text);
    expect(lines.filter((l) => l === '*.env')).toHaveLength(1);
    expect(lines.filter((l) => l === '.envrc')).toHaveLength(1);
    expect(lines.filter((l) => l === '.env')).toHaveLength(1);
    const once = hashTree(repo.dir);
    expect(repo.keyguard(['--fix-gitignore']).stdout).toContain("already has keyguard's");
    expect(hashTree(repo.dir)).toEqual(once);
  });

  it('warns about a tracked prod.env; a tracked .envrc is left to the check, which reads what it holds', () => {
    const repo = makeRepo();
    repo.write('prod.env', 'API_TOKEN=x\n');
    repo.write('.envrc', 'use flake\n');
    repo.write('example.env', 'API_TOKEN=\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'init']);
    const r = repo.keyguard(['--fix-gitignore']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('keyguard: warning — prod.env is tracked by git; run `git rm --cached prod.env` and rotate the keys it holds');
    expect(r.stdout).not.toContain('.envrc is tracked');
    expect(r.stdout).not.toContain('example.env is tracked');
  });
});
