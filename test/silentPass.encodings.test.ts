/**
 * Issue 11, item 7: a key in a text file is found whatever encoding the file is in, and a key in
 * a binary file is found in its printable runs — at commit through the installed hook, and in
 * `scan --since` for CI.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { cleanupRepos } from './helpers/repo.js';
import { commitThroughHook, initRepo } from './helpers/hook.js';
import { providerTokens, privateKeyArmours } from './helpers/realKeys.js';

afterAll(cleanupRepos);

const openai = () => providerTokens.find((p) => p.provider === 'OpenAI')!.make().secret;

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const utf32 = (s: string, le: boolean) => {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (le ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
};
const BOM32LE = Buffer.from([0xff, 0xfe, 0, 0]);
const BOM32BE = Buffer.from([0, 0, 0xfe, 0xff]);

/** The file's text as a user's tool would write it, the key on line 3. */
const source = (key: string) => `// клиент API — 接口客户端\n// ключ ниже\nconst key = "${key}";\n`;

const encodings: Record<string, (text: string) => Buffer> = {
  'UTF-16BE without BOM': (t) => utf16be(t),
  'UTF-16LE without BOM, non-Latin text': (t) => Buffer.from(t, 'utf16le'),
  'UTF-16LE without BOM, odd byte count': (t) => Buffer.concat([Buffer.from(t, 'utf16le'), Buffer.from([0x0a])]),
  'UTF-32LE with BOM': (t) => Buffer.concat([BOM32LE, utf32(t, true)]),
  'UTF-32BE with BOM': (t) => Buffer.concat([BOM32BE, utf32(t, false)]),
  'UTF-32LE without BOM': (t) => utf32(t, true),
  'UTF-32BE without BOM': (t) => utf32(t, false),
  'UTF-8 with one NUL byte early on': (t) => Buffer.concat([Buffer.from('#\0 generated\n'), Buffer.from(t)]),
};

describe('a key is found whatever the text encoding', { timeout: 120_000 }, () => {
  it.each(Object.keys(encodings))('%s: blocked at commit, on its line', (name) => {
    const { repo, env } = initRepo();
    const key = openai();
    const r = commitThroughHook(repo, env, { 'src/client.ts': encodings[name](source(key)) });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/src\/client\.ts:[34]:/);
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('the same files in history: scan --since finds each', () => {
    const { repo, env } = initRepo();
    repo.write('README.md', '# app\n');
    repo.git(['add', '.'], { env });
    repo.git(['commit', '-q', '-m', 'base'], { env });
    const names = Object.keys(encodings);
    names.forEach((name, i) => repo.write(`enc/${i}.ts`, encodings[name](source(openai()))));
    repo.git(['add', '.'], { env });
    repo.git(['commit', '-q', '--no-verify', '-m', 'encoded'], { env });
    const r = repo.keyguard(['scan', '--since', 'HEAD~1', '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(1);
    const paths = new Set((JSON.parse(r.stdout).findings as { path: string }[]).map((f) => f.path));
    expect(names.filter((_, i) => !paths.has(`enc/${i}.ts`))).toEqual([]);
  });

  it('NUL-terminated records of even length, which read like UTF-16BE, are judged by their bytes too', () => {
    const { repo, env } = initRepo();
    const key = openai();
    // 100 records of 99 bytes and a NUL: a NUL at every 100th byte, all at even offsets.
    const record = (i: number) => Buffer.from(`${i === 57 ? `token=${key};` : `row ${i};`}`.padEnd(99, '.') + '\0');
    const records = (n: number) => Buffer.concat(Array.from({ length: n }, (_, i) => record(i)));
    const r = commitThroughHook(repo, env, { 'data/rows.dat': records(100) });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('data/rows.dat');
    expect(r.stdout + r.stderr).toContain('OpenAI API key');
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('a UTF-16 file without a byte-order mark, read both as text and as bytes, reports its key once', () => {
    const { repo, env } = initRepo();
    repo.write('src/client.ts', encodings['UTF-16LE without BOM, non-Latin text'](source(openai())));
    repo.write('src/server.ts', encodings['UTF-16BE without BOM'](source(openai())));
    repo.git(['add', '.'], { env });
    const r = repo.keyguard(['check', '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(1);
    const found = (JSON.parse(r.stdout).findings as { path: string; line: number }[]).map((f) => `${f.path}:${f.line}`).sort();
    expect(found).toEqual(['src/client.ts:3', 'src/server.ts:3']);
  });

  it('a binary file stays binary: no findings from random bytes, and no generic-rule noise', () => {
    const { repo, env } = initRepo();
    const noise = Buffer.concat([randomBytes(50_000), Buffer.from('\0password=hunter2hunter2hunter2\0')]);
    const r = commitThroughHook(repo, env, { 'assets/blob.bin': noise });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe('a key inside a binary file is found in its printable runs', { timeout: 120_000 }, () => {
  it('a token and a private key pasted into a binary are blocked at commit', () => {
    const { repo, env } = initRepo();
    const key = openai();
    const pem = privateKeyArmours('ed25519')[0].text;
    const bin = Buffer.concat([randomBytes(4000), Buffer.from(`\0${key}\0`), randomBytes(3000), Buffer.from(`\0${pem}\0`), randomBytes(2000)]);
    const wide = Buffer.concat([Buffer.from([0x4d, 0x5a, 0, 0, 0x90]), randomBytes(999), Buffer.from(`\0\0${openai()}\0`, 'utf16le'), randomBytes(500)]);
    const r = commitThroughHook(repo, env, { 'build/app.bin': bin, 'build/app.exe': wide });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('build/app.bin');
    expect(r.stdout + r.stderr).toContain('build/app.exe');
    expect(r.stdout + r.stderr).toContain('OpenAI API key');
    expect(r.stdout + r.stderr).toContain('private key');
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('hostile binaries are read in bounded time', () => {
    const { repo, env } = initRepo();
    // Keywords glued to letters everywhere (each would start an extra line), and one endless run.
    const glued = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('xsk-'.repeat(1 << 20)), Buffer.from([0])]);
    const wide = Buffer.from(`\0${'ghp_AKIA'.repeat(1 << 18)}`, 'utf16le');
    const t0 = Date.now();
    const r = commitThroughHook(repo, env, { 'a.bin': glued, 'b.bin': wide });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('a key stored in a SQLite database is blocked at commit and found by scan --since', () => {
    const { repo, env } = initRepo();
    repo.write('README.md', '# app\n');
    repo.git(['add', '.'], { env });
    repo.git(['commit', '-q', '-m', 'base'], { env });
    const db = join(repo.dir, 'data', 'app.sqlite');
    spawnSync('mkdir', ['-p', join(repo.dir, 'data')]);
    const key = openai();
    const sql = `CREATE TABLE settings (name TEXT, value TEXT); INSERT INTO settings VALUES ('theme', 'dark'), ('openai', '${key}');`;
    const made = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    repo.git(['add', 'data/app.sqlite'], { env });
    const r = repo.git(['commit', '-q', '-m', 'seed data'], { env, allowFail: true });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('data/app.sqlite');
    repo.git(['commit', '-q', '--no-verify', '-m', 'seed data'], { env });
    const scan = repo.keyguard(['scan', '--since', 'HEAD~1', '--format', 'json'], { env });
    expect(scan.code, scan.stderr).toBe(1);
    expect((JSON.parse(scan.stdout).findings as { path: string; rule: string }[]).map((f) => `${f.path} ${f.rule}`)).toEqual(['data/app.sqlite openai-api-key']);
    // A later change to the database that adds no key is not blocked by the key already there.
    spawnSync('sqlite3', [db, "INSERT INTO settings VALUES ('lang', 'en');"]);
    repo.git(['add', 'data/app.sqlite'], { env });
    const again = repo.git(['commit', '-q', '-m', 'more data'], { env, allowFail: true });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});
