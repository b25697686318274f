import type { ContentRule } from './types.js';

const FIX = 'keep private keys out of the repository (a secret manager or a file listed in .gitignore); generate a new key pair';

/** Private keys of every common kind, found by their armour wherever they are pasted. */
export const privateKeyRules: ContentRule[] = [
  {
    id: 'private-key',
    description: 'private key',
    // PEM PKCS#1/#8 (RSA, EC, DSA, ENCRYPTED), OpenSSH and PGP armour. Also inside JSON strings,
    // where line breaks are written `\n`. The body never holds "-----", so the scan stops at the END line.
    pattern: /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?<secret>(?:[^-]|-(?!----)){40,16384})-----END/,
    keywords: ['private key'],
    minEntropy: 3,
    multiline: true,
    validate: 'armoured-key-body',
    fix: FIX,
  },
  {
    id: 'putty-private-key',
    description: 'PuTTY private key',
    pattern: /PuTTY-User-Key-File-\d: [\w-]{3,40}\r?\n(?:[^\r\n]{0,200}\r?\n){1,40}?Private-Lines: \d{1,3}\r?\n(?<secret>(?:[A-Za-z0-9+/=]{1,200}(?:\r?\n|$)){1,100})/,
    keywords: ['putty-user-key-file-'],
    minEntropy: 3,
    multiline: true,
    fix: FIX,
  },
];
