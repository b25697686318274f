import type { ContentRule } from '../types.js';

/**
 * One mechanism for the many providers whose keys have no shape of their own (32 hex digits,
 * 40 letters and digits): the key is recognised by the provider's name right before it, in the
 * ways people write it down —
 *
 *   IPSTACK_API_KEY=…   ipstackToken: "…"   ipstack token = '…'   rawg SECRET …
 *   [DEBUG] Using photoroom Key=…   ipstack:\n  api_key: …
 *
 * A provider is a row of data (`NearNameProvider`): its names, the alphabet and length of its key,
 * where to rotate it. The expression built from a row is the same for every provider, bounded
 * (every quantifier has a small upper bound, the name comes first so V8 rejects most positions at
 * their first character) and its keywords are the names: a file that never mentions the provider
 * never runs the rule.
 */

/** Key alphabets, as a regular-expression class (matched case-insensitively) and as characters for tests. */
export const ALPHABETS = {
  /** 0-9 a-f, either case */
  hex: '[0-9a-f]',
  /** letters and digits */
  alnum: '[a-z0-9]',
  /** letters, digits, `_` and `-` (base64url without padding) */
  b64url: '[a-z0-9_-]',
  /** letters, digits, `+` and `/` (base64; `=` padding allowed after it) */
  b64: '[a-z0-9+/]',
  /** an 8-4-4-4-12 UUID (length is ignored) */
  uuid: '',
} as const;
export type Alphabet = keyof typeof ALPHABETS;

export interface NearNameProvider {
  /** Rule id, kebab-case (`ipstack-api-key`). */
  id: string;
  /** What a person calls the key: "ipstack API key". */
  description: string;
  /**
   * Lower-case names that stand before the key (`ipstack`, `ip_stack`): the start of an identifier
   * or a word. They are the rule's keywords too.
   */
  names: string[];
  alphabet: Alphabet;
  /** The key's length, or its [shortest, longest]. */
  length: number | [number, number];
  /**
   * The name is an ordinary word (`box`, `front`, `stream`): only an identifier that also names a
   * credential counts (`BOX_API_KEY`, `streamSecret`), never the bare name before a value.
   */
  strict?: boolean;
  /** Entropy floor; a default per alphabet otherwise. */
  minEntropy?: number;
  /** Where to rotate it (a URL or a console path). */
  rotate: string;
  /** The environment variable the key belongs in, for the fix line. */
  env?: string;
  /** A literal the key starts with (`sk-`, `live_`), before `length` characters of `alphabet`. */
  prefix?: string;
  /** The key's whole expression, for a structured key (`id.key:secret`); `alphabet` then only sets the entropy floor. */
  value?: string;
  /** Credential words for a strict name, instead of the usual ones (`secret` where the `key` is public). */
  cred?: string;
}

/**
 * A row: `row('ipstack', 'ipstack', 'hex', 32, 'ipstack.com/dashboard')` is the ipstack API key,
 * named `ipstack…`, 32 hexadecimal digits. `extra` sets anything else (more names, strict, a prefix).
 */
export function row(
  slug: string,
  display: string,
  alphabet: Alphabet,
  length: number | [number, number],
  rotate: string,
  extra: Partial<NearNameProvider> = {},
): NearNameProvider {
  return {
    id: `${slug}-api-key`,
    description: `${display} API key`,
    names: [slug],
    alphabet,
    length,
    rotate,
    ...extra,
  };
}

/** Between a name and what follows: `=`, `:`, quotes, spaces, a line break and indentation, `(`, `[`, `{`, `,`, `|`, `>`, ` - `. */
const SEP = '[\\s"\'`:=,(>\\[{|]{1,10}(?:-[\\s"\'`:=]{1,6})?';
/** The rest of an identifier after the provider's name: `_API_KEY`, `Token`, `.secret`, `-key`. */
const TAIL = '[\\w.-]{1,28}';
/** Words that say an identifier holds a credential. */
const CRED = '(?:key|token|secret|pass|pwd|auth|cred|bearer|license|api|pat|access|sig)';
/**
 * An identifier that ends like this names something public or not a key at all (`…_APP_ID`,
 * `…Url`, `…_USERNAME`): tested once, on the last identifier before the value (one test, not one
 * per identifier: every lookbehind adds to what V8 compiles for each of hundreds of rules).
 */
const NOT_A_KEY_SUFFIX =
  '(?<!id|ids|url|uri|host|name|user|username|email|region|version|endpoint|path|org|project|account|env|type|client|app|hash|salt|nonce|uid|prefix)';
/** `…_public_key`, `…PublishableKey`, `…_pub_…`: public by design. */
const NOT_PUBLIC = '(?![\\w.-]{0,28}pub)';

const DEFAULT_ENTROPY: Record<Alphabet, number> = { hex: 3, alnum: 3.2, b64url: 3.2, b64: 3.2, uuid: 3 };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The key's own expression (the part after the name), for tests to generate keys from. */
export function valueExpression(p: NearNameProvider): string {
  // A structured key holds a digit somewhere too (within the token: up to a quote, space or comma).
  if (p.value) return `(?=[^\\s"'\`,;)}\\]0-9]{0,120}[0-9])(?:${p.value})`;
  if (p.alphabet === 'uuid') return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  const [min, max] = typeof p.length === 'number' ? [p.length, p.length] : p.length;
  // A random key of this length holds a digit (all but a few percent of 16-character ones, nearly
  // every longer one); words and identifiers (`eodhistoricaldata`, `getPaymentMethods`) do not.
  // A documented hexadecimal key is matched as letters and digits of its length: next to the
  // provider's name, a value of that length is its key whatever its letters (a copy in another case,
  // a test value), and length, a digit and entropy are what tell a key from a word.
  const cls = p.alphabet === 'hex' ? ALPHABETS.alnum : ALPHABETS[p.alphabet];
  const digit = `(?=${cls.replace('0-9', '')}{0,${max - 1}}[0-9])`;
  const body = `${p.prefix ? escape(p.prefix) : ''}${digit}${cls}{${min},${max}}`;
  return p.alphabet === 'b64' ? `${body}={0,2}` : body;
}

/** What may not follow a key: it would be the head of a longer token. */
function rightEdge(p: NearNameProvider): string {
  return p.alphabet === 'b64' ? '(?![\\w+/=-])' : '(?![\\w+/-])';
}

/** The expression for one provider (case-insensitive). */
export function nearNamePattern(p: NearNameProvider): RegExp {
  // Each name carries its own left edge (tested after it, not before it: V8 then rejects most
  // positions at their first character); one edge after the alternation would test `census`
  // against the `t` of `getcensus`.
  const head = `(?:${p.names.map((n) => `${escape(n)}(?<![a-z0-9]${escape(n)})`).join('|')})`;
  const cred = p.cred ? `(?:${p.cred})` : CRED;
  const value = `(?<secret>${valueExpression(p)})${rightEdge(p)}`;
  // Strict: the credential word is in the same identifier as the name (`box_api_key`, `BoxToken`).
  // Otherwise it may also be the next word (`rawg SECRET …`, `photoroom Key=…`), or absent
  // (`ipstack: …`).
  const ident = p.strict
    ? `${head}${NOT_PUBLIC}[\\w.-]{0,16}?${cred}[\\w.-]{0,16}${NOT_A_KEY_SUFFIX}`
    : `${head}${NOT_PUBLIC}(?:${TAIL})?(?:${SEP}[\\w.-]{0,12}?${CRED}[\\w.-]{0,16})?${NOT_A_KEY_SUFFIX}`;
  return new RegExp(`${ident}${SEP}${value}`, 'i');
}

/**
 * The alphabet's floor, lowered for short keys: 16 random hex digits rarely reach 3 bits per
 * character (a string of n characters has at most log2(n)).
 */
function entropyFloor(p: NearNameProvider): number {
  const min = typeof p.length === 'number' ? p.length : p.length[0];
  return Math.min(DEFAULT_ENTROPY[p.alphabet], Math.log2(min) - 1.5);
}

/**
 * The names' heads that no other head of the row starts (`ipquality` for `ipquality` and
 * `ipqualityscore`): every match starts with one, and the keyword automaton stays small — its size
 * is what the scan of every byte pays for. Every match starting with its keyword is what lets the
 * rules ask for it at a word's start (the name's own left edge) and search from it (lead 0).
 */
export function keywordsOf(names: string[]): string[] {
  // A name's first ten characters are as good a keyword as the whole name, and cheaper.
  const heads = [...new Set(names.map((n) => n.slice(0, KEYWORD_LENGTH)))];
  return heads.filter((n) => !heads.some((m) => m !== n && n.startsWith(m)));
}
const KEYWORD_LENGTH = 10;

/**
 * What every row's match holds from its name on, whatever the row: an identifier (the name, its
 * tail, or the strict form's credential word), maybe a credential word after a separator, a
 * separator, then within 400 characters of key material a digit (every key but a UUID holds one:
 * `valueExpression`). Tried at each occurrence of a name, it tells the few that may hold a key from
 * the many in ordinary text (`findLast(`, `deeply`), without building the row's own expression.
 */
export const NAMED_VALUE_FOLLOWS = new RegExp(`[\\w.-]{1,80}?(?:${SEP}[\\w.-]{0,12}?${CRED}[\\w.-]{0,16})?${SEP}(?=[^\\s"'\`,;)}\\]]{0,400}[0-9])`, 'iy');
const CHECKED_REACH = 400;

/** How far into a row's key material its first digit may be (Infinity: it need hold none). */
export function digitWithin(p: NearNameProvider): number {
  if (p.value) return 121;
  if (p.alphabet === 'uuid') return Infinity;
  return (p.prefix?.length ?? 0) + (typeof p.length === 'number' ? p.length : p.length[1]);
}

export function nearNameRules(providers: NearNameProvider[]): ContentRule[] {
  return providers.map((p) => ({
    id: p.id,
    description: p.description,
    // Built when first read (the rule's keywords occurred): hundreds of these expressions built
    // at start-up cost every one-file commit ~30 ms.
    get pattern(): RegExp {
      const re = nearNamePattern(p);
      Object.defineProperty(this, 'pattern', { value: re, enumerable: true });
      return re;
    },
    keywords: keywordsOf(p.names),
    // The match starts with a name, no letter or digit before it (`nearNamePattern`), and the name with a keyword.
    keywordLead: 0,
    keywordEdge: 'start' as const,
    // A UUID need hold no digit, a very long key may hold it late: those rows run wherever their name is.
    ...(digitWithin(p) <= CHECKED_REACH ? { keywordCheck: NAMED_VALUE_FOLLOWS } : {}),
    minEntropy: p.minEntropy ?? entropyFloor(p),
    fix: `read it from the environment${p.env ? ` (${p.env})` : ''} or a secret manager; rotate it at ${p.rotate}`,
  }));
}
