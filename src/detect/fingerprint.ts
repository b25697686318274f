import { nodeCrypto } from '../lazyCrypto.js';
import { shannonEntropy } from './entropy.js';

/**
 * Identifies a finding without holding the secret, stable across line moves (baselines keyed by
 * line number rot on every edit). Fingerprints are public: they go into committed baselines and
 * into JSON and SARIF reports uploaded to code scanning, so one must not let the value be found
 * again by trying candidates.
 *
 * - A provider's random key (see isIssuedKey) is out of reach of any search, hashed or not:
 *   SHA-256 of rule and value, fast.
 * - Everything else — a human-chosen password, a short token, anything the generic rules judge —
 *   is hashed with scrypt (N = 2^12, r = 8: 4 MiB and ~12–35 ms per value on one core), so each
 *   guess costs an attacker as much. Findings are rare, so the cost is paid rarely; its reports
 *   show no prefix of such a value either (see redactFor).
 *
 * The arithmetic is in the README (Baseline): a random 6-character password of letters and digits
 * costs ~11–30 CPU-years to find from its fingerprint, against ~47 CPU-minutes for plain SHA-256.
 */

/** The first format: SHA-256 of rule and value. Still the fingerprint of paths and issued keys. */
export function fingerprint(rule: string, value: string): string {
  return nodeCrypto().createHash('sha256').update(rule).update('\0').update(value).digest('hex').slice(0, 32);
}

/**
 * 4 MiB and ~12–35 ms a value here: a blocked commit with 40 guessable findings waits well under a
 * second, and a random 6-character password still costs a search 10+ CPU-years (README). 2^15 cost
 * 0.1–0.3 s a value: 4–11 s for those 40 findings, for a margin the CPU-year bound does not need.
 */
export const SCRYPT = { N: 2 ** 12, r: 8, p: 1, maxmem: 32 * 1024 * 1024 } as const;

interface RuleShape {
  generic?: boolean;
  keywords: string[];
}

/**
 * Whether the value is a provider's random key: found by a provider rule (not a generic one),
 * random-looking (two or more kinds of character, 3.3+ bits of Shannon entropy per character) and
 * long: 32 characters or more, or 20 or more behind the rule's own keyword (`AKIA`, `ghp_`,
 * `xoxb-`). Even with a quarter of it shown redacted, 15+ random characters stay hidden (75+ bits:
 * far beyond any search). Human-chosen passwords fall short: they are shorter, or they are what
 * generic rules and free-form fields (`curl -u`, a URL's password) catch, without a provider prefix.
 */
export function isIssuedKey(rule: RuleShape, value: string): boolean {
  if (rule.generic || value.length < 20) return false;
  // Random keys mix character kinds (hex: digits and letters; base32, base62, base64: more); a
  // passphrase of lower-case words (`correct-horse-battery-staple`) does not.
  const kinds = [/[0-9]/, /[a-z]/, /[A-Z]/].filter((k) => k.test(value)).length;
  if (kinds < 2 || shannonEntropy(value) < 3.3) return false;
  if (value.length >= 32) return true;
  const lower = value.toLowerCase();
  return rule.keywords.some((k) => k.length >= 3 && lower.includes(k.toLowerCase()));
}

/** One value is often found many times (history, copies): its slow hash is computed once a run. */
const memo = new Map<string, string>();

/** The fingerprint of a content finding: fast for issued keys, scrypt for anything guessable. */
export function secretFingerprint(ruleId: string, rule: RuleShape, value: string): string {
  if (isIssuedKey(rule, value)) return fingerprint(ruleId, value);
  const key = `${ruleId}\0${value}`;
  let fp = memo.get(key);
  if (fp === undefined) {
    fp = nodeCrypto().scryptSync(value, `keyguard/v2\0${ruleId}`, 16, SCRYPT).toString('hex');
    memo.set(key, fp);
  }
  return fp;
}
