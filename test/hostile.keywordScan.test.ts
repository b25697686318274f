import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, type TestRepo } from './helpers/repo.js';
import { keys } from './helpers/keys.js';
import { builtinContentRules } from '../src/rules/index.js';
import { matchBounds } from '../src/detect/matchBounds.js';

afterAll(cleanupRepos);

interface Found {
  path: string;
  line: number;
  column: number;
  rule: string;
}

/** `keyguard check --format json` on what is staged: exit code, findings, seconds taken. */
function check(repo: TestRepo): { code: number; findings: Found[]; warnings: unknown[]; seconds: number } {
  const started = process.hrtime.bigint();
  const r = repo.keyguard(['check', '--format', 'json']);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect([0, 1], r.stderr).toContain(r.code);
  const report = JSON.parse(r.stdout) as { findings: Found[]; warnings: unknown[] };
  const findings = report.findings.map(({ path, line, column, rule }) => ({ path, line, column, rule }));
  return { code: r.code, findings, warnings: report.warnings, seconds };
}

const MiB = 1 << 20;
const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// The keyword scan reads a big text with four cursors, drops keywords that are not at a word's edge,
// and tries the rules with a lead only at their keywords' starts: text made of nothing but one
// keyword (or a name, a wide character) is where each of those does the most work per byte.
describe('a megabyte of one keyword', { timeout: 300_000 }, () => {
  it('is judged in bounded time, and a key after it is still found', () => {
    const repo = makeRepo();
    const units: Record<string, string> = {
      'key.txt': 'key=',
      'keyword.txt': 'key=key ',
      'dots.txt': '.',
      'mite.txt': 'mite ',
      'mite-value.txt': 'mite: xqzwvkjhgf ',
      'vault.txt': 's.',
      'ionic.txt': ' ion_',
      'dashes.txt': '-',
      'flags.txt': ' --password ',
      'pass.txt': 'pass:',
      'using.txt': 'using ',
      'suffix.txt': ' XPASS= ',
      'environ.txt': 'os.environ["API_TOKEN"] or ',
      'labels.txt': 'cache_key=',
      'names.txt': 'fake_secret_token_',
      'snowmen.txt': '\u2603',
      'wide-keys.txt': '\u2603key=\u2603 token: ',
      'emoji-names.txt': '\u{1F600}mite_key: ',
      'dotted-i.txt': '\u0130key=',
    };
    for (const [name, unit] of Object.entries(units)) repo.write(name, `${repeat(unit, MiB)}\n`);
    const gh = keys.github();
    repo.write('key-last.txt', `${repeat('key=', MiB)} ${gh}\n`);
    repo.git(['add', '.']);
    const r = check(repo);
    expect(r.findings).toEqual([{ path: 'key-last.txt', line: 1, column: MiB + 2, rule: 'github-token' }]);
    expect(r.code).toBe(1);
    // Every file was read (none skipped as too big or binary).
    expect(r.warnings).toEqual([]);
    // ~20 MB of the worst text for the keyword scan: a few seconds; a search that went quadratic
    // in the hits (or a check tried at every character) would take minutes.
    expect(r.seconds).toBeLessThan(60);
  });
});

// Texts of the sizes where the scan changes how it reads: 4,096 characters (bytes instead of
// characters, four cursors), 16 KB (the first texts of a run are only tested for their keywords'
// presence). A key at the very start, across the first quarter's edge and at the very end is found at
// its column, in a text stored a byte per character and in ones stored two bytes wide: those are
// searched in one-byte copies of the windows around the keys when the window holds no wide character,
// so a wide character is put right outside each window's edges (the copy's edges), or right inside them.
describe('texts at the keyword scan\'s size thresholds', { timeout: 300_000 }, () => {
  const github = builtinContentRules.find((r) => r.id === 'github-token')!;
  const { maxLength, margin } = matchBounds(github.pattern)!;
  const keyword = 'ghp_'.length;
  /** The text a window around a key at `at` searches: [at + keyword - maxLength - margin, at + maxLength + margin). */
  const windowOf = (at: number) => [at + keyword - maxLength - margin, at + maxLength + margin];
  const kinds: Record<string, (chars: string[], keysAt: number[]) => void> = {
    narrow: () => {},
    // The copy's first and last characters are narrow, the ones just past them wide.
    'wide-outside': (chars, keysAt) => {
      for (const at of keysAt) for (const i of [windowOf(at)[0] - 1, windowOf(at)[1]]) if (i >= 0 && i < chars.length) chars[i] = '\u2603';
    },
    'wide-inside': (chars, keysAt) => {
      for (const at of keysAt) for (const i of [windowOf(at)[0], windowOf(at)[1] - 1]) if (i >= 0 && i < chars.length) chars[i] = '\u2603';
    },
    // Surrogate pairs before every key (each counts two columns), none in the windows.
    'emoji-before': (chars, keysAt) => {
      for (const at of keysAt) {
        const i = windowOf(at)[0] - 2;
        if (i >= 0) chars.splice(i, 2, '\ud83d', '\ude00');
      }
    },
    // `İ` grows when lower-cased: the presence test cannot use the lower-cased text's offsets.
    dotted: (chars) => {
      chars[chars.length >> 1] = '\u0130';
    },
  };
  for (const warm of [false, true]) {
    it(`find every key at its column${warm ? ', after a big file built the automaton' : ''}`, () => {
      const repo = makeRepo();
      if (warm) repo.write('0-big.txt', `${repeat('nothing here ', 40_000)}\n`);
      const expected: Found[] = [];
      for (const length of [4095, 4096, 4097, 16383, 16384, 16385]) {
        for (const [kind, widen] of Object.entries(kinds)) {
          const gh = [keys.github(), keys.github(), keys.github()];
          const chars = Array.from({ length }, () => ' ');
          const at = [0, (length >> 2) - 20, length - gh[2].length];
          widen(chars, at);
          at.forEach((a, i) => chars.splice(a, gh[i].length, ...gh[i].split('')));
          const text = chars.join('');
          expect(text.length).toBe(length);
          const path = `t-${length}-${kind}.txt`;
          repo.write(path, text);
          for (const a of at) expected.push({ path, line: 1, column: a + 1, rule: 'github-token' });
        }
      }
      repo.git(['add', '.']);
      const r = check(repo);
      const order = (f: Found) => `${f.path}:${String(f.column).padStart(6, '0')}`;
      expect(r.findings.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(expected.sort((a, b) => order(a).localeCompare(order(b))));
      expect(r.code).toBe(1);
    });
  }
});

// A custom rule's keyword may hold any letter. The keyword scan folds case by giving a keyword
// letter's upper case the same class; `ı` (dotless i) and `ſ` (long s) upper-case to ASCII `I` and
// `S`, which then stood for them alone: every built-in keyword lost its `I` or `S` (`AKIA`, `SECRET`).
describe('a custom rule whose keyword holds a letter that upper-cases to ASCII', { timeout: 120_000 }, () => {
  for (const keyword of ['plain', 'anahtarı', 'ſchlüssel']) {
    it(`leaves the built-in keywords' upper case alone (${keyword})`, () => {
      const repo = makeRepo();
      repo.write('.keyguardrc.json', JSON.stringify({ rules: [{ id: 'acme-ticket', pattern: 'ACME-[0-9]{6}', keywords: [keyword] }] }));
      const aws = keys.aws();
      // Past the first 16 KB, which are only tested for their keywords' presence: the automaton reads it.
      repo.write('big.txt', `${' '.repeat(20_000)}\naws_access_key_id = ${aws}\nDB_SECRET = "${keys.generic()}"\n`);
      repo.git(['add', 'big.txt']);
      const r = check(repo);
      expect(r.findings.map((f) => [f.path, f.line, f.rule])).toEqual([
        ['big.txt', 2, 'aws-access-key-id'],
        ['big.txt', 3, 'generic-secret-assignment'],
      ]);
      expect(r.code).toBe(1);
    });
  }
});

// An empty keyword occurs in every text: the rule is run on every text, as one without keywords is.
describe('a custom rule with an empty keyword', () => {
  for (const keywords of [[''], ['', 'acme']]) {
    it(`runs on every text (${JSON.stringify(keywords)})`, () => {
      const repo = makeRepo();
      repo.write('.keyguardrc.json', JSON.stringify({ rules: [{ id: 'ticket-secret', pattern: 'TKT-[0-9]{6}', keywords }] }));
      // One small text (keywords tested for presence) and one past 16 KB (the automaton).
      repo.write('a.txt', 'ticket TKT-123456\n');
      repo.write('b.txt', `${' '.repeat(20_000)}\nticket TKT-654321\n`);
      repo.git(['add', 'a.txt', 'b.txt']);
      const r = check(repo);
      expect(r.findings.map((f) => [f.path, f.line, f.rule])).toEqual([
        ['a.txt', 1, 'ticket-secret'],
        ['b.txt', 2, 'ticket-secret'],
      ]);
      expect(r.code).toBe(1);
    });
  }
});
