import type { ContentRule } from '../rules/types.js';
import type { Finding } from './finding.js';
import type { Fragment } from './fragment.js';
import { buildPrefilter } from './prefilter.js';
import { createRuleMatcher, type RuleMatcher } from './ruleMatcher.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { validators } from './validators.js';
import { createAllowCheck } from './allowMarkers.js';
import { isNotSecretValue } from './genericValueFilter.js';
import { ciServiceSecrets } from './ciServiceContainers.js';
import { encodedRuns } from './base64Pass.js';
import { redact } from './redact.js';
import { isIssuedKey, secretFingerprint } from './fingerprint.js';
import { shellQuote } from '../shellQuote.js';

export interface DetectorOptions {
  /** Values the user allowed in config: literal strings or regular expressions. */
  isAllowedValue?: (secret: string) => boolean;
  /** Entropy floor for generic rules (bits per character), from config. */
  genericEntropy?: number;
  /** Decode base64 runs and judge them with the provider rules (default on; off for the decoded text itself). */
  decodeBase64?: boolean;
}

interface Compiled {
  rule: ContentRule;
  find: RuleMatcher;
}

interface Raw {
  c: Compiled;
  start: number;
  end: number;
  secret: string;
}

export type Detector = (fragment: Fragment) => Finding[];

/**
 * A short string cannot reach a high entropy: 20 characters hold at most log2(20) = 4.3 bits per
 * character, and a real AWS key id (20 characters) falls under 3 bits once in 6,400. A rule's floor
 * on key material is capped below what random strings of that length reach (the lowest of a
 * million random key ids was 2.66 bits, the cap there 2.72), so it turns away masks, not keys.
 */
function keyFloor(minEntropy: number | undefined, length: number): number | undefined {
  if (minEntropy === undefined || length < 2) return minEntropy;
  return Math.min(minEntropy, Math.log2(length) - KEY_FLOOR_MARGIN);
}
const KEY_FLOOR_MARGIN = 1.6;

/** Builds the content judge once per run: expressions compiled, pre-filter built. */
export function createDetector(rules: ContentRule[], options: DetectorOptions = {}): Detector {
  const compiled: Compiled[] = rules.map((rule) => ({
    rule,
    // `rule.pattern` read only when the rule first runs: catalogue rules build it on demand.
    find: rule.match ?? createRuleMatcher(() => rule.pattern, rule),
  }));
  const prefilter = buildPrefilter(
    rules.map((r) => r.keywords),
    rules.map((r) => r.keywordEdge),
  );
  const rank = new Map(compiled.map((c, i) => [c, i]));

  function accept(c: Compiled, secret: string, groups: Record<string, string | undefined> | undefined): boolean {
    const { rule } = c;
    if (options.isAllowedValue?.(secret)) return false;
    if (rule.confirm && validators[rule.confirm]?.(secret)) return true;
    const floor = rule.generic ? Math.max(rule.minEntropy ?? 0, options.genericEntropy ?? 0) : keyFloor(rule.minEntropy, secret.length);
    if (floor !== undefined && floor > 0 && shannonEntropy(secret) < floor) return false;
    if (rule.validate) {
      const v = validators[rule.validate];
      if (v && !v(secret)) return false;
    }
    // Generic rules match values people chose; every other rule matches key material.
    if (isPlaceholder(secret, !rule.generic)) return false;
    if (rule.generic && isNotSecretValue(secret, groups)) return false;
    return true;
  }

  // Decoded text is judged by the rules for a key's own shape: a generic `password=` inside some
  // encoded blob is too weak a sign to block on. Their detector is built when a fragment first
  // holds a base64 run: a one-file check seldom needs one (a second pre-filter over ~900 rules'
  // keywords, a few ms of start-up).
  const decodes = options.decodeBase64 !== false && rules.some((r) => !r.generic);
  let decodedDetect: Detector | undefined;
  const decoded = () => (decodedDetect ??= createDetector(rules.filter((r) => !r.generic), { ...options, decodeBase64: false }));

  /** Provider keys inside base64 runs, reported at the encoded text (which is what the file holds). */
  function detectEncoded(fragment: Fragment, plain: Finding[]): Finding[] {
    if (!decodes || fragment.touching) return [];
    const runs = encodedRuns(fragment.text);
    if (runs.length === 0) return [];
    const lines = lineLocator(fragment.text, fragment.firstColumn);
    let isAllowed: ReturnType<typeof createAllowCheck> | undefined;
    const out: Finding[] = [];
    for (const run of runs) {
      if (fragment.ownTo !== undefined && run.start >= fragment.ownTo) continue;
      const encoded = fragment.text.slice(run.start, run.end);
      const { index, column } = lines.locate(run.start);
      const line = fragment.lineMap ? fragment.lineMap[index] : (fragment.firstLine ?? 1) + index;
      // A rule that matched the encoded text itself already reported it under that name; another
      // (a Kubernetes Secret's entry) did not say which key it is.
      const already = new Set(plain.filter((f) => f.line === line && f.secret.length > 0 && encoded.includes(f.secret)).map((f) => f.rule));
      const inner = decoded()({ path: fragment.path, text: run.decoded }).filter((f) => !already.has(f.rule));
      if (inner.length === 0 || (isAllowed ??= createAllowCheck(fragment))(run.start, run.end)) continue;
      if (options.isAllowedValue?.(encoded)) continue;
      for (const f of new Map(inner.map((x) => [x.rule, x])).values()) {
        out.push({
          ...f,
          line,
          column,
          description: `${f.description} (base64-encoded)`,
          secret: encoded,
          // Any part of the encoded text decodes to part of the key: none of it is shown.
          redacted: '…',
          fingerprint: secretFingerprint(f.rule, { generic: true, keywords: [] }, encoded),
          commit: fragment.commit,
        });
      }
    }
    return out;
  }

  return function detect(fragment: Fragment): Finding[] {
    const plain = detectPlain(fragment);
    const encoded = detectEncoded(fragment, plain);
    return encoded.length === 0 ? plain : [...plain, ...encoded];
  };

  function detectPlain(fragment: Fragment): Finding[] {
    const { text } = fragment;
    if (text.length === 0) return [];
    // One pass finds every keyword; a rule runs only when one of its keywords occurs, near it.
    const candidates = prefilter.scan(text);
    if (candidates.length === 0) return [];

    const raws: Raw[] = [];
    const { ownTo, touching } = fragment;
    let serviceSecrets: Set<string> | undefined;
    for (const { rule: index, hits } of candidates) {
      const c = compiled[index];
      if (fragment.providerOnly && c.rule.generic) continue;
      if (touching && !c.rule.multiline) continue;
      c.find(text, hits, (secret, start, end, groups, matchStart) => {
        if (ownTo !== undefined && start >= ownTo) return; // the next piece holds it whole
        if (!accept(c, secret, groups)) return;
        if (c.rule.generic && (serviceSecrets ??= ciServiceSecrets(fragment.path, text)).has(secret)) return;
        raws.push({ c, start, end, secret });
      });
    }
    if (raws.length === 0) return [];

    // A provider rule names the key better than a generic one matching the same value.
    const specific = raws.filter((r) => !r.c.rule.generic);
    const outranked = outrankedGenerics(raws, rank);
    const kept = raws.filter(
      (r) => !r.c.rule.generic || (!outranked.has(r) && !specific.some((s) => s.start < r.end && r.start < s.end)),
    );
    kept.sort((a, b) => a.start - b.start || a.end - b.end);

    const lines = lineLocator(text, fragment.firstColumn);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    // Markers are read once per fragment, and only when it holds a finding.
    const isAllowed = createAllowCheck(fragment);
    for (const r of kept) {
      const key = `${r.c.rule.id}\0${r.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (isAllowed(r.start, r.end)) continue;
      const { index, column } = lines.locate(r.start);
      if (touching && !touchesAddedLine(r, touching, lines, fragment.firstLine ?? 1)) continue;
      const line = fragment.lineMap ? fragment.lineMap[index] : (fragment.firstLine ?? 1) + index;
      findings.push({
        path: fragment.path,
        line,
        column,
        rule: r.c.rule.id,
        description: r.c.rule.description,
        kind: 'content',
        secret: r.secret,
        // A guessable value shows none of its characters: a prefix would shorten the search its
        // slow fingerprint makes long (detect/fingerprint.ts).
        redacted: isIssuedKey(r.c.rule, r.secret) ? redact(r.secret) : '…',
        fingerprint: secretFingerprint(r.c.rule.id, r.c.rule, r.secret),
        // A custom rule's fix may name the file: `{path}`, as a file rule's does.
        ...fixFields(r.c.rule.fix, fragment.path),
        commit: fragment.commit,
      });
    }
    return findings;
  }
}

function fixFields(fix: string, path: string): Pick<Finding, 'fix' | 'fixTemplate'> {
  if (!fix.includes('{path}')) return { fix };
  // A function, so a `$'…'` quoted name is not read as a replacement pattern.
  return { fix: fix.replaceAll('{path}', () => shellQuote(path)), fixTemplate: fix };
}

/**
 * True when the secret covers one of `added` (real line numbers). A PEM body starts with the line
 * break after its BEGIN line: that break is not on an added line when only the body changed, and a
 * BEGIN line counted as added belongs to whichever key copy the line diff gave it to.
 */
function touchesAddedLine(r: Raw, added: Set<number>, lines: ReturnType<typeof lineLocator>, firstLine: number): boolean {
  let start = r.start;
  while (start < r.end && (r.secret.charCodeAt(start - r.start) === 10 || r.secret.charCodeAt(start - r.start) === 13)) start++;
  const first = firstLine + lines.locate(start).index;
  const last = firstLine + lines.locate(Math.max(start, r.end - 1)).index;
  return spanTouches(added, first, last);
}

/** True when a line from `first` to `last` is one of `lines`. */
function spanTouches(lines: Set<number>, first: number, last: number): boolean {
  if (last - first > lines.size) {
    for (const l of lines) if (l >= first && l <= last) return true;
    return false;
  }
  for (let l = first; l <= last; l++) if (lines.has(l)) return true;
  return false;
}

/**
 * Among generic rules, the more particular grammar (listed earlier: a URL, a SQL statement, a command
 * line) names a value better than the catch-all assignment overlapping it. One sweep in order of
 * position: a minified file can hold thousands of matches.
 */
function outrankedGenerics(raws: Raw[], rank: Map<Compiled, number>): Set<Raw> {
  const out = new Set<Raw>();
  let open: Raw[] = [];
  for (const r of raws.filter((x) => x.c.rule.generic).sort((a, b) => a.start - b.start)) {
    open = open.filter((o) => o.end > r.start);
    for (const o of open) {
      if (rank.get(o.c)! < rank.get(r.c)!) out.add(r);
      else if (rank.get(r.c)! < rank.get(o.c)!) out.add(o);
    }
    open.push(r);
  }
  return out;
}

/**
 * Maps an offset to (0-based line index, 1-based column), built only when needed. `firstColumn`:
 * characters of the first line before the text (a piece cut inside a line), counted in its columns.
 */
function lineLocator(text: string, firstColumn = 0) {
  let starts: number[] | undefined;
  const lineStarts = () => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    return starts;
  };
  return {
    locate(offset: number) {
      const s = lineStarts();
      let lo = 0;
      let hi = s.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (s[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { index: lo, column: offset - s[lo] + 1 + (lo === 0 ? firstColumn : 0) };
    },
  };
}
