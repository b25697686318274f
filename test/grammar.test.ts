import { afterAll, describe, expect, it } from 'vitest';
import { builtinContentRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { seeded } from './helpers/keys.js';

/**
 * The credential grammar: forms a password or key takes outside `name = value`. Each form is shown
 * with a value it must report (the whole value, nothing around it) and the same form holding code,
 * a variable or a placeholder, which it must not. All values are generated for this test.
 */
afterAll(cleanupRepos);

const detect = createDetector(builtinContentRules);
const found = (text: string, path = 'notes/setup.txt') => detect({ path, text }).map((f) => f.secret);
const rnd = seeded(0x6a7a3);
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pw = () => `${rnd(AN, 5)}!${rnd(AN, 5)}`;
const key = () => rnd(AN, 32);
const b64 = (t: string) => Buffer.from(t).toString('base64');

const forms: [string, (v: string) => string, string, () => string][] = [
  ['PW: label', (v) => `ID: admin PW: ${v}`, 'ID: admin PW: <ask the team>', pw],
  ['pass= label', (v) => `ANY_PASS=${v}`, 'ANY_PASS=${PASS}', pw],
  ['pass: in parentheses', (v) => `sftp deploy@10.0.0.5 (pass:${v})`, 'bypass: true', pw],
  ['pwd= in a note', (v) => `db pwd=${v}`, 'pwd=$(pwd)', pw],
  ['SQL IDENTIFIED BY', (v) => `ALTER USER 'app'@'localhost' IDENTIFIED BY '${v}';`, "ALTER USER 'app'@'localhost' IDENTIFIED BY '%s';", pw],
  ['SQL WITH PASSWORD', (v) => `CREATE ROLE app WITH LOGIN PASSWORD '${v}';`, "CREATE ROLE app WITH LOGIN PASSWORD :'app_password';", pw],
  ['--password flag', (v) => `pg_restore --username app --password ${v} dump.tar`, 'pg_restore --username app --password "$PGPASSWORD" dump.tar', pw],
  ['--token flag', (v) => `deploy --token ${v} --env prod`, 'deploy --token $DEPLOY_TOKEN --env prod', key],
  ['mysql -p', (v) => `mysql -u root -p${v} -e "show databases"`, 'mysql -u root -p -e "show databases"', pw],
  ['psexec -p', (v) => `PsExec.exe \\\\host -u CORP\\admin -p ${v} cmd`, 'PsExec.exe \\\\host -u CORP\\admin -p %ADMIN_PW% cmd', pw],
  ['curl -u', (v) => `curl -u deploy:${v} https://ci.internal`, 'curl -u "$CI_USER:$CI_PASS" https://ci.internal', pw],
  ['CURLOPT_PASSWORD', (v) => `curl_easy_setopt(h, CURLOPT_PASSWORD, "${v}");`, 'curl_easy_setopt(h, CURLOPT_PASSWORD, password);', pw],
  ['ConvertTo-SecureString', (v) => `ConvertTo-SecureString -String "${v}" -AsPlainText -Force`, 'ConvertTo-SecureString -String $plain -AsPlainText -Force', pw],
  ['NetworkCredential', (v) => `var c = new NetworkCredential("build", "${v}", "CORP");`, 'var c = new NetworkCredential(user, secret, "CORP");', pw],
  ['.netrc', (v) => `machine api.internal\nlogin deploy\npassword ${v}\n`, 'machine api.internal login deploy password $NETRC_PASSWORD', pw],
  ['ODBC Pwd', (v) => `Driver={ODBC Driver 18};Server=sql.internal;Uid=app;Pwd=${v};`, 'Driver={ODBC Driver 18};Server=sql.internal;Uid=app;Pwd={{ db_password }};', pw],
  ['JDBC Oracle', (v) => `jdbc:oracle:thin:app/${v}@db.internal:1521/ORCL`, 'jdbc:oracle:thin:app/${ORACLE_PW}@db.internal:1521/ORCL', pw],
  ['Azure AccountKey in YAML', (v) => `storage:\n  AccountKey: "${v}"`, 'storage:\n  AccountKey: "${AZURE_STORAGE_KEY}"', () => `${rnd(AN + '+/', 86)}==`],
  ['Azure SAS', (v) => `?sv=2021-08-06&ss=b&srt=co&sp=rl&se=2031-01-01&sig=${v}`, '?sv=2021-08-06&ss=b&sig=SIGNATURE', () => `${rnd(AN, 40)}%2B${rnd(AN, 3)}%3D`],
  ['Jenkins credentials XML', (v) => `<secret>{${v}}</secret>`, '<secret>{{ jenkins_secret }}</secret>', () => `AQAAABAAAAAw${rnd(AN + '+/', 60)}=`],
  ['log line', (v) => `[DEBUG] Using Key=${v}`, '[DEBUG] Using Key=***', key],
  ['service KEY=', (v) => `acmecrmKEY=${v}`, `cacheKEY=${rnd(AN, 32)}`, key],
  ['service SECRET value', (v) => `acmecrm SECRET ${v}`, 'acmecrm SECRET is stored in vault', key],
  ['Jupyter JSON-escaped quotes', (v) => `"source": ["aws_secret_access_key = \\"${v}\\"\\n"]`, '"source": ["aws_secret_access_key = \\"<your key>\\"\\n"]', () => rnd(AN + '+/', 40)],
  ['token after a JSON \\n', (v) => `{"text": "see below\\n${v}"}`, '{"text": "see below\\nghp_abc"}', () => ['ghp', rnd(AN, 36)].join('_')],
  ['service token - value', (v) => `acmecrm token - '${v}'`, "acmecrm token - '${ACME_TOKEN}'", key],
  ['Bearer scheme inside a variable', (v) => `acmeToken := "Bearer ${v}"`, 'acmeToken := "Bearer " + token', key],
  ['columns lined up before =>', (v) => `'password'            => '${v}',`, "'password'            => env('DB_PASSWORD'),", pw],
  ['columns lined up after :', (v) => `  fbApiKey:              "${v}",`, '  fbApiKey:              process.env.FB_API_KEY,', key],
  ['random letters in the shape of a UUID', (v) => `privacy_token = '${v}'`, "privacy_token = 'b2c3d4e5-f6g7-h8i9-j0k1-l2m3n4o5p6q7'", () => [8, 4, 4, 4, 12].map((n) => rnd('abcdefghijklmnopqrstuvwxyz0123456789', n)).join('-')],
  ['password in a sentence', (v) => `The default password for the user "deploy" is "${v}".`, 'Make sure the password is "<at least 12 characters>".', pw],
  ['password in an HTML-escaped sentence', (v) => `<p>the password is &quot;${v}&quot;</p>`, '<p>the password is &quot;{{ password }}&quot;</p>', pw],
  ['PsExec -p with a plain word', (v) => `psexec \\\\10.0.0.7 -u Administrator -p ${v} cmd`, 'psexec \\\\10.0.0.7 -u Administrator -p password cmd', () => rnd('abcdefghijklmnopqrstuvwxyz', 9)],
  ['setting named …PASS', (v) => `MYSQLPASS: ${v}`, 'MYSQLPASS: ${MYSQL_PASS}', pw],
  ['fallback of os.environ.get', (v) => `TOKEN = os.environ.get("TOKEN", "${v}")`, 'API_TOKEN = os.environ.get("API_TOKEN", "")', key],
  ['fallback of process.env', (v) => `const secret = process.env.STRIPE_SECRET || '${v}';`, "const level = process.env.LOG_LEVEL || 'verbose-debugging-mode';", key],
  ['key in a URL query', (v) => `fetch("https://api.acme.net/v1/users?key=${v}")`, 'fetch("https://cdn.acme.net/img.png?key=thumbnail-large-size")', key],
  ['token URL-encoded in another URL', (v) => `next = "https://acme.net/login?to=%2Fhome%26token%3D${v}%26v%3D2"`, 'next = "https://acme.net/login?to=%2Fhome%26token%3D%7Btoken%7D"', key],
  ['base64-encoded PEM private key', (v) => `  tls.key: ${v}`, `  tls.crt: ${b64(`-----BEGIN CERTIFICATE-----\n${rnd(AN, 64)}\n`)}`, () => b64(`-----BEGIN RSA PRIVATE KEY-----\n${rnd(AN, 64)}\n`)],
  ['JWK private key', (v) => `{\n  "kty": "EC",\n  "crv": "P-256",\n  "x": "${rnd(AN, 43)}",\n  "d": "${v}"\n}`, `{\n  "kty": "EC",\n  "crv": "P-256",\n  "x": "${rnd(AN, 43)}",\n  "y": "${rnd(AN, 43)}"\n}`, () => rnd(AN + '-_', 43)],
  ['Maven master password', (v) => `<settingsSecurity>\n  <master>{${v}}</master>\n</settingsSecurity>`, '<settingsSecurity>\n  <relocation>/Volumes/keys/settings-security.xml</relocation>\n</settingsSecurity>', () => `${rnd(AN + '+/', 43)}=`],
  ['service-SECRET-value joined by dashes', (v) => `acmecrm-SECRET-${v}`, 'acmecrm-secret-rotation-schedule-weekly', () => `${rnd('0123456789', 2)}${key()}`],
  ['YAML block scalar', (v) => `db:\n  password: |\n    ${v}\n`, 'db:\n  password: |\n    {{ .Values.db.password }}\n', pw],
  ['YAML folded scalar', (v) => `api_token: >-\n  ${v}\n`, 'api_token: >-\n  ${API_TOKEN}\n', key],
];

describe('credential grammar', () => {
  it.each(forms)('%s: reports the value', (_name, line, _quiet, make) => {
    const value = make();
    expect(found(line(value))).toContain(value);
  });
  it.each(forms)('%s: quiet on a variable or placeholder', (_name, _line, quiet) => {
    expect(found(quiet)).toEqual([]);
  });

  it('Docker auths: the base64 user:password is reported, a placeholder inside is not', () => {
    const auth = b64(`ci:${pw()}`);
    expect(found(`{"auths":{"registry.internal":{"auth":"${auth}"}}}`, '.docker/config.json')).toContain(auth);
    const escaped = `DOCKER_AUTH_CONFIG: "{\\"auths\\":{\\"r.internal\\":{\\"auth\\":\\"${auth}\\"}}}"`;
    expect(found(escaped, '.gitlab-ci.yml')).toContain(auth);
    expect(found(`{"auths":{"r":{"auth":"${b64('user:<password>')}"}}}`)).toEqual([]);
    expect(found(`{"auths":{"r":{"auth":"${b64('not a credential')}"}}}`)).toEqual([]);
  });

  it('a value ended by a latin-1 no-break space is still reported', () => {
    const value = key();
    // Byte A0 in a latin-1 file: decoded as UTF-8 it becomes U+FFFD.
    const text = Buffer.concat([Buffer.from(`API_TOKEN=${value}`), Buffer.from([0xa0]), Buffer.from(' # prod\n')]).toString('utf8');
    expect(found(text, '.env.local')).toContain(value);
  });

  it('one finding per value: the particular grammar, not the generic rule besides it', () => {
    const value = pw();
    const hits = detect({ path: 'a.sql', text: `CREATE USER app WITH PASSWORD '${value}';` });
    expect(hits.map((f) => f.rule)).toEqual(['sql-password']);
  });
});

describe('credential grammar through the hook', () => {
  it('a staged .netrc-style note and a SQL script stop the commit, and the report never prints a password whole', () => {
    const repo = makeRepo();
    const a = pw();
    const b = pw();
    repo.write('ops/notes.txt', `prod db (ID: admin PW: ${a})\n`);
    repo.write('db/init.sql', `CREATE USER report IDENTIFIED BY '${b}';\n`);
    repo.git(['add', '-A']);
    const r = repo.keyguard(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ops/notes.txt');
    expect(r.stdout).toContain('db/init.sql');
    expect(r.stdout + r.stderr).not.toContain(a);
    expect(r.stdout + r.stderr).not.toContain(b);
  });
});

/**
 * Review of the grammar's newer forms on text that is no credential, and on the real values in
 * the same forms. Every line here was written for this test.
 */
describe('credential grammar: what the newer forms must leave alone', () => {
  const quiet: [string, string, string?][] = [
    ['a Kubernetes secret name with a digit after -secret-', 'secretName: payments-secret-2024-rotated-eu-west-1', 'deploy/pod.yaml'],
    ['a secretRef name', '        - secretRef:\n            name: billing-secret-2-prod-eu-central-1a', 'deploy/pod.yaml'],
    ['a module name in kebab case', 'source = "git::https://git.internal/terraform-aws-secret-2-manager-module-v3"', 'infra/main.tf'],
    ['a worker name', 'name: stripe-token-3-refresh-worker-deployment', 'deploy/worker.yaml'],
    ['an upper-case name joined by dashes', 'VENDOR-SECRET-2-NAME-FOR-DEPLOYMENT-PROD', 'docs/names.md'],
    ['a flag with a digit after -token-', 'args: ["--vault-token-2-path=/var/run/vault"]', 'deploy/pod.yaml'],
    ['a validation error in prose', 'If login fails and the password is "expired", reset it from the console.', 'README.md'],
    ['an error message', '"auth.error": "The password is \\"invalid\\". Try again."', 'locales/en.json'],
    ['a flash message', '  flash[:alert] = "The password is \'incorrect\' or the account is locked."', 'app/controllers/sessions_controller.rb'],
    ['a state in prose', 'If the password was "reset", log in again.', 'docs/login.md'],
    ['a process in prose', 'The password will be "generated" on first start.', 'docs/install.md'],
    ['a default account named as its password', 'The default password for the user "operator" is "operator": change it on first login.', 'docs/install.md'],
    ['an environment lookup of a password policy', 'PASSWORD_POLICY = os.getenv("PASSWORD_POLICY", "min_length=12,upper=1,digit=1")', 'settings.py'],
    ['an environment lookup of a token endpoint header', 'TOKEN_HEADER_NAME = os.environ.get("TOKEN_HEADER_NAME", "X-Acme-Token-2")', 'settings.py'],
    ['a translation link with ?key=', '"url": "https://translate.acme.io/api?key=translations-en-US-v2"', 'locales/en.json'],
    ['a setting named BYPASS', 'BYPASS: maintenance-mode-2', 'deploy/values.yaml'],
    ['a render pass in a shader config', 'RENDERPASS: shadowmap2x', 'engine/passes.ini'],
    ['a tool named …PASS', 'MULTIPASS=Ubuntu2204lts', 'ci/vm.env.example'],
    ['an audio filter constant', 'LOWPASS = Biquad2ndOrder', 'dsp/filters.py'],
    ['an environment fallback passed on as an argument', 'client = connect(process.env.API_TOKEN, "fallback-region-eu-2")', 'src/client.js'],
    // (Built at run time: in this file the YAML is one line, which the rule would read as one key.)
    ['public JWKs in YAML, a key id named k elsewhere', `jwks:\n  - kty: RSA\n    n: 0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4\n    e: AQAB\n  - kty: EC\n    x: f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\nmetadata:\n  k: ${['kid', 'rotation', 'schedule', '2024', 'weekly'].join('-')}\n`, 'config/jwks.yaml'],
    ['a JWK library reading members', 'function toKey(jwk){return {kty:jwk.kty,d:jwk.d,k:jwk.k,n:b64u(jwk.n)}}', 'src/jwk.js'],
    ['a password hashing scheme in INI', '[auth]\npassword_hasher                     = argon2id_v19_m65536', 'config/app.ini'],
    ['a password encoder in YAML', 'password_encoder: bcrypt_sha256_2b', 'config/security.yaml'],
    ['a Java constant named ACCESS after its type', 'public static final String ACCESS = "ReadWriteAccessPolicy2024Q1";', 'src/main/java/Acl.java'],
    ['prose about a machine and its password', 'Every machine needs password rotation every 90 days.', 'docs/ops.md'],
    ['prose about a machine in a code span', 'Do not write `every machine needs password rotation` in a config.', 'docs/ops.md'],
    ['prose about a machine with a login', 'On each machine, login with password authentication only.', 'docs/ops.md'],
    ['a local default password as the fallback of a lookup', 'DB_PASSWORD = os.getenv("DB_PASSWORD", "postgres")', 'settings.py'],
    ['a dev default word as the fallback of a lookup', 'DB_PASSWORD = os.environ.get("DB_PASSWORD", "localdev")', 'settings.py'],
    ['a shell default that is a local default password', 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}', 'docker-compose.yml'],
    ['an encoded PEM whose body is a placeholder', `  tls.key: ${b64('-----BEGIN RSA PRIVATE KEY-----\nYOUR_PRIVATE_KEY_HERE\n-----END RSA PRIVATE KEY-----\n')}`, 'chart/values.yaml'],
    ['an encoded PEM whose body is left out', `  tls.key: ${b64('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n')}`, 'chart/values.yaml'],
    ['an encoded PEM whose body is described', `  tls.key: ${b64('-----BEGIN PRIVATE KEY-----\n<base64 encoded key>\n-----END PRIVATE KEY-----\n')}`, 'chart/values.yaml'],
    ['an encoded PEM whose body is x', `  tls.key: ${b64(`-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI${'x'.repeat(56)}\n-----END EC PRIVATE KEY-----\n`)}`, 'chart/values.yaml'],
    ['an image reference of a token service', 'docker pull ghcr.io/acme/token-service:sha-7f9c2b1d4e5f6a7b8c9d', 'ci/deploy.sh'],
    ['a Basic scheme holding a placeholder', `acme_api_key: "Basic ${b64('user:<password>')}"`, 'config/client.yaml'],
    ['a Token scheme before a variable', 'acme_token: "Token " + token', 'src/client.py'],
    ['a python-decouple default that is a URL', 'TOKEN_URL = config("TOKEN_URL", default="https://auth.acme.io/token")', 'settings.py'],
    ['a config lookup of a token setting with a default that is a word list', 'TOKEN_SCOPES = config("TOKEN_SCOPES", default="openid profile email")', 'settings.py'],
    ['mysql -p before the database name (a prompt for the password)', 'mysql -u root -p mydatabase < dump.sql', 'README.md'],
    ['mysqldump -p before the database name', 'mysqldump -h db.internal -u admin -p production > backup.sql', 'scripts/backup.sh'],
    ['a .netrc line in docs with a word for the key', 'machine api.acme.io login user password apikey', 'README.md'],
    ['a .netrc line in a code span with a word for the key', 'Add `machine api.acme.io login user password apikey` to ~/.netrc.', 'README.md'],
    ['a branch name with a date after -token-', 'git checkout feature-token-20240101-fix-login', 'docs/release.md'],
    ['a secret name with a date after -secret-', 'name: app-secret-20240315-rotated-weekly', 'deploy/secret.yaml'],
    ['a cache-busting ?key= made of words', '<img src="https://cache.acme.io/thumb.jpg?key=thumb-640-webp-q80-large">', 'templates/card.html'],
  ];
  it.each(quiet)('%s', (_name, text, path) => {
    expect(found(text, path)).toEqual([]);
  });
});

describe('credential grammar: the real values in the same forms', () => {
  const uuid = () => [8, 4, 4, 4, 12].map((n) => rnd('0123456789abcdef', n)).join('-');
  const leaks: [string, (v: string) => string, () => string][] = [
    ['a UUID joined by -SECRET-', (v) => `acmecrm-SECRET-${v}`, uuid],
    ['a password in prose after a default account', (v) => `The default password for the user "operator" is "${v}".`, pw],
    ['a plain-word password in prose', (v) => `the password is "${v}"`, () => rnd('abcdefghijklmnopqrstuvwxyz', 9)],
    ['an environment fallback of a secret named …_TOKEN_PROD', (v) => `TOKEN = os.getenv("API_TOKEN_PROD", "${v}")`, key],
    ['a Kotlin elvis fallback', (v) => `val token = System.getenv("API_TOKEN") ?: "${v}"`, key],
    ['a PHP ?: fallback', (v) => `$token = getenv('API_TOKEN') ?: '${v}';`, key],
    ['a PHP $_ENV fallback', (v) => `$token = $_ENV['API_TOKEN'] ?? '${v}';`, key],
    ['a Ruby ENV[] fallback', (v) => `token = ENV["API_TOKEN"] || "${v}"`, key],
    ['a Ruby ENV.fetch block', (v) => `token = ENV.fetch("API_TOKEN") { "${v}" }`, key],
    ['a process.env[] fallback', (v) => `const t = process.env["API_TOKEN"] || "${v}";`, key],
    ['an import.meta.env fallback', (v) => `const t = import.meta.env.VITE_API_TOKEN ?? "${v}";`, key],
    ['a Java Optional fallback', (v) => `String t = Optional.ofNullable(System.getenv("API_TOKEN")).orElse("${v}");`, key],
    ['a C# ?? fallback', (v) => `var t = Environment.GetEnvironmentVariable("API_TOKEN") ?? "${v}";`, key],
    ['a key after &amp; in an HTML URL', (v) => `<script src="https://api.acme.net/js?v=3&amp;key=${v}&amp;callback=init"></script>`, () => rnd('0123456789abcdef', 32)],
    ['a password in prose after is:', (v) => `The password is: "${v}"`, pw],
    ['a password in prose set to a value', (v) => `the password was set to "${v}" for the demo`, pw],
    ['a JWK with its members sorted (d before kty)', (v) => `{"crv":"P-256","d":"${v}","kty":"EC","x":"${rnd(AN, 43)}","y":"${rnd(AN, 43)}"}`, () => rnd(AN + '-_', 43)],
    ['a JWK in a JavaScript object', (v) => `const jwk = { kty: 'EC', crv: 'P-256', x: '${rnd(AN, 43)}', d: '${v}' };`, () => rnd(AN + '-_', 43)],
    ['a symmetric JWK in YAML', (v) => `jwks:\n  keys:\n    - kty: oct\n      kid: hmac-1\n      k: ${v}\n`, () => rnd(AN + '-_', 43)],
    ['a .netrc entry for a bare host name', (v) => `machine buildbox login deploy password ${v}`, pw],
    ['a .netrc plain-word password for a host', (v) => `machine git.internal login deploy password ${v}`, () => rnd('abcdefghijklmnopqrstuvwxyz', 9)],
    ['a chosen password as the fallback of a lookup', (v) => `DB_PASSWORD = os.getenv("DB_PASSWORD", "${v}")`, pw],
    ['a token as a shell default, without the dash', (v) => `API_TOKEN: \${API_TOKEN:-${v}}`, key],
    ['a password as a shell default', (v) => `REDIS_PASSWORD: "\${REDIS_PASSWORD:=${v}}"`, pw],
    ['an encoded PEM key wrapped at 76 columns', (v) => `key.b64: |\n  ${v}\n  ${rnd(AN, 76)}\n`, () => b64(`-----BEGIN RSA PRIVATE KEY-----\n${rnd(AN, 64)}\n`).slice(0, 76)],
    ['an encoded PGP private key with armour headers', (v) => `PGP_KEY=${v}`, () => b64(`-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${rnd(AN, 64)}\n${rnd(AN, 64)}\n-----END PGP PRIVATE KEY BLOCK-----\n`)],
    ['a Token scheme inside a variable', (v) => `acme_token: "Token ${v}"`, key],
    ['a Basic scheme inside a variable', (v) => `acme_api_key: "Basic ${v}"`, () => b64(`deploy:${pw()}`)],
    ['a django-environ default', (v) => `SECRET_KEY = env("SECRET_KEY", default="${v}")`, key],
    ['a django-environ typed default', (v) => `SECRET_KEY = env.str("SECRET_KEY", default="${v}")`, key],
    ['a python-decouple default', (v) => `SECRET_KEY = config("SECRET_KEY", default="${v}")`, key],
    ['mysql -p with a quoted password attached', (v) => `mysql -u app -p'${v}' appdb`, pw],
    ['a dashed key in a URL query', (v) => `https://maps.acme.net/api/js?key=${v}&callback=init`, () => `${rnd(AN, 7)}-${rnd(AN, 16)}-${rnd(AN, 14)}`],
  ];
  it.each(leaks)('%s', (_name, line, make) => {
    const value = make();
    expect(found(line(value))).toContain(value);
  });
});
