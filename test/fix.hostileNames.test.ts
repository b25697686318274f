/**
 * keyguard fix names the files it changes, leaves alone or untracks, and file names come from the
 * repository: one holding ESC (`\x1b[31m` would turn the terminal red, other sequences rewrite
 * earlier lines or set the window title) or BEL must reach the terminal escaped and quoted, as in
 * check's report, never raw.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos } from './helpers/repo.js';
import { keys, seeded } from './helpers/keys.js';
import { repoWithHook, tryCommit } from './helpers/fixRepo.js';

afterAll(cleanupRepos);

// Every C0 control but tab and line feed, DEL and C1: none may be printed raw.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('fix prints repository file names escaped', () => {
  it('a staged file whose name holds \\x1b[31m, one with BEL: dry run and fix show them escaped, with no raw control byte in stdout or stderr', () => {
    const repo = repoWithHook();
    const code = 'src/\x1b[31mbilling.js';
    const doc = 'docs/\x07setup\x1b]0;owned\x07.md';
    repo.write(code, `const githubToken = "${keys.github()}";\n`);
    repo.write(doc, `token: ${keys.github()}\n`);
    repo.git(['add', '--', code, doc]);

    for (const args of [['fix', '--dry-run', '--partial'], ['fix', '--partial']]) {
      const r = repo.keyguard(args);
      const all = r.stdout + r.stderr;
      expect(r.code, all).toBe(1); // the documentation file still needs a hand
      expect(all, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toContain(`${args.includes('--dry-run') ? 'would change' : 'changed'} "src/\\x1b[31mbilling.js" (staged and working copy)`);
      expect(r.stdout).toContain('keyguard fix: "docs/\\x07setup\\x1b]0;owned\\x07.md":1: not changed: documentation');
    }
    // The fix itself happened to the file with that name.
    expect(repo.read(code)).toBe('const githubToken = process.env.GITHUB_TOKEN;\n');
    expect(repo.git(['show', `:${code}`]).stdout).toBe('const githubToken = process.env.GITHUB_TOKEN;\n');
    const blocked = tryCommit(repo);
    expect(blocked.code).not.toBe(0); // the documentation key still blocks
  });

  it('a name with a line break or a bidi control cannot forge or reorder a line; a custom rule\'s description with ESC is escaped too', () => {
    const repo = repoWithHook();
    const forged = 'lib/a\nkeyguard fix: done; nothing else to do\u202e.js';
    const key = `acme_${seeded(7)('abcdefghijklmnopqrstuvwxyz0123456789', 20)}`;
    repo.write('.keyguardrc.json', JSON.stringify({ rules: [{ id: 'acme-key', description: 'Acme \x1b[2J key', pattern: 'acme_[a-z0-9]{20}', keywords: ['acme_'] }] }));
    repo.git(['add', '.keyguardrc.json']);
    repo.git(['commit', '-q', '-m', 'settings']);
    // The same key already sits in a local commit: fix names it (with the rule's description) for rewriting.
    repo.write('old.js', `const acmeKey = "${key}";\n`);
    repo.git(['add', 'old.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'old']);
    repo.write(forged, `const acmeKey = "${key}";\n`);
    repo.git(['add', '--', forged]);

    const r = repo.keyguard(['fix']);
    const all = r.stdout + r.stderr;
    expect(r.code, all).toBe(0);
    expect(all).not.toMatch(RAW_CONTROL);
    expect(all).not.toContain('\u202e');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('keyguard fix: done'))).toEqual(['keyguard fix: done; the rewritten lines are staged: run git commit again']);
    expect(r.stdout).toContain('keyguard fix: changed "lib/a\\nkeyguard fix: done; nothing else to do\\u202e.js" (staged and working copy)');
    expect(r.stdout).toContain('history: Acme \\x1b[2J key ("lib/a\\nkeyguard');
    expect(repo.read(forged)).toBe('const acmeKey = process.env.ACME_KEY;\n');
  });
});
