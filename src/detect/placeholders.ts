/**
 * Values that only look like secrets: documentation examples, template slots, masks.
 * A placeholder never blocks a commit, whichever rule matched it.
 */
const PLACEHOLDER_WORDS =
  /example|placeholder|your[_-]?(?:own[_-]?)?(?:api|key|token|secret|pass|client|app|access|account|real|actual|private|[a-z]{2,12}[_-]?here)|[_-]here$|changeme|change[_-]me|change[_-]?this|dummy|redacted|replace[_-]?(?:me|with|this)|insert[_-]|fake|xxxx|\*\*\*\*|####|\.\.\.|…|<[^>]*>|\$\{|\{\{|%\(|\$\(|^\$[A-Za-z_]|%[A-Za-z_]+%|\[[A-Z_ ]{2,40}\]|\.\.$/i;

/**
 * Example credentials printed in the OAuth and OpenID Connect specifications (RFC 6749, RFC 6750,
 * OpenID Connect Core). Libraries quote them in docstrings and tests; they open nothing.
 */
const DOCUMENTED_EXAMPLES = [
  '2YotnFZFEjr1zCsicMWpAA', // RFC 6749 access token
  'tGzv3JOkF0XG5Qx2TlKWIA', // RFC 6749 refresh token
  'SplxlOBeZQQYbYS6WxSbIA', // RFC 6749 authorization code
  'mF_9.B5f-4.1JqM', // RFC 6750 bearer token
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW', // RFC 6749 client credentials, base64
  'gX1fBat3bV', // RFC 6749 client secret
  'SlAV32hkKG', // OpenID Connect Core access token
];

/** A character repeated six times in a row never happens in a random key of ordinary length. */
const RUN_OF_SAME = /(.)\1{5}/;

/** The same group three times over (`xoxp-1234-1234-1234-…`, `abcd.abcd.abcd`): a template, not randomness. */
const REPEATED_GROUP = /([A-Za-z0-9]{3,12})[-_.:]\1[-_.:]\1/;

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', '9876543210', 'zyxwvutsrqponmlkjihgfedcba', 'qwertyuiop', 'asdfghjkl'];
const RUN = 6;
/** Every six-character piece of a keyboard or counting sequence, for one look-up per position. */
const SEQUENCE_PIECES = new Set(SEQUENCES.flatMap((seq) => Array.from({ length: seq.length - RUN + 1 }, (_, i) => seq.slice(i, i + RUN))));

function hasLongSequence(value: string): boolean {
  const lower = value.toLowerCase();
  for (let i = 0; i + RUN <= lower.length; i++) if (SEQUENCE_PIECES.has(lower.slice(i, i + RUN))) return true;
  return false;
}

/**
 * Shape tests (runs, sequences, few distinct characters) are only meaningful on short random
 * tokens: long base64 bodies (private keys, certificates, bearer tokens with a fixed `AAAA…`
 * head) hold runs by nature, so on them only the placeholder words count.
 */
const SHAPE_LIMIT = 100;

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (DOCUMENTED_EXAMPLES.some((example) => value.includes(example))) return true;
  if (value.length > SHAPE_LIMIT) return false;
  if (RUN_OF_SAME.test(value) || REPEATED_GROUP.test(value)) return true;
  if (hasLongSequence(value)) return true;
  const distinct = new Set(value).size;
  return value.length >= 8 && distinct <= Math.max(3, Math.floor(value.length / 8));
}
