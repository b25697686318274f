import { shannonEntropy } from './entropy.js';

/**
 * Values that only look like secrets: documentation examples, template slots, masks.
 * A placeholder never blocks a commit, whichever rule matched it.
 */
const PLACEHOLDER_WORDS =
  /example|placeholder|your[_-]?(?:own[_-]?)?(?:api|key|token|secret|pass|client|app|access|account|real|actual|private|[a-z]{2,12}[_-]?here)|[_-]here$|changeme|change[_-]me|change[_-]?this|dummy|redacted|replace[_-]?(?:me|with|this)|insert[_-]|fake|xxxx/gi;

/**
 * Template syntax and masks: characters no random key is made of, so they count wherever they
 * stand, in key material too (`sk-...`, `MIIE...`, `<API_KEY>`, `${TOKEN}`, `****`).
 */
const TEMPLATE_MARKS = /\*\*\*\*|####|\.\.\.|…|<[^>]*>|\$\{|#\{|\{\{|%\(|\$\(|^\$[A-Za-z_]|%[A-Za-z_]+%|\[[A-Z_ ]{2,40}\]|\.\.$/;

/**
 * Key material (what a provider rule, an armoured block or a custom rule matched) is random: a
 * person who writes a placeholder there replaces the random part with words. A word that merely
 * occurs in a random body (1 RSA-2048 key in 240 holds `xxxx`, `fake`, `dummy`…) leaves plenty of
 * randomness around it; a placeholder's words make up at least half of its letters and digits, or
 * leave fewer beside them than any key's random part has (`sk_live_fake1234`).
 */
const KEY_MATERIAL_REST = 12;

/**
 * Example credentials printed in specifications and providers' documentation (RFC 6749, RFC 6750,
 * OpenID Connect Core, AWS). Libraries quote them in docstrings and tests; they open nothing.
 */
const DOCUMENTED_EXAMPLES = [
  '2YotnFZFEjr1zCsicMWpAA', // RFC 6749 access token
  'tGzv3JOkF0XG5Qx2TlKWIA', // RFC 6749 refresh token
  'SplxlOBeZQQYbYS6WxSbIA', // RFC 6749 authorization code
  'mF_9.B5f-4.1JqM', // RFC 6750 bearer token
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW', // RFC 6749 client credentials, base64
  'gX1fBat3bV', // RFC 6749 client secret
  'SlAV32hkKG', // OpenID Connect Core access token
  // AWS documentation's access key pairs: the word EXAMPLE sits inside random-looking key material.
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
];

/** A character repeated six times in a row never happens in a random key of ordinary length. */
const RUN_OF_SAME = /(.)\1{5}/;
/**
 * Key material holds numeric ids (Slack's team and user ids, account numbers), where six digits in
 * a row repeat or count up once in 20,000 or so tokens: there, only all ten digits make a mask.
 */
const RUN_OF_SAME_IN_KEY = /([^0-9])\1{5}|(\d)\2{9}/;
const DIGIT_COUNT = /0123456789|1234567890|9876543210|0987654321/;

/** The same group three times over (`xoxp-1234-1234-1234-…`, `abcd.abcd.abcd`): a template, not randomness. */
const REPEATED_GROUP = /([A-Za-z0-9]{3,12})[-_.:]\1[-_.:]\1/;

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', '9876543210', 'zyxwvutsrqponmlkjihgfedcba', 'qwertyuiop', 'asdfghjkl'];
const RUN = 6;
/** Every six-character piece of a keyboard or counting sequence, for one look-up per position. */
const SEQUENCE_PIECES = new Set(SEQUENCES.flatMap((seq) => Array.from({ length: seq.length - RUN + 1 }, (_, i) => seq.slice(i, i + RUN))));

function hasLongSequence(value: string, keyMaterial: boolean): boolean {
  if (keyMaterial && DIGIT_COUNT.test(value)) return true;
  const lower = value.toLowerCase();
  for (let i = 0; i + RUN <= lower.length; i++) {
    const piece = lower.slice(i, i + RUN);
    if (SEQUENCE_PIECES.has(piece) && !(keyMaterial && ALL_DIGITS.test(piece))) return true;
  }
  return false;
}
const ALL_DIGITS = /^\d+$/;

/**
 * Shape tests (runs, sequences, few distinct characters) are only meaningful on short random
 * tokens: long base64 bodies (private keys, certificates, bearer tokens with a fixed `AAAA…`
 * head) hold runs by nature, so on them only the placeholder words count.
 */
const SHAPE_LIMIT = 100;

/**
 * True when `value` is no secret but a stand-in for one. `keyMaterial`: the value is a token whose
 * body is random by its format (not chosen by a person), so placeholder words count only when they
 * make up the value, never because one occurs inside a random body.
 */
export function isPlaceholder(value: string, keyMaterial = false): boolean {
  if (TEMPLATE_MARKS.test(value)) return true;
  if (DOCUMENTED_EXAMPLES.some((example) => value.includes(example))) return true;
  if (keyMaterial ? wordsLeaveNoKey(value) : hasPlaceholderWord(value) && !randomAroundWords(value)) return true;
  if (value.length > SHAPE_LIMIT) return false;
  if ((keyMaterial ? RUN_OF_SAME_IN_KEY : RUN_OF_SAME).test(value) || REPEATED_GROUP.test(value)) return true;
  if (hasLongSequence(value, keyMaterial)) return true;
  const distinct = new Set(value).size;
  return value.length >= 8 && distinct <= Math.max(3, Math.floor(value.length / 8));
}

function hasPlaceholderWord(value: string): boolean {
  PLACEHOLDER_WORDS.lastIndex = 0;
  return PLACEHOLDER_WORDS.test(value);
}

/**
 * A value a person typed into a secret-named variable may be anything, so a placeholder word in it
 * counts — unless the word is an island in a long random value (a generated `SECRET_KEY` that
 * happens to hold `fake`): what remains is long and as unpredictable as generated keys are, which
 * words and the digits people append to them are not.
 */
function randomAroundWords(value: string): boolean {
  if (value.length < RANDOM_VALUE_LENGTH) return false;
  const rest = value.replace(PLACEHOLDER_WORDS, '');
  return rest.length >= RANDOM_VALUE_LENGTH - 4 && shannonEntropy(rest) >= RANDOM_VALUE_ENTROPY;
}

/** Generated secrets are 32 characters or more; 4.3 bits per character is more than prose reaches. */
const RANDOM_VALUE_LENGTH = 32;
const RANDOM_VALUE_ENTROPY = 4.3;

/** The placeholder words make up the value: half its letters and digits, or all but a few. */
function wordsLeaveNoKey(value: string): boolean {
  if (!hasPlaceholderWord(value)) return false;
  const all = countAlnum(value);
  const rest = countAlnum(value.replace(PLACEHOLDER_WORDS, ''));
  return rest < KEY_MATERIAL_REST || rest * 2 <= all;
}

function countAlnum(text: string): number {
  return text.replace(/[^A-Za-z0-9]/g, '').length;
}
