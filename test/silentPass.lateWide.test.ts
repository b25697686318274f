import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos } from './helpers/repo.js';
import { commitThroughHook, initRepo } from './helpers/hook.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

/**
 * A text whose first 8000 bytes (the probe that decides how a file is read) are ASCII, and which
 * turns UTF-16 later: a log a Windows tool appended to, two files concatenated. Read as UTF-8,
 * the UTF-16 part is letters with NULs between them, which no rule matches: a key there passed
 * with exit 0. Its bytes are now read for their printable runs too, as a binary's are.
 */
const MiB = 1 << 20;
const ascii = (bytes: number) => '2026-12-01 12:00:00 INFO request served in 12 ms\n'.repeat(Math.ceil(bytes / 49)).slice(0, bytes);
const le = (s: string) => Buffer.from(s, 'utf16le');
const be = (s: string) => Buffer.from(s, 'utf16le').swap16();

/** Line number (1-based) of the text's line holding `needle`, counting line feeds in either width. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('BOM-less text that turns UTF-16 past the first 8000 bytes', { timeout: 120_000 }, () => {
  for (const [name, wide] of [['UTF-16LE', le], ['UTF-16BE', be]] as const) {
    it(`${name}: a key in the wide part blocks the commit, on its line`, () => {
      const { repo, env } = initRepo();
      const gh = keys.github();
      const head = ascii(9000);
      // Whole lines: line feeds of the ASCII part, then of the wide part, count as lines.
      const tail = 'Windows output follows\nstatus: ok\ngithub token ' + gh + '\ndone\n';
      const r = commitThroughHook(repo, env, { 'logs/app.log': Buffer.concat([Buffer.from(head + '\n'), wide(tail)]) });
      expect(r.code, r.stdout + r.stderr).toBe(1);
      const line = lineOf(head + '\n' + tail, gh);
      expect(r.stdout + r.stderr).toContain(`logs/app.log:${line}:`);
      expect(r.stdout + r.stderr).toContain('1 problem');
      expect(r.stdout + r.stderr).not.toContain(gh);
    });
  }

  it('a key in the ASCII part is reported once, and a wide part with no key passes', () => {
    const { repo, env } = initRepo();
    const aws = keys.aws();
    const head = ascii(3000) + `aws_key = "${aws}"\n` + ascii(7000);
    const r = commitThroughHook(repo, env, { 'a.log': Buffer.concat([Buffer.from(head), le('nothing to see here\n'.repeat(100))]) });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('1 problem');
    const other = initRepo();
    const clean = commitThroughHook(other.repo, other.env, { 'b.log': Buffer.concat([Buffer.from(ascii(9000)), le('nothing to see here\n'.repeat(100))]) });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
  });

  it('a 3 MB file (judged in pieces) that turns UTF-16 after 1.5 MB: blocked at commit, found by scan --no-git and scan -, each key once', () => {
    const { repo, env } = initRepo();
    const gh = keys.github();
    const aws = keys.aws();
    const head = ascii(1.5 * MiB) + '\n';
    // One key in the middle of the wide part, one near its end (past a piece cut).
    const tail = ascii(200_000) + `token ${gh}\n` + ascii(500_000) + `aws ${aws}\n` + ascii(40_000);
    const bytes = Buffer.concat([Buffer.from(head), le(tail)]);
    expect(bytes.length).toBeGreaterThan(2.5 * MiB);
    const text = head + tail;
    const expected = [lineOf(text, gh), lineOf(text, aws)];
    const r = commitThroughHook(repo, env, { 'logs/big.log': bytes });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('2 problems');
    for (const l of expected) expect(r.stdout + r.stderr).toContain(`logs/big.log:${l}:`);
    const lines = (out: string) => JSON.parse(out).findings.map((f: { line: number }) => f.line);
    const noGit = repo.keyguard(['scan', '--no-git', 'logs/big.log', '--format', 'json'], { env });
    expect(noGit.code, noGit.stderr).toBe(1);
    expect(lines(noGit.stdout)).toEqual(expected);
    const stdin = repo.keyguard(['scan', '-', '--format', 'json'], { env, input: bytes as unknown as string });
    expect(stdin.code, stdin.stderr).toBe(1);
    expect(lines(stdin.stdout)).toEqual(expected);
  });
});
