/**
 * Building blocks shared by rule expressions. Every piece is bounded, so the expressions built
 * from them stay linear-time (test/regexSafety.test.ts checks each built-in rule adversarially).
 */

/** What may not stand right before a key: it would be the tail of a longer word or file name. */
export const W = '[A-Za-z0-9_.]';
/** Left edge: a key is not the tail of a longer word or file name (`video_box.ico-…`). */
// The letter of an escape (`\n`, `\t` in JSON or C strings) is no part of a word: `"…\nghp_…"` starts a key.
export const L = `(?<!(?<!\\\\)${W})`;
/** Right edge: a key is not the head of a longer word (or a longer dashed token). */
export const R = '(?![A-Za-z0-9_-])';

/** HTML attributes: after a secret-named word they are markup (`for="password" id=…`), never a type. */
const HTML_ATTRIBUTE = '(?:id|class|name|type|for|style|href|src|title|placeholder|role|autocomplete|tabindex|width|height|alt|lang|dir|rel|target|method|action)';

/**
 * What sits between a secret-named key and its value, in the usual syntaxes:
 * `=`, `:=`, `::=`, `:::=`, `?=`, `+=`, `.=`, `=>`, `:` (env, INI, YAML, shell, make, Go, PHP, Ruby),
 * comparisons with a quoted literal (`== "…"`, `=== '…'`, `!= "…"`: a hard-coded secret checked in code;
 * the empty `cmp` group marks them), a type between name and `=` (`var token string =`,
 * `val token: String =`, `<add key="Password" value=`), `"NAME", "value"` (setProperty, setenv),
 * and `<token>value</token>` (XML, also across a line break).
 * Not assignments: `::` (a scope or method reference: `PasswordBroker::RESET_LINK_SENT`,
 * `token::getExpiry`), a comparison with a name (`e.token===t`, minified code), and an HTML
 * attribute after the name (`<input name="password" id=…>`).
 */
export const ASSIGN =
  '(?:\\[\\])?' + // PHP `$token[] = …`
  '(?:["\'`]\\s{0,4},\\s{0,4}(?<pair>)["\'`]' + // "NAME", "value": both quoted, or any call's argument list would match
  '|\\\\?["\'`]?\\]?(?:' + // a quoted key, maybe closing an index (`dict["token"] = …`), maybe JSON-escaped (`\"token\": `)
  // A type first (`val token: String = …`), or `String` would be taken for the value of `token:`.
  '(?:\\s{0,4}:(?!:)\\s{0,4}|\\s{1,4})(?!' + HTML_ATTRIBUTE + '\\s{0,4}=)[A-Za-z][\\w.]{0,15}\\??\\s{0,4}=(?!=)' +
  '|\\s{0,4}:[ \\t]{0,4}[|>][-+]?[ \\t]{0,4}\\r?\\n[ \\t]{1,32}' + // a YAML block scalar: `password: |`, `>-`, the value below
  // Columns lined up with spaces (`'password'      => '…'`, `fbApiKey:            "…"`).
  '|\\s{0,4}[ \\t]{0,36}(?::{1,3}=|[.+?]?=>?(?!=)|:(?!:))' +
  '|\\s{0,4}[!=]==?(?<cmp>)\\s{0,4}(?=["\'`])' +
  '|>[ \\t]{0,8}(?:\\r?\\n[ \\t]{0,32})?' +
  '|\\s{1,4}(?=["\'])' + // `secret "…";` (BIND, nginx-style configs): a quoted value right after the name
  ')[ \\t]{0,40}@?(?:\\\\?["\'`])?)'; // Objective-C `@"…"`; a JSON-escaped quote (`= \"…\"` in a notebook)

/**
 * A provider's key identified by the provider's name near the assignment (`heroku_api_key = "…"`),
 * for keys whose own shape is too plain to stand alone (a UUID, 32 hex digits).
 * `names` is a lower-case alternation; the value expression is matched case-insensitively.
 */
export function keyed(names: string, value: string): RegExp {
  return new RegExp(`(?<![A-Za-z])(?:${names})${KEYED_REST}${ASSIGN}(?<secret>${value})(?![\\w-])`, 'i');
}

/**
 * After the provider's name, the rest of the identifier must name a credential (`heroku_api_key`,
 * `sumoToken`) or be empty (`cloudflare: …`): `sumObj = …` is not a key.
 */
const KEYED_REST = '(?:[\\w.-]{0,30}?(?:key|token|secret|id|pass|pwd|auth|cred|api|pat|access|client)[\\w.-]{0,20})?';

/** For keywords built per digit (`0|` … `9|`): stronger than the bare punctuation after it. */
export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** 8-4-4-4-12 hexadecimal. */
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `re\`…\`` builds a RegExp from raw text, so backslashes need no doubling. */
export function re(strings: TemplateStringsArray, ...values: string[]): RegExp {
  return new RegExp(String.raw(strings, ...values));
}
