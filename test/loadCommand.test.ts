import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRepos, makeRepo, ROOT } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { splitCache } from '../src/loadCommand.js';

/**
 * The hook's commands start from a V8 code cache the build writes beside them. It must be the
 * cache of the very bundle beside it (else it runs code that is not there), and the build and the
 * loader must agree on that, or the cache is never used.
 */
afterAll(cleanupRepos);
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('code cache of the hook commands', () => {
  it('is written for check, pre-push and pre-receive, each holding its own source and path', () => {
    for (const name of ['check', 'prePush', 'preReceive']) {
      const parts = splitCache(readFileSync(join(ROOT, 'dist', `${name}.js.cache`)))!;
      expect(parts.path, name).toBe(join(ROOT, 'dist', `${name}.js`));
      expect(parts.source.equals(readFileSync(join(ROOT, 'dist', `${name}.js`))), name).toBe(true);
      expect(parts.code.length, name).toBeGreaterThan(1000);
    }
  });

  it('names the code by where the bundle is, also when the bundle moved', () => {
    // V8 names cached code by the path it was compiled at: a moved bundle must not show the old one
    // (in stack traces and profiles), so there it loads without its cache.
    const repo = makeRepo();
    repo.write('a.txt', 'nothing here\n');
    repo.git(['add', 'a.txt']);
    const copy = mkdtempSync(join(tmpdir(), 'keyguard-dist-'));
    temps.push(copy);
    cpSync(join(ROOT, 'dist'), copy, { recursive: true });
    for (const dir of [join(ROOT, 'dist'), copy]) {
      const profiles = mkdtempSync(join(tmpdir(), 'keyguard-prof-'));
      temps.push(profiles);
      const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '50', '--cpu-prof-dir', profiles, join(dir, 'cli.js'), 'check', '--quiet'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const urls = new Set<string>();
      for (const f of readdirSync(profiles)) for (const n of JSON.parse(readFileSync(join(profiles, f), 'utf8')).nodes) urls.add(n.callFrame.url);
      const ours = [...urls].filter((u) => u.endsWith('/check.js'));
      expect(ours, dir).toEqual([pathToFileURL(join(dir, 'check.js')).href]);
    }
  });

  it('runs an edited bundle as edited: a cache of another source is not used', () => {
    const repo = makeRepo();
    repo.write('pay.js', `const stripe = "${keys.stripe()}";\n`);
    repo.git(['add', 'pay.js']);
    const check = (cli: string) => spawnSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    const described = (out: string) => (JSON.parse(out) as { findings: { rule: string; description: string }[] }).findings.find((f) => f.rule === 'stripe-secret-key')?.description;
    const built = check(join(ROOT, 'dist', 'cli.js'));
    expect(built.status).toBe(1);
    expect(described(built.stdout)).toBe('Stripe secret key');

    // The same bundle with one rule's description changed, same length: the old cache beside it.
    const copy = mkdtempSync(join(tmpdir(), 'keyguard-dist-'));
    temps.push(copy);
    cpSync(join(ROOT, 'dist'), copy, { recursive: true });
    const source = readFileSync(join(copy, 'check.js'), 'utf8');
    const edited = source.replace("'Stripe secret key'", "'STRIPE SECRET KEY'").replace('"Stripe secret key"', '"STRIPE SECRET KEY"');
    expect(edited).not.toBe(source);
    expect(edited.length).toBe(source.length);
    writeFileSync(join(copy, 'check.js'), edited);
    const run = check(join(copy, 'cli.js'));
    expect(run.status).toBe(1);
    expect(described(run.stdout)).toBe('STRIPE SECRET KEY');
  });
});
