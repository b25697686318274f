import type { ContentRule } from './types.js';

/**
 * Credentials written in the grammar of a tool rather than as `name = value`: labels people type
 * in notes and configs (`PW:`, `pass=`), SQL, command lines, PowerShell and .NET calls, .netrc,
 * Docker's `auths`, connection strings, SAS URLs, Jenkins credential XML, log lines, and a value
 * labelled only `key` or `SECRET`.
 *
 * The rules are `generic`: they yield to a provider rule on the same value, and the value filter
 * (detect/genericValueFilter.ts) decides. The empty `pass` group says a person chose the value (a
 * password need not look random, only not like code, a placeholder or a word for a password).
 * Every quantifier is bounded (test/regexSafety.test.ts).
 */

/** A password the user typed, up to the end of the word or a closing quote or bracket. */
const TYPED = `(?<pass>)(?<secret>[^\\s"'\`<>()\\[\\]{},;\\\\]{3,128})`;
/**
 * The same, where the grammar leaves no doubt that the value is the password (`-p <value>` after PsExec,
 * `the password is "<value>"`): the empty `said` group lets a plain word count (`marigold`, `tundra`),
 * which in code would be a name.
 */
const SAID = `(?<said>)${TYPED}`;

/**
 * A short password label: `pw`, `pass`, `passcode`, and the spellings people type (`pswd`, `psswrd`);
 * `password` and `passwd` are the generic assignment's.
 */
const LABEL = '(?:pw|pass(?:code|phrase)?|pa?s{1,2}w(?:o?r)?d)(?<!password|passwd)';

/** `key` and its kin as a whole name, in the cases people write them. */
const KEY_WORD = 'KEY|SECRET|TOKEN|key|secret|token|Key|Secret|Token';

/**
 * Words before `key` that make it no credential: a data structure's key (`cache_key`, `sortKey`,
 * `primaryKey`), a public or licence key; or that the generic assignment takes (`apiKey`, `client_secret`).
 * Tested as the end of the word before the key: `myCacheKey` too.
 */
const NOT_A_SERVICE = [
  'cache', 'sort', 'primary', 'foreign', 'partition', 'row', 'column', 'map', 'dict', 'hash', 'lookup', 'translation',
  'object', 'bucket', 'file', 'path', 'registry', 'index', 'group', 'routing', 'message', 'event', 'idempotency', 'unique',
  'composite', 'public', 'publishable', 'shortcut', 'hot', 'license', 'licence', 'product', 'serial', 'activation', 'ssh',
  'gpg', 'pgp', 'signing', 'encryption', 'storage', 'cluster', 'search', 'query', 'state', 'config', 'setting', 'meta',
  'data', 'node', 'item', 'entry', 'field', 'attr', 'prop', 'enum', 'foo', 'api', 'access', 'private', 'client', 'auth',
  'master', 'the', 'your', 'this', 'that', 'with', 'and', 'new', 'old', 'next', 'page', 'sync', 'fake', 'dummy', 'test',
  'example', 'sample', 'mock', 'csrf', 'xsrf', 'session', 'secret', 'site', 'recaptcha', 'valid', 'invalid', 'expired', 'bad',
  'wrong', 'my', 'id', 'request', 'continuation', 'pagination', 'cursor', 'change', 'action', 'matching', 'authenticity', 'bogus', 'stub',
  // A type or declaration word: `String ACCESS = "…"`, `static final TOKEN`, `readonly KEY` are constants in code.
  'string', 'const', 'final', 'static', 'readonly', 'var', 'val',
].flatMap((w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]).join('|');

/** A variable name that holds a secret (`API_TOKEN`, `db_password`, `SECRET_KEY`). */
const SECRET_NAME = '(?=[\\w.]{0,40}?(?:pass|pwd|secret|token|api_?key|private_?key|credential))[A-Za-z_][\\w.]{0,70}';

/**
 * The base64 of `-----BEGIN <kind> PRIVATE`, cut to whole 3-byte groups, so the text is the same
 * whatever follows: the head of every base64-encoded PEM private key.
 */
const ENCODED_PRIVATE_KEY_HEADS = ['', 'RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ', 'PGP '].map((kind) => {
  const head = `-----BEGIN ${kind}PRIVATE`;
  return Buffer.from(head.slice(0, head.length - (head.length % 3))).toString('base64');
});

/** Between a label and its value: `=`, `:`, spaces, ` - `, or a dash right before a value holding a digit whose first piece is 8 characters or more. */
const LABEL_SEP = `["']?(?:\\s{0,4}[:=]\\s{0,4}|[ \\t]{1,4}(?:-[ \\t]{1,4})?|-(?=[A-Za-z0-9]{8})(?=[A-Za-z0-9-]{0,40}[0-9]))["']?`;

/** What joins an environment lookup to its fallback: `or`, `||`, `??`, PHP's and Kotlin's `?:`. */
const FALLBACK_OPERATOR = '(?:or|\\|\\||\\?\\?|\\?:)';

/** What comes before PASS in words that are no password setting: a bypass, a compass, a render or filter pass. */
const NOT_A_PASS =
  '(?:BY|COM|SUR|TRES|OVER|UNDER|MULTI|RENDER|SUB|FIRST|SECOND|SINGLE|DOUBLE|HIGH|LOW|BAND|ALL|DEPTH|SHADOW|LIGHT|BLUR|STENCIL)';

/** A JSON Web Key's type, quoted (JSON) or not (a JavaScript object, YAML). */
const JWK_KTY = `(?<![\\w$.-])["']?kty["']?\\s{0,4}:\\s{0,4}["']?(?:RSA|EC|OKP|oct)(?![\\w-])`;
/** Its private member: `d` (RSA, EC, OKP) or `k` (oct), with a base64url value. */
const JWK_PRIVATE_MEMBER = `(?<![\\w$.-])["']?[dk]["']?\\s{0,4}:\\s{0,4}["']?(?<secret>[A-Za-z0-9_-]{16,1400})(?![\\w-])`;
/**
 * One character still inside the same key: no brace, no `kty` and no private member (a next key starts or
 * the member was too short), no next YAML list item or top-level line. Each start of the rule reads at
 * most to the next of these, so a run of near misses is read once.
 */
const JWK_SAME_KEY = `(?:(?!(?<![\\w$.-])["']?[dk]["']?\\s{0,4}:|kty)(?:[^{}\\n]|\\n(?![ \\t]{0,32}-[ \\t]|[^\\s"'])))`;
const JWK_FIX = 'keep private JWKs in a key store or secret manager and publish only the public key set; rotate the key';

const FIX_PASSWORD = 'move the password to a secret manager or an environment variable, then change it';

export const credentialGrammarRules: ContentRule[] = [
  {
    id: 'password-label',
    description: 'password after a short label',
    // `PW: …`, `ID: admin PW: …`, `ANY_PASS=…`, `(pass:…)`, `PSWD:=…`. The label is a word of its own:
    // not the tail of `bypass` or `compass`, not followed by more letters (`passage`, `pwdHash`).
    // `password`/`passwd`/`pwd` long forms are the generic assignment's; this one takes the short ones.
    // The label starts the line or follows a space, bracket, quote or separator (`ID/PW:`, `ANY_PW=`),
    // never other punctuation (uuencoded and base64 text holds `]PW:` by chance).
    pattern: new RegExp(`(?<![^\\s(/,_.|"'-])(?<name>${LABEL})(?![A-Za-z])["']?\\s{0,2}(?::{1,2}=|:(?![:/])|=(?![=>]))[ \\t]{0,2}["']?${TYPED}(?<call>\\()?`, 'i'),
    keywords: ['pw', 'pass', 'psw', 'pssw', 'pasw'],
    // The match starts with the label, after a space or punctuation.
    keywordLead: 0,
    keywordEdge: 'start',
    generic: true,
    fix: FIX_PASSWORD,
  },
  {
    id: 'sql-password',
    description: 'password in a SQL statement',
    // `CREATE USER … IDENTIFIED BY 'pw'`, `ALTER ROLE … WITH [LOGIN] [ENCRYPTED] PASSWORD 'pw'`, `SET PASSWORD … = 'pw'`.
    pattern: new RegExp(`(?:identified\\s{1,4}by|with\\s{1,4}(?:login\\s{1,4})?(?:encrypted\\s{1,4})?password|set\\s{1,4}password\\s{0,4}(?:for\\s{1,4}[^\\s=]{1,100}\\s{0,4})?=)\\s{1,4}(?:password\\s{0,4}\\(\\s{0,4})?["'\`]?${TYPED}`, 'i'),
    keywords: ['identified', 'password'],
    generic: true,
    fix: 'keep passwords out of SQL scripts: read them from the environment when the script runs, then change this one',
  },
  {
    id: 'command-line-password',
    description: 'password or token on a command line',
    // `--password X`, `--passphrase X`, `--token X`, `--oauth2-bearer "X"`: the flag and its value apart.
    // (`--password=X` is the generic assignment's.) The flag starts a word: `--password-stdin` is no flag with a value.
    pattern: /(?<![\w-])--(?:(?:password|passwd|passphrase|pass|pwd)(?<pass>)|(?:token|api-key|apikey|secret|client-secret|auth-token|access-token|oauth2-bearer))[ \t]{1,4}\\?["']?(?<secret>[^\s"'`\\<>|;&$%]{4,200})/,
    // The flag whole, not `--` (in every CSS variable, SQL comment and Markdown rule: 19,000 hits in
    // the 60 MB commit's node_modules, each tried).
    keywords: ['--pass', '--pwd', '--token', '--api-key', '--apikey', '--secret', '--client-secret', '--auth-token', '--access-token', '--oauth2-bearer'],
    // The match starts with the flag, after no letter, digit or dash (`i--` is code).
    keywordLead: 0,
    keywordEdge: 'start',
    generic: true,
    fix: 'pass credentials through an environment variable or a file the command reads, then change this one',
  },
  {
    id: 'command-line-password-short-flag',
    description: 'password on a mysql or PsExec command line',
    // mysql takes `-pSECRET` (attached; `-p mydb` prompts for the password and names the database), PsExec
    // `-p SECRET`, where the grammar leaves no doubt (the `said` group); `-P` is a port, so the flag is matched
    // case-sensitively.
    pattern: new RegExp(`(?:mysql(?:dump|admin)?\\s[^\\n]{0,200}?\\s-p["']?(?![-$%\\s])|[Pp][Ss][Ee][Xx][Ee][Cc](?:\\.[Ee][Xx][Ee])?\\s[^\\n]{0,200}?\\s-p[ \\t]?["']?(?![-$%])(?<said>))${TYPED}`),
    keywords: ['mysql', 'psexec'],
    generic: true,
    fix: FIX_PASSWORD,
  },
  {
    id: 'curl-option-password',
    description: 'password set through libcurl options',
    // `CURLOPT_PASSWORD, "<password>"`, `CURLOPT_USERPWD, "<user>:<password>"`, `CURLOPT_PROXYUSERPWD`, `CURLOPT_KEYPASSWD`.
    pattern: /CURLOPT_(?:PROXY)?(?:PASSWORD|USERPWD|KEYPASSWD)\s{0,4},\s{0,4}L?"(?:[^":\n]{0,64}:)?(?<pass>)(?<secret>[^"\n\\]{3,128})"/,
    keywords: ['curlopt_'],
    generic: true,
    fix: FIX_PASSWORD,
  },
  {
    id: 'powershell-securestring',
    description: 'password in a PowerShell ConvertTo-SecureString',
    pattern: /ConvertTo-SecureString\s{1,4}(?:-String\s{1,4})?\\?["'](?<pass>)(?<secret>[^"'\s\\$][^"'\s\\]{2,127})\\?["']/i,
    keywords: ['convertto-securestring'],
    generic: true,
    fix: 'read the password with Get-Credential or from a secret store (SecretManagement) instead, then change it',
  },
  {
    id: 'credential-constructor',
    description: 'password passed to a credential constructor',
    // .NET `new NetworkCredential("user", "pw")`, Java `new UsernamePasswordCredentials("user", "pw")`,
    // `new PasswordAuthentication("user", "pw".toCharArray())`. The user may be a variable.
    pattern: /(?:NetworkCredential|UsernamePasswordCredentials?|PasswordAuthentication)\s{0,4}\(\s{0,4}(?:@?"[^"\n]{0,64}"|[\w.]{1,64})\s{0,4},\s{0,4}@?"(?<pass>)(?<secret>[^"\n\\]{3,128})"/,
    keywords: ['networkcredential', 'usernamepasswordcredential', 'passwordauthentication'],
    generic: true,
    fix: FIX_PASSWORD,
  },
  {
    id: 'netrc-password',
    description: 'password in a .netrc entry',
    // `machine host login user password pw`, on one line or one token a line. The host is judged with the
    // value: `machine needs password rotation` is a sentence.
    pattern: /(?<![\w-])machine\s{1,8}(?<machine>[^\s]{1,253})\s{1,8}(?:login\s{1,8}[^\s]{1,128}\s{1,8})?password\s{1,8}(?<said>)(?<pass>)(?<secret>[^\s]{3,128})/,
    keywords: ['machine'],
    generic: true,
    fix: 'keep .netrc in your home folder, never in a repository; change the password',
  },
  {
    id: 'docker-registry-auth',
    description: 'registry credentials in a Docker auths config',
    // `"auth": "<base64 of user:password>"` in ~/.docker/config.json or DOCKER_AUTH_CONFIG, also JSON-escaped.
    pattern: /\\{0,2}"auth\\{0,2}"\s{0,4}:\s{0,4}\\{0,2}"(?<secret>[A-Za-z0-9+/]{8,400}={0,2})\\{0,2}"/,
    keywords: ['"auth'],
    validate: 'base64-user-password',
    fix: 'log in with a credential helper (docker-credential-*) instead of storing auths; revoke the registry password',
  },
  {
    id: 'connection-string-password',
    description: 'password in an ODBC, ADO.NET or JDBC connection string',
    // `Server=…;Database=…;User ID=…;Password=…;` and `Provider=…;Uid=…;Pwd=…;`: the password field after
    // at least one other field of the string, so `password = x` in code is not taken for one.
    pattern: new RegExp(`(?:server|data\\s?source|host|database|initial\\s?catalog|uid|user\\s?id|user|provider|driver|dsn)\\s{0,2}=[^;\\n]{0,200};(?:[^;\\n=]{1,40}=[^;\\n]{0,200};){0,12}?\\s{0,4}(?:password|pwd)\\s{0,2}=\\s{0,2}(?<pass>)(?<secret>[^;"'\\s<>]{3,128})`, 'i'),
    keywords: ['password', 'pwd'],
    // The last field's name is followed by spaces and `=`.
    keywordEdge: 'end',
    generic: true,
    fix: 'use integrated authentication or read the connection string from the environment, then change the password',
  },
  {
    id: 'jdbc-inline-password',
    description: 'password in a JDBC URL',
    // Oracle's thin driver puts `user/password@host` in the URL.
    pattern: /jdbc:oracle:[a-z]{1,10}:(?<user>[\w$#]{1,64})\/(?<pass>)(?<secret>[^@\s"'/]{3,128})@/i,
    keywords: ['jdbc:oracle'],
    generic: true,
    fix: 'read the JDBC password from the environment or a wallet, then change it',
  },
  {
    id: 'azure-sas-token',
    description: 'Azure shared access signature',
    // A SAS URL carries `sv=<version date>` and `sig=<HMAC, base64, URL-encoded>`, in either order.
    pattern: /[?&]sv=\d{4}-\d{2}-\d{2}[^\s"'<>]{0,400}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,100})/,
    keywords: ['sig='],
    minEntropy: 3.5,
    fix: 'hand out SAS tokens at run time with a short expiry; revoke this one by rotating the storage key or the stored access policy',
  },
  {
    id: 'jenkins-credential-secret',
    description: 'Jenkins credential in credentials.xml',
    // `<secret>{AQAAAB…}</secret>`, `<password>{…}</password>`: encrypted with the controller's key,
    // which sits next to it in JENKINS_HOME, so anyone with both reads it.
    // Jenkins' own format opens with `AQAAAB` (version and length); other braces (Maven's `{…}` under a master
    // password held outside the repository, template slots) are not this.
    pattern: /<(?<name>secret|password|passphrase|privateKey|apiToken|token)>\s{0,4}\{(?<secret>[^{}<>\n]{0,60}?AQAAAB[^{}<>\n]{10,4000})\}\s{0,4}<\//,
    keywords: ['secret>', 'password>', 'passphrase>', 'privatekey>', 'apitoken>', 'token>'],
    minEntropy: 3.5,
    fix: 'keep JENKINS_HOME out of git (use configuration-as-code with a secret source); rotate the credential in Jenkins',
  },
  {
    id: 'logged-credential',
    description: 'credential printed in a log line',
    // `[DEBUG] Using Key=…`, `Using adobe KEY = …`, `using token: …`.
    pattern: /(?<![A-Za-z])using\s{1,4}(?:[\w-]{1,30}\s{1,4})?(?<name>api[ _-]?key|key|token|secret|password|credentials?)\s{0,4}[=:]\s{0,4}["']?(?<secret>[^\s"'<>]{8,300})/i,
    keywords: ['using'],
    // The match starts with `using`, a space after it.
    keywordLead: 0,
    keywordEdge: 'end',
    generic: true,
    fix: 'stop logging the credential, purge the log from the repository, and rotate the credential',
  },
  {
    id: 'password-in-prose',
    description: 'password written out in a sentence',
    // `the password is "…"`, `the password is: "…"`, `… was set to "…"`, `the default Password is '…'`, `the password for user 'postgres' is '…'`,
    // also HTML-escaped (`password is &quot;…&quot;`). Only a quoted value: `the password is stored in…`
    // is a sentence about a password.
    pattern: new RegExp(`(?<![A-Za-z])(?:password|passphrase|passcode|passwort)(?:\\s{1,4}for\\s{1,4}(?:the\\s{1,4})?(?:(?:user|account|login|admin)\\s{1,4})?["'\`]?(?<user>[\\w@.-]{1,64})["'\`]?)?\\s{1,4}(?:is|was|will\\s{1,4}be)(?:\\s{1,4}set\\s{1,4}to|:)?\\s{1,4}(?:["'\`]|&quot;)${SAID}(?=["'\`]|&quot;)`, 'i'),
    keywords: ['password', 'passphrase', 'passcode', 'passwort'],
    generic: true,
    fix: FIX_PASSWORD,
  },
  {
    id: 'password-setting-suffix',
    description: 'password in a setting named …PASS',
    // `MYSQLPASS: …`, `SMTPPASS=…`, `DBPW=…`: an upper-case setting whose name ends in PASS or PW
    // (`…PASSWORD`/`…PWD` are the generic assignment's; `ANY_PASS` the short label's). Words that end in
    // PASS and name no password (`BYPASS`, `COMPASS`, `RENDERPASS`, `LOWPASS`) are not such a setting.
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?<name>[A-Z][A-Z0-9]{1,30}(?:PASS|PW))(?<!${NOT_A_PASS}PASS)(?![A-Za-z0-9_])["']?\\s{0,2}(?::(?![:/])|=(?![=>]))[ \\t]{0,2}["']?${TYPED}`),
    keywords: ['pass', 'pw'],
    // The setting's name ends with PASS or PW (a lead of 31 would try too many starts).
    keywordEdge: 'end',
    generic: true,
    fix: FIX_PASSWORD,
  },
  {
    id: 'environment-default-secret',
    description: 'secret written as the fallback of an environment lookup',
    // `os.environ.get("API_TOKEN", "…")`, `os.getenv("DB_PASSWORD") or "…"`, `getenv('SECRET_KEY') ?: '…'`,
    // `ENV.fetch("TOKEN", "…")`, `ENV.fetch("TOKEN") { "…" }`, `getOrDefault("PASSWORD", "…")`,
    // `Optional.ofNullable(System.getenv("TOKEN")).orElse("…")`, `GetEnvironmentVariable("TOKEN") ?? "…"`,
    // `process.env.API_KEY || "…"`, `ENV["TOKEN"] || "…"`, `$_ENV['TOKEN'] ?? '…'`, django-environ's and
    // python-decouple's `env("SECRET_KEY", default="…")`, `config("SECRET_KEY", default="…")`: the fallback is the
    // secret itself, used wherever the variable is unset. The variable names a secret (the empty `lookup`
    // group has the value filter judge the name's last words: `PASSWORD_POLICY` holds no password).
    // A variable read by index or member is followed by an operator, never a comma: `f(process.env.X, "…")`
    // passes two arguments.
    pattern: new RegExp(
      `(?<lookup>)(?:(?:environ\\.get|getenv|GetEnvironmentVariable|ENV\\.fetch|getOrDefault|env(?:\\.str)?|config)\\(\\s{0,4}["'](?<name>${SECRET_NAME})["']\\s{0,4}` +
        `(?:,\\s{0,4}(?:default\\s{0,4}=\\s{0,4})?|\\)\\s{0,4}(?:${FALLBACK_OPERATOR}|\\)\\s{0,4}\\.orElse\\(|\\{)\\s{0,4})` +
        `|(?:(?:ENV|process\\.env|os\\.environ|\\$_ENV|\\$_SERVER)\\[\\s{0,4}["'](?<name2>${SECRET_NAME})["']\\s{0,4}\\]` +
        `|(?:process|import\\.meta)\\.env\\.(?<name3>${SECRET_NAME}))\\s{0,4}${FALLBACK_OPERATOR}\\s{0,4})["'\`](?<secret>[^"'\`\\s]{4,200})["'\`]`,
      'i',
    ),
    keywords: ['environ', 'getenv', 'getenvironmentvariable', 'env.fetch', 'getordefault', 'env(', 'env.str(', 'config(', 'env[', 'process.env', 'meta.env', '$_server'],
    // Each lookup starts with its keyword but `os.environ` (3 before), `$_ENV[` (2) and `import.meta.env` (7).
    keywordLead: 7,
    generic: true,
    fix: 'drop the fallback: fail when the variable is unset, and rotate the value that was written here',
  },
  {
    id: 'url-query-key',
    description: 'API key in a URL query string',
    // `https://api.example.net/v1/users?key=…` (also `&amp;key=…` in HTML), and a token URL-encoded inside another URL (`%26token%3D…`).
    // (`?token=…`, `&api_key=…` as they stand are the generic assignment's.)
    pattern: /(?:(?:[?&]|&amp;)(?<name>key)=|%(?:26|3F)(?<name2>key|token|api_?key|access_token|secret)%3D)(?<secret>[A-Za-z0-9_.~-]{16,300})(?![A-Za-z0-9_.~-])/i,
    keywords: ['key=', '%3d'],
    generic: true,
    minEntropy: 3.2,
    fix: 'send the key in a header read from the environment, not in the URL; rotate it',
  },
  {
    id: 'private-key-base64',
    description: 'base64-encoded private key',
    // `-----BEGIN … PRIVATE` base64-encoded (a Kubernetes `tls.key`, a CI variable, a string split over lines):
    // the first bytes of an encoded PEM private key are always one of these.
    pattern: new RegExp(`(?<![A-Za-z0-9+/])(?<secret>(?:${ENCODED_PRIVATE_KEY_HEADS.join('|')})[A-Za-z0-9+/]{16,8000}={0,2})`),
    keywords: ['ls0tls1crudjti'],
    validate: 'base64-armoured-key',
    fix: 'remove the key from the repository, keep it in a secret manager, and replace the key pair (it must be treated as leaked)',
  },
  {
    id: 'jwk-private-key',
    description: 'private or secret key in a JSON Web Key',
    // `{"kty": "RSA", …, "d": "…"}`, `{"kty": "oct", "k": "…"}`: `d` is the private exponent or scalar,
    // `k` the symmetric key; a public JWK has neither. Also a JWK written as a JavaScript object or in YAML
    // (`kty: oct` … `k: …`). The look ahead keeps to the key: it stops at a brace, at the next `kty`, at the
    // next YAML list item and at a line that starts a top-level YAML key, so a run of keys is read once.
    pattern: new RegExp(`${JWK_KTY}${JWK_SAME_KEY}{0,3000}?${JWK_PRIVATE_MEMBER}`),
    keywords: ['kty'],
    multiline: true,
    minEntropy: 3.5,
    fix: JWK_FIX,
  },
  {
    id: 'jwk-private-key-sorted',
    description: 'private or secret key in a JSON Web Key',
    // The same key with its members sorted, as Go's encoding/json, `jq -S` and many serialisers write them:
    // `{"crv": "P-256", "d": "…", "kty": "EC", …}`.
    pattern: new RegExp(`${JWK_PRIVATE_MEMBER}${JWK_SAME_KEY}{0,3000}?${JWK_KTY}`),
    keywords: ['kty'],
    multiline: true,
    minEntropy: 3.5,
    fix: JWK_FIX,
  },
  {
    id: 'maven-master-password',
    description: 'Maven master password (settings-security.xml)',
    // `<master>{…}</master>`: it decrypts every `{…}` password in settings.xml. A `}` in it may be escaped.
    pattern: /<master>\s{0,4}\{(?<secret>[A-Za-z0-9+/=]{16,200})\\?\}\s{0,4}<\/master>/,
    keywords: ['<master>'],
    minEntropy: 3.5,
    fix: 'keep settings-security.xml in ~/.m2 only, never in a repository; change the master password and re-encrypt',
  },
  {
    id: 'labelled-key',
    description: 'secret labelled KEY or SECRET after a service name',
    // `stripeKEY=…`, `acme_key = …`, `acme KEY: …`, `acme SECRET …`, `acmeACCESS_KEY …`,
    // `acme-SECRET-…` (joined by a dash to a value holding a digit, its first piece eight characters or more:
    // `payments-secret-2024-rotated-eu-west-1`, `billing-secret-2-prod` are names in kebab case): the name is
    // only `key`, `token` or the like after a service's name, and the value is long, mixed and random.
    pattern: new RegExp(
      // The name is matched first and the service word checked behind it: scanning for the few letters
      // a name starts with is fast, trying every word of a file as a service name was not. Whether a
      // value follows is asked before the look-behind: most `key`s in code (`keys`, `key)`, `key.`)
      // fail there at once, and the look-behinds were most of this rule's cost.
      `(?<name>${KEY_WORD})(?![A-Za-z0-9])(?=${LABEL_SEP}[A-Za-z0-9][A-Za-z0-9_.+/=-]{15})(?<=(?<![A-Za-z])[A-Za-z][A-Za-z0-9]{2,30}[ _.-]{0,2}(?:${KEY_WORD}))${LABEL_SEP}(?<secret>[A-Za-z0-9][A-Za-z0-9_.+/=-]{15,199})(?![\\w+/=-])`,
    ),
    // The words that are no service's, before the label: a look-behind kept out of the expression
    // (its 327 words were 3 ms of the expression's 3.1 ms compile, paid for each kind of text).
    notAfter: new RegExp(`(?:${NOT_A_SERVICE})[ _.-]{0,2}$`),
    // Not `PRIVATE` or `ACCESS` alone (`acme PRIVATE …`): as keywords they occur all through code
    // (`private` members, `accessor`), and ran this rule near each one for a handful of made-up samples.
    keywords: ['key', 'secret', 'token'],
    // The match starts with the label, which is its keyword. (`ACCESS_KEY`, `PRIVATE KEY`, `SECRET_KEY`
    // are no labels here: NOT_A_SERVICE turns away `access`, `private`, `secret` before a key.)
    keywordLead: 0,
    // …and the label ends a word (`(?![A-Za-z0-9])`): `keys`, `tokens`, `secretary` are no hits.
    keywordEdge: 'end',
    generic: true,
    minEntropy: 3.3,
    fix: 'move the value to an environment variable or secret manager and read it at run time',
  },
];
