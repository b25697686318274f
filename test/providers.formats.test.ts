import { describe, expect, it } from 'vitest';
import { builtinContentRules } from '../src/rules/index.js';
import { createDetector } from '../src/detect/createDetector.js';
import { AN, B64, DI, HEX, LAN, UAN, URLSAFE, seeded } from './helpers/keys.js';

/**
 * The documented forms of provider keys that the catalogue's first expressions left out: a key
 * id before a dot (Buildkite), EU-region and upper-case New Relic keys, an Atlassian checksum
 * whose `=` a properties file or URL escaped, Square sandbox secrets, and the names a provider's
 * key is written under. Each case: the form that must be found, and the near miss that must not.
 * Values are generated here (seeded), never copied from anywhere.
 */
const detect = createDetector(builtinContentRules);
const rnd = seeded(0xf0a11);
const r = (alphabet: string, n: number) => rnd(alphabet, n);
const j = (...parts: string[]) => parts.join('');
const uuid = () => [r(HEX, 8), r(HEX, 4), r(HEX, 4), r(HEX, 4), r(HEX, 12)].join('-');
const hexUpper = '0123456789ABCDEF';

interface Case {
  rule: string;
  form: string;
  secret: string;
  line: (secret: string) => string;
  miss: string;
}

const at = (rule: string, form: string, secret: string, line: (k: string) => string, miss: string): Case => ({ rule, form, secret, line, miss });

const cases: Case[] = [
  at('buildkite-user-token', 'API access token with its id before a dot', j('bkua', '_MTA.', r(HEX, 40)), (k) => `BUILDKITE_API_TOKEN=${k}`, `BUILDKITE_API_TOKEN=${j('bkua', '_MTA.', r(HEX, 20))}`),
  at('buildkite-user-token', 'agent session token', j('bkaa', '_MTA.', r(AN, 64)), (k) => `token: ${k}`, `token: ${j('bkaa', '_', r(AN, 12))}`),
  at('new-relic-license-key', 'EU-region license key', j('eu01x', r(HEX, 31), 'NRAL'), (k) => `license_key: ${k}`, `license_key: ${j('eu01x', r(HEX, 20), 'NRAL')}`),
  at('new-relic-license-key', 'license key in upper-case hex', j(r(hexUpper, 36), 'NRAL'), (k) => `NEW_RELIC_LICENSE_KEY=${k}`, `NEW_RELIC_LICENSE_KEY=${j(r(hexUpper, 30), 'NRAL')}`),
  at('new-relic-key', 'Insights query key', j('NRIQ', '-', r(URLSAFE, 32)), (k) => `"querykey": "${k}",`, `"querykey": "${j('NRIQ', '-', r(AN, 10))}",`),
  at('bitbucket-app-password', 'Atlassian token with the checksum `=` escaped', j('ATATT3', r(URLSAFE, 170), '\\=', r(hexUpper, 8)), (k) => `jira.token = ${k}`, `jira.token = ${j('ATATT3', r(URLSAFE, 40), '\\=', r(hexUpper, 8))}`),
  at('bitbucket-app-password', 'Atlassian token with the checksum `=` URL-encoded', j('ATATT3', r(URLSAFE, 170), '%3D', r(hexUpper, 8)), (k) => `https://example.invalid/hook?token=${k}`, `https://example.invalid/hook?token=${j('ATATT3', r(URLSAFE, 170), '%3D', r(hexUpper, 4))}`),
  at('square-token', 'sandbox application secret', j('sandbox-', 'sq0csb-', r(URLSAFE, 43)), (k) => `secret - '${k}'`, `id - '${j('sandbox-', 'sq0idb-', r(URLSAFE, 22))}'`),
  at('slack-token', 'bot token with a short random tail', j('xoxb', '-', r(DI, 11), '-', r(DI, 13), r(LAN, 1)), (k) => `SLACK_BOT_TOKEN=${k}`, `SLACK_BOT_TOKEN=${j('xoxb', '-', r(DI, 11), '-', r(DI, 5))}`),
  at('google-oauth-access-token', 'short access token', j('ya29', '.', r(URLSAFE, 44)), (k) => `access_token = "${k}"`, `access_token = "${j('ya29', '.', r(AN, 12))}"`),
  at('cloudflare-origin-ca-key', 'service key with a third hexadecimal part', j('v1.0-', r(HEX, 64), '-', r(HEX, 128), '-', r(HEX, 64)), (k) => `X-Auth-User-Service-Key: ${k}`, `X-Auth-User-Service-Key: ${j('v1.0-', r(HEX, 64), '-', r(HEX, 40))}`),
  at('defined-networking-api-token', 'upper-case base32 token', j('dnkey', '-', r(UAN, 26), '-', r(UAN, 52)), (k) => `DN_API_KEY=${k}`, `DN_API_KEY=${j('dnkey', '-', r(UAN, 26))}`),
  at('frameio-api-token', 'token with upper-case letters', j('fio-u-', r(AN, 64)), (k) => `FRAMEIO_TOKEN=${k}`, `FRAMEIO_TOKEN=${j('fio-u-', r(AN, 30))}`),
  at('notion-api-token', 'token whose digits do not lead', j('ntn', '_', r(DI, 9), r(AN, 37)), (k) => `NOTION_TOKEN=${k}`, `NOTION_TOKEN=${j('ntn', '_', r(AN, 30))}`),
  at('aws-bedrock-api-key', 'short-term key', j('bedrock-api-key-', r(B64, 120)), (k) => `AWS_BEARER_TOKEN_BEDROCK=${k}`, `AWS_BEARER_TOKEN_BEDROCK=${j('bedrock-api-key-', r(B64, 12))}`),
  at('anthropic-api-key', 'three-digit version', j('sk-ant-', 'api', '104-', r(URLSAFE, 93), 'AA'), (k) => `ANTHROPIC_API_KEY=${k}`, `ANTHROPIC_API_KEY=${j('sk-ant-', 'api', '104-', r(URLSAFE, 93), 'BB')}`),
  at('tines-webhook-url', 'path and secret of letters and digits', j(r(LAN, 32), '/', r(LAN, 32)), (k) => `url: https://acme.tines.com/webhook/${k}`, `url: https://acme.tines.com/webhook/${r(LAN, 32)}`),
  at('dynatrace-api-token', 'platform token (dt0s16)', j('dt0s16', '.', r(UAN, 24), '.', r(UAN, 64)), (k) => `DT_PLATFORM_TOKEN=${k}`, `DT_PLATFORM_TOKEN=${j('dt0s16', '.', r(UAN, 24))}`),
  // Rows known by the provider's name, in the forms people write them down.
  at('twilio-auth-token-api-key', 'credential word after the name', r(HEX, 32), (k) => `twilio token - '${k}'`, `twilio sid - 'AC${r(HEX, 32)}'`),
  at('sinch-api-key', 'credential word after the name', r(LAN, 32), (k) => `sinch token: "${k}"`, `sinch token: "${r(LAN, 20)}"`),
  at('spotify-api-key', 'key in the identifier', r(HEX, 32), (k) => `SPOTIFY_KEY=${k}`, `SPOTIFY_CLIENT_ID=${r(HEX, 32)}`),
  at('typetalk-api-key', 'credential word after the name', r(AN, 64), (k) => `typetalk token = '${k}'`, `typetalk token = '${r(AN, 40)}'`),
  at('ringcentral-api-key', 'credential word after the name', r(URLSAFE, 22), (k) => `ringcentral secret: ${k}`, `ringcentral_client_id: ${r(URLSAFE, 22)}`),
  at('shutterstock-api-key', 'credential word after the name', r(AN, 32), (k) => `shutterstock token - '${k}'`, `shutterstock token - '${r(AN, 16)}'`),
  at('thousandeyes-api-key', 'basic-auth API token', r(AN, 32), (k) => `THOUSANDEYES_TOKEN=${k}`, `THOUSANDEYES_ACCOUNT_ID=${r(AN, 32)}`),
  at('thousandeyes-api-key', 'OAuth bearer token', uuid(), (k) => `THOUSANDEYES_TOKEN=${k}`, `THOUSANDEYES_TOKEN=${r(HEX, 8)}-${r(HEX, 4)}`),
  at('trello-api-key', 'letters and digits', r(AN, 32), (k) => `TRELLO_API_KEY=${k}`, `TRELLO_API_KEY=${r(AN, 24)}`),
  at('twitter-consumer-secret-api-key', 'consumer secret under a key name', r(AN, 50), (k) => `TWITTER_CONSUMER_KEY_SECRET=${k}`, `TWITTER_URL=${r(AN, 50)}`),
  at('guardian-api-key', 'secret under the name', uuid(), (k) => `"guardian_secret": "${k}"`, `"guardian_secret": "${r(HEX, 8)}"`),
  at('openweather-api-key', 'pyowm and owm names', r(LAN, 32), (k) => `owm = '${k}'`, `owm = '${r(LAN, 20)}'`),
  at('pagerduty-api-key', 'pd_key', j(r(AN, 8), '+', r(AN, 5), '-', r(AN, 5)), (k) => `pd_key = ${k}`, `pd_key = ${r(AN, 12)}`),
  at('portainer-api-key', 'access token with `_` and `-` in it', j('ptr_', r(AN, 12), '_', r(AN, 27)), (k) => `portainer token - '${k}'`, `portainer token - '${j('ptr_', r(AN, 12))}'`),
];

describe('documented key forms', () => {
  it.each(cases)('$rule: $form', ({ rule, secret, line, miss }) => {
    const found = detect({ path: 'src/config.ts', text: line(secret) }).filter((f) => f.rule === rule);
    expect(found.map((f) => f.secret), line(secret)).toContain(secret);
    expect(detect({ path: 'src/config.ts', text: miss }).filter((f) => f.rule === rule), miss).toEqual([]);
  });
});
