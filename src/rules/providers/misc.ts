import type { ContentRule } from '../types.js';
import { L, R, UUID, keyed, re } from '../shapes.js';

/** The long tail: services whose keys have a shape of their own or a recognisable name. */
export const miscRules: ContentRule[] = [
  {
    id: 'mapbox-secret-token',
    description: 'Mapbox token',
    pattern: re`${L}(?:sk|pk)\.eyJ1Ijoi[\w.-]{20,200}\.[\w-]{20,40}${R}`,
    keywords: ['sk.eyj1ijoi', 'pk.eyj1ijoi'],
    minEntropy: 3.5,
    fix: 'read it from the environment; revoke it at account.mapbox.com/access-tokens',
  },
  {
    id: 'dropbox-access-token',
    description: 'Dropbox access token',
    pattern: re`${L}sl\.[A-Za-z0-9_=-]{130,1400}${R}`,
    keywords: ['sl.'],
    minEntropy: 3.5,
    fix: 'read it from the environment; revoke it in the Dropbox App Console',
  },
  {
    id: 'intra42-client-secret',
    description: '42 intra client secret',
    pattern: re`${L}s-s4t2(?:ud|af)-[a-f0-9]{64}${R}`,
    keywords: ['s-s4t2ud-', 's-s4t2af-'],
    minEntropy: 3,
    fix: 'read it from the environment; regenerate it in the 42 intra application settings',
  },
  {
    id: 'adobe-client-secret',
    description: 'Adobe client secret',
    pattern: re`${L}p8e-[a-z0-9]{32}${R}`,
    keywords: ['p8e-'],
    minEntropy: 3,
    fix: 'read it from the environment; rotate it in the Adobe Developer Console (Credentials)',
  },
  {
    id: 'adafruit-api-key',
    description: 'Adafruit IO key',
    pattern: re`${L}aio_[A-Za-z0-9]{28}${R}`,
    keywords: ['aio_'],
    minEntropy: 3.5,
    fix: 'read it from the environment; regenerate it at io.adafruit.com (My Key)',
  },
  {
    id: 'rapidapi-key',
    description: 'RapidAPI key',
    pattern: keyed('rapidapi|x-rapidapi-key', '[a-z0-9_-]{50}'),
    keywords: ['rapidapi'],
    minEntropy: 3.5,
    fix: 'read it from the environment; rotate it in the RapidAPI developer dashboard (Apps > Authorization)',
  },
  {
    id: 'telnyx-api-key',
    description: 'Telnyx API key',
    pattern: re`${L}KEY[0-9A-F]{32}_[A-Za-z0-9]{22}${R}`,
    keywords: ['key'],
    minEntropy: 3.5,
    fix: 'read it from the environment; delete it in the Telnyx portal (API keys)',
  },
  {
    id: 'azure-devops-pat',
    description: 'Azure DevOps personal access token',
    pattern: keyed('azure_?devops|ado_?pat|vsts', '[a-z2-7]{52}|[a-z0-9]{84}'),
    keywords: ['azure_devops', 'azuredevops', 'ado_pat', 'adopat', 'vsts'],
    minEntropy: 3.5,
    fix: 'use a service connection or workload identity; revoke it in Azure DevOps (User settings > Personal access tokens)',
  },
  {
    id: 'keyed-uuid-token',
    description: 'API key (a UUID named after its service)',
    pattern: keyed('messagebird|sendbird|intercom|freshbooks|mattermost|launchdarkly', UUID),
    keywords: ['messagebird', 'sendbird', 'intercom', 'freshbooks', 'mattermost', 'launchdarkly'],
    fix: 'read it from the environment and rotate it in the service\'s dashboard',
  },
];
