import type { Finding } from '../detect/finding.js';
import { displayPath } from '../report/displayPath.js';

/**
 * Providers that mark a key's mode in the key itself: these patterns say "live" (production).
 * Rules as data: the rule id, and the shape of its live keys.
 */
const LIVE_MARKS: Record<string, RegExp> = {
  'stripe-secret-key': /^(?:sk|rk)_(?:live|prod)_/,
  'braintree-access-token': /\$production\$/,
  'easypost-api-key': /^EZAK/,
  'flutterwave-key': /^FLW(?:PUBK|SECK)-/,
  'duffel-api-token': /^duffel_live_/,
  'gocardless-api-token': /(?:^|[^a-z])live_/,
  'lob-api-key': /(?:^|[^a-z])live_/,
  'shippo-api-token': /^shippo_live_/,
  'plaid-access-token': /^access-production-/,
  'razorpay-key': /^rzp_live_/,
};

/** A path segment naming a development or test environment: `.env.development`, `config/test.yml`, `spec/`. */
const DEV_OR_TEST = /^(?:dev|devel|develop|development|local|test|tests|testing|spec|specs|__tests__|e2e|sandbox|fixtures?)$/i;

function namedForDevOrTest(path: string): boolean {
  return path.split('/').some((segment) => segment.split(/[._-]+/).some((word) => DEV_OR_TEST.test(word)));
}

/**
 * Warnings for live-mode keys in files named for development or testing: such a file should hold
 * the provider's test-mode key, so a mistake there never touches real money or real users.
 */
export function liveKeyWarnings(findings: Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const mark = LIVE_MARKS[f.rule];
    if (!mark || f.kind !== 'content' || !mark.test(f.secret) || !namedForDevOrTest(f.path)) continue;
    out.push(`${displayPath(f.path)}:${f.line}: a live-mode ${f.description} in a file named for a development or test environment: use the provider's test-mode key there`);
  }
  return out;
}
