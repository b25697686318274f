import { type NearNameProvider, nearNameRules, row } from './nearName.js';

const UUID_ALNUM = '[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}';

/**
 * More providers whose keys have no shape of their own, recognised by the provider's name before
 * them (`skybiometry_api_key = …`, `sugester token: …`). Lengths and alphabets from each provider's
 * API documentation.
 */

export const namedMoreProviders: NearNameProvider[] = [
  // Developer tools, infrastructure
  row('telnyx-v2', 'Telnyx', 'b64url', [40, 70], 'portal.telnyx.com/#/app/api-keys', { names: ['telnyx'], value: 'KEY[a-z0-9_-]{40,64}' }),
  row('ngc', 'NVIDIA NGC', 'b64', 84, 'ngc.nvidia.com/setup/api-key', { names: ['ngc', 'nvidia_ngc', 'nvidiangc'], value: `[a-z0-9+/]{84}|[a-z0-9]{26}:${UUID_ALNUM}` }),
  row('openvpn-cloud', 'OpenVPN Cloud', 'b64url', [64, 100], 'OpenVPN Cloud > API credentials', { names: ['openvpn'] }),
  row('leankit', 'Planview LeanKit', 'hex', 128, 'LeanKit > My profile > API tokens', { names: ['leankit', 'planviewleankit', 'planview_leankit'] }),
  row('redhat-pyxis', 'Red Hat Pyxis', 'alnum', 32, 'connect.redhat.com (Product certification > API keys)', { names: ['pyxis', 'redhatpyxis', 'redhat_pyxis', 'redhat-pyxis'] }),
  row('honeycomb-classic', 'Honeycomb', 'alnum', [22, 32], 'Honeycomb > Environment settings > API keys', { names: ['honeycomb'], description: 'Honeycomb configuration key' }),
  row('dockerhub-legacy', 'Docker Hub', 'uuid', 36, 'app.docker.com/settings/personal-access-tokens', { names: ['dockerhub', 'docker_hub', 'docker'], strict: true, cred: 'token|pat', description: 'Docker Hub access token (UUID form)' }),
  row('cloudimage', 'Cloudimage', 'b64url', [24, 40], 'www.cloudimage.io (Account > API keys)', { names: ['cloudimage', 'cloudimg'] }),
  row('apimatic', 'APIMatic', 'b64url', 64, 'app.apimatic.io/account/api-keys'),
  row('blitapp', 'Blitapp', 'b64url', [39, 40], 'blitapp.com (Account > API key)', { names: ['blitapp', 'blit_app'] }),
  row('canny', 'Canny', 'uuid', 36, 'canny.io/admin/settings/api', { names: ['canny', 'cannyio', 'canny_io'] }),
  row('findl', 'Findl', 'uuid', 36, 'findl.com (Account > API)'),
  // Business SaaS
  row('skybiometry', 'SkyBiometry', 'alnum', 26, 'www.skybiometry.com/account (API keys)'),
  row('smooch', 'Sunshine Conversations (Smooch)', 'b64url', 86, 'Zendesk Admin Center > Apps and integrations > Conversations API', { names: ['smooch', 'sunshine_conversations', 'sunshineconversations'] }),
  row('sugester', 'Sugester', 'alnum', 32, 'Sugester > Settings > API'),
  row('surveyanyplace', 'Survey Anyplace', 'b64url', [32, 36], 'app.surveyanyplace.com (Account > API)', { names: ['surveyanyplace', 'survey_anyplace'] }),
  row('teamgate', 'Teamgate', 'alnum', [40, 80], 'Teamgate > Settings > API'),
  row('tokeet', 'Tokeet', 'uuid', 36, 'app.tokeet.com (Settings > Account > API)'),
  row('rownd', 'Rownd', 'alnum', 48, 'app.rownd.io (App settings > Credentials)'),
  row('recharge', 'Recharge', 'hex', [32, 80], 'Recharge > Apps & integrations > API tokens', {
    names: ['rechargepayments', 'recharge_payments', 'recharge_api', 'rechargeapi', 'recharge_access', 'recharge_token', 'rechargeapps'],
    value: 'sk_(?:test_)?[0-9]{1,2}x[0-9]{1,2}_[a-f0-9]{64}|[a-f0-9]{56}|[a-f0-9]{32}',
  }),
  row('onepagecrm', 'OnePageCRM', 'b64', 44, 'app.onepagecrm.com/app/api', { names: ['onepagecrm', 'onepage_crm'] }),
  row('freshworks', 'Freshworks', 'b64url', [20, 22], 'Freshworks > Profile settings > API key', { names: ['freshworks', 'myfreshworks'] }),
  row('mite', 'mite', 'hex', 16, 'mite.de (My account > API)', { names: ['mite', 'mite_api', 'miteapi'] }),
  row('metaapi', 'MetaApi', 'hex', 64, 'app.metaapi.cloud/token', { value: '[a-f0-9]{64}|eyJ[a-z0-9_-]{20,400}\\.eyJ[a-z0-9_-]{20,2000}\\.[a-z0-9_-]{20,800}' }),
  row('maxmind-legacy', 'MaxMind', 'alnum', [12, 16], 'www.maxmind.com/en/accounts/current/license-key', { names: ['maxmind', 'geoip', 'geoipupdate'], description: 'MaxMind license key (legacy form)' }),
  row('kanbantool', 'Kanban Tool', 'alnum', 12, 'kanbantool.com (Account > API access)', { names: ['kanbantool', 'kanban_tool', 'kanban'] }),
  row('invoiceocean', 'InvoiceOcean', 'alnum', 20, 'InvoiceOcean > Settings > API'),
  row('privacy-com', 'Privacy.com', 'uuid', 36, 'app.privacy.com/account (API key)', { names: ['privacy'] }),
  row('postmark', 'Postmark', 'uuid', 36, 'account.postmarkapp.com/servers (API tokens)', { names: ['postmark', 'postmarkapp'], description: 'Postmark server or account token' }),
  row('getgist', 'Gist', 'b64', [40, 70], 'app.getgist.com (Settings > API)', { names: ['getgist'] }),
  row('ynab', 'YNAB', 'alnum', 64, 'app.ynab.com/settings/developer', { names: ['ynab', 'youneedabudget'], description: 'YNAB personal access token' }),
  row('onfleet', 'Onfleet', 'hex', 32, 'onfleet.com/dashboard#/manage (API & Webhooks)'),
  row('speechmatics', 'Speechmatics', 'alnum', 32, 'portal.speechmatics.com/manage-access'),
  row('playht', 'PlayHT', 'hex', 32, 'play.ht/studio/api-access', { names: ['playht', 'play_ht', 'play-ht'] }),
  row('vastai', 'Vast.ai', 'hex', 64, 'cloud.vast.ai/account (API keys)', { names: ['vastai', 'vast_ai', 'vast-ai'] }),
  row('paperspace', 'Paperspace', 'hex', 32, 'console.paperspace.com (Team settings > API keys)'),
  row('modal', 'Modal', 'alnum', 22, 'modal.com/settings/tokens', { strict: true, cred: 'secret|token', value: 'as-[a-z0-9]{22}', description: 'Modal token secret' }),
  row('magicbell', 'MagicBell', 'b64url', [32, 64], 'app.magicbell.com (Settings > API keys)', { strict: true, cred: 'secret', description: 'MagicBell API secret' }),
  row('youtube', 'YouTube Data API', 'b64url', 39, 'console.cloud.google.com/apis/credentials', { strict: true, cred: 'key|token|secret' }),
];

export const namedMoreRules = nearNameRules(namedMoreProviders);
