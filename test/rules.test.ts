import { describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { builtinContentRules, builtinPathRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { BASE62_ORDERINGS, githubChecksum } from '../src/detect/validators.js';
import { ruleSamples } from './helpers/ruleSamples.js';
import { providerSamples } from './helpers/providerSamples.js';
import { seeded } from './helpers/keys.js';

const detect = createDetector(builtinContentRules);
const find = (text: string, path = 'src/config.ts') => detect({ path, text });
const rnd = seeded(0xacc0);
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** CRC-32 (IEEE), written here independently of the validator it checks. */
function crc32(text: string): number {
  let crc = ~0;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i);
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc;
}

describe('rule catalogue', () => {
  it('has exactly one sample pair per built-in rule', () => {
    const ids = builtinContentRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The provider catalogue's samples live in providerSamples (test/providers.test.ts).
    const catalogued = new Set(providerSamples.map((s) => s.rule));
    expect(ruleSamples.map((s) => s.rule).sort()).toEqual(ids.filter((id) => !catalogued.has(id)).sort());
  });

  it('keeps every rule as data: lower-case keywords, a fix, no g/y flags', () => {
    for (const rule of builtinContentRules) {
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const k of rule.keywords) expect(k, rule.id).toBe(k.toLowerCase());
      expect(rule.fix.length, rule.id).toBeGreaterThan(10);
      expect(rule.pattern.flags, rule.id).not.toMatch(/[gy]/);
    }
  });
});

describe.each(ruleSamples)('$rule', (sample) => {
  const rule = builtinContentRules.find((r) => r.id === sample.rule)!;

  it('reports the positive sample, with the whole secret', () => {
    const hits = find(sample.positive).filter((f) => f.rule === sample.rule);
    expect(hits.length, sample.positive).toBeGreaterThan(0);
    expect(hits.some((f) => f.secret === sample.secret || f.secret.includes(sample.secret))).toBe(true);
  });

  it('does not report the near miss', () => {
    expect(find(sample.negative).filter((f) => f.rule === sample.rule)).toEqual([]);
  });

  it('has a keyword inside every match (the pre-filter depends on it)', () => {
    const m = new RegExp(rule.pattern.source, rule.pattern.flags).exec(sample.positive);
    expect(m).not.toBeNull();
    const text = m![0].toLowerCase();
    expect(rule.keywords.some((k) => text.includes(k)), `${rule.id}: ${rule.keywords.join(',')}`).toBe(true);
  });
});

describe('generic assignments', () => {
  const key = rnd(AN, 32);
  const syntaxes: Record<string, string> = {
    env: `PAYMENT_TOKEN=${key}`,
    'env quoted': `export PAYMENT_TOKEN="${key}"`,
    json: `{\n  "payment_token": "${key}"\n}`,
    'json escaped newline': `{"config.ini": "PAYMENT_TOKEN=${key}\\nDEBUG=true"}`,
    yaml: `payment_token: ${key}`,
    'yaml quoted': `payment_token: '${key}'`,
    toml: `payment_token = "${key}"`,
    ini: `paymentToken = ${key}`,
    xml: `<paymentToken>${key}</paymentToken>`,
    'xml multiline': `<paymentToken>\n    ${key}\n</paymentToken>`,
    'xml attribute pair': `<add key="PaymentPassword" value="${key}" />`,
    go: `paymentToken := "${key}"`,
    'go typed': `var paymentToken string = "${key}"`,
    'go backticks': `paymentToken := \`${key}\``,
    kotlin: `val paymentToken: String = "${key}"`,
    php: `$paymentToken .= "${key}";`,
    ruby: `  "payment_token" => "${key}",`,
    java: `System.setProperty("PAYMENT_TOKEN", "${key}");`,
    make: `PAYMENT_TOKEN ::= ${key}`,
    'make conditional': `PAYMENT_TOKEN ?= ${key}`,
    dockerfile: `ENV PAYMENT_TOKEN=${key}`,
    'shell flag': `deploy --client-secret=${key}`,
    'objective-c': `apiKey = @"${key}";`,
    'php array append': `$apikey[] = "${key}";`,
    'dictionary index': `some_dict["secret"] = "${key}"`,
    'name then quoted value': `secret "${key}";`,
    'comparison with a literal': `if (paymentToken === "${key}") {`,
  };
  it.each(Object.entries(syntaxes))('finds a secret in %s syntax', (_name, text) => {
    const hits = find(text);
    expect(hits.map((f) => f.secret)).toContain(key);
  });

  it('finds keys shaped like UUIDs under a secret name', () => {
    const id = '80699cad-dc97-40e9-9cd2-a60f7721018a';
    expect(find(`HUBSPOT_TOKEN=${id}`).map((f) => f.secret)).toContain(id);
  });

  it('finds passwords people chose in URLs and on command lines', () => {
    // Assembled here so this file holds no password-shaped literal.
    const chosen = ['marlin', '22'].join('');
    const typed = ['Pa55', 'w0rd!'].join('');
    expect(find(`DATABASE_URL=postgres://app:${chosen}@db/app`).map((f) => f.secret)).toContain(chosen);
    expect(find(`curl -u admin:${typed} https://ci.internal`).map((f) => f.secret)).toContain(typed);
  });

  it('finds passwords in URLs and connection strings', () => {
    const pw = `${rnd(AN, 10)}!${rnd(AN, 4)}`;
    for (const url of [`postgres://app:${pw}@db:5432/app`, `mongodb+srv://app:${pw}@cluster0.mongodb.net/x`, `redis://:${pw}@cache:6379`, `amqp://app:${pw}@mq/vhost`]) {
      expect(find(`url = "${url}"`).map((f) => f.secret), url).toContain(pw);
    }
  });

  it('reports private keys of every common armour', () => {
    const body = Array.from({ length: 5 }, () => rnd(AN + '+/', 64)).join('\n');
    for (const kind of ['RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ', '']) {
      const text = `-----BEGIN ${kind}PRIVATE KEY-----\n${body}\n-----END ${kind}PRIVATE KEY-----\n`;
      expect(find(text).map((f) => f.rule), kind).toContain('private-key');
    }
    const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${body}\n-----END PGP PRIVATE KEY BLOCK-----`;
    expect(find(pgp).map((f) => f.rule)).toContain('private-key');
    const inJson = `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${body.replaceAll('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n"}`;
    expect(find(inJson).map((f) => f.rule)).toContain('private-key');
  });
});

describe('quiet on what is not a secret', () => {
  const quiet: Record<string, string> = {
    'placeholder word': 'API_KEY=your-api-key-here',
    'angle placeholder': 'OPENAI_API_KEY=<OPENAI_API_KEY>',
    'x mask': 'api_key: "xxxxxxxxxxxxxxxxxxxxxxxx"',
    'star mask': 'password: "************"',
    'env interpolation': 'token: ${GITHUB_TOKEN}',
    'template slot': 'secret: "{{ .Values.secret }}"',
    'process.env': 'const apiKey = process.env.OPENAI_API_KEY;',
    'os.environ': 'api_key = os.environ["API_KEY"]',
    'call': 'const token = getToken(req);',
    'changeme': 'DB_PASSWORD=changeme',
    'sequence': 'api_key = "1234567890abcdef1234"',
    'documented AWS example key': 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'EXAMPLE suffix': `aws_secret_access_key = ${['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/')}`,
    'identifier value': 'password: secretPasswordField',
    'constant name': 'CREDENTIALS_ID = "K8S_DEPLOY_CRED"',
    'url without credentials': "access_token_url='https://github.com/login/oauth/access_token'",
    'file path': 'private_key_file = ./certs/server.pem',
    'dotfile names': "everywhere('.git-credentials', '.git-credentials'), everywhere('**/.aws/credentials', '.aws/credentials'),",
    'file list': "['config/secrets.json', 'infra/terraform.tfstate']",
    'version string': 'token_library = "jjwt-jackson-0.11.2"',
    'uuid id': "jobCredentialsId: '6f1b1c9e-2a25-458a-8111-9be9e502c0e7'",
    'public key by name': `NEXT_PUBLIC_API_KEY=${rnd(AN, 32)}`,
    'test-named value': `const fakeToken = "${rnd(AN, 24)}";`,
    'csrf token': `<input type="hidden" name="authenticity_token" value="${rnd(AN, 40)}">`,
    'url placeholder password': 'postgres://user:password@localhost/app',
    'default account in a url': 'amqp://guest:guest@mq.internal:5672',
    'documentation host': 'https://alice:s3cr3t-Pa55@api.example.com/v1',
    'local machine': 'http://atpass:foo%40bar@127.0.0.1:8080/path',
    'url variable password': 'postgres://app:${DB_PASSWORD}@db/app',
    'lockfile integrity': `"integrity": "sha512-${rnd(AN + '+/', 86)}=="`,
    'git sha': `"resolved": "git+https://github.com/a/b.git#${rnd('0123456789abcdef', 40)}"`,
    'uuid': `"id": "6f1b1c9e-2a25-458a-8111-9be9e502c0e7"`,
    'base64 image': `background: url(data:image/png;base64,${rnd(AN + '+/', 400)}=);`,
    'minified code': 'var e=t.token||n.secretKey,r=e.passwordHash;function o(t){return t.apiKey?t.apiKey:null}',
    'test vector hash': `expect(sha256("abc")).toBe("${rnd('0123456789abcdef', 64)}");`,
    'empty PEM example': '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
    'word continuation': 'minisat-master-keying:x64-uwp=fail',
    'tokenizer option': 'tokenizer: whitespaceAndPunctuation',
    'type alias': 'type SemicolonToken = SemicolonToken$1;',
    'type annotation': 'apiKey: SensitiveString2048;',
    'union type': 'export type MqttPassword = Buffer|Uint8Array|Blob|string;',
    'minified member chain': 'credentials:e.masterCredentials||a.config.credentials',
    'string concatenation': 'return"AWS3 AWSAccessKeyId="+e.accessKeyId+",Algorithm=HmacSHA256"',
    'paging token': `"NextToken": "${rnd(AN + '+/', 40)}=="`,
    'idempotency token': '"ClientRequestToken": "550e8400-e29b-41d4-a716-446655440002"',
    'badge token': `[![coverage](https://codecov.io/gh/a/b/graph/badge.svg?token=${rnd(AN, 10)})]`,
    'query string': `https://cdn.example.net/x.png?token-time=2145916800&token-hash=${rnd(AN, 40)}`,
    'self-describing example': '"Password": "SomeKindOfPassword123!@#"',
    'docs value naming itself': '//   "idToken": "my_idToken"',
    'id of a credential': '"credentialId": "cred-7f3a9b2c1d"',
    'translated message': '"Unexpected_token_1012": "Neočekávaný token",',
    'negated flag': 'const exclamationToken = !questionToken && !scanner.hasPrecedingLineBreak();',
    'urn': "const OIDC_SUBJECT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';",
    'timestamp': '"PasswordLastUsed": "2016-09-08T21:47:36Z",',
    'minified or-chain': 'this.masterCredentials=e||a.config.credentials;',
    'comparison': 'o.credentials=e.crossOrigin==="use-credentials"?"include":"omit"',
    'type annotation of a password': 'KdcAdminPassword: XmlStringMaxLen256;',
    'a call': 'passwd = read_password_from(prompt, stream)',
    'member access in code': 'self._password = handler.password',
    'RFC 6750 example': '    Authorization: Bearer mF_9.B5f-4.1JqM',
    'RFC 6749 example': '"access_token":"2YotnFZFEjr1zCsicMWpAA",',
  };
  it.each(Object.entries(quiet))('%s', (_name, text) => {
    expect(find(text).map((f) => `${f.rule}:${f.redacted}`)).toEqual([]);
  });

  it('honours allow comments on the line', () => {
    const key = ['ghp', rnd(AN, 36)].join('_');
    expect(find(`token = "${key}" // keyguard:allow`)).toEqual([]);
    expect(find(`token = "${key}" # gitleaks:allow`)).toEqual([]);
    expect(find(`token = "${key}" # pragma: allowlist secret`)).toEqual([]);
    expect(find(`token = "${key}"`).length).toBeGreaterThan(0);
  });
});

describe('checksums confirm, never filter', () => {
  it('a Cloudflare token with a valid CRC32 tail is reported even when it looks too regular', () => {
    const body = 'ab'.repeat(20);
    const tail = (crc32(body) >>> 0).toString(16).padStart(8, '0');
    expect(find(`CLOUDFLARE_API_TOKEN=${['cfut', body + tail].join('_')}`).map((f) => f.rule)).toContain('cloudflare-token');
    expect(find(`CLOUDFLARE_API_TOKEN=${['cfut', body + 'deadbeef'].join('_')}`).map((f) => f.rule)).not.toContain('cloudflare-token');
  });

  it('a GitHub token with a valid CRC32 tail is reported even when it looks too regular', () => {
    const random = 'a'.repeat(30);
    const token = ['ghp', random + githubChecksum(random)].join('_');
    expect(find(`token = ${token}`).map((f) => f.rule)).toContain('github-token');
  });

  it('computes the published reference vector (CRC32, base62 lower case first, zero-padded)', () => {
    // secretlint issue #202: body qkJaB6MffYVzZXWqmcoF49yrUxP3wf has the tail 0lSAKp.
    expect(githubChecksum(['qkJaB6MffYVzZXWq', 'mcoF49yrUxP3wf'].join(''), BASE62_ORDERINGS.lowerFirst)).toBe('0lSAKp');
  });

  it('accepts the tail in either base62 ordering, and the same for npm tokens', () => {
    const random = 'b'.repeat(30);
    for (const alphabet of [BASE62_ORDERINGS.upperFirst, BASE62_ORDERINGS.lowerFirst]) {
      expect(find(`token = ${['ghp', random + githubChecksum(random, alphabet)].join('_')}`).map((f) => f.rule)).toContain('github-token');
      expect(find(`token = ${['npm', random + githubChecksum(random, alphabet)].join('_')}`).map((f) => f.rule)).toContain('npm-access-token');
    }
  });

  it('the same regular body with a wrong tail is taken for a placeholder', () => {
    const token = ['ghp', 'a'.repeat(30) + 'ZZZZZZ'].join('_');
    expect(find(`token = ${token}`).map((f) => f.rule)).not.toContain('github-token');
  });

  it('a random GitHub token without a valid tail is still reported', () => {
    const token = ['ghp', rnd(AN, 36)].join('_');
    expect(find(`token = ${token}`).map((f) => f.rule)).toContain('github-token');
  });
});

describe('secret files by name', () => {
  const ruleFor = (path: string) =>
    builtinPathRules.find((r) => picomatch(r.globs, { dot: true, flags: 'si' })(path) && !(r.except && picomatch(r.except, { dot: true, flags: 'si' })(path)))?.id;
  it.each([
    ['.env', 'env-file'],
    ['config/.env.production', 'env-file'],
    ['certs/client.p12', 'private-key-file'],
    ['certs/CAGW_KEY.P12', 'private-key-file'],
    ['deploy/id_ed25519', 'private-key-file'],
    ['infra/terraform.tfstate', 'terraform-state'],
  ])('%s is a secret file (%s)', (path, id) => {
    expect(ruleFor(path)).toBe(id);
  });
  it.each(['.env.example', 'docs/type.P126.html', 'scripts/syntest.p1200.sh', 'src/keys.ts'])('%s is not', (path) => {
    expect(ruleFor(path)).toBeUndefined();
  });
});
