import type { ContentRule } from './types.js';

/**
 * Credentials embedded in URLs, connection strings and command lines. They are `generic`: the
 * password may be anything, so the placeholder and reference filters decide (`user:password@`,
 * `${DB_PASSWORD}`, `<password>` never block). The empty `pass` group tells the value filter to
 * judge the value as a password: people choose these, so they need not look random.
 */
export const connectionStringRules: ContentRule[] = [
  {
    id: 'url-password',
    description: 'password in a URL or connection string',
    pattern:
      /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,20}:\/\/(?<pass>)(?<user>[^\s:/?#@'"`<>]{0,64}):(?<secret>[^\s:/?#@'"`<>]{3,128})@(?<host>[A-Za-z0-9_.-]{1,253})/i,
    keywords: ['://'],
    // The scheme, up to 21 characters, then `://`: the match starts no further before it.
    keywordLead: 21,
    generic: true,
    fix: 'move the password out of the URL into an environment variable or secret manager, then change it',
  },
  {
    id: 'curl-basic-auth',
    description: 'password on a curl command line',
    // The command may continue over `\` line breaks; the password may be quoted on its own (`user:'pw'`).
    // `(?!\S)`, not `(?:\s|$)`: an anchor leaves the rule without bounds, and it searched every file naming curl whole.
    pattern: /curl(?:[^\n\\]|\\\r?\n|\\){0,300}?\s(?:-u|--user)\s{1,4}["']?(?<pass>)(?<user>[^\s:"']{0,64}):["']?(?<secret>[^\s"']{3,128})["']?(?!\S)/,
    keywords: ['curl'],
    generic: true,
    fix: 'pass credentials with a .netrc outside the repository or an environment variable, then change the password',
  },
  {
    id: 'authorization-header',
    description: 'credential in an Authorization header',
    // `::` is a scope operator (`HostAuthorization::ALLOWED_HOSTS`), `==` a comparison. The empty `basic`
    // group has the value filter judge the password inside `Basic base64(user:password)`.
    pattern:
      /authorization["']?\s{0,4}(?::(?!:)|=(?!=))\s{0,4}["']?(?:(?:basic(?<basic>)|bearer|token|api-token|apikey|digest)\s{1,4})?(?<secret>[A-Za-z0-9+/=._~:@$!%-]{8,1000})/i,
    keywords: ['authorization'],
    generic: true,
    fix: 'read the credential from the environment at run time; revoke it with the service that issued it',
  },
];
