/**
 * hooks/ holds the real hook scripts: plain POSIX sh that every shell parses and shellcheck
 * passes, shipped in the package, and the very text `keyguard init` writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, ROOT } from './helpers/repo.js';

afterAll(cleanupRepos);

const HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push'];
/** Every script in hooks/ (the three above, the forwarder of `init --global`, the server's pre-receive, …). */
const SCRIPTS = readdirSync(join(ROOT, 'hooks'));
const script = (name: string) => readFileSync(join(ROOT, 'hooks', name), 'utf8');
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe('hooks/', () => {
  it('holds the hooks init installs and the forwarder', () => {
    for (const name of [...HOOKS, 'forward']) expect(SCRIPTS).toContain(name);
  });

  it.each(SCRIPTS)('%s parses in sh, dash and bash, and is executable', (name) => {
    const path = join(ROOT, 'hooks', name);
    expect(statSync(path).mode & 0o111).toBe(0o111);
    expect(script(name).startsWith('#!/bin/sh\n')).toBe(true);
    for (const shell of ['sh', 'dash', 'bash']) {
      const r = spawnSync(shell, ['-n', path], { encoding: 'utf8' });
      if (r.error && shell !== 'sh') continue; // that shell is not installed here
      expect([shell, r.status, r.stderr]).toEqual([shell, 0, '']);
    }
  });

  // CI installs shellcheck (.ci/run), so there this never skips.
  it.runIf(hasShellcheck || process.env.CI)('passes shellcheck as POSIX sh', () => {
    expect(hasShellcheck, 'shellcheck is not installed (apt-get install -y shellcheck)').toBe(true);
    const r = spawnSync('shellcheck', ['--shell=sh', '--severity=style', ...SCRIPTS.map((h) => join(ROOT, 'hooks', h))], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a merge commit gets the same check as a commit, and the push hook finds keyguard the same way', () => {
    expect(script('pre-merge-commit')).toBe(script('pre-commit'));
    const finder = (text: string) => text.slice(text.indexOf('__keyguard_trusted() {'), text.indexOf('  echo "keyguard: not installed'));
    expect(finder(script('pre-push'))).toBe(finder(script('pre-commit')));
    expect(finder(script('pre-commit')).length).toBeGreaterThan(500);
  });

  it('npm pack ships every hook script', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files: { path: string; mode: number }[] = JSON.parse(r.stdout)[0].files;
    for (const name of SCRIPTS) {
      const f = files.find((x) => x.path === `hooks/${name}`);
      expect(f, `hooks/${name} in the tarball`).toBeDefined();
      expect(f!.mode & 0o111).toBe(0o111);
    }
    expect(files.map((f) => f.path)).toContain('LICENSE');
  });

  it('package.json "files" names what exists, and npm publish --dry-run has nothing to correct', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const f of pkg.files) expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} keyguard contributors\n/);
    expect(pkg.license).toBe('MIT');
    const r = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
    expect(r.status, r.stderr).toBe(0);
    // Logged out here, so npm says it would need a login; any other warning is a problem with the package.
    const warnings = r.stderr.split('\n').filter((l) => /^npm (warn|WARN|error|ERR)/.test(l) && !/logged in/.test(l));
    expect(warnings).toEqual([]);
  });

  it('init writes exactly these scripts into a repository without hooks, with the keyguard it ran with filled in', () => {
    const repo = makeRepo();
    expect(repo.keyguard(['init']).code).toBe(0);
    for (const name of HOOKS) {
      const written = repo.read(`.git/hooks/${name}`);
      expect(written).toMatch(/\n__keyguard_cli='[^']*dist\/cli\.js'\n/);
      expect(written).toMatch(/\n__keyguard_node='[^']+'\n/);
      const unfilled = written.replace(/^__keyguard_(node|cli|install)='[^']*'$/gm, "__keyguard_$1=''");
      expect(unfilled).toBe(script(name));
    }
  });
});
