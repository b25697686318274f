import type { ContentRule } from './types.js';

// Left/right edges: a key is not part of a longer word.
const L = '(?<![A-Za-z0-9_])';
const R = '(?![A-Za-z0-9_])';

/** Keys whose provider gives them a recognisable shape. */
export const providerRules: ContentRule[] = [
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    pattern: new RegExp(`${L}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})${R}`),
    keywords: ['sk-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (process.env.OPENAI_API_KEY); rotate it at platform.openai.com/api-keys',
  },
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API key',
    pattern: new RegExp(`${L}sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,120}${R}`),
    keywords: ['sk-ant-'],
    minEntropy: 3.5,
    fix: 'read it from the environment (process.env.ANTHROPIC_API_KEY); rotate it in the Anthropic console',
  },
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    pattern: new RegExp(`${L}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}${R}`),
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    minEntropy: 3,
    fix: 'use an AWS profile or role instead of keys in code; deactivate the key in IAM',
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    pattern: /(?<![A-Za-z0-9])aws_?(?:secret)?_?(?:access)?_?key(?:_?id)?["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
    keywords: ['aws'],
    minEntropy: 4,
    fix: 'use an AWS profile or role instead of keys in code; deactivate the key in IAM',
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    pattern: new RegExp(`${L}(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${R}`),
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    minEntropy: 3,
    fix: 'use the GITHUB_TOKEN of your CI or a credential helper; revoke it at github.com/settings/tokens',
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    pattern: new RegExp(`${L}xox(?:[abposr]|e\\.[a-z]+)-[0-9A-Za-z-]{10,250}${R}`),
    keywords: ['xox'],
    minEntropy: 3,
    fix: 'store it in your secret manager; revoke it at api.slack.com/apps',
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9+/]{30,120})/,
    keywords: ['hooks.slack.com'],
    fix: 'store the webhook URL in your secret manager; regenerate it in the Slack app settings',
  },
  {
    id: 'stripe-secret-key',
    description: 'Stripe secret key',
    pattern: new RegExp(`${L}(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,250}${R}`),
    keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    minEntropy: 3,
    fix: 'read it from the environment (STRIPE_SECRET_KEY); roll it at dashboard.stripe.com/apikeys',
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    pattern: new RegExp(`${L}AIza[0-9A-Za-z_-]{35}${R}`),
    keywords: ['aiza'],
    minEntropy: 3.5,
    fix: 'restrict or regenerate it in the Google Cloud console (APIs & Services > Credentials)',
  },
  {
    id: 'private-key',
    description: 'private key',
    pattern: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{64,8192}?)-----END/,
    keywords: ['private key'],
    fix: 'keep private keys out of the repository (a secret manager or a file listed in .gitignore); generate a new key pair',
  },
];
