import type { ContentRule } from '../types.js';
import { DIGITS, L, R, UUID, W, keyed, re } from '../shapes.js';

const SLACK = 'store it in your secret manager; revoke it at api.slack.com/apps (OAuth & Permissions)';

/** Chat, e-mail and messaging services. */
export const messagingRules: ContentRule[] = [
  {
    id: 'slack-token',
    description: 'Slack token',
    // Documented shapes: xox?-<numeric ids>-<random tail>, refresh/config tokens with a long tail.
    pattern: re`${L}(?:xox[abposre]-(?:\d-)?(?:\d{8,16}-){1,3}[0-9A-Za-z]{16,64}|xox[os]-\d{6,16}-\d{6,16}-\d{6,16}-[a-fA-F0-9]{8,64}|xoxe-\d-[A-Za-z0-9]{140,180}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{150,180})${R}`,
    keywords: ['xox'],
    minEntropy: 3,
    fix: SLACK,
  },
  {
    id: 'slack-app-token',
    description: 'Slack app-level token',
    pattern: re`${L}xapp-\d-[A-Z0-9]{8,14}-\d{8,16}-[a-z0-9]{40,80}${R}`,
    keywords: ['xapp-'],
    minEntropy: 3,
    fix: SLACK,
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    pattern: re`hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/]{30,120})`,
    keywords: ['hooks.slack.com'],
    minEntropy: 3,
    fix: 'store the webhook URL in your secret manager; regenerate it in the Slack app settings',
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token',
    // The first part is the bot's numeric id in base64: digits (0x30-0x39) encode as [MNO][DTjz]….
    pattern: re`${L}[MNO][DTjz][A-Za-z0-9]{22,24}\.[\w-]{6}\.[\w-]{27,38}${R}`,
    keywords: ['.'],
    minEntropy: 3.5,
    validate: 'discord-bot-token',
    fix: 'read it from the environment; reset it in the Discord developer portal (Bot > Reset token)',
  },
  {
    id: 'discord-webhook-url',
    description: 'Discord webhook URL',
    pattern: re`discord(?:app)?\.com/api/webhooks/\d{15,20}/(?<secret>[\w-]{60,70})`,
    keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    minEntropy: 3.5,
    fix: 'store the webhook URL in your secret manager; delete and recreate the webhook in the channel settings',
  },
  {
    id: 'discord-client-credential',
    description: 'Discord client id, secret or token',
    pattern: keyed('discord', '[a-f0-9]{64}|[a-z0-9=_-]{32}|\\d{17,20}'),
    keywords: ['discord'],
    fix: 'read it from the environment; reset it in the Discord developer portal (OAuth2)',
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    // Also inside the Bot API URL, where the token follows "bot": api.telegram.org/bot<token>/…
    pattern: re`\d(?:(?<=bot\d)|(?<![\w:]\d))\d{4,15}:A[\w-]{34}${R}`,
    keywords: DIGITS.map((d) => `${d}:a`),
    minEntropy: 3.5,
    fix: 'read it from the environment; revoke it with @BotFather (/revoke)',
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key',
    pattern: re`${L}SK[0-9a-fA-F]{32}${R}`,
    keywords: ['sk'],
    minEntropy: 3.2,
    fix: 'read it from the environment; delete it in the Twilio console (Account > API keys)',
  },
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    pattern: re`${L}SG\.[\w-]{22}\.[\w-]{43}${R}`,
    keywords: ['sg.'],
    minEntropy: 3.5,
    fix: 'read it from the environment (SENDGRID_API_KEY); delete it at app.sendgrid.com/settings/api_keys',
  },
  {
    id: 'brevo-api-key',
    description: 'Brevo (Sendinblue) API key',
    pattern: re`${L}xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}${R}`,
    keywords: ['xkeysib-'],
    minEntropy: 3,
    fix: 'read it from the environment; delete it in Brevo (SMTP & API > API keys)',
  },
  {
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    pattern: re`(?<![\w.-])(?:key|pubkey)-[a-f0-9]{32}${R}`,
    keywords: ['key-'],
    minEntropy: 3,
    fix: 'read it from the environment (MAILGUN_API_KEY); rotate it in the Mailgun dashboard (API security)',
  },
  {
    id: 'mailgun-signing-key',
    description: 'Mailgun webhook signing key',
    pattern: keyed('mailgun', '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}'),
    keywords: ['mailgun'],
    minEntropy: 3,
    fix: 'read it from the environment; rotate it in the Mailgun dashboard (Webhooks)',
  },
  {
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    pattern: re`[a-f0-9](?<!${W}[a-f0-9])[a-f0-9]{31}-us\d{1,2}${R}`,
    keywords: ['-us'],
    minEntropy: 3,
    fix: 'read it from the environment; revoke it in Mailchimp (Account > Extras > API keys)',
  },
  {
    id: 'postmark-server-token',
    description: 'Postmark server token',
    pattern: keyed('postmark', UUID),
    keywords: ['postmark'],
    fix: 'read it from the environment; regenerate it in Postmark (Server > API tokens)',
  },
  {
    id: 'microsoft-teams-webhook',
    description: 'Microsoft Teams incoming webhook URL',
    pattern: re`https://[\w.-]{1,60}\.webhook\.office\.com/webhookb2/(?<secret>[\w@.-]{40,120}/IncomingWebhook/[\w/-]{32,100})`,
    keywords: ['webhook.office.com'],
    minEntropy: 3,
    fix: 'store the webhook URL in your secret manager; remove and recreate the connector in Teams',
  },
  {
    id: 'twitter-bearer-token',
    description: 'X (Twitter) bearer token',
    pattern: re`${L}A{22}[A-Za-z0-9%]{80,120}${R}`,
    keywords: ['aaaaaaaaaaaaaaaaaaaaaa'],
    minEntropy: 3.5,
    fix: 'read it from the environment; regenerate it in the X developer portal (Keys and tokens)',
  },
  {
    id: 'facebook-access-token',
    description: 'Facebook access token',
    // The left edge is tested after the first character (not before it): V8 then skips most
    // positions at once, about 6× faster on minified code, where the pre-filter passes most files.
    pattern: re`(?:EAA(?<!${W}EAA)[A-Za-z0-9]{90,400}|\d(?<!${W}\d)\d{14,15}\|[\w-]{27})${R}`,
    // `app_id|secret` needs a digit before the bar: a bare `|` is in nearly every file.
    keywords: ['eaa', ...DIGITS.map((d) => `${d}|`)],
    minEntropy: 3.5,
    fix: 'read it from the environment; invalidate it in Meta for Developers (App settings > Advanced)',
  },
];
