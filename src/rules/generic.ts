import type { ContentRule } from './types.js';
import { ASSIGN } from './shapes.js';

/**
 * Words before a secret-named name that say the value is public by design (`publishable_key`,
 * `csrf_token`), made up for a test (`fakeToken`, `invalidPassword`), or a token that is no credential
 * (`NextToken`, `ClientRequestToken`: paging and idempotency). Each counts only as a whole word of the
 * identifier, snake_case or camelCase: `sync_` in `aws_appsync_apiKey` is the tail of another word.
 */
const NOT_A_CREDENTIAL_WORDS = [
  'public', 'publishable', 'pub', 'next_public', 'nextPublic', 'authenticity', 'csrf', 'xsrf', 'fake', 'dummy', 'mock', 'sample', 'example',
  'invalid', 'bad', 'wrong', 'expired', 'bogus', 'stub', 'nonmatching', 'nonMatching', 'non_matching', 'next', 'continuation', 'pagination',
  'page', 'cursor', 'change', 'request', 'idempotency', 'sync', 'action',
];
/** `word` as a whole word: lower-case after a non-letter, Capitalised or UPPER after anything but a capital. */
// The word comes before its look-behind, so the expression is tried only where such a word starts.
const wholeWord = (w: string) => {
  const cap = w[0].toUpperCase() + w.slice(1);
  const up = w.toUpperCase();
  return `${w}(?<![A-Za-z]${w})|${cap}(?<![A-Z]${cap})|${up}(?<![A-Z]${up})`;
};
const NOT_A_CREDENTIAL = new RegExp(
  // A path on a documentation host (`https://example.com/reset-password=…`): RFC 2606 names no one's server.
  `\\/\\/(?:[\\w-]+\\.)*example\\.(?:com|org|net)\\/[^\\s"'<>]{0,30}$` +
  // A badge's `badge.svg?token=`: a read-only upload token the provider tells people to publish.
  `|badge\\.svg\\?$` +
  `|(?:${NOT_A_CREDENTIAL_WORDS.map(wholeWord).join('|')})[_.-]?$`,
);

/**
 * Secret-named names. The match starts at one of these words; the rest of the identifier follows
 * (`apiKeyProd`, `_TOKEN`).
 */
const NAME =
  '(?<name>(?:api[_.-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd|credential|creds|auth[_.-]?key|access[_.-]?key|private[_.-]?key|client[_.-]?secret|encryption[_.-]?key|signing[_.-]?key|master[_.-]?key)(?<rest>[\\w.-]{0,30}))';

/**
 * A value assigned to a secret-named variable, in any of the usual syntaxes
 * (`API_KEY=…`, `"client_secret": "…"`, `password: …`, `token := "…"`, `<token>…</token>`).
 * The name anchors the match; the entropy and value filters in detect/genericValueFilter.ts decide.
 */
export const genericRules: ContentRule[] = [
  {
    id: 'generic-secret-assignment',
    description: 'secret assigned to a variable',
    // U+FFFD ends a value: a latin-1 no-break space after it (byte A0) decodes to it.
    // Six characters: a password may be that short; other values need ten (detect/genericValueFilter.ts).
    // `call` catches a value that is really a function being called (`password = read_password(…)`).
    // A header value's scheme is no part of the secret: `token := "Bearer …"`, `"Token …"`; after `Basic`
    // the value is base64 of `user:password`, and the empty `basic` group has the password judged. Nor is the `-` of a shell
    // default (`${API_TOKEN:-…}`, `${TOKEN:=…}`): the `lookup` group judges the default as a lookup's fallback
    // (`${POSTGRES_PASSWORD:-postgres}` is a local default, not a chosen password).
    pattern: new RegExp(`${NAME}${ASSIGN}(?:(?:Bearer|Token)[ \\t]{1,2}|Basic[ \\t]{1,2}(?<basic>)|(?<lookup>(?<=\\$\\{[A-Za-z_]\\w{0,60}:)[-=]))?(?<secret>[^\\s"'\`;,<>(){}[\\]\\\\\\uFFFD]{6,200})(?<call>\\()?`, 'i'),
    keywords: ['key', 'secret', 'token', 'pass', 'pwd', 'credential', 'creds'],
    // The match starts with the name, whose keyword is at most 11 characters in (`encryption_key`).
    keywordLead: 11,
    generic: true,
    notAfter: NOT_A_CREDENTIAL,
    fix: 'move the value to an environment variable or secret manager and read it at run time',
  },
];
