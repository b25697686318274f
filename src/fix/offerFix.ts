import type { Finding } from '../detect/finding.js';
import { languageOf } from './languages.js';

/**
 * The line `check` adds to a blocked commit when `keyguard fix` has a rewrite for every finding:
 * each is a one-line key in a file whose language fix knows. Decided from the path alone, so
 * the hook pays nothing for it; fix itself still refuses (and says why) what it cannot rewrite.
 */
export function offerFix(findings: Finding[]): string | undefined {
  if (findings.length === 0) return undefined;
  const fixable = findings.every((f) => f.kind === 'content' && !/[\r\n]/.test(f.secret) && languageOf(f.path) !== null);
  if (!fixable) return undefined;
  return 'keyguard: every key here can be moved to .env and read from the environment in one step: keyguard fix (add --dry-run to see the change first)';
}
