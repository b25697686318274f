import type { ContentRule } from './types.js';
import { ASSIGN } from './shapes.js';

/**
 * A leading word saying the value is public by design (`publishable_key`, `csrf_token`, a badge's
 * `badge.svg?token=`), made up for a test (`fakeToken`, `invalidPassword`), or naming a token that
 * is no credential (`NextToken`, `ClientRequestToken`: paging and idempotency).
 */
const NOT_A_CREDENTIAL =
  /(?:public|publishable|pub|next_public|authenticity|csrf|xsrf|fake|dummy|mock|sample|example|invalid|bad|wrong|expired|bogus|stub|non_?matching|next|continuation|pagination|page|cursor|change|request|idempotency|sync|action|badge\.svg\?)[_.-]?$/i;

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
    // `call` catches a value that is really a function being called (`password = read_password(…)`).
    pattern: new RegExp(`${NAME}${ASSIGN}(?<secret>[^\\s"'\`;,<>(){}[\\]\\\\]{8,200})(?<call>\\()?`, 'i'),
    keywords: ['key', 'secret', 'token', 'pass', 'pwd', 'credential', 'creds'],
    generic: true,
    notAfter: NOT_A_CREDENTIAL,
    fix: 'move the value to an environment variable or secret manager and read it at run time',
  },
];
