import { createHash } from 'node:crypto';

/**
 * Identifies a finding without holding the secret: a hash of rule and value, so it survives the
 * line moving (baselines keyed by line number rot on every edit).
 */
export function fingerprint(rule: string, value: string): string {
  return createHash('sha256').update(rule).update('\0').update(value).digest('hex').slice(0, 32);
}
