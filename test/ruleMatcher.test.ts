import { describe, expect, it } from 'vitest';
import { createRuleMatcher } from '../src/detect/ruleMatcher.js';
import { matchBounds } from '../src/detect/matchBounds.js';
import { buildPrefilter } from '../src/detect/prefilter.js';
import { builtinContentRules } from '../src/rules/index.js';
import { nearNameProviders, providerSamples } from './helpers/providerSamples.js';
import { ruleSamples } from './helpers/ruleSamples.js';

/** What a plain scan of the whole text finds: the reference the windowed search must equal. */
function wholeScan(pattern: RegExp, text: string, notAfter?: RegExp): string[] {
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gyd]/g, '') + 'gd');
  const out: string[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    // Where `notAfter` holds, the match is dropped and the scan goes on where its secret begins.
    if (notAfter?.test(text.slice(Math.max(0, m.index - 40), m.index))) {
      const secretStart = m.indices!.groups?.secret?.[0];
      re.lastIndex = secretStart !== undefined && secretStart > m.index ? secretStart : m.index + 1;
      continue;
    }
    const span = m.indices!.groups?.secret ?? m.indices![0];
    const secret = m.groups?.secret ?? m[0];
    if (secret) out.push(`${span[0]}-${span[1]}:${secret}`);
  }
  return out;
}

function windowed(pattern: RegExp, keywords: string[], text: string, lead?: number, edge?: 'start' | 'end', check?: RegExp, notAfter?: RegExp): string[] {
  const hits = buildPrefilter([keywords], [edge]).scan(text)[0]?.hits;
  if (hits === undefined) return [];
  const out: string[] = [];
  createRuleMatcher(() => pattern, { keywordLead: lead, keywordCheck: check, notAfter })(text, hits, (secret, start, end) => out.push(`${start}-${end}:${secret}`));
  return out;
}

/** Deterministic text dense with a rule's keywords, each followed by key-like material and separators. */
function keywordSoup(keywords: string[], seed: number): string {
  let x = seed;
  const rand = (n: number) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.=:"\' /+@\n';
  let text = '';
  for (let i = 0; i < 300; i++) {
    const kw = keywords[rand(keywords.length)];
    text += rand(2) ? kw.toUpperCase() : kw;
    if (rand(3) === 0) text += ['=', ': "', ' := ', '="', '://u:'][rand(5)];
    const runLength = rand(4) === 0 ? 20 + rand(200) : rand(40);
    for (let j = 0; j < runLength; j++) text += alphabet[rand(rand(3) ? 62 : alphabet.length)];
    // Long gaps without keywords, so the search really is windowed.
    if (rand(4) === 0) text += ' '.repeat(500 + rand(1500));
  }
  return text;
}

describe('windowed rule search', () => {
  it('finds exactly what a whole-text scan finds, for every built-in rule', () => {
    let compared = 0;
    let withMatches = 0;
    for (const rule of builtinContentRules) {
      if (rule.keywords.length === 0) continue;
      for (const seed of [1, 2, 3, 4]) {
        let text = keywordSoup(rule.keywords, seed * 7919 + rule.id.length);
        // A text stored two bytes wide (a character above U+00FF in it) is searched in one-byte
        // copies of its windows where they hold none: the same matches, at the same offsets.
        if (seed === 4) text = text.replace(/(.{700})/gs, '$1\u2603');
        const expected = wholeScan(rule.pattern, text, rule.notAfter);
        expect(windowed(rule.pattern, rule.keywords, text, rule.keywordLead, rule.keywordEdge, rule.keywordCheck, rule.notAfter), rule.id).toEqual(expected);
        // A small text (a one-file commit's) is read keyword by keyword, not by the automaton: the same.
        const small = text.slice(0, 12_000);
        expect(windowed(rule.pattern, rule.keywords, small, rule.keywordLead, rule.keywordEdge, rule.keywordCheck, rule.notAfter), `${rule.id} small`).toEqual(wholeScan(rule.pattern, small, rule.notAfter));
        compared++;
        if (expected.length > 0) withMatches++;
      }
    }
    expect(compared).toBeGreaterThan(0);
    // The comparison means something only if the texts do hold matches.
    expect(withMatches).toBeGreaterThan(compared / 10);
  });

  // A rule that declares how far before its keyword a match may start is searched only from there:
  // the longest such distance each rule allows, written out, must still find what a whole scan finds.
  it('finds every match of a rule with a keyword lead, its keyword as far in as the lead allows', () => {
    // Values assembled at run time: this file's own text holds no secret-shaped literal.
    const v = ['Zq8rT2mW', 'x9Lk4Vb7', 'Nc3Hs6Pd', '1Fg5Jy0A'].join('');
    const farthest: Record<string, string[]> = {
      'generic-secret-assignment': [`encryption_key = "${v}"`, `const paymentApiKey = "${v}";`],
      // (and its label glued to the service's name: the label ends a word, it need not start one)
      'labelled-key': [`acmecrm KEY: ${v}`, `acmecrm_token = ${v}`, `acmecrmKEY=${v}`],
      'url-password': [`DSN=postgresql+psycopg2xy://app:${v.slice(0, 12)}@db.internal/app`],
      'vault-token': [`VAULT_TOKEN=${['h', 'vs.'].join('')}${v.repeat(3)}`, `token: ${['s', '.'].join('')}${v.slice(0, 24)}`],
      'ionic-access-token': [`IONIC_TOKEN=${['io', 'n_'].join('')}${v}${v.slice(0, 10)}`],
      'password-label': [`login: admin pw: ${v}`, `(pass=${v})`],
      'command-line-password': [`deploy --password ${v}`],
      'logged-credential': [`[DEBUG] Using photoroom Key=${v}`],
      'environment-default-secret': [`const t = import.meta.env.API_TOKEN || "${v}";`, `t = os.environ["API_TOKEN"] or "${v}"`, `$t = $_ENV['API_TOKEN'] ?? '${v}';`],
    };
    // The named providers' rules start with the name, which starts with a keyword: proven for each below.
    const named = new Set(nearNameProviders.map((p) => p.id));
    const withLead = builtinContentRules.filter((r) => r.keywordLead !== undefined && !named.has(r.id));
    expect(withLead.map((r) => r.id).sort()).toEqual(Object.keys(farthest).sort());
    for (const rule of withLead) {
      // In a big text (the automaton's hits) and a small one (read keyword by keyword).
      for (const line of farthest[rule.id]) for (const pad of [30000, 300]) {
        const text = `${' '.repeat(pad)}${line}\n${' '.repeat(pad)}`;
        const expected = wholeScan(rule.pattern, text, rule.notAfter);
        expect(expected.length, `${rule.id}: ${line}`).toBeGreaterThan(0);
        expect(windowed(rule.pattern, rule.keywords, text, rule.keywordLead, rule.keywordEdge, rule.keywordCheck, rule.notAfter), rule.id).toEqual(expected);
      }
    }
  });

  // A rule that takes its keywords at a word's edge only: its own expression turns away a keyword
  // inside a word, so dropping those hits finds what a whole scan finds. Each rule's samples, and the
  // same with a letter glued to the keyword's edge (which the whole scan must not find there either).
  it('finds what a whole scan finds for a rule taking keywords at a word edge, and the samples need the edge', () => {
    const withEdge = builtinContentRules.filter((r) => r.keywordEdge !== undefined);
    const named = new Set(nearNameProviders.map((p) => p.id));
    expect(withEdge.filter((r) => !named.has(r.id)).map((r) => r.id).sort()).toEqual([
      'command-line-password',
      'connection-string-password',
      'ionic-access-token',
      'labelled-key',
      'logged-credential',
      'password-label',
      'password-setting-suffix',
      'vault-token',
    ]);
    expect(withEdge.filter((r) => named.has(r.id))).toHaveLength(named.size);
    let glued = 0;
    for (const rule of withEdge) {
      const lines = [...providerSamples.filter((s) => s.rule === rule.id).flatMap((s) => s.positives), ...ruleSamples.filter((s) => s.rule === rule.id).map((s) => s.positive)];
      expect(lines.length, rule.id).toBeGreaterThan(0);
      for (const line of lines) for (const pad of [30000, 300]) {
        const text = `${' '.repeat(pad)}${line}\n${' '.repeat(pad)}`;
        const expected = wholeScan(rule.pattern, text, rule.notAfter);
        expect(expected.length, `${rule.id}: ${line}`).toBeGreaterThan(0);
        expect(windowed(rule.pattern, rule.keywords, text, rule.keywordLead, rule.keywordEdge, rule.keywordCheck, rule.notAfter), rule.id).toEqual(expected);
        // A letter glued at the edge of every keyword occurrence: no hit is left, and the whole scan agrees.
        const lower = text.toLowerCase();
        let gluedText = text;
        for (const kw of rule.keywords) {
          for (let at = lower.lastIndexOf(kw); at !== -1; at = at === 0 ? -1 : lower.lastIndexOf(kw, at - 1)) {
            const cut = rule.keywordEdge === 'start' ? at : at + kw.length;
            gluedText = `${gluedText.slice(0, cut)}q${gluedText.slice(cut)}`;
          }
        }
        if (gluedText === text) continue;
        glued++;
        expect(windowed(rule.pattern, rule.keywords, gluedText, rule.keywordLead, rule.keywordEdge, rule.keywordCheck, rule.notAfter), `${rule.id} glued`).toEqual(wholeScan(rule.pattern, gluedText, rule.notAfter));
      }
    }
    expect(glued).toBeGreaterThan(withEdge.length);
  });

  // A match `notAfter` turns away takes its name with it: the search goes on where its secret begins,
  // in a small text (searched whole), from a rule's leads and in windows alike.
  it('goes on after a turned-away match where its secret begins, however the text is searched', () => {
    const v = ['Zq8rT2mW', 'x9Lk4Vb7', 'Nc3Hs6Pd'].join('');
    const generic = builtinContentRules.find((r) => r.id === 'generic-secret-assignment')!;
    const lines = [`fake_client_secret = "${v}"`, `fakeClientSecret: "${v}"`, `cb = "?public_token=abc123&client_secret=${v}"`];
    for (const pad of [0, 30000]) {
      const text = lines.map((l) => `${' '.repeat(pad)}${l}\n`).join('');
      const expected = wholeScan(generic.pattern, text, generic.notAfter);
      // Only the assignment inside the turned-away value is left.
      expect(expected.map((e) => e.split(':').slice(1).join(':'))).toEqual([v]);
      for (const lead of [generic.keywordLead, undefined]) {
        expect(windowed(generic.pattern, generic.keywords, text, lead, generic.keywordEdge, generic.keywordCheck, generic.notAfter), `pad ${pad}, lead ${lead}`).toEqual(expected);
      }
    }
  });

  it('keeps whole-text semantics at window edges: lookbehind context, non-overlapping matches', () => {
    const pattern = /(?<![a-z])tok_[a-z]{4}(?![a-z])/;
    // Big enough to be searched in windows (small texts are searched whole).
    const text = `${' '.repeat(30000)}xtok_abcd tok_efgh${' '.repeat(30000)}tok_ijkl`;
    expect(windowed(pattern, ['tok_'], text)).toEqual(wholeScan(pattern, text));
    expect(windowed(pattern, ['tok_'], text)).toHaveLength(2);
  });
});

describe('matchBounds', () => {
  it('bounds what it can read and refuses what it cannot', () => {
    expect(matchBounds(/ab[0-9]{2,5}(?:x|yz)?/)).toEqual({ maxLength: 9, margin: 1 });
    expect(matchBounds(/(?<![A-Za-z0-9_])key\b/)).toEqual({ maxLength: 3, margin: 2 });
    expect(matchBounds(/a+/)).toBeNull();
    expect(matchBounds(/a{3,}/)).toBeNull();
    expect(matchBounds(/^key/)).toBeNull();
    expect(matchBounds(/(a)\1/)).toBeNull();
    expect(matchBounds(/a{2}\{x/)).toEqual({ maxLength: 4, margin: 1 });
  });
  // A rule without bounds is searched over every file holding its keyword, whole: a JWK rule with one
  // unbounded `[ \t]*` read every bundle naming `kty` end to end. Only rules whose keyword is rare may.
  it('bounds every built-in rule but one whose keyword is rare', () => {
    const unbounded = builtinContentRules.filter((r) => !r.match && matchBounds(r.pattern) === null).map((r) => r.id);
    expect(unbounded).toEqual(['putty-private-key']);
  });
});

describe('keyword pre-filter', () => {
  it('finds keywords in any ASCII case, overlapping ones included, and skips rules without hits', () => {
    const pf = buildPrefilter([['sk-'], ['sk-ant-'], ['token'], []]);
    // The first few KB of a run are read keyword by keyword (no automaton built yet), to the same hits.
    const first = pf.scan('x SK-ANT-abc');
    expect(first.map((f) => [f.rule, f.hits])).toEqual([[0, [2, 5]], [1, [2, 9]], [3, null]]);
    // …and where lower-casing changes the length (İ becomes two characters), whole-text runs.
    expect(pf.scan('İ SK-ANT-abc').map((f) => [f.rule, f.hits])).toEqual([[0, null], [1, null], [3, null]]);
    const pad = ' '.repeat(40_000);
    const found = pf.scan(`x SK-ANT-abc${pad}`);
    expect(found.map((f) => f.rule)).toEqual([0, 1, 3]);
    expect(found[0].hits).toEqual([2, 5]);
    expect(found[1].hits).toEqual([2, 9]);
    expect(found[2].hits).toBeNull();
    // Once built, small texts get hit positions too: the matcher decides whether windows pay.
    const small = pf.scan('x SK-ANT-abc');
    expect(small.map((f) => [f.rule, f.hits])).toEqual([[0, [2, 5]], [1, [2, 9]], [3, null]]);
  });

  it('takes a keyword at a word edge only for a rule that asks so, in small texts and big ones', () => {
    const pad = ' '.repeat(40_000);
    for (const big of [false, true]) {
      // Each call is a fresh pre-filter: the first small texts are read without the automaton.
      const scan = (text: string) => buildPrefilter([['ion_'], ['key'], ['key']], ['start', 'end', undefined]).scan(big ? text + pad : text);
      const rulesIn = (text: string) => scan(text).map((f) => f.rule);
      expect(rulesIn('function_name(); keys.sort()'), `big: ${big}`).toEqual([2]);
      expect(rulesIn('x = ion_abc; apikey = 1'), `big: ${big}`).toEqual([0, 1, 2]);
      // A letter after a backslash is an escape's: `\nion_` starts a token.
      expect(rulesIn('"a\\nion_abc"'), `big: ${big}`).toEqual([0]);
      if (big) expect(scan('function_ ion_ keyboard key.').map((f) => f.hits)).toEqual([[10, 14], [24, 27], [15, 18, 24, 27]]);
    }
  });

  // A big text is read by four cursors, one per quarter: a keyword across a quarter's edge is found
  // once, by the cursor whose quarter it ends in.
  it('finds each keyword once where the scan of a big text splits it, at every offset across the split', () => {
    for (const extra of [0, 1, 2, 3]) {
      const length = 40_000 + extra;
      const quarter = length >> 2;
      for (let shift = 0; shift <= 7; shift++) {
        const chars = Array.from({ length }, () => ' ');
        const starts = [0, quarter - shift, 2 * quarter - shift, 3 * quarter - shift, length - 7];
        for (const at of starts) for (let i = 0; i < 7; i++) chars[at + i] = 'sk-ant-'[i];
        const text = chars.join('');
        const pf = buildPrefilter([['sk-ant-'], ['ant']]);
        pf.scan(' '.repeat(40_000));
        const [a, b] = pf.scan(text);
        expect(a.hits, `length ${length}, shift ${shift}`).toEqual(starts.flatMap((at) => [at, at + 7]));
        expect(b.hits, `length ${length}, shift ${shift}`).toEqual(starts.flatMap((at) => [at + 3, at + 6]));
      }
    }
  });

  it('reports every occurrence of every built-in keyword, as a search of the lower-cased text does', () => {
    const keywordsPerRule = builtinContentRules.map((r) => r.keywords);
    const all = [...new Set(keywordsPerRule.flat())];
    let x = 7;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x % n;
    };
    // Keywords in both cases, run together and apart, between random ASCII and a few other characters.
    let text = '';
    while (text.length < 200_000) {
      const kw = all[rand(all.length)];
      text += rand(2) ? kw.toUpperCase() : kw;
      for (let n = rand(6); n > 0; n--) text += String.fromCharCode(rand(8) === 0 ? 0xa0 + rand(0x300) : 32 + rand(95));
    }
    const pf = buildPrefilter(keywordsPerRule);
    pf.scan(' '.repeat(40_000)); // past the presence budget: the automaton answers
    const found = new Map(pf.scan(text).map((r) => [r.rule, r.hits]));
    const lower = text.toLowerCase();
    let compared = 0;
    keywordsPerRule.forEach((keywords, rule) => {
      const expected: [number, number][] = [];
      for (const kw of new Set(keywords.map((k) => k.toLowerCase()))) {
        for (let i = lower.indexOf(kw); i !== -1; i = lower.indexOf(kw, i + 1)) expected.push([i, i + kw.length]);
      }
      expected.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      const dense = Math.max(256, text.length >> 4);
      if (expected.length === 0) return;
      const hits = found.get(rule);
      if (expected.length * 2 > dense) return expect(hits, builtinContentRules[rule].id).toBeNull();
      expect(hits, builtinContentRules[rule].id).not.toBeNull();
      // The matcher merges windows in one pass: hits come in ascending order of their end.
      for (let i = 3; i < hits!.length; i += 2) expect(hits![i], builtinContentRules[rule].id).toBeGreaterThanOrEqual(hits![i - 2]);
      const pairs: [number, number][] = [];
      for (let i = 0; i < hits!.length; i += 2) pairs.push([hits![i], hits![i + 1]]);
      pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      // Every occurrence is reported; a character above U+00FF may add one (it is read by its low byte).
      expect(pairs, builtinContentRules[rule].id).toEqual(expect.arrayContaining(expected));
      compared++;
    });
    expect(compared).toBeGreaterThan(100);
  });
});
