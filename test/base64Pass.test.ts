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
