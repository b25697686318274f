import { describe, expect, it } from 'vitest';
import { builtinContentRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { NAMED_VALUE_FOLLOWS, digitWithin, nearNamePattern, valueExpression } from '../src/rules/providers/nearName.js';
import { nearNameProviders, providerSamples } from './helpers/providerSamples.js';
import { ruleSamples } from './helpers/ruleSamples.js';

const detect = createDetector(builtinContentRules);
const find = (text: string, path = 'src/config.ts') => detect({ path, text });
const byId = new Map(builtinContentRules.map((r) => [r.id, r]));

describe('provider catalogue', () => {
  it('covers at least 400 providers, each rule id once', () => {
    const ids = builtinContentRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // A provider is counted once however many of its keys have a rule: by the first word of the
    // description ("Twilio API key" and "Twilio auth token" are one provider).
    const providers = new Set(
      builtinContentRules.filter((r) => !r.generic).map((r) => r.description.split(/[ (]/)[0].toLowerCase()),
    );
    expect(providers.size).toBeGreaterThanOrEqual(400);
  });

  it('has a sample for every rule, here or in the shared rule samples', () => {
    const sampled = new Set([...providerSamples.map((s) => s.rule), ...ruleSamples.map((s) => s.rule)]);
    expect(builtinContentRules.map((r) => r.id).filter((id) => !sampled.has(id))).toEqual([]);
    for (const s of providerSamples) expect(byId.has(s.rule), s.rule).toBe(true);
  });

  it('keeps every named provider bounded: small upper bounds only, a keyword in every name', () => {
    for (const p of nearNameProviders) {
      // No unbounded repetition anywhere: with classes and escapes taken out, no `*`, `+` or `{n,}`.
      const skeleton = nearNamePattern(p).source.replace(/\\./g, 'e').replace(/\[[^\]]*\]/g, 'c');
      expect(skeleton, p.id).not.toMatch(/[*+]|\{\d+,\}/);
      // Every name starts with one of the rule's keywords, so every match does: the rule is searched
      // from its keywords only (lead 0), and only where no letter or digit is before them.
      const { keywords } = byId.get(p.id)!;
      for (const n of p.names) expect(keywords.some((k) => n.startsWith(k)), `${p.id}: ${n}`).toBe(true);
      for (const n of p.names) expect(n, p.id).toBe(n.toLowerCase());
    }
  });
});

// A named provider's rule is run only at the occurrences of its name where NAMED_VALUE_FOLLOWS holds
// (ruleMatcher's keywordCheck). It holds wherever the row's own expression matches, because every
// row is built from the same parts within these bounds: checked here for each row, then on samples.
describe('the check before a named provider\'s expression', () => {
  it('bounds every row as the check assumes: identifier characters, lengths, a digit in the key', () => {
    for (const p of nearNameProviders) {
      const rule = byId.get(p.id)!;
      if (digitWithin(p) > 400) {
        expect(rule.keywordCheck, p.id).toBeUndefined();
        continue;
      }
      expect(rule.keywordCheck, p.id).toBe(NAMED_VALUE_FOLLOWS);
      for (const n of p.names) {
        expect(n, p.id).toMatch(/^[a-z0-9_.-]+$/);
        // The name and its tail (28), or in the strict form up to 16, a credential word, up to 16.
        expect(n.length + 28, `${p.id}: ${n}`).toBeLessThanOrEqual(80);
        const credWords = (p.cred ?? 'key|token|secret|pass|pwd|auth|cred|bearer|license|api|pat|access|sig').split('|');
        for (const w of credWords) expect(w, p.id).toMatch(/^[a-z0-9_]+$/);
        expect(n.length + 16 + Math.max(...credWords.map((w) => w.length)) + 16, `${p.id}: ${n}`).toBeLessThanOrEqual(80);
      }
      // A digit within 400 characters of key material: the expression of the key says so.
      const value = valueExpression(p);
      if (p.value) expect(value, p.id).toMatch(/^\(\?=\[\^\\s"'`,;\)\}\\\]0-9\]\{0,120\}\[0-9\]\)/);
      else expect(value, p.id).toMatch(/\(\?=\[[^\]]*\]\{0,\d+\}\[0-9\]\)/);
    }
  });

  it('holds at the start of every sample match, and turns away a name in ordinary code', () => {
    let tried = 0;
    for (const sample of providerSamples) {
      const rule = byId.get(sample.rule)!;
      if (!rule.keywordCheck) continue;
      for (const line of sample.positives) {
        const re = new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
        for (const m of line.matchAll(re)) {
          rule.keywordCheck.lastIndex = m.index;
          expect(rule.keywordCheck.test(line), `${rule.id}: ${line}`).toBe(true);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(500);
    for (const code of ['findLast(items, (x) => x.done)', 'deeply nested objects are compared', 'travis: true,', 'screenshot = await page.capture();']) {
      NAMED_VALUE_FOLLOWS.lastIndex = 0;
      expect(NAMED_VALUE_FOLLOWS.test(code), code).toBe(false);
    }
  });
});

describe.each(providerSamples)('$rule', (sample) => {
  const rule = byId.get(sample.rule)!;

  it('reports every positive sample, with the whole secret', () => {
    for (const line of sample.positives) {
      const hits = find(line).filter((f) => f.rule === sample.rule);
      expect(hits.map((h) => h.secret), line).toContain(sample.secret);
    }
  });

  it('does not report the near misses', () => {
    for (const line of sample.negatives) expect(find(line).filter((f) => f.rule === sample.rule), line).toEqual([]);
  });

  it('has a keyword inside every match (the pre-filter depends on it)', () => {
    for (const line of sample.positives) {
      const m = new RegExp(rule.pattern.source, rule.pattern.flags).exec(line);
      expect(m, line).not.toBeNull();
      const text = m![0].toLowerCase();
      expect(rule.keywords.some((k) => text.includes(k)), `${rule.id}: ${rule.keywords.join(',')}`).toBe(true);
    }
  });
});

describe('a name before a value is not enough on ordinary code', () => {
  const lines = [
    '"posthog-js": "^1.96.0",',
    'import { PostHog } from "posthog-node";',
    'resolved "https://registry.yarnpkg.com/ipinfo/-/ipinfo-1.5.1.tgz#0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"',
    'github.com/mailgun/mailgun-go/v4 v4.12.0 h1:0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678ab=',
    'const rollbarConfig = { captureUncaught: true, payload: { environment: "production" } };',
    'STRIPE_PUBLISHABLE_KEY=pk_live_0a1b2c3d4e5f60718293a4b5',
    'BUGSNAG_APP_VERSION=0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    'logger.info("sending to ipstack", requestId);',
  ];
  it.each(lines)('%s', (line) => {
    const named = new Set(nearNameProviders.map((p) => p.id));
    expect(find(line).filter((f) => named.has(f.rule))).toEqual([]);
  });
});
