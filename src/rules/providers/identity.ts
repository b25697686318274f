import type { ContentRule } from '../types.js';
import { L, R, keyed, re } from '../shapes.js';

/** Identity providers, password managers and signed tokens. */
export const identityRules: ContentRule[] = [
  {
    id: 'okta-api-token',
    description: 'Okta API token',
    pattern: keyed('okta', '00[\\w=-]{40}'),
    keywords: ['okta'],
    minEntropy: 3.5,
    fix: 'read it from the environment; revoke it in the Okta admin console (Security > API > Tokens)',
  },
  {
    id: 'auth0-client-secret',
    description: 'Auth0 client secret',
    pattern: keyed('auth0', '[a-z0-9_-]{64}'),
    keywords: ['auth0'],
    minEntropy: 3.5,
    fix: 'read it from the environment; rotate it in the Auth0 dashboard (Applications > Settings)',
  },
  {
    id: '1password-secret-key',
    description: '1Password account secret key',
    pattern: re`${L}A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}${R}`,
    keywords: ['a3-'],
    minEntropy: 3,
    fix: 'never store it outside 1Password; regenerate it in 1Password (Profile > Secret key)',
  },
  {
    id: '1password-service-account-token',
    description: '1Password service account token',
    pattern: re`${L}ops_eyJ[A-Za-z0-9+/]{250,8000}={0,3}(?![A-Za-z0-9+/=])`,
    keywords: ['ops_eyj'],
    minEntropy: 3.5,
    fix: 'read it from the environment (OP_SERVICE_ACCOUNT_TOKEN); revoke it in 1Password (Developer > Service accounts)',
  },
  {
    id: 'authress-access-key',
    description: 'Authress service client access key',
    pattern: re`${L}(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\.[a-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[a-z0-9+/_=-]{30,120}${R}`,
    keywords: ['.acc_', '.acc-'],
    minEntropy: 3.5,
    fix: 'read it from the environment; rotate it in the Authress management portal (Service clients)',
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: re`${L}eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{4,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_-])`,
    keywords: ['eyj'],
    minEntropy: 3,
    validate: 'jwt',
    fix: 'a signed token grants access until it expires: keep it out of the repository and revoke or rotate its signing key',
  },
  {
    id: 'jwt-base64',
    description: 'base64-encoded JSON Web Token',
    pattern: re`${L}ZXlK[A-Za-z0-9+/]{40,12000}={0,2}(?![A-Za-z0-9+/=])`,
    keywords: ['zxlk'],
    minEntropy: 3.5,
    validate: 'base64-jwt',
    fix: 'a signed token grants access until it expires: keep it out of the repository and revoke or rotate its signing key',
  },
  {
    id: 'age-secret-key',
    description: 'age secret key',
    pattern: re`${L}AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${R}`,
    keywords: ['age-secret-key-1'],
    fix: 'keep the identity file outside the repository; generate a new key with age-keygen and re-encrypt',
  },
  {
    id: 'stytch-secret',
    description: 'Stytch project secret',
    pattern: re`${L}secret-(?:live|test)-[A-Za-z0-9_=-]{36}${R}`,
    keywords: ['secret-live-', 'secret-test-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (STYTCH_SECRET); rotate it in the Stytch dashboard (API keys)',
  },
];
