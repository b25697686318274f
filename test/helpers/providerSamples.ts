/**
 * Positive and negative samples for the provider catalogue, written for keyguard's own tests from
 * each provider's documented key format. Keys are generated at run time (seeded, so runs repeat)
 * and assembled from pieces: no complete key sits in the repository's source.
 *
 * Rules known by the provider's name (src/rules/providers/named*.ts) get their samples from their
 * own row: a key drawn from the row's format, written the ways people write it down; near misses
 * are the shortest key the format allows minus one character, the same key under a name that is
 * not the provider's, and the key under the provider's name with a not-a-key suffix (`…_PROJECT_ID`).
 */
import { seeded } from './keys.js';
import { UP, LO, DI, AN, LAN, UAN, HEX, B64, URLSAFE } from './keys.js';
import { sampleFromPattern } from './sampleFromPattern.js';
import { type NearNameProvider, valueExpression } from '../../src/rules/providers/nearName.js';
import { namedDevProviders } from '../../src/rules/providers/namedDev.js';
import { namedSaasProviders } from '../../src/rules/providers/namedSaas.js';
import { namedWebApiProviders } from '../../src/rules/providers/namedWebApis.js';
import { namedMoreProviders } from '../../src/rules/providers/namedMore.js';

const rnd = seeded(0xca7a1);

const r = (alphabet: string, n: number) => rnd(alphabet, n);
const uuid = () => [r(HEX, 8), r(HEX, 4), r(HEX, 4), r(HEX, 4), r(HEX, 12)].join('-');
const j = (...parts: string[]) => parts.join('');

export interface ProviderSample {
  rule: string;
  /** Lines a user could commit, each holding `secret`. */
  positives: string[];
  secret: string;
  /** Near misses this rule must not report. */
  negatives: string[];
}

function s(rule: string, make: () => { secret: string; line?: (k: string) => string; negatives: string[] }): ProviderSample {
  const { secret, line, negatives } = make();
  return { rule, secret, positives: [line ? line(secret) : `value = "${secret}"`], negatives };
}

/** Hand-written samples for the catalogue's rules with a shape of their own. */
export const shapedSamples: ProviderSample[] = [
  // AI
  s('openrouter-api-key', () => ({ secret: j('sk-or', '-v1-', r(HEX, 64)), negatives: [j('sk-or', '-v1-', r(HEX, 40))] })),
  s('langsmith-api-key', () => ({ secret: j('lsv2', '_pt_', r(HEX, 32), '_', r(HEX, 10)), negatives: [j('lsv2', '_pt_', r(HEX, 32))] })),
  s('pinecone-api-key', () => ({ secret: j('pcsk', '_', r(AN, 5), '_', r(AN, 64)), negatives: [j('pcsk', '_', r(AN, 20))] })),
  s('nvidia-api-key', () => ({ secret: j('nvapi', '-', r(URLSAFE, 64)), negatives: [j('nvapi', '-', r(URLSAFE, 30))] })),
  s('cerebras-api-key', () => ({ secret: j('csk', '-', r(LAN, 48)), negatives: [j('csk', '-', r(LAN, 30)), j('desk', '-', r(LAN, 48))] })),
  s('langfuse-secret-key', () => ({ secret: j('sk-lf', '-', uuid()), negatives: [j('pk-lf', '-', uuid())] })),
  s('tavily-api-key', () => ({ secret: j('tvly', '-dev-', r(AN, 32)), negatives: [j('tvly', '-', r(AN, 20))] })),
  s('firecrawl-api-key', () => ({ secret: j('fc', '-', r(HEX, 32)), negatives: [`class="fc-${r(LO, 12)}-button"`, j('fc', '-', r(HEX, 31))] })),
  s('e2b-api-key', () => ({ secret: j('e2b', '_', r(HEX, 40)), negatives: [j('e2b', '_', r(HEX, 20))] })),
  s('browserbase-api-key', () => ({ secret: j('bb', '_live_', r(URLSAFE, 27)), negatives: [j('bb', '_live_', r(AN, 10))] })),
  s('anyscale-api-key', () => ({ secret: j('esecret', '_', r(LAN, 26)), negatives: [j('esecret', '_', r(LAN, 10))] })),
  s('runway-api-key', () => ({ secret: j('key', '_', r(HEX, 128)), negatives: [j('key', '_', r(HEX, 64)), 'KEY_ESCAPE = 27'] })),
  s('jina-api-key', () => ({ secret: j('jina', '_', r(URLSAFE, 60)), negatives: [j('jina', '_', r(AN, 20))] })),
  // Cloud
  s('google-oauth-access-token', () => ({ secret: j('ya29', '.', r(URLSAFE, 150)), negatives: [j('ya29', '.', r(AN, 20))] })),
  s('google-oauth-refresh-token', () => ({ secret: j('1//', '0', r(URLSAFE, 100)), negatives: [`see http://1//0${r(AN, 60)}`, j('1//', '0', r(AN, 20))] })),
  s('google-oauth-client-secret', () => ({ secret: j('GOCSPX', '-', r(URLSAFE, 28)), negatives: [j('GOCSPX', '-', r(URLSAFE, 12))] })),
  s('vault-batch-token', () => ({ secret: j('b.', 'AAAAAQ', r(URLSAFE, 120)), negatives: [j('b.', 'AAAAAQ', r(URLSAFE, 20)), 'b.AAAAAQuick()'] })),
  s('vault-token-keyed', () => ({
    secret: j('r', '.', r(UP, 6), r(LO, 6), r(DI, 4), r(AN, 8)),
    line: (k) => `VAULT_TOKEN=${k}`,
    negatives: [`VAULT_ADDR=r.${r(LO, 24)}x`, `token = r.${r(AN, 24)}`],
  })),
  s('vault-approle-secret-id', () => ({ secret: uuid(), line: (k) => `VAULT_SECRET_ID=${k}`, negatives: [`VAULT_ROLE_ID=${uuid()}`] })),
  s('vault-unseal-key', () => ({ secret: r(B64, 44), line: (k) => `Unseal Key 1: ${k}`, negatives: [`Unseal Key 1: ${r(B64, 20)}`, `unseal the vault with ${r(B64, 44)}`] })),
  s('tailscale-key', () => ({ secret: j('tskey', '-auth-', r(AN, 12), '-', r(AN, 32)), negatives: [j('tskey', '-auth-', r(AN, 12))] })),
  s('render-api-key', () => ({ secret: j('rnd', '_', r(AN, 32)), negatives: [j('rnd', '_', r(AN, 16)), 'rnd_seed_for_generator_of_numbers_ok'] })),
  s('neon-api-key', () => ({ secret: j('napi', '_', r(LAN, 64)), negatives: ['napi_create_string_utf8(env, str, len, &result)', j('napi', '_', r(LAN, 30))] })),
  s('scaleway-access-key', () => ({ secret: j('SCW', r(UAN, 17)), negatives: [j('SCW', r(UAN, 10))] })),
  s('supabase-secret-key', () => ({ secret: j('sb', '_secret_', r(URLSAFE, 40)), negatives: [j('sb', '_publishable_', r(URLSAFE, 40)), j('sb', '_secret_', r(AN, 10))] })),
  s('cloudinary-url', () => ({
    secret: r(URLSAFE, 27),
    line: (k) => `CLOUDINARY_URL=cloudinary://${r(DI, 15)}:${k}@my-cloud`,
    negatives: [`CLOUDINARY_URL=cloudinary://${r(DI, 15)}@my-cloud`],
  })),
  s('firebase-cloud-messaging-server-key', () => ({ secret: j('AAAA', r(URLSAFE, 7), ':APA91b', r(URLSAFE, 134)), negatives: [j('AAAA', r(URLSAFE, 7), ':APA91b', r(URLSAFE, 40))] })),
  s('akamai-edgegrid-token', () => ({ secret: j('akab', '-', r(LAN, 16), '-', r(LAN, 16)), negatives: [j('akab', '-', r(LAN, 16))] })),
  s('tencent-cloud-secret-id', () => ({ secret: j('AKID', r(AN, 32)), negatives: [j('AKID', r(AN, 16))] })),
  // Source hosts, CI, registries
  s('gitlab-runner-workspace-token', () => ({ secret: j('glrtr', '-', r(URLSAFE, 20)), negatives: [j('glrtr', '-', r(AN, 8))] })),
  s('buildkite-user-token', () => ({ secret: j('bkua', '_', r(HEX, 40)), negatives: [j('bkua', '_', r(HEX, 20))] })),
  s('teamcity-access-token', () => ({ secret: j('eyJ0eXAiOiAiVENWMiJ9', '.', r(URLSAFE, 36), '.', r(URLSAFE, 48)), negatives: [j('eyJ0eXAiOiAiVENWMiJ9', '.', r(URLSAFE, 10))] })),
  s('dependency-track-api-key', () => ({ secret: j('odt', '_', r(AN, 32)), negatives: [j('odt', '_', r(AN, 16))] })),
  s('trello-token', () => ({ secret: j('ATTA', r(HEX, 64), r('0123456789ABCDEF', 8)), negatives: [j('ATTA', r(HEX, 30)), 'attachmentIdentifierForTheUploadedFileInTheList'] })),
  s('crates-io-token', () => ({ secret: j('cio', r(AN, 32)), negatives: [j('cio', r(AN, 20)), 'specious'] })),
  s('jfrog-reference-token', () => ({ secret: j('cmVmdGtu', 'OjAxOj', r(AN, 56)), negatives: [j('cmVmdGtu', 'OjAxOj', r(AN, 10))] })),
  s('dbt-cloud-token', () => ({ secret: j('dbtc', '_', r(URLSAFE, 48)), negatives: [j('dbtc', '_', r(AN, 12))] })),
  // Observability
  s('new-relic-license-key', () => ({ secret: j(r(HEX, 36), 'NRAL'), negatives: [j(r(HEX, 20), 'NRAL')] })),
  s('new-relic-mobile-token', () => ({ secret: j('AA', r(HEX, 40), '-NRMA'), negatives: [j('AA', r(HEX, 20), '-NRMA')] })),
  s('axiom-token', () => ({ secret: j('xaat', '-', uuid()), negatives: [j('xaat', '-', r(HEX, 8))] })),
  s('honeybadger-api-key', () => ({ secret: j('hbp', '_', r(AN, 36)), negatives: [j('hbp', '_', r(AN, 20))] })),
  s('elastic-cloud-api-key', () => ({ secret: j('essu', '_', r(B64, 80), '=='), negatives: [j('essu', '_', r(B64, 20))] })),
  s('posthog-api-key', () => ({ secret: j('phx', '_', r(AN, 43)), negatives: [j('phx', '_', r(AN, 20)), 'graph_node_identifier_list_for_the_render_pass_x'] })),
  // Messaging, CRM, social
  s('microsoft-teams-webhook-legacy', () => ({
    secret: j(uuid(), '@', uuid(), '/IncomingWebhook/', r(HEX, 32), '/', uuid()),
    line: (k) => `url: https://outlook.office.com/webhook/${k}`,
    negatives: ['url: https://outlook.office.com/webhook/'],
  })),
  s('power-automate-webhook', () => ({
    secret: r(URLSAFE, 43),
    line: (k) => `https://prod-12.westus.logic.azure.com:443/workflows/${r(HEX, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${k}`,
    negatives: [`https://prod-12.westus.logic.azure.com:443/workflows/${r(HEX, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01`],
  })),
  s('mailersend-api-token', () => ({ secret: j('mlsn', '.', r(HEX, 64)), negatives: [j('mlsn', '.', r(HEX, 30))] })),
  s('intercom-access-token', () => ({ secret: j('dG9rO', 'j', r(B64, 58), '='), negatives: [j('dG9rO', 'j', r(B64, 20))] })),
  s('africastalking-api-key', () => ({ secret: j('atsk', '_', r(HEX, 64)), negatives: [j('atsk', '_', r(HEX, 30))] })),
  s('twitch-stream-key', () => ({ secret: j('live', '_', r(DI, 9), '_', r(AN, 30)), negatives: [j('live', '_', r(DI, 9), '_', r(AN, 12)), 'live_stream_preview_enabled'] })),
  s('hubspot-private-app-token', () => ({ secret: j('pat', '-na1-', uuid()), negatives: [j('pat', '-na1-', r(HEX, 8))] })),
  s('zoho-oauth-token', () => ({ secret: j('1000', '.', r(HEX, 32), '.', r(HEX, 32)), negatives: [j('1000', '.', r(HEX, 32))] })),
  s('pinterest-access-token', () => ({ secret: j('pina', '_', r(UAN, 96)), negatives: [j('pina', '_', r(UAN, 12))] })),
  s('instagram-access-token', () => ({ secret: j('IGQV', r(URLSAFE, 180)), negatives: [j('IGQV', r(URLSAFE, 40))] })),
  s('riot-games-api-key', () => ({ secret: j('RGAPI', '-', uuid()), negatives: [j('RGAPI', '-', r(HEX, 8))] })),
  s('salesforce-access-token', () => ({ secret: j('00D', r(AN, 12), '!', r(AN + '_.', 96)), negatives: [j('00D', r(AN, 12), '!', r(AN, 20))] })),
  s('salesforce-refresh-token', () => ({ secret: j('5Aep861', r(AN + '._', 80)), negatives: [j('5Aep861', r(AN, 20))] })),
  s('stytch-secret', () => ({ secret: j('secret', '-live-', r(URLSAFE, 36)), negatives: [j('secret', '-live-', r(AN, 12))] })),
  // Payments and commerce
  s('mercadopago-access-token', () => ({ secret: j('APP_USR', '-', r(DI, 16), '-', r(DI, 6), '-', r(HEX, 32), '-', r(DI, 9)), negatives: [j('APP_USR', '-', r(DI, 16))] })),
  s('paddle-api-key', () => ({ secret: j('pdl', '_live_', 'apikey_', r(AN, 50)), negatives: [j('pdl', '_live_', 'apikey_', r(AN, 10))] })),
  s('xendit-secret-key', () => ({ secret: j('xnd', '_production_', r(AN, 60)), negatives: [j('xnd', '_production_', r(AN, 12))] })),
  s('midtrans-server-key', () => ({ secret: j('SB-', 'Mid-server-', r(URLSAFE, 24)), negatives: [j('SB-', 'Mid-client-', r(URLSAFE, 24))] })),
  s('woocommerce-api-key', () => ({ secret: j('cs', '_', r(HEX, 40)), negatives: [j('cs', '_', r(HEX, 20)), 'docs_configuration_reference_page_for_the_plugins'] })),
  s('clickup-api-token', () => ({ secret: j('pk', '_', r(DI, 8), '_', r(UAN, 32)), negatives: [j('pk', '_', r(DI, 8), '_', r(UAN, 12))] })),
  s('amazon-mws-token', () => ({ secret: j('amzn', '.mws.', uuid()), negatives: [j('amzn', '.mws.', r(HEX, 8))] })),
  s('coingecko-api-key', () => ({ secret: j('CG', '-', r(AN, 25)), negatives: [j('CG', '-', r(AN, 10))] })),
  s('maxmind-license-key', () => ({ secret: j(r(AN, 6), '_', r(AN, 29), '_mmk'), negatives: [j(r(AN, 6), '_', r(AN, 12), '_mmk')] })),
  s('covalent-api-key', () => ({ secret: j('ckey', '_', r(LAN, 27)), negatives: [j('ckey', '_', r(LAN, 12))] })),
  s('nightfall-api-key', () => ({ secret: j('NF', '-', r(AN, 32)), negatives: [j('NF', '-', r(AN, 12))] })),
  // Second batch
  s('docker-swarm-token', () => ({ secret: j('SWMTKN', '-1-', r(LAN, 50), '-', r(LAN, 25)), negatives: [j('SWMTKN', '-1-', r(LAN, 20))] })),
  s('ubidots-token', () => ({ secret: j('BBFF', '-', r(AN, 30)), negatives: [j('BBFF', '-', r(AN, 12))] })),
  s('besttime-private-key', () => ({ secret: j('pri', '_', r(HEX, 32)), negatives: [j('pub', '_', r(HEX, 32)), 'pri_key_table_entries'] })),
  s('together-api-key', () => ({ secret: j('tgp', '_v1_', r(URLSAFE, 43)), negatives: [j('tgp', '_v1_', r(AN, 12))] })),
  s('foursquare-api-key', () => ({ secret: j('fsq3', r(B64, 44)), negatives: [j('fsq3', r(B64, 20))] })),
  s('zapier-webhook-url', () => ({
    secret: j(r(DI, 7), '/', r(LAN, 7)),
    line: (k) => `ZAP_URL=https://hooks.zapier.com/hooks/catch/${k}/`,
    negatives: ['see https://hooks.zapier.com/hooks/catch/ for the format'],
  })),
  s('tines-webhook-url', () => ({
    secret: j(r(HEX, 32), '/', r(HEX, 32)),
    line: (k) => `url: https://acme-corp.tines.com/webhook/${k}`,
    negatives: [`url: https://acme-corp.tines.com/webhook/${r(HEX, 32)}`],
  })),
  s('azure-function-key-url', () => ({
    secret: j(r(URLSAFE, 54), '=='),
    line: (k) => `curl "https://my-func.azurewebsites.net/api/HttpTrigger1?name=x&code=${k}"`,
    negatives: ['curl "https://my-func.azurewebsites.net/api/HttpTrigger1?name=x"'],
  })),
  // Third batch: prefixes from the providers' token-format pages
  s('bitbucket-data-center-http-token', () => ({ secret: j('BBDC', '-', r(B64, 44)), negatives: [j('BBDC', '-', r(B64, 20)), j('XBDC', '-', r(B64, 44))] })),
  s('wundergraph-cosmo-api-key', () => ({ secret: j('cosmo', '_', r(HEX, 32)), negatives: [j('cosmo', '_', r(HEX, 20)), 'cosmo_database_connection_string_for_tests'] })),
  s('vercel-access-token', () => ({ secret: j('vcp', '_', r(URLSAFE, 50), r(AN, 6)), negatives: [j('vcp', '_', r(AN, 20)), j('vcx', '_', r(AN, 56))] })),
  s('truenas-api-key', () => ({
    secret: j(r(DI, 2), '-', r(AN, 64)),
    line: (k) => `{"id": "${uuid()}", "msg": "method", "method": "auth.login_with_api_key", "params": ["${k}"]}`,
    negatives: [`{"method": "auth.login_with_api_key", "params": ["${r(DI, 2)}-${r(AN, 30)}"]}`, `{"method": "auth.login", "params": ["${r(DI, 2)}-${r(AN, 64)}"]}`],
  })),
  s('tableau-pat-secret', () => ({
    secret: j(r(B64, 22), '==:', r(AN, 32)),
    line: (k) => `pat_name = ci-publisher\npat_secret = ${k}`,
    negatives: [j(r(B64, 22), '==:', r(AN, 12)), j(r(B64, 22), '==', r(AN, 32))],
  })),
  s('llamacloud-api-key', () => ({ secret: j('llx', '-', r(URLSAFE, 48)), negatives: [j('llx', '-', r(AN, 20)), 'llx-button-primary-large'] })),
  s('ionic-access-token', () => ({ secret: j('ion', '_', r(DI, 2), r(AN, 40)), negatives: [j('ion', '_', r(AN, 20)), 'ion_allocation_data_for_the_heap_mask_values'] })),
  s('pagarme-api-key', () => ({ secret: j('ak', '_live_', r(AN, 30)), negatives: [j('ek', '_live_', r(AN, 30)), j('ak', '_live_', r(AN, 12))] })),
  s('netlify-access-token', () => ({ secret: j('nfp', '_', r(DI, 2), r(AN, 34)), negatives: [j('nfp', '_', r(AN, 20)), 'nfc_client_configuration_for_the_tests_ok'] })),
  s('contentful-personal-access-token', () => ({ secret: j('CFPAT', '-', r(URLSAFE, 43)), negatives: [j('CFPAT', '-', r(URLSAFE, 20))] })),
  s('azure-devops-pat-signed', () => ({ secret: j(r(AN, 76), 'AZDO', r(AN, 4)), negatives: [j(r(AN, 60), 'AZDO', r(AN, 4)), j(r(AN, 76), 'AZDX', r(AN, 4))] })),
  s('pubnub-key', () => ({ secret: j('pub', '-c-', uuid()), negatives: [j('sub', '-c-', uuid()), j('pub', '-c-', r(HEX, 8))] })),
];

/** An identifier naming the provider and a credential, as a row's rule expects it. */
function identifiers(p: NearNameProvider): { env: string; camel: string; word: string } {
  const name = p.names[0];
  const cred = p.cred ? p.cred.split('|')[0] : 'key';
  return {
    env: `${name.toUpperCase()}_${p.cred ? cred.toUpperCase() : 'API_KEY'}`,
    camel: `${name}${cred[0].toUpperCase()}${cred.slice(1)}`,
    word: cred,
  };
}

function nearNameSample(p: NearNameProvider, index: number): ProviderSample {
  const source = valueExpression(p);
  const whole = new RegExp(`^(?:${source})$`, 'i');
  // Drawn again until the expression's lookaheads (a digit somewhere) hold, as they do for real keys.
  const draw = (shortest: boolean) => {
    for (let n = 0; ; n++) {
      const value = sampleFromPattern(source, { rnd, shortest, mixedCase: true });
      if (whole.test(value) || n > 100) return value;
    }
  };
  const secret = draw(false);
  const shortest = draw(true);
  const { env, camel, word } = identifiers(p);
  const name = p.names[0];
  const forms = [
    `${env}=${secret}`,
    `${camel}: "${secret}"`,
    `const ${camel} = '${secret}';`,
    `${env.toLowerCase()} = "${secret}"`,
  ];
  if (!p.strict) {
    forms.push(`${name} ${word} = '${secret}'`, `${name}:\n  ${word}: ${secret}`);
  }
  return {
    rule: p.id,
    secret,
    // Two forms per provider, rotating: every form is exercised across the catalogue.
    positives: [forms[index % forms.length], forms[(index + 1) % forms.length]],
    negatives: [
      `${env}=${shortest.slice(0, -1)}`,
      `const checksum = "${secret}";`,
      `${name.toUpperCase()}_PROJECT_ID=${secret}`,
      // A hash under a name that is no credential, a line below the provider's name.
      `// ${name} client\nconst cacheKey = "${secret}";`,
    ],
  };
}

export const nearNameProviders: NearNameProvider[] = [...namedDevProviders, ...namedSaasProviders, ...namedWebApiProviders, ...namedMoreProviders];
export const nearNameSamples: ProviderSample[] = nearNameProviders.map(nearNameSample);

export const providerSamples: ProviderSample[] = [...shapedSamples, ...nearNameSamples];
