/**
 * A positive and a negative sample for every built-in content rule, written for keyguard's own
 * tests from each provider's documented key format. Keys are generated at run time (seeded, so
 * runs are repeatable) and assembled from pieces: no complete key sits in the repository's source.
 *
 * `positive` is a line a user could commit; `secret` is the part that must never be printed whole.
 * `negative` is a near miss that this rule must not report (wrong length, prefix, case, context,
 * or a placeholder).
 */
import { seeded } from './keys.js';
import { UP, LO, DI, AN, LAN, UAN, HEX, B64, URLSAFE } from './keys.js';
import { githubChecksum } from '../../src/detect/validators.js';

const rnd = seeded(0x5eed4);

const r = (alphabet: string, n: number) => rnd(alphabet, n);
const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');
const uuid = () => [r(HEX, 8), r(HEX, 4), r(HEX, 4), r(HEX, 4), r(HEX, 12)].join('-');
const j = (...parts: string[]) => parts.join('');

export interface RuleSample {
  rule: string;
  positive: string;
  secret: string;
  negative: string;
}

function s(rule: string, make: () => { secret: string; line?: (k: string) => string; negative: string }): RuleSample {
  const { secret, line, negative } = make();
  return { rule, secret, positive: line ? line(secret) : `value = "${secret}"`, negative };
}

const jwtOf = (payload: object) =>
  [b64url('{"alg":"HS256","typ":"JWT"}'), b64url(JSON.stringify(payload)), r(URLSAFE, 43)].join('.');
const pem = (kind: string) =>
  [`-----BEGIN ${kind}PRIVATE KEY-----`, ...Array.from({ length: 6 }, () => r(B64, 64)), `-----END ${kind}PRIVATE KEY-----`].join('\n');

export const ruleSamples: RuleSample[] = [
  // AI
  s('openai-api-key', () => ({ secret: j('sk-', 'proj-', r(URLSAFE, 74)), negative: j('sk-', 'proj-', r(AN, 12)) })),
  s('anthropic-api-key', () => ({ secret: j('sk-ant-', 'api03-', r(URLSAFE, 93), 'AA'), negative: j('sk-ant-', 'api03-', r(URLSAFE, 93), 'BB') })),
  s('huggingface-token', () => ({ secret: j('hf', '_', r(UP + LO, 34)), negative: j('hf', '_', 'requiredCharacteristicTypes') })),
  s('replicate-api-token', () => ({ secret: j('r8', '_', r(AN, 37)), negative: j('r8', '_', r(AN, 20)) })),
  s('groq-api-key', () => ({ secret: j('gsk', '_', r(AN, 52)), negative: j('gsk', '_', r(AN, 30)) })),
  s('perplexity-api-key', () => ({ secret: j('pplx', '-', r(AN, 48)), negative: j('pplx', '-', r(AN, 47)) })),
  s('xai-api-key', () => ({ secret: j('xai', '-', r(AN, 80)), negative: j('xai', '-', r(AN, 40)) })),
  s('cohere-api-key', () => ({ secret: r(LAN, 40), line: (k) => `COHERE_API_KEY=${k}`, negative: `cohere_model = "${r(LAN, 40)}x"` })),
  // Cloud
  s('aws-access-key-id', () => ({ secret: j('AKIA', r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)), negative: j('AKIA', 'IOSFODNN7', 'EXAMPLE') })),
  s('aws-secret-access-key', () => ({ secret: r(AN + '+/', 40), line: (k) => `aws_secret_access_key = ${k}`, negative: `aws_secret_access_key = ${r(AN, 20)}` })),
  s('aws-bedrock-api-key', () => ({ secret: j('ABSK', r(AN, 132)), negative: j('ABSK', r(AN, 40)) })),
  s('google-api-key', () => ({ secret: j('AIza', 'Sy', r(URLSAFE, 33)), negative: j('AIza', 'Sy', r(URLSAFE, 20)) })),
  s('azure-ad-client-secret', () => ({ secret: j(r(AN, 3), '8Q~', r(AN + '_~.-', 34)), negative: `.ui.visible.right.sidebar~.ui.visible.left.sidebar~.pusher` })),
  s('azure-storage-account-key', () => ({
    secret: j(r(AN + '+/', 86), '=='),
    line: (k) => `DefaultEndpointsProtocol=https;AccountName=store;AccountKey=${k};EndpointSuffix=core.windows.net`,
    negative: `AccountKey=${r(AN, 30)}==`,
  })),
  s('alibaba-access-key-id', () => ({ secret: j('LTAI', r(AN, 20)), negative: j('LTAI', r(AN, 6)) })),
  s('alibaba-secret-key', () => ({ secret: r(LAN, 30), line: (k) => `alibaba_secret = "${k}"`, negative: `alibaba_region = "${r(LAN, 30)}"` })),
  s('digitalocean-token', () => ({ secret: j('dop', '_v1_', r(HEX, 64)), negative: j('dop', '_v1_', r(HEX, 32)) })),
  s('heroku-api-key', () => ({ secret: j('HRKU', '-AA', r(URLSAFE, 58)), negative: j('HRKU', '-AA', r(URLSAFE, 20)) })),
  s('heroku-api-key-legacy', () => ({ secret: uuid(), line: (k) => `HEROKU_API_KEY=${k}`, negative: `HEROKU_APP_NAME=${uuid()}` })),
  s('cloudflare-origin-ca-key', () => ({ secret: j('v1.0', '-', r(HEX, 24), '-', r(HEX, 146)), negative: j('v1.0', '-', r(HEX, 24)) })),
  s('cloudflare-token', () => ({ secret: j('cfut', '_', r(AN, 48)), negative: j('cfut', '_', r(AN, 30)) })),
  s('cloudflare-api-key', () => ({ secret: r(LAN + '_-', 40), line: (k) => `CLOUDFLARE_API_TOKEN: ${k}`, negative: `cloudflareZone: ${r(LAN, 40)}` })),
  s('flyio-token', () => ({ secret: j('fo1', '_', r(URLSAFE, 43)), negative: j('fo1', '_', r(AN, 20)) })),
  s('vercel-token', () => ({ secret: r(LAN, 24), line: (k) => `VERCEL_TOKEN=${k}`, negative: `VERCEL_TOKEN=${r(LAN, 12)}` })),
  s('netlify-token', () => ({ secret: r(LAN + '_-', 43), line: (k) => `NETLIFY_AUTH_TOKEN=${k}`, negative: `NETLIFY_SITE_NAME=${r(LAN, 43)}` })),
  s('scalingo-api-token', () => ({ secret: j('tk-us', '-', r(URLSAFE, 48)), negative: j('tk-us', '-', r(AN, 20)) })),
  s('yandex-cloud-credential', () => ({ secret: j('AQVN', r(URLSAFE, 36)), negative: j('AQVN', r(AN, 10)) })),
  s('doppler-token', () => ({ secret: j('dp.pt', '.', r(AN, 43)), negative: j('dp.pt', '.', r(AN, 10)) })),
  s('pulumi-access-token', () => ({ secret: j('pul', '-', r(HEX, 40)), negative: j('pul', '-', r(HEX, 20)) })),
  s('terraform-cloud-token', () => ({ secret: j(r(LAN, 14), '.atlas', 'v1.', r(LAN + '_-', 67)), negative: j(r(LAN, 14), '.atlas', 'v1.', r(LAN, 10)) })),
  s('vault-token', () => ({ secret: j('hvs', '.', r(URLSAFE, 95)), negative: 's.makeKubeConfigController = args' })),
  s('openshift-user-token', () => ({ secret: j('sha256', '~', r(URLSAFE, 43)), negative: j('sha256', '~', r(AN, 12)) })),
  s('infracost-api-token', () => ({ secret: j('ico', '-', r(AN, 32)), negative: `video_box.ico-${r(HEX, 32)}.png` })),
  s('octopus-deploy-api-key', () => ({ secret: j('API', '-', r(UAN, 26)), negative: j('API', '-', r(UAN, 10)) })),
  s('harness-api-key', () => ({ secret: j('pat', '.', r(URLSAFE, 22), '.', r(AN, 24), '.', r(AN, 20)), negative: j('pat', '.', r(AN, 10), '.', r(AN, 10)) })),
  s('prefect-api-key', () => ({ secret: j('pnu', '_', r(AN, 36)), negative: j('pnu', '_', r(AN, 20)) })),
  s('defined-networking-api-token', () => ({ secret: j('dnkey', '-', r(LAN, 26), '-', r(LAN, 52)), negative: j('dnkey', '-', r(LAN, 10)) })),
  s('ibm-cloud-iam-key', () => ({ secret: r(URLSAFE, 44), line: (k) => `ibm-cloud-key: ${k}`, negative: `ibm_region: ${r(LAN, 44)}` })),
  s('softlayer-api-key', () => ({ secret: r(HEX, 64), line: (k) => `SOFTLAYER_API_KEY=${k}`, negative: `SOFTLAYER_USERNAME=${r(LAN, 12)}` })),
  s('fastly-api-token', () => ({ secret: r(LAN + '_-', 32), line: (k) => `FASTLY_API_TOKEN="${k}"`, negative: `FASTLY_SERVICE_NAME="${r(LAN, 32)}"` })),
  // Source hosts and CI
  s('github-token', () => ({ secret: j('ghp', '_', r(AN, 36)), negative: j('ghp', '_', r(AN, 20)) })),
  s('gitlab-token', () => ({ secret: j('glpat', '-', r(URLSAFE, 20)), negative: j('glpat', '-', r(AN, 8)) })),
  s('gitlab-session-cookie', () => ({ secret: r(LAN, 32), line: (k) => `Cookie: _gitlab_session=${k}`, negative: `_gitlab_session=${r(LAN, 10)}` })),
  s('bitbucket-app-password', () => ({ secret: j('ATBB', r(AN, 32)), negative: j('ATBB', r(AN, 8)) })),
  s('bitbucket-client-secret', () => ({ secret: r(LAN, 32), line: (k) => `BITBUCKET_CLIENT_ID=${k}`, negative: `BITBUCKET_WORKSPACE=${r(LAN, 20)}` })),
  s('atlassian-api-token', () => ({ secret: j(r(LAN, 20), r(HEX, 4)), line: (k) => `JIRA_API_TOKEN=${k}`, negative: `JIRA_PROJECT=${r(LAN, 24)}` })),
  s('circleci-token', () => ({ secret: j('CCIPAT', '_', r(AN, 22), '_', r(HEX, 40)), negative: j('CCIPAT', '_', r(AN, 10)) })),
  s('sourcegraph-access-token', () => ({ secret: j('sgp', '_', r(HEX, 16), '_', r(HEX, 40)), negative: j('sgp', '_', r(HEX, 16), '_', r(HEX, 20)) })),
  s('sourcegraph-access-token-legacy', () => ({ secret: r(HEX, 40), line: (k) => `SRC_ACCESS_TOKEN=${k}`, negative: `SOURCEGRAPH_URL=https://sourcegraph.example.com/${r(HEX, 40)}` })),
  s('sonarqube-token', () => ({ secret: j('squ', '_', r(HEX, 40)), negative: j('squ', '_', r(HEX, 20)) })),
  s('snyk-api-token', () => ({ secret: uuid(), line: (k) => `SNYK_TOKEN=${k}`, negative: `SNYK_ORG_ID=${r(HEX, 8)}` })),
  s('jfrog-token', () => ({ secret: j('AKCp', r(AN, 69)), negative: j('AKCp', r(AN, 20)) })),
  s('jfrog-identity-token', () => ({ secret: r(LAN, 64), line: (k) => `JFROG_ACCESS_TOKEN=${k}`, negative: `JFROG_URL=https://example.jfrog.io` })),
  s('postman-api-key', () => ({ secret: j('PMAK', '-', r(HEX, 24), '-', r(HEX, 34)), negative: j('PMAK', '-', r(HEX, 10)) })),
  s('readme-api-key', () => ({ secret: j('rdme', '_', r(LAN, 70)), negative: j('rdme', '_', r(LAN, 20)) })),
  s('linear-api-key', () => ({ secret: j('lin_api', '_', r(AN, 40)), negative: j('lin_api', '_', r(AN, 20)) })),
  s('notion-api-token', () => ({ secret: j('ntn', '_', r(DI, 11), r(AN, 35)), negative: j('ntn', '_', r(AN, 20)) })),
  s('typeform-api-token', () => ({ secret: j('tfp', '_', r(LAN + '_-', 59)), negative: j('tfp', '_', r(LAN, 20)) })),
  s('frameio-api-token', () => ({ secret: j('fio-u', '-', r(LAN + '_-', 64)), negative: j('fio-u', '-', r(LAN, 20)) })),
  s('settlemint-token', () => ({ secret: j('sm_pat', '_', r(AN, 16)), negative: j('sm_pat', '_', r(AN, 8)) })),
  // Payments
  s('stripe-secret-key', () => ({ secret: j('sk', '_live_', r(AN, 24)), negative: j('task', '_test_', r(LAN, 30)) })),
  s('stripe-webhook-secret', () => ({ secret: j('whsec', '_', r(AN, 32)), negative: j('whsec', '_', r(AN, 16)) })),
  s('square-token', () => ({ secret: j('sq0csp', '-', r(URLSAFE, 43)), negative: j('sq0csp', '-', r(AN, 20)) })),
  s('braintree-access-token', () => ({ secret: j('access_token', '$production$', r(LAN, 16), '$', r(HEX, 32)), negative: j('access_token', '$production$', r(LAN, 16)) })),
  s('shopify-token', () => ({ secret: j('shpat', '_', r(HEX, 32)), negative: j('shpat', '_', r(HEX, 16)) })),
  s('easypost-api-key', () => ({ secret: j('EZAK', r(AN, 54)), negative: j('EZAK', r(AN, 20)) })),
  s('flutterwave-key', () => ({ secret: j('FLWSECK', '_TEST-', r('abcdefgh0123456789', 32), '-X'), negative: j('FLWSECK', '_TEST-', r('xyz', 32)) })),
  s('duffel-api-token', () => ({ secret: j('duffel', '_live_', r(URLSAFE, 43)), negative: j('duffel', '_live_', r(AN, 20)) })),
  s('gocardless-api-token', () => ({ secret: j('live', '_', r(LAN + '_-', 40)), line: (k) => `GOCARDLESS_ACCESS_TOKEN=${k}`, negative: `GOCARDLESS_ACCESS_TOKEN=sandbox_${r(LAN, 40)}` })),
  s('lob-api-key', () => ({ secret: j('live', '_', r(HEX, 35)), line: (k) => `LOB_API_KEY=${k}`, negative: `LOB_API_KEY=live_${r(HEX, 10)}` })),
  s('shippo-api-token', () => ({ secret: j('shippo', '_live_', r(HEX, 40)), negative: j('shippo', '_live_', r(HEX, 20)) })),
  s('plaid-access-token', () => ({ secret: j('access', '-sandbox-', uuid()), negative: j('access', '-sandbox-', r(HEX, 8)) })),
  s('razorpay-key', () => ({ secret: j('rzp', '_live_', r(AN, 14)), negative: j('rzp', '_live_', r(AN, 6)) })),
  // Messaging
  s('slack-token', () => ({ secret: j('xoxb', '-', r(DI, 12), '-', r(DI, 13), '-', r(AN, 24)), negative: j('xoxb', '-12345-', r(LAN, 7)) })),
  s('slack-app-token', () => ({ secret: j('xapp', '-1-', r(UAN, 11), '-', r(DI, 13), '-', r(LAN, 64)), negative: j('xapp', '-1-', r(UAN, 11)) })),
  s('slack-webhook-url', () => ({ secret: j('T', r(UAN, 8), '/B', r(UAN, 8), '/', r(AN, 24)), line: (k) => `url: https://hooks.slack.com/services/${k}`, negative: 'see https://hooks.slack.com/services for docs' })),
  s('discord-bot-token', () => ({ secret: j(b64(r(DI, 18)), '.', r(URLSAFE, 6), '.', r(URLSAFE, 38)), negative: j('NotificationServiceClien', '.prefix.', r(AN, 30)) })),
  s('discord-webhook-url', () => ({ secret: r(URLSAFE, 68), line: (k) => `https://discord.com/api/webhooks/${r(DI, 18)}/${k}`, negative: 'https://discord.com/api/webhooks/123/short' })),
  s('discord-client-credential', () => ({ secret: r(HEX, 64), line: (k) => `DISCORD_BOT_TOKEN=${k}`, negative: `DISCORD_CHANNEL=${r(HEX, 64)}` })),
  s('telegram-bot-token', () => ({ secret: j(r(DI, 10), ':AA', r(URLSAFE, 33)), line: (k) => `https://api.telegram.org/bot${k}/sendMessage`, negative: j(r(DI, 3), ':AA', r(URLSAFE, 33)) })),
  s('twilio-api-key', () => ({ secret: j('SK', r(HEX, 32)), negative: j('SK', r(HEX, 16)) })),
  s('sendgrid-api-key', () => ({ secret: j('SG', '.', r(URLSAFE, 22), '.', r(URLSAFE, 43)), negative: j('SG', '.', r(AN, 10)) })),
  s('brevo-api-key', () => ({ secret: j('xkeysib', '-', r(HEX, 64), '-', r(AN, 16)), negative: j('xkeysib', '-', r(HEX, 20)) })),
  s('mailgun-api-key', () => ({ secret: j('key', '-', r(HEX, 32)), negative: `cache-key-${r(HEX, 32)}` })),
  s('mailgun-signing-key', () => ({ secret: j(r('abcdefgh0123456789', 32), '-', r('abcdefgh0123456789', 8), '-', r('abcdefgh0123456789', 8)), line: (k) => `MAILGUN_WEBHOOK_SIGNING_KEY=${k}`, negative: `MAILGUN_DOMAIN=${r(LAN, 20)}` })),
  s('mailchimp-api-key', () => ({ secret: j(r(HEX, 32), '-us', '18'), negative: j(r(HEX, 20), '-us', '18') })),
  s('postmark-server-token', () => ({ secret: uuid(), line: (k) => `POSTMARK_SERVER_TOKEN=${k}`, negative: `POSTMARK_SERVER_TOKEN=${r(HEX, 8)}` })),
  s('microsoft-teams-webhook', () => ({
    secret: j(uuid(), '@', uuid(), '/IncomingWebhook/', r(HEX, 32), '/', uuid()),
    line: (k) => `https://contoso.webhook.office.com/webhookb2/${k}`,
    negative: 'https://contoso.webhook.office.com/webhookb2/short',
  })),
  s('twitter-bearer-token', () => ({ secret: j('A'.repeat(22), r(AN + '%', 90)), negative: j('A'.repeat(22), r(AN, 20)) })),
  s('facebook-access-token', () => ({ secret: j('EAA', r(AN, 120)), negative: j('EAA', r(AN, 40)) })),
  // Observability
  s('datadog-api-key', () => ({ secret: r(HEX, 32), line: (k) => `DD_API_KEY=${k}`, negative: `DD_SITE=${r(LAN, 20)}` })),
  s('new-relic-key', () => ({ secret: j('NRAK', '-', r(UAN, 27)), negative: j('NRAK', '-', r(UAN, 10)) })),
  s('new-relic-user-api-id', () => ({ secret: r(LAN, 64), line: (k) => `NEW_RELIC_API_KEY=${k}`, negative: `NEW_RELIC_APP_NAME=${r(LAN, 20)}` })),
  s('sentry-token', () => ({
    secret: j('sntrys', '_', b64(JSON.stringify({ iat: 1700000000, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })).replace(/=+$/, ''), '_', r(AN + '+/', 43)),
    negative: j('sntrys', '_', b64(JSON.stringify({ iat: 1700000000, url: 'https://sentry.io', org: 'acme' })).replace(/=+$/, ''), '_', r(AN, 20)),
  })),
  s('sentry-access-token', () => ({ secret: r(HEX, 64), line: (k) => `SENTRY_AUTH_TOKEN=${k}`, negative: `SENTRY_DSN_HASH=${r(HEX, 64)}` })),
  s('grafana-token', () => ({ secret: j('glsa', '_', r(AN, 32), '_', r(HEX, 8)), negative: j('glsa', '_', r(AN, 12)) })),
  s('dynatrace-api-token', () => ({ secret: j('dt0c01', '.', r(UAN, 24), '.', r(UAN, 64)), negative: j('dt0c01', '.', r(UAN, 24)) })),
  s('sumologic-access-key', () => ({ secret: j('su', r(AN, 12)), line: (k) => `SUMO_ACCESS_ID=${k}`, negative: `sumObj = su${r(AN, 12)}` })),
  s('launchdarkly-key', () => ({ secret: j('sdk', '-', uuid()), negative: j('sdk', '-', r(HEX, 8)) })),
  s('honeycomb-api-key', () => ({ secret: j('hcaik', '_', r(LAN, 58)), negative: j('hcaik', '_', r(LAN, 20)) })),
  // Data
  s('planetscale-token', () => ({ secret: j('pscale', '_tkn_', r(URLSAFE, 43)), negative: j('pscale', '_tkn_', r(AN, 12)) })),
  s('supabase-access-token', () => ({ secret: j('sbp', '_', r(HEX, 40)), negative: j('sbp', '_', r(HEX, 20)) })),
  s('databricks-api-token', () => ({ secret: j('dapi', r(HEX, 32)), negative: j('dapi', r(HEX, 16)) })),
  s('clickhouse-cloud-api-secret', () => ({ secret: j('4b1d', r(AN, 38)), negative: j('x4b1d', r(AN, 38)) })),
  s('airtable-token', () => ({ secret: j('pat', r(AN, 14), '.', r(HEX, 64)), negative: j('pat', r(AN, 14), '.', r(HEX, 20)) })),
  s('airtable-api-key', () => ({ secret: j('key', r(AN, 14)), line: (k) => `AIRTABLE_API_KEY=${k}`, negative: `AIRTABLE_BASE=${r(AN, 17)}x` })),
  s('algolia-admin-key', () => ({ secret: r(LAN, 32), line: (k) => `ALGOLIA_ADMIN_KEY=${k}`, negative: `ALGOLIA_INDEX=${r(LAN, 32)}` })),
  s('contentful-delivery-token', () => ({ secret: r(LAN + '_-', 43), line: (k) => `CONTENTFUL_ACCESS_TOKEN=${k}`, negative: `CONTENTFUL_SPACE=${r(LAN, 12)}` })),
  s('confluent-api-key', () => ({ secret: r(LAN, 64), line: (k) => `CONFLUENT_API_SECRET=${k}`, negative: `CONFLUENT_CLUSTER=${r(LAN, 12)}` })),
  s('mongodb-atlas-api-key', () => ({ secret: j('mdb_sa', '_sk_', r(URLSAFE, 48)), negative: j('mdb_sa', '_sk_', r(AN, 12)) })),
  // Registries
  s('npm-access-token', () => ({ secret: j('npm', '_', r(AN, 36)), line: (k) => `//registry.npmjs.org/:_authToken=${k}`, negative: `//registry.npmjs.org/:_authToken=\${NPM_TOKEN}` })),
  s('npmrc-auth', () => ({ secret: uuid(), line: (k) => `//registry.npmjs.org/:_authToken=${k}`, negative: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' })),
  s('pypi-upload-token', () => ({ secret: j('pypi-', 'AgEIcHlwaS5vcmc', r(URLSAFE, 70)), negative: j('pypi-', 'AgEIcHlwaS5vcmc', r(AN, 10)) })),
  s('rubygems-api-key', () => ({ secret: j('rubygems', '_', r(HEX, 48)), negative: j('rubygems', '_', r(HEX, 20)) })),
  s('nuget-api-key', () => ({ secret: j('oy2', r(LAN, 43)), negative: j('oy2', r(LAN, 20)) })),
  s('docker-hub-token', () => ({ secret: j('dckr', '_pat_', r(URLSAFE, 27)), negative: j('dckr', '_pat_', r(AN, 10)) })),
  s('clojars-api-token', () => ({ secret: j('CLOJARS', '_', r(LAN, 60)), negative: j('CLOJARS', '_', r(LAN, 20)) })),
  s('sidekiq-credentials', () => ({ secret: j(r(HEX, 8), ':', r(HEX, 8)), line: (k) => `export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${k}`, negative: `export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=$SIDEKIQ_CREDS` })),
  // Identity
  s('okta-api-token', () => ({ secret: j('00', r(URLSAFE, 40)), line: (k) => `OKTA_API_TOKEN=${k}`, negative: `rookTable = 00${r(AN, 40)}` })),
  s('auth0-client-secret', () => ({ secret: r(URLSAFE, 64), line: (k) => `AUTH0_CLIENT_SECRET=${k}`, negative: `AUTH0_DOMAIN=${r(LAN, 20)}.auth0.com` })),
  s('1password-secret-key', () => ({ secret: j('A3', '-', r(UAN, 6), '-', r(UAN, 11), '-', r(UAN, 5), '-', r(UAN, 5), '-', r(UAN, 5)), negative: j('A3', '-', r(UAN, 6), '-', r(UAN, 5)) })),
  s('1password-service-account-token', () => ({ secret: j('ops', '_eyJ', r(B64, 300)), negative: j('ops', '_eyJ', r(AN, 12), '..[Redacted]') })),
  s('authress-access-key', () => ({ secret: j('sc', '_', r(LAN, 12), '.', r(LAN, 5), '.acc', '_', r(LAN, 16), '.', r(LAN + '_-', 60)), negative: j('sc', '_', r(LAN, 12), '.acc', '_') })),
  s('jwt', () => ({ secret: jwtOf({ sub: r(DI, 8), name: 'Ada', iat: 1516239022 }), negative: j('eyJ', r(AN, 20), '.eyJ', r(AN, 20), '.sig') })),
  s('jwt-base64', () => ({ secret: b64(jwtOf({ sub: r(DI, 8), admin: true })), negative: j('ZXlK', r(AN, 60)) })),
  s('age-secret-key', () => ({ secret: j('AGE-SECRET', '-KEY-1', r('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)), negative: j('AGE-SECRET', '-KEY-1', 'Q'.repeat(58)) })),
  // The long tail
  s('mapbox-secret-token', () => ({ secret: j('sk', '.eyJ1Ijoi', r(URLSAFE, 40), '.', r(URLSAFE, 22)), negative: j('sk', '.eyJ1Ijoi', r(AN, 5)) })),
  s('dropbox-access-token', () => ({ secret: j('sl', '.', r(URLSAFE, 140)), negative: j('sl', '.', r(AN, 20)) })),
  s('figma-token', () => ({ secret: j('figd', '_', r(URLSAFE, 40)), negative: j('figd', '_', r(AN, 12)) })),
  s('aiven-token', () => ({ secret: j('AVNS', '_', r(AN, 19)), negative: j('AVNS', r(AN, 12)) })),
  s('intra42-client-secret', () => ({ secret: j('s-s4t2ud', '-', r(HEX, 64)), negative: j('s-s4t2ud', '-', r(HEX, 20)) })),
  s('adobe-client-secret', () => ({ secret: j('p8e', '-', r(LAN, 32)), negative: j('p8e', '-', r(LAN, 10)) })),
  s('adafruit-api-key', () => ({ secret: j('aio', '_', r(AN, 28)), negative: j('aio', '_', r(AN, 12)) })),
  s('rapidapi-key', () => ({ secret: r(LAN + '_-', 50), line: (k) => `X-RapidAPI-Key: ${k}`, negative: `X-RapidAPI-Host: ${r(LAN, 20)}.p.rapidapi.com` })),
  s('telnyx-api-key', () => ({ secret: j('KEY', r('0123456789ABCDEF', 32), '_', r(AN, 22)), negative: j('KEY', r('0123456789ABCDEF', 16)) })),
  s('azure-devops-pat', () => ({ secret: r('abcdefghijklmnopqrstuvwxyz234567', 52), line: (k) => `AZURE_DEVOPS_PAT=${k}`, negative: `AZURE_DEVOPS_ORG=${r(LAN, 20)}` })),
  s('keyed-uuid-token', () => ({ secret: uuid(), line: (k) => `MESSAGEBIRD_API_KEY=${k}`, negative: `messagebirdChannelName = "${r(LAN, 10)}"` })),
  s('private-key', () => ({ secret: '', line: () => pem('RSA '), negative: '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----' })),
  s('putty-private-key', () => ({
    secret: '',
    line: () =>
      ['PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: deploy', 'Public-Lines: 2', r(B64, 64), r(B64, 20), 'Private-Lines: 1', r(B64, 44), `Private-MAC: ${r(HEX, 64)}`].join('\n'),
    negative: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n',
  })),
  // Manifests
  s('kubernetes-secret', () => ({
    secret: b64(`${r(AN, 12)}:${r(AN, 20)}`),
    line: (k) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${k}\n`,
    negative: `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\ndata:\n  password: ${b64(r(AN, 24))}\n`,
  })),
  // Credentials in URLs, command lines and headers
  s('url-password', () => ({ secret: j(r(AN, 6), '-', r(AN, 10)), line: (k) => `DATABASE_URL=postgres://app:${k}@db.internal:5432/app`, negative: 'postgres://user:password@localhost:5432/app' })),
  s('curl-basic-auth', () => ({ secret: j(r(AN, 8), '!', r(AN, 6)), line: (k) => `curl --user deploy:${k} https://ci.internal/api`, negative: 'curl -u "$USER:$PASSWORD" https://ci.internal/api' })),
  s('authorization-header', () => ({ secret: r(AN, 40), line: (k) => `curl -H "Authorization: Bearer ${k}" https://api.internal`, negative: 'curl -H "Authorization: Bearer $TOKEN" https://api.internal' })),
  // Credential grammar: passwords are a person's choice (a word, digits, a mark), keys are random.
  s('password-label', () => ({ secret: j(r(AN, 5), '#', r(AN, 4)), line: (k) => `ssh admin@10.1.2.3 (ID: admin PW: ${k})`, negative: 'STENCIL_PASS_DEPTH_PASS: 0x0B96' })),
  s('sql-password', () => ({ secret: j(r(AN, 6), '!', r(AN, 3)), line: (k) => `CREATE USER 'app'@'%' IDENTIFIED BY '${k}';`, negative: "CREATE USER 'app'@'%' IDENTIFIED BY '${DB_PASSWORD}';" })),
  s('command-line-password', () => ({ secret: j(r(AN, 7), '_', r(AN, 4)), line: (k) => `backup-tool --user root --password ${k} --host db`, negative: 'docker login --username ci --password-stdin < token.txt' })),
  s('command-line-password-short-flag', () => ({ secret: j(r(AN, 6), '9', r(AN, 3)), line: (k) => `mysql -h db -u root -p${k} app < dump.sql`, negative: 'mysql -h db -u root -P 3306 -p app' })),
  s('curl-option-password', () => ({ secret: j(r(AN, 8), '%', r(AN, 4)), line: (k) => `curl_easy_setopt(curl, CURLOPT_USERPWD, "deploy:${k}");`, negative: 'curl_easy_setopt(curl, CURLOPT_USERPWD, userpwd);' })),
  s('powershell-securestring', () => ({ secret: j(r(AN, 7), '~', r(AN, 5)), line: (k) => `$pw = ConvertTo-SecureString "${k}" -AsPlainText -Force`, negative: '$pw = ConvertTo-SecureString $env:ADMIN_PASSWORD -AsPlainText -Force' })),
  s('credential-constructor', () => ({ secret: j(r(AN, 6), '@', r(AN, 5)), line: (k) => `client.Credentials = new NetworkCredential("svc-build", "${k}");`, negative: 'client.Credentials = new NetworkCredential(user, password);' })),
  s('netrc-password', () => ({ secret: j(r(AN, 9), '-', r(AN, 3)), line: (k) => `machine git.internal\n  login deploy\n  password ${k}\n`, negative: 'machine git.internal login deploy password $GIT_PASSWORD' })),
  s('docker-registry-auth', () => ({ secret: b64(`ci-bot:${r(AN, 10)}!${r(AN, 4)}`), line: (k) => `{"auths": {"registry.internal": {"auth": "${k}"}}}`, negative: `{"auths": {"registry.internal": {"auth": "${b64('user:<password>')}"}}}` })),
  s('connection-string-password', () => ({ secret: j(r(AN, 7), '$', r(AN, 4)), line: (k) => `"Server=sql.internal,1433;Database=app;User ID=app;Password=${k};"`, negative: '"Server=sql.internal;Database=app;Integrated Security=true;"' })),
  s('jdbc-inline-password', () => ({ secret: j(r(AN, 8), '#', r(AN, 2)), line: (k) => `url: jdbc:oracle:thin:app/${k}@db.internal:1521/ORCL`, negative: 'url: jdbc:oracle:thin:@db.internal:1521/ORCL' })),
  s('azure-sas-token', () => ({ secret: j(r(AN, 30), '%2B', r(AN, 10), '%2F', r(AN, 2), '%3D'), line: (k) => `https://acct.blob.core.windows.net/c/f.zip?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=${k}`, negative: 'https://acct.blob.core.windows.net/c/f.zip?sv=2022-11-02&sig=<signature>' })),
  s('jenkins-credential-secret', () => ({ secret: j('AQAAAB', r(B64, 80), '='), line: (k) => `<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <secret>{${k}}</secret>\n`, negative: '<password>{COQLCE6DU6GtcS5P}</password>' })),
  s('logged-credential', () => ({ secret: r(AN, 36), line: (k) => `2025-01-01 12:00:00 [DEBUG] Using Key=${k}`, negative: '[DEBUG] Using Key=<redacted>' })),
  s('labelled-key', () => ({ secret: r(AN, 32), line: (k) => `acmecrm_key = ${k}`, negative: `cache_key = ${r(AN, 32)}` })),
  s('password-in-prose', () => ({ secret: j(r(AN, 6), '+', r(AN, 4)), line: (k) => `The password for user 'deploy' is '${k}'.`, negative: 'The password is "required" for every account.' })),
  s('password-setting-suffix', () => ({ secret: j(r(AN, 7), '#', r(AN, 4)), line: (k) => `SMTPPASS=${k}`, negative: 'SMTPPASS=${SMTP_PASS}' })),
  s('environment-default-secret', () => ({ secret: r(AN, 32), line: (k) => `token = os.getenv("ACME_TOKEN") or "${k}"`, negative: 'token = os.getenv("ACME_TOKEN") or ""' })),
  s('url-query-key', () => ({ secret: r(AN, 32), line: (k) => `curl "https://api.acme.net/v2/items?limit=5&key=${k}"`, negative: 'curl "https://api.acme.net/v2/items?limit=5&key=sort-by-name"' })),
  s('private-key-base64', () => ({ secret: b64(pem('EC ')), line: (k) => `  tls.key: ${k}`, negative: `  ca.crt: ${b64(`-----BEGIN CERTIFICATE-----\n${r(B64, 64)}\n-----END CERTIFICATE-----\n`)}` })),
  s('jwk-private-key-sorted', () => ({ secret: r(URLSAFE, 43), line: (k) => `{"crv": "Ed25519", "d": "${k}", "kty": "OKP", "x": "${r(URLSAFE, 43)}"}`, negative: `{"crv": "Ed25519", "kty": "OKP", "x": "${r(URLSAFE, 43)}"}` })),
  s('jwk-private-key', () => ({ secret: r(URLSAFE, 43), line: (k) => `{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "${r(URLSAFE, 43)}", "d": "${k}"}]}`, negative: `{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "${r(URLSAFE, 43)}"}]}` })),
  s('maven-master-password', () => ({ secret: `${r(B64, 43)}=`, line: (k) => `<settingsSecurity><master>{${k}}</master></settingsSecurity>`, negative: '<settingsSecurity><relocation>/media/usb/settings-security.xml</relocation></settingsSecurity>' })),
  // Generic
  s('generic-secret-assignment', () => ({ secret: r(AN, 32), line: (k) => `const paymentApiKey = "${k}";`, negative: 'const paymentApiKey = process.env.PAYMENT_API_KEY;' })),
];

// Multi-line samples report their body; fill `secret` with what the rule will report.
for (const sample of ruleSamples) {
  if (sample.secret === '') {
    const m = /-----\r?\n([\s\S]*?)-----END|Private-Lines: \d+\r?\n((?:[A-Za-z0-9+/=]+\r?\n)+)/.exec(sample.positive);
    sample.secret = (m?.[1] ?? m?.[2] ?? '').trim();
  }
}
