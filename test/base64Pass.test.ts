import { afterAll, describe, expect, it } from 'vitest';
import { builtinContentRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { encodedRuns, MAX_RUNS } from '../src/detect/base64Pass.js';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { keys, seeded } from './helpers/keys.js';

/**
 * A provider key written base64-encoded is found by the provider's own rule, and the finding
 * points at the encoded text in the file (that is what the user must remove). Generic rules never
 * judge decoded text, and the pass is bounded: run length, runs per fragment, text only.
 */
afterAll(cleanupRepos);

const detect = createDetector(builtinContentRules);
const b64 = (t: string) => Buffer.from(t).toString('base64');
const rnd = seeded(0xb64);
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('base64 decode pass', () => {
  it('finds a provider key inside base64 and points at the encoded text', () => {
    const token = keys.github();
    const encoded = b64(`GITHUB_TOKEN=${token}\n`);
    const text = `# deploy settings\nbootstrap: ${encoded}\n`;
    const hits = detect({ path: 'deploy/values.yaml', text }).filter((f) => f.rule === 'github-token');
    expect(hits).toHaveLength(1);
    expect(hits[0].line).toBe(2);
    expect(hits[0].column).toBe('bootstrap: '.length + 1);
    expect(hits[0].secret).toBe(encoded);
    expect(hits[0].description).toContain('base64');
    // Nothing of the encoded text is shown: any piece of it decodes to a piece of the key.
    expect(hits[0].redacted).not.toContain(encoded.slice(0, 8));
  });

  it('finds a provider key in a Kubernetes Secret value', () => {
    const key = keys.stripe();
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pay\ntype: Opaque\ndata:\n  config: ${b64(`{"stripe": "${key}"}`)}\n`;
    expect(detect({ path: 'k8s/pay.yaml', text }).map((f) => f.rule)).toContain('stripe-secret-key');
  });

  it('never runs generic rules on decoded text, and is quiet on random base64 and binaries', () => {
    const weak = b64(`password=${rnd(AN, 6)}!${rnd(AN, 4)}`);
    expect(detect({ path: 'a.txt', text: `blob: ${weak}` })).toEqual([]);
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256)).toString('base64');
    expect(detect({ path: 'a.txt', text: `data: ${random}` })).toEqual([]);
    expect(detect({ path: 'a.txt', text: `"integrity": "sha512-${rnd(AN + '+/', 86)}=="` })).toEqual([]);
  });

  it('is bounded: at most MAX_RUNS decodes a fragment, and a 1 MB line of base64-looking runs stays fast', () => {
    const many = Array.from({ length: MAX_RUNS * 4 }, () => b64(`note ${rnd(AN, 30)}`)).join(' ');
    expect(encodedRuns(many).length).toBeLessThanOrEqual(MAX_RUNS);
    const line = Array.from({ length: 40_000 }, () => b64(rnd(AN, 18))).join(' ').slice(0, 1 << 20);
    const started = performance.now();
    detect({ path: 'bundle.min.js', text: line });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('takes exactly the runs the definition names: 24 to 8,192 letters, at most two =, touching no letter, _, - or =', () => {
    // The definition, as an expression: the hand-written reader must find the same runs.
    const RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{24,8192}={0,2}(?![A-Za-z0-9+/=_-])/g;
    const reference = (text: string) => {
      const out: [number, number][] = [];
      for (const m of text.matchAll(RUN)) {
        const body = m[0].replace(/=+$/, '');
        if (!/[a-z]/.test(m[0]) || !/[A-Z]/.test(m[0]) || body.length % 4 === 1) continue;
        const decoded = Buffer.from(m[0], 'base64').toString('latin1');
        const printable = decoded.replace(/[^\x20-\x7e\t\n\r]/g, '').length;
        if (decoded.length >= 12 && printable >= decoded.length * 0.97) out.push([m.index, m.index + m[0].length]);
      }
      return out;
    };
    const ours = (text: string) => encodedRuns(text).map((r) => [r.start, r.end]);
    const run = b64(`note: ${rnd(AN, 40)}`);
    const body = run.replace(/=+$/, '');
    const edges = [
      run, ` ${run} `, `_${run}`, `-${run}`, `${run}_`, `${run}-`, `.${run}.`, `${body}==`, `${body}===`, `${body}=x`,
      `${body}=.`, `x${body}`, body.slice(0, 23), body.slice(0, 24), `"${b64('x'.repeat(6142))}"`, `"${b64('x'.repeat(6145))}"`,
      `é${run}é`, `\u{1F600}${run}\n${run}`,
    ];
    for (const text of edges) expect(ours(text), JSON.stringify(text.slice(0, 60))).toEqual(reference(text));
    const alphabet = `${AN}+/=_-. \n"é`;
    const below = (n: number) => Number(rnd('0123456789', 6)) % n;
    for (let k = 0; k < 2000; k++) {
      let text = '';
      for (let n = below(60); n > 0; n--) text += below(10) < 3 ? b64(rnd(AN, 14 + below(12))) : rnd(alphabet, 1 + below(3));
      expect(ours(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('blocks a commit through the hook and prints no part of the key', () => {
    const repo = makeRepo();
    const token = keys.github();
    repo.write('ci/env.b64', `${b64(`export GITHUB_TOKEN=${token}`)}\n`);
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ci/env.b64');
    expect(r.stdout + r.stderr).not.toContain(token.slice(4, 20));
  });
});
