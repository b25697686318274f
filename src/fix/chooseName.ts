import { builtinContentRules } from '../rules/index.js';

/**
 * The environment variable a key moves to. The provider's conventional name (the one its SDK reads:
 * OPENAI_API_KEY, STRIPE_SECRET_KEY) unless the code already gave the value a telling name of its
 * own (`billingStripeKey` → BILLING_STRIPE_KEY); a name that says nothing beyond "key" or "token"
 * (`apiKey`, `token`, `Authorization`) yields to the provider's.
 */

/** Conventional names for rules whose fix hint names none. Rules as data. */
const PROVIDER_NAMES: Record<string, string> = {
  'openai-api-key': 'OPENAI_API_KEY',
  'anthropic-api-key': 'ANTHROPIC_API_KEY',
  'aws-access-key-id': 'AWS_ACCESS_KEY_ID',
  'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
  'aws-bedrock-api-key': 'AWS_BEARER_TOKEN_BEDROCK',
  'google-api-key': 'GOOGLE_API_KEY',
  'github-token': 'GITHUB_TOKEN',
  'gitlab-token': 'GITLAB_TOKEN',
  'slack-token': 'SLACK_BOT_TOKEN',
  'slack-app-token': 'SLACK_APP_TOKEN',
  'slack-webhook-url': 'SLACK_WEBHOOK_URL',
  'discord-bot-token': 'DISCORD_TOKEN',
  'discord-webhook-url': 'DISCORD_WEBHOOK_URL',
  'telegram-bot-token': 'TELEGRAM_BOT_TOKEN',
  'twilio-api-key': 'TWILIO_API_KEY',
  'npm-access-token': 'NPM_TOKEN',
  'npmrc-auth': 'NPM_TOKEN',
  'pypi-upload-token': 'PYPI_TOKEN',
  'rubygems-api-key': 'GEM_HOST_API_KEY',
  'docker-hub-token': 'DOCKERHUB_TOKEN',
  'sentry-token': 'SENTRY_AUTH_TOKEN',
  'sentry-access-token': 'SENTRY_AUTH_TOKEN',
  'shopify-token': 'SHOPIFY_ACCESS_TOKEN',
  'mailchimp-api-key': 'MAILCHIMP_API_KEY',
  'postmark-server-token': 'POSTMARK_SERVER_TOKEN',
  'azure-ad-client-secret': 'AZURE_CLIENT_SECRET',
  'azure-storage-account-key': 'AZURE_STORAGE_KEY',
  'azure-devops-pat': 'AZURE_DEVOPS_EXT_PAT',
  'terraform-cloud-token': 'TF_TOKEN_app_terraform_io',
  'vault-token': 'VAULT_TOKEN',
  'authorization-header': 'AUTH_TOKEN',
  'curl-basic-auth': 'API_PASSWORD',
  jwt: 'AUTH_TOKEN',
  'jwt-base64': 'AUTH_TOKEN',
  'generic-secret-assignment': 'SECRET',
};

/** URL schemes and the name their connection string conventionally has. */
const URL_NAMES: Record<string, string> = {
  postgres: 'DATABASE_URL', postgresql: 'DATABASE_URL', mysql: 'DATABASE_URL', mariadb: 'DATABASE_URL',
  sqlserver: 'DATABASE_URL', mssql: 'DATABASE_URL', 'mongodb+srv': 'MONGODB_URI', mongodb: 'MONGODB_URI',
  redis: 'REDIS_URL', rediss: 'REDIS_URL', amqp: 'AMQP_URL', amqps: 'AMQP_URL', ftp: 'FTP_URL', sftp: 'SFTP_URL',
};

/** Words that alone say only "a credential": such a variable name is replaced by the provider's. */
const GENERIC_WORDS = new Set(
  ('API KEY KEYS APIKEY SECRET SECRETS TOKEN TOKENS APITOKEN ACCESS AUTH AUTHORIZATION BEARER CLIENT PRIVATE PASSWORD PASS PWD PASSWD ' +
    'CREDENTIAL CREDENTIALS CREDS VALUE HEADER HEADERS MY THE DEFAULT CONFIG SETTINGS URL URI DSN CONNECTION CONN STRING STR ' +
    'SK PK RK DB DATABASE').split(' '),
);

const NOT_NAMES = new Set(['const', 'let', 'var', 'val', 'return', 'string', 'String', 'str', 'final', 'static', 'new', 'await', 'yield', 'in', 'of', 'case', 'default', 'ENV', 'ARG', 'LABEL', 'RUN']);

export function toEnvName(identifier: string): string {
  const snake = identifier
    .replace(/^\$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  const name = /^[0-9]/.test(snake) ? `_${snake}` : snake;
  return name.slice(0, 64);
}

/** The variable, key or argument name the literal is assigned to, read from the text before it on the line. */
export function assignedName(before: string): string | null {
  const tests = [
    /(?:^|[^\w$])([A-Za-z_$][\w$]*)\s*:\s*[\w$.<>[\]|? ]+?\s*=\s*$/, // TypeScript `key: string = `
    /\bvar\s+([A-Za-z_]\w*)\s+[\w.*[\]]+\s*=\s*$/, // Go `var key string = `
    /(?:^|[^\w$])([A-Za-z_$][\w$.-]*?)["']?\s*(?::=|=>|\?\?=|\|\|=|=|:)\s*$/,
    /["']([\w.-]+)["']\s*(?::|=>|,)\s*$/, // "api_key": …, 'api_key' => …, set("X-Api-Key", …)
    /\b(?:ENV|ARG)\s+([A-Za-z_]\w*)\s+$/, // Dockerfile `ENV KEY value`
  ];
  for (const t of tests) {
    const m = t.exec(before);
    if (m && !NOT_NAMES.has(m[1])) return m[1];
  }
  return null;
}

function hintName(ruleId: string): string | null {
  const rule = builtinContentRules.find((r) => r.id === ruleId);
  const m = rule ? /environment \(([A-Z][A-Z0-9_]+)\)/.exec(rule.fix) : null;
  return m ? m[1] : null;
}

/** The provider's conventional name for a key of this rule. */
export function providerName(ruleId: string, value: string): string {
  if (ruleId === 'url-password') {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1].toLowerCase();
    return (scheme && URL_NAMES[scheme]) ?? (scheme ? `${toEnvName(scheme)}_URL` : 'DATABASE_URL');
  }
  return PROVIDER_NAMES[ruleId] ?? hintName(ruleId) ?? toEnvName(ruleId);
}

export function chooseName(ruleId: string, value: string, variable: string | null): string {
  const provider = providerName(ruleId, value);
  if (!variable) return provider;
  const own = toEnvName(variable);
  // `k`, `x`, `s`: a name too short to say anything.
  if (own.length < 3) return provider;
  const words = own.split('_').filter(Boolean);
  // `stripeKey`, `AWS_KEY`: nothing the provider's name does not say better.
  const providerWords = new Set(provider.split('_'));
  if (words.every((w) => GENERIC_WORDS.has(w) || providerWords.has(w))) return provider;
  return own;
}

/**
 * A name not yet used for another value: the same value under the same name is reused,
 * a different one gets `_2`, `_3`….
 */
export function uniqueName(base: string, value: string, taken: Map<string, string | null>): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(name)) return name;
    if (taken.get(name) === value) return name;
  }
}
