import { afterAll, describe, expect, it } from 'vitest';
import { builtinContentRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { cleanupRepos, makeRepo } from './helpers/repo.js';
import { seeded } from './helpers/keys.js';

/**
 * Ordinary code in the languages teams write must not stop a commit: scope operators, method
 * references, comparisons, markup, property and format strings, PEM-handling code. Each language
 * also carries a real hard-coded secret, so the quiet is not bought by going blind.
 * Every sample here is code written for this test.
 */
afterAll(cleanupRepos);

const detect = createDetector(builtinContentRules);
const find = (text: string, path: string) => detect({ path, text }).map((f) => `${f.rule}:${f.redacted}`);
const rnd = seeded(0x9c0de);
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// A chosen password and a machine-made key, assembled at run time.
const PASSWORD = `${rnd(AN, 6)}!${rnd(AN, 5)}`;
const KEY = rnd(AN, 40);

const code: Record<string, { path: string; quiet: string; leak: string }> = {
  php: {
    path: 'src/Auth/PasswordController.php',
    quiet: [
      '<?php',
      'const ResetLinkSent = PasswordBroker::RESET_LINK_SENT;',
      'ResetPassword::$createUrlCallback = null;',
      '$status = Password::sendResetLink($request->only("email"));',
      "if ($token::isExpired()) { return; }",
      "$casts = ['secret_array' => 'encrypted:array', 'secret_json' => 'encrypted:json'];",
      '$html = \'<a href="https://example.com/reset-password=\' . bin2hex(random_bytes(16)) . \'">reset</a>\';',
      "if ($request->password === $confirm) { $ok = true; }",
      "'redis' => ['url' => 'redis://h:asdfqwer1234asdf@cache.internal:6379'],",
      "$options = ['password' => 'hunter42'];",
      // Validation rules: Laravel's pipe-separated rule strings, after a password field.
      "$request->validate(['password' => 'required|min:8|confirmed']);",
      "'password'                           => 'nullable|string|max:255|different:current_password',",
      "$rules = ['password' => 'sometimes|required_with:password_confirmation|same:password_confirmation'];",
    ].join('\n'),
    leak: `<?php\nreturn ['password' => '${PASSWORD}'];\n`,
  },
  ruby: {
    path: 'app/models/session.rb',
    quiet: [
      'config.middleware.use HostAuthorization::ALLOWED_HOSTS',
      'token = Token::Generator.new(length: 32)',
      'return false unless user.password == params[:password]',
      'secret_key_base = Rails.application.credentials.secret_key_base',
      'api_key = ENV.fetch("API_KEY")',
    ].join('\n'),
    leak: `SECRET_TOKEN = "${KEY}"\n`,
  },
  java: {
    path: 'src/main/java/com/acme/KeyLoader.java',
    quiet: [
      'encoders.put("pbkdf2", Pbkdf2PasswordEncoder::defaultsForSpringSecurity_v5_8);',
      'map.from(token::getAuthorizationCodeTimeToLive).to(builder::authorizationCodeTimeToLive);',
      'String accessKey = "management.endpoint.%s.access".formatted(endpointId);',
      '.withPropertyValues("spring.ldap.password:secret", "spring.ldap.anonymous-read-only:true")',
      '@DataJpaTest(properties = { "spring.sql.init.password=secret", "spring.sql.init.schema-locations=classpath:db/schema.sql" })',
      'Set<String> excluded = Set.of("org.apache.commons.dbcp2.BasicDataSource#getPassword");',
      'String body = pem.replace("-----BEGIN PRIVATE KEY-----\\n", "");',
      'body = body.replace("-----END PRIVATE KEY-----", "");',
      'body = body.replace("\\n", "");',
    ].join('\n'),
    leak: `class Db {\n  private static final String PASSWORD = "${PASSWORD}";\n}\n`,
  },
  kotlin: {
    path: 'src/main/kotlin/Client.kt',
    quiet: [
      'val tokenStore = TokenStore::class.java',
      'if (token == null || token != expected) return false',
      'val passwordEncoder: PasswordEncoder = BCryptPasswordEncoder()',
      'val key = "cache.{0}.token".format(region)',
    ].join('\n'),
    leak: `val apiToken: String = "${KEY}"\n`,
  },
  go: {
    path: 'internal/auth/client.go',
    quiet: [
      'if token == "" || token != expected {',
      'secret := os.Getenv("CLIENT_SECRET")',
      'var tokenSource oauth2.TokenSource = conf.TokenSource(ctx, tok)',
      'password, err := term.ReadPassword(int(syscall.Stdin))',
    ].join('\n'),
    leak: `const clientSecret = "${KEY}"\n`,
  },
  python: {
    path: 'app/settings.py',
    quiet: [
      'if password == confirm_password:',
      'SECRET_KEY = os.environ["SECRET_KEY"]',
      'token = request.headers.get("Authorization")',
      'password_field = forms.CharField(widget=forms.PasswordInput)',
    ].join('\n'),
    leak: `DATABASE_PASSWORD = "${PASSWORD}"\n`,
  },
  csharp: {
    path: 'src/Api/Startup.cs',
    quiet: [
      'var token = await _tokenService.CreateAsync(user);',
      'if (password != model.ConfirmPassword) return BadRequest();',
      'services.Configure<TokenOptions>(Configuration.GetSection("Token"));',
      'string apiKey = Environment.GetEnvironmentVariable("API_KEY");',
    ].join('\n'),
    leak: `const string ApiKey = "${KEY}";\n`,
  },
  'minified javascript': {
    path: 'dist/plugin.min.js',
    quiet: [
      'if(lastSignificantToken==="?NonExpressionParenKeyword")s.push({t:1});',
      'nextLastSignificantToken="?InterpolationInJSX";',
      'e.token===t&&(n.password!==r.password||o())',
      'o.credentials=e.crossOrigin==="use-credentials"?"include":"omit"',
    ].join(''),
    leak: `var a={apiKey:"${KEY}"};`,
  },
  html: {
    path: 'templates/login.html',
    quiet: [
      '<label for="password" id="password-label">Password</label>',
      '<input type="password" name="password" id="current-password" autocomplete="current-password">',
    ].join('\n'),
    leak: `<input type="hidden" name="api_token" value="${KEY}">\n`,
  },
};

describe('quiet on code', () => {
  it.each(Object.entries(code))('%s: code is quiet, a hard-coded secret is not', (_lang, { path, quiet, leak }) => {
    expect(find(quiet, path)).toEqual([]);
    expect(find(leak, path).length, leak).toBeGreaterThan(0);
  });

  it('a password a GitHub Actions service container starts with is quiet, in the container and in the step that connects', () => {
    const workflow = [
      'jobs:',
      '  test:',
      '    services:',
      '      db:',
      '        image: postgres:16',
      '        env:',
      `          POSTGRES_PASSWORD: ${PASSWORD}`,
      '    steps:',
      '      - run: npm test',
      '        env:',
      `          DB_PASSWORD: ${PASSWORD}`,
    ].join('\n');
    expect(find(workflow, '.github/workflows/ci.yml')).toEqual([]);
    // The same text anywhere else is a leak, and so is a registry password for pulling the image.
    expect(find(workflow, 'deploy/compose.yml').length).toBeGreaterThan(0);
    const pull = workflow.replace('        env:\n          POSTGRES', '        credentials:\n          username: ci\n          password: x\n        env:\n          POSTGRES')
      .replace(`DB_PASSWORD: ${PASSWORD}`, `REGISTRY_PASSWORD: ${rnd(AN, 10)}!x`);
    expect(find(pull, '.github/workflows/ci.yml').length).toBeGreaterThan(0);
  });

  it('a private key embedded in Java is still found, with the code that strips its armour beside it', () => {
    const body = Array.from({ length: 6 }, () => rnd(AN + '+/', 64)).join('\n');
    const java = `String pem = """\n-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----""";\nString raw = pem.replace("-----BEGIN PRIVATE KEY-----\\n", "");\nraw = raw.replace("-----END PRIVATE KEY-----", "");\n`;
    expect(find(java, 'src/test/java/KeyTests.java').filter((f) => f.startsWith('private-key:'))).toHaveLength(1);
  });
});

describe('quiet on code, through the hook a user runs', () => {
  it('a commit of code in eight languages passes; the same commit with a password in it is stopped', () => {
    const repo = makeRepo();
    for (const { path, quiet } of Object.values(code)) repo.write(path, `${quiet}\n`);
    repo.git(['add', '-A']);
    const clean = repo.keyguard(['check']);
    expect(clean.stdout + clean.stderr).not.toMatch(/generic-secret|private-key/);
    expect(clean.code).toBe(0);
    repo.write(code.java.path, `${code.java.quiet}\n${code.java.leak}`);
    repo.git(['add', '-A']);
    const leak = repo.keyguard(['check']);
    expect(leak.code).toBe(1);
    expect(leak.stdout).toContain('KeyLoader.java');
  });
});
