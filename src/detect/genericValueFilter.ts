import { shannonEntropy } from './entropy.js';

/**
 * For generic rules (a secret-named variable assigned some value), the value must look like
 * key material rather than code: references to where the secret really lives are the fix, not a leak.
 */
const CODE_REFERENCE = [
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env|ENV|System\.getenv|config|settings|self|this|props|ctx|req|options|opts|args|secrets|vars|inputs|steps|needs)[.[(]/,
  /^[A-Za-z_$][\w$.]*\(/, // a call: getToken(
  /^[A-Za-z_$][\w$]*(?:\[|::|->)/, // an index or member: keys[0], Foo::BAR
  /^[$%@&*!]/, // shell/template variable, pointer or negation: $TOKEN, %TOKEN%, @var, !isSet
  /^urn:/i, // a URN names something; it is not a key
  /^[A-Za-z][\w.]*\?$/, // a nullable type: `var password: String? = null`
  /^0x[0-9a-f]{1,16}$/i, // a number in hex: `STENCIL_PASS_DEPTH_PASS: 0x0B96`
  /^--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, // a command-line flag: `"secrets", "--register-aws"`
  /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+#\w+/, // a Javadoc member reference: org.example.DataSource#getPassword
  // A property setting of its own (`spring.ldap.anonymous-read-only:true`, `--spring.devtools.x=true`):
  // the match took the previous property's value for a name.
  /^-{0,2}[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)+[=:]/,
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d|$)/, // a date or timestamp
  /^(?:true|false|null|none|nil|undefined|required|optional|string|number|boolean|bytes|str|int|secret|password|token)$/i,
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/, // an e-mail address
  /^[a-z][\w+.-]{1,20}:\/\/[^@\s]*$/i, // a URL without credentials (those are the URL rule's)
  /^(?:[\w-]{1,63}\.){1,8}[a-z]{2,12}(?::\d{1,5})?\/?$/i, // a host name, maybe with a port
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // a constant's name: K8S_CRED, MY_API_TOKEN
  /\d+\.\d+\.\d+/, // a version: jjwt-jackson-0.11.2
  /^[a-z][a-z0-9]{0,9}(?:-[a-z0-9]{1,10}){2,}$/, // a resource slug: prod-db-1208358310
  /\.(?:pem|p12|pfx|key|crt|cer|der|json|ya?ml|toml|txt|keytab|jks|keystore|env|ini|conf|cfg|xml|properties|[cm]?js|[jt]sx?|map|py|rb|go|java|sh|html?|css|png|jpe?g|svg|gif)$/i,
];

/** The rest of a secret-named identifier that says the value is about the secret, not the secret. */
const META_SUFFIX =
  /(?:url|uri|endpoint|host|file|filename|path|dir|name|type|types|length|len|size|count|format|version|prefix|suffix|header|field|ttl|timeout|expiry|expires|expiration|expire[sd]?_?at|policy|mode|method|algorithm|algo|store|provider|env|variable|var|ref|arn|label|location|source|kind|rotation|hash|class|enabled|required|hasher|hashing|encoder|rules?|validator|validation|generator|broker|driver|backend|resolver|repository|service|svc|image)$/i;

/** Identifier words: snake_case, kebab-case, camelCase, PascalCase made of real-looking words. */
function looksLikeIdentifier(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z_-]*$/.test(value)) return false;
  // Five consonants in a row: random letters, not a word of any language code is written in.
  if (/[bcdfghjklmnpqrstvwxz]{5}/i.test(value.replace(/(?<=[a-z])(?=[A-Z])/g, '_'))) return false;
  const words = value.match(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]/g) ?? [];
  if (words.length === 0) return true;
  // Random letters break into many short pieces without vowels; names break into words.
  // An acronym (`JSX`, `HTTP`) is a word too.
  const wordy = words.filter((w) => w.length >= 3 && (/[aeiouy]/i.test(w) || /^[A-Z]{3,5}$/.test(w))).length;
  const short = words.filter((w) => w.length <= 2).length;
  return wordy >= Math.ceil(words.length / 2) && short <= Math.max(1, Math.floor(words.length / 2));
}

/**
 * A name in code: letters in words, with `$`, `_`, `.` and a few digits (`SemicolonToken$1`,
 * `__webpack_require__`, `PrivateKeyFlagsV2`, `SensitiveString2048`, `isIdentifier2`).
 */
export function looksLikeCodeName(value: string): boolean {
  if (!/^[A-Za-z_$][\w$.-]*$/.test(value)) return false;
  // Digits end a part or a word (`Token$1`, `FlagsV2`, `Uint8Array`), never sit inside one (`bgp93gasb…`).
  if (!value.split(/[$_.-]+/).every((part) => /^[A-Za-z]*(?:\d+(?:[A-Z][A-Za-z]*)?)?$/.test(part))) return false;
  const digitRuns = value.match(/\d+/g) ?? [];
  if (digitRuns.length > 2 || digitRuns.join('').length > 5) return false;
  const letters = value.replace(/[\d$_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return letters === '' || looksLikeIdentifier(letters);
}

const FILE_EXTENSION = /\.(?:json|ya?ml|toml|txt|env|ini|conf|cfg|xml|properties|pem|crt|key|p12|pfx|jks|keystore|tfstate|tfvars|[cm]?js|ts|py|rb|go|sh|md)$/i;

/** A path or dotfile made of words: `.aws/credentials`, `infra/terraform.tfstate`, `.git-credentials`. */
function looksLikePath(value: string): boolean {
  if (!/^[\w.~-]+(?:\/[\w.-]+)*\/?$/.test(value) || !/[/.]/.test(value)) return false;
  const parts = value.split('/').filter((p) => p !== '' && p !== '.' && p !== '..' && p !== '~');
  return parts.length > 0 && parts.every((p) => /^\.?[A-Za-z][A-Za-z_-]*(?:\.[A-Za-z]{1,8})?$/.test(p) && looksLikeIdentifier(p.replace(/^\./, '').replace(/\.[A-Za-z]{1,8}$/, '')));
}

/**
 * A validation rule string (`required|min:8|confirmed`, `nullable|string|max:255`, Laravel's and its
 * imitators'): rule names, each maybe with arguments, joined by `|`.
 */
const VALIDATION_RULES = /^[a-z][a-z_]{1,30}(?::[\w,.:*-]{0,60})?(?:\|[a-z][a-z_]{1,30}(?::[\w,.:*-]{0,60})?)+$/;
const isValidationRules = (value: string) => VALIDATION_RULES.test(value) && value.split('|').every((rule) => looksLikeIdentifier(rule.split(':')[0]));

/** Code joining names (`a.b||c.d`, `"x="+e.keyId+"/"`, `Buffer|Uint8Array|string`): every piece a name. */
function isCodeExpression(value: string): boolean {
  const pieces = value.split(/\|\||&&|[|&+]/);
  // Minified code names things with one to three letters.
  return pieces.length > 1 && pieces.every((p) => /^[A-Za-z_$]{0,3}$/.test(p) || looksLikeCodeName(p));
}

/**
 * Passwords printed in documentation and jokes so often that they name the idea of a password
 * (`hunter2`, `changeit`: the JDK keystore default; `letmein`): no one's account opens with them.
 */
const WELL_KNOWN_PASSWORD = /^(?:hunter|letmein|changeit|trustno|iloveyou|passw0rd|p@ssw0rd|qwerty|abc|foo|foobar)\d{0,4}!?$/i;

/** Four or more keys in a row on a keyboard or in counting order: `asdf`, `qwer`, `1234`, `abcd`. */
const MASH_PIECE = /^(?:qwer|wert|erty|asdf|sdfg|dfgh|zxcv|xcvb|1234|2345|3456|4567|5678|6789|abcd|bcde|0987|9876)/i;

/** A value typed by running over the keyboard (`asdfqwer1234asdf`): a made-up fixture, not a chosen secret. */
function isKeyboardMash(value: string): boolean {
  if (value.length < 8) return false;
  for (let i = 0; i < value.length; i += 4) if (!MASH_PIECE.test(value.slice(i, i + 4).padEnd(4, value.slice(0, 4)))) return false;
  return true;
}

/** A name with format slots (`management.endpoint.%s.access`, `cache.{0}.token`): a key built at run time. */
const FORMAT_NAME = /^[A-Za-z_][\w-]*(?:\.(?:[A-Za-z_][\w-]*|%[sd]|\{\d?\}|\*))+$/;

/**
 * A dotted name in code (`config.apiKey`, `e.t.secret`): every part a word or a minified one- to
 * three-letter name. A token with a dotted prefix (`hvs.CAESI…`, `s.Qf1s…`) has a random part.
 */
function isDottedName(value: string): boolean {
  const parts = value.replace(/\?\./g, '.').split('.'); // optional chaining: `matchResult?.pass`
  return parts.length > 1 && parts.every((p) => /^[A-Za-z_$][\w$]{0,2}$/.test(p) || (p.length <= 40 && /^[A-Za-z_$]/.test(p) && looksLikeCodeName(p)));
}

const LEET_EXAMPLE = /^(?:my|very|super|top|so|some)?(?:secret|passw(?:or)?d)(?:\d{1,4}|!)?$/i;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** Lower-case runs after a secret word that still name the secret (`secretkey`, `tokenvalue`, `apikeyprod`). */
const CONTINUES_AS_NAME = /^(?:s?(?:[^a-z]|$)|key|token|secret|pass|pwd|val|str|id|prod|dev|test|live|stag|priv|pub|enc|raw)/;

/** Most neighbouring letters are neighbours in the alphabet too (`abcd`, `dcba`, `a1b2c3`): typed, not drawn. */
function lettersInOrder(value: string): boolean {
  const letters = value.toLowerCase().replace(/[^a-z]/g, '');
  let steps = 0;
  for (let i = 1; i < letters.length; i++) if (Math.abs(letters.charCodeAt(i) - letters.charCodeAt(i - 1)) === 1) steps++;
  return letters.length > 3 && steps >= 0.6 * (letters.length - 1);
}

/** Words for a password, for none, or for its state: what a sentence says a password is when it gives none. */
const SAID_NOT_A_PASSWORD =
  /passw(?:or)?d|secret|^(?:my|your|the)?[_-]?(?:token|api[_-]?key|key|credentials?|access[_-]?token|auth)$|^(?:none|empty|blank|null|nothing|unset|required|hidden|invalid|incorrect|correct|wrong|weak|strong|missing|valid|reset|optional|mandatory|random|temporary|same|different|unknown|new|old|current|too\s?(?:short|long|weak|simple))$/i;

/**
 * Words joined by dashes or underscores, with short codes among them (`translations-en-US-v2`,
 * `2-manager-module-v3`, `20240315-rotated-weekly`): a slug or a resource name, not a key. Each piece is a
 * word, at most four characters of a code (`en`, `v2`, `1a`, `2024`) or a number such as a date
 * (`20240315`); one word of five letters or more is needed.
 */
function isWordSlug(value: string): boolean {
  const parts = value.split(/[-_]/);
  if (parts.length < 3) return false;
  return (
    parts.every((p) => (/^[A-Za-z]{3,}$/.test(p) ? looksLikeIdentifier(p) : /^(?:[A-Za-z]{0,2}\d{0,4}|\d{1,4}[A-Za-z]?|\d{5,8})$/.test(p))) &&
    parts.some((p) => /^[A-Za-z]{5,}$/.test(p))
  );
}

/** The secret word in an environment variable's name and what follows it (`PASSWORD` + `_POLICY`). */
const ENV_NAME_REST = /^.*(?:passw(?:or)?d|pwd|pass|secret|token|api_?key|private_?key|credentials?)([\w.]*)$/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bits per character a random value of this alphabet reaches easily; below it, a value is a word or a pattern. */
function entropyFloor(value: string): number {
  if (/^\d+$/.test(value)) return value.length >= 16 ? 2.8 : Infinity;
  // Short random hex rarely shows all 16 digits: 16 characters average about 3.4 bits, often under 3.
  if (/^[0-9a-f]+$/i.test(value)) return value.length < 24 ? 2.8 : 3.0;
  return 3.0;
}

/** A password that calls itself a test value: `testpass123`, `demo_password`, `dummypwd`. */
const TEST_PASSWORD = /^(?:test|demo|dummy|sample)[_-]?(?:pass|pwd|passw(?:or)?d|secret)\d{0,4}!?$/i;

/** Basic credentials (`Authorization: Basic …`) are base64 of `user:password`: the password is judged. */
function basicPassword(value: string): { user: string; password: string } | null {
  if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(value)) return null;
  const m = /^([\x21-\x39\x3b-\x7e]{1,128}):([\x20-\x7e]{1,256})$/.exec(Buffer.from(value, 'base64').toString('latin1'));
  return m ? { user: m[1], password: m[2] } : null;
}

/**
 * A JWT with no signature (`header.payload` or `header.payload.`) proves nothing to any server that
 * checks one: a test of the unsigned case, or a token cut into pieces of a string.
 */
const UNSIGNED_JWT = /^eyJ[\w-]{10,}\.eyJ[\w-]*\.?$/;

export function isNotSecretValue(raw: string, groups: Record<string, string | undefined> = {}): boolean {
  if (groups.basic !== undefined) {
    const basic = basicPassword(raw);
    if (basic) return isNotSecretValue(basic.password, { pass: '', user: basic.user });
  }
  if (UNSIGNED_JWT.test(raw)) return true;
  // Base64 of PEM armour (`-----BEGIN …`): a private key's is the private-key-base64 rule's to judge (it
  // decodes the body); a certificate or public key is no secret.
  if (raw.startsWith('LS0tLS1CRUdJTi')) return true;
  // A function being called, not a value: `password = read_password(prompt)`.
  if (groups.call !== undefined) return true;
  // Keys are ASCII; text in a human language (translations, messages) is not one.
  if (/[^\x21-\x7e]/.test(raw)) return true;
  // A comparison or assignment chain ends the value with `=`/`:` (`e.crossOrigin===`).
  const value = raw.replace(/[=:]+$/, '');
  // A query string (`token-time=123&token-hash=…`): judge the first value only.
  const head = value.split(/&[\w.-]{1,40}=/)[0];
  if (head !== value) return head.length < 8 || isNotSecretValue(head, groups);
  if (value.length < 3) return true;
  for (const re of CODE_REFERENCE) if (re.test(value)) return true;
  // A comparison with a quoted name is code testing a kind (`lastToken === "?NonExpressionKeyword"`).
  // So is a marked name (`"?NonExpressionParenEnd"`, `"#privateField"`).
  if ((groups.cmp !== undefined || /^[?#][A-Za-z]/.test(value)) && looksLikeCodeName(value.replace(/^[^A-Za-z_$]+/, ''))) return true;
  if (FORMAT_NAME.test(value) && /%[sd]|\{\d?\}|\*/.test(value)) return true;
  if (WELL_KNOWN_PASSWORD.test(value) || TEST_PASSWORD.test(value) || isKeyboardMash(value)) return true;
  // An environment lookup whose variable names something about a secret (`PASSWORD_POLICY`, `TOKEN_HEADER`):
  // the fallback is that, not the secret.
  if (groups.lookup !== undefined) {
    const rest = ENV_NAME_REST.exec(groups.name ?? groups.name2 ?? groups.name3 ?? '')?.[1] ?? '';
    if (META_SUFFIX.test(rest.replace(/\d+$/, '')) || FILE_EXTENSION.test(rest)) return true;
  }
  // The grammar says it is the password (the value after PsExec's `-p`, a password quoted in a sentence): a plain
  // word counts, unless it is a word for a password or for none.
  // A state (`the password is "expired"`, `… was "reset"`, `… will be "generated"`: error messages and docs) is no
  // password either, nor the account's own name (`the password for the user "operator" is "operator"`: a default).
  // A host that is a plain word and a password that is one too: a sentence about machines and passwords.
  // (The sentence's punctuation may end the word: `rotation.`, `rotation)`.)
  if (groups.machine !== undefined && /^[a-z]+$/.test(groups.machine) && /^[a-z]+[^\w\s]{0,2}$/.test(value)) return true;
  // (A .netrc password runs to the next space: in docs a closing quote or backtick may end it, `… password apikey\`.)
  if (groups.said !== undefined) {
    const word = value.replace(/[\`'",;.)\]]+$/, '');
    return word.length < 5 || SAID_NOT_A_PASSWORD.test(word) || /^[a-z]{3,}ed$/.test(word) || word === groups.user;
  }
  // A UUID with letters past `f` in alphabet order (`a1b2c3d4-e5f6-g7h8-…`, `d4c3b2a1-f6e5-h8g7-…`) was typed
  // to look like one: an example. Random letters past `f` are a random token in a UUID's dashes.
  const uuidShape = /(?:^|-)([0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12})$/i.exec(value);
  if (uuidShape && /[g-z]/i.test(uuidShape[1]) && lettersInOrder(uuidShape[1])) return true;
  // Words joined by colons (`encrypted:array`, `xsd:AgencyCodeType`): a cast, a namespace, a qualified name.
  if (/^[A-Za-z][\w-]*(?::[A-Za-z][\w-]*)+$/.test(value) && value.split(':').every((p) => looksLikeIdentifier(p))) return true;
  if (isDottedName(value)) return true;
  // A file path; base64 starting with `/` is not one (a 40-character AWS secret may).
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) && !value.split(/[/\\]/).some((p) => p.length >= 16 && /[a-z]/.test(p) && /[A-Z]/.test(p) && /\d/.test(p))) return true;
  const isPassword = groups.pass !== undefined || /pass|pwd/i.test(groups.name ?? '');
  // A password setting (`SMTP_PASSWORD=<a plain word>`): an upper-case setting
  // name, and one plain word, is how people set passwords; in code the same word would be a name.
  // (Not `"NAME", "value"` in a call, nor the fallback of an environment lookup: that is code, where the word may
  // as well be a name or a local default: `os.getenv("DB_PASSWORD", "postgres")`.)
  const passwordSetting = isPassword && groups.pair === undefined && groups.lookup === undefined && /^[A-Z0-9_]+$/.test(groups.name ?? '') && /^[A-Za-z]{6,40}$/.test(value) && !/[a-z][A-Z]/.test(value);
  if (passwordSetting) return /passw(?:or)?d|secret/i.test(value);
  if (looksLikeIdentifier(value)) return true;
  if (isCodeExpression(value) || isValidationRules(value)) return true;
  // (A generated password may be dashed words, `hUvqe7-nozmiw-tofkaj`: only for other values.)
  if (!isPassword && isWordSlug(value)) return true;
  // Names with digits (`isIdentifier2`) and words with a number or mark at the end (`cachedvol112233`)
  // are code, except for passwords: a word with a number is exactly how people pick those.
  // Credentials for a documentation host (RFC 2606/6761: example.com, *.test, *.invalid) or for this
  // very machine (localhost, 127.x: local defaults and parser test vectors) open nothing shared.
  if (groups.host !== undefined && /^(?:(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost)|127(?:\.\d{1,3}){3}|0\.0\.0\.0)$/i.test(groups.host)) return true;
  // `guest:guest@`, `postgres:postgres@`: a default account, not a chosen secret.
  if (groups.user !== undefined && groups.user === value) return true;
  const stem = value.replace(/[\d\W_]+$/, '');
  // A type name (`XmlStringMaxLen256`) starts upper-case and runs several words; a password rarely does.
  const typeName = /^[A-Z]/.test(value) && (value.match(/[A-Z][a-z]+/g) ?? []).length >= 3;
  if ((!isPassword || typeName) && (looksLikeCodeName(value) || (stem.length >= 6 && stem !== value && looksLikeIdentifier(stem)))) return true;
  // Documentation values describe themselves: `SomeKindOfPassword123!@#`, `VERYLONGSECRET…`, `my_idToken`.
  // (In a URL only the word password counts: `mySecret789` there is a chosen password.)
  if ((groups.pass !== undefined ? /passw(?:or)?d/i : /passw(?:or)?d|secret|token|api_?key/i).test(value)) return true;
  // The same word alone, spelt in leetspeak or with a mark in it (`p4ssw0rd`, `verYs3cret`, `sec@ret`):
  // the example of a password, not one. (A word before it, `sqlpa5sw0rd`, makes it a chosen one.)
  const unleet = value.toLowerCase().replace(/[013457@$]/g, (c) => LEET[c]);
  // (Not in a URL or on a command line, where the checks keep to the word itself, as above.)
  if (groups.pass === undefined && value.length <= 16 && (LEET_EXAMPLE.test(unleet) || LEET_EXAMPLE.test(value.replace(/[^A-Za-z]/g, '')))) return true;
  // A qualified name (`xsd:AgencyCodeType`, `ns1:ElementName`): its last part is a word, not key material.
  const colon = value.lastIndexOf(':');
  if (colon > 0 && value.length - colon > 6 && looksLikeIdentifier(value.slice(colon + 1))) return true;
  // Keys that are public by design (`publishable_key`, `NEXT_PUBLIC_…`).
  const rest = groups.rest ?? '';
  const core = (groups.name ?? '').slice(0, (groups.name ?? '').length - rest.length);
  if (META_SUFFIX.test(rest.replace(/\d+$/, ''))) return true;
  // The name is a file (`secrets.json`, `.git-credentials`): what follows is another name or path.
  if (FILE_EXTENSION.test(rest) || looksLikePath(value)) return true;
  // The secret word runs on into another word (`master-keying`, `tokenizer`, `secretary`).
  if (/^[a-z]{2}/.test(rest) && /[a-z]$/.test(core) && !CONTINUES_AS_NAME.test(rest)) return true;
  // An id names a secret; it is not one (`credentialsId`, `AccessKeyId`) — except Vault's `secret_id`.
  if (rest !== '' && /(?:^|[^a-z])id$|[a-z]Id$|ID$/.test(groups.name ?? '') && (!/secret/i.test(core) || UUID.test(value) || /^\d+$/.test(value))) return true;
  // Machine-made keys are long; eight or nine characters is a password's length, not an API key's.
  if (!isPassword && groups.name !== undefined && value.length < 10) return true;
  // A password-named value still has to be more than a word: a digit, a symbol or mixed case.
  if (isPassword && !/[\d\W_]/.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return true;
  // A password in a URL or on a command line was typed by a person: the checks above decide, not randomness.
  if (groups.pass !== undefined) return value.length < 6;
  // A short password (`gr8!owl`: seven characters) cannot reach a key's entropy; it needs nearly all its
  // characters distinct instead.
  return shannonEntropy(value) < (isPassword ? Math.min(3.0, Math.log2(value.length) - 0.2) : entropyFloor(value));
}
