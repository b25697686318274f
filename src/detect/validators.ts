/**
 * Structural checks a shape alone cannot express. Rules name them (`validate: 'github-crc32'`),
 * so rules stay data.
 */
import { isPlaceholder } from './placeholders.js';
import { isNotSecretValue, looksLikeCodeName } from './genericValueFilter.js';

export type Validator = (secret: string) => boolean;

// Two orderings of base62 are in use (digits, then upper case first or lower case first). GitHub's blog
// post names base62 without the ordering; a published reference vector (secretlint issue #202) uses
// lower case first. Either ordering confirms: a random tail matches one by chance once in 28 billion.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_LOWER_FIRST = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

let crcTable: Uint32Array | undefined;
function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number, alphabet = BASE62): string {
  let out = '';
  while (n > 0) {
    out = alphabet[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

/** Decodes base64 or base64url without padding requirements; null when it is not base64 at all. */
function decodeBase64(text: string): string | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return null;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

/** A JWT's first segment is base64url JSON: `{"alg":…}` (or at least an object). */
function isJwtHeader(segment: string): boolean {
  const header = decodeBase64(segment);
  return header !== null && /^\{\s*"[^"]{1,40}"\s*:/.test(header);
}

export const validators: Record<string, Validator> = {
  /**
   * GitHub's new-format tokens end in a base62 CRC32 (6 characters, zero-padded) of the 30 random
   * characters after the prefix. Used as `confirm`, not as a filter: a valid tail rescues a token
   * that looks too regular, while a wrong tail (hand-made test data, truncated pastes) drops nothing.
   */
  'github-crc32': (secret) => hasValidGithubChecksum(secret),
  /** npm's granular tokens use the same scheme: `npm_`, 30 random characters, a 6-character CRC32 tail. */
  'npm-crc32': (secret) => {
    const m = /^npm_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    return m !== null && crc32Tails(m[1]).includes(m[2]);
  },
  /** Cloudflare's prefixed tokens end in the CRC32 of the 40 characters before, as 8 lower-case hex digits. */
  'cloudflare-crc32': (secret) => {
    const m = /^cf(?:k|ut|at)_([A-Za-z0-9]{40})([0-9a-f]{8})$/.exec(secret);
    return m !== null && crc32(m[1]).toString(16).padStart(8, '0') === m[2];
  },
  /**
   * An armoured key's body is base64 in lines of 64 (PEM, PGP) or 70 (OpenSSH), maybe written with `\\n`
   * escapes or cut into quoted pieces. Code between a BEGIN and an END line (`.replace("-----BEGIN
   * PRIVATE KEY-----", "")` … `.replace("-----END …`) holds no run of 32 base64 characters.
   */
  'armoured-key-body': (secret) => /[A-Za-z0-9+/]{32}/.test(secret.replace(/\\[nrt]/g, ' ')),
  /**
   * A base64-encoded PEM private key: the decoded body (armour headers such as `Version:` or `Proc-Type:`
   * left out) must be key material, as for the plain armour: a whole one holds a run of 32 base64
   * characters and is not one character repeated; one cut short (the first line of a wrapped encoding)
   * is base64 so far. A placeholder (`YOUR_PRIVATE_KEY_HERE`, `...`, `<base64 encoded key>`) is neither.
   */
  'base64-armoured-key': (secret) => {
    const decoded = decodeBase64(secret);
    // (The armour line may itself be cut or odd: `-----BEGIN PRIVATE <body>` is read from after PRIVATE.)
    const head = decoded === null ? null : /^-----BEGIN [A-Z0-9 ]{0,30}?PRIVATE(?: KEY(?: BLOCK)?)?(?:-----)?\s*/.exec(decoded);
    if (decoded === null || head === null) return false;
    const end = decoded.indexOf('-----END', head[0].length);
    const body = decoded
      .slice(head[0].length, end === -1 ? undefined : end)
      .replace(/^[\w-]{1,40}: [^\n]{0,200}\r?\n/gm, '')
      .replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/=]*$/.test(body)) return false;
    if (end === -1) return body.length >= 16 && !/^(.)\1*$/.test(body);
    return /[A-Za-z0-9+/]{32}/.test(body) && new Set(body).size >= 16;
  },
  /** Docker's `auth`: base64 of `user:password`, both printable, the password not a placeholder. */
  'base64-user-password': (secret) => {
    const decoded = decodeBase64(secret);
    const m = decoded === null ? null : /^([\x21-\x7e]{1,128}):([\x20-\x7e]{3,256})$/.exec(decoded);
    return m !== null && !isPlaceholder(m[2]) && !isNotSecretValue(m[2], { pass: '', user: m[1] });
  },
  /** A JWT: its header decodes to a JSON object. */
  jwt: (secret) => isJwtHeader(secret.slice(0, secret.indexOf('.'))),
  /** base64 of a JWT (Kubernetes secrets, basic-auth blobs): the decoded text is a JWT. */
  'base64-jwt': (secret) => {
    const decoded = decodeBase64(secret);
    if (!decoded) return false;
    const m = /^eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{0,}/.exec(decoded);
    return m !== null && isJwtHeader(decoded.slice(0, decoded.indexOf('.')));
  },
  /** Sentry organization tokens carry base64 JSON naming the issuing site and org. */
  'sentry-org-token': (secret) => {
    if (!secret.startsWith('sntrys_')) return true;
    const payload = decodeBase64(secret.slice(7).split('_')[0]);
    if (!payload) return false;
    try {
      const claims = JSON.parse(payload) as Record<string, unknown>;
      return typeof claims === 'object' && claims !== null && 'iat' in claims && 'url' in claims && 'org' in claims;
    } catch {
      return false;
    }
  },
  /** Discord bot tokens open with the bot's numeric id in base64. */
  'discord-bot-token': (secret) => {
    const id = decodeBase64(secret.slice(0, secret.indexOf('.')));
    return id !== null && /^\d{15,22}$/.test(id);
  },
  /**
   * Vault's legacy `s.` tokens are 24 random characters: demand a mix of cases and digits so
   * that `s.AcceptanceTimeoutSeconds` and other member accesses are not taken for one.
   */
  'vault-legacy-token': (secret) => {
    if (!secret.startsWith('s.')) return true;
    const body = secret.slice(2);
    // A member name with a number in it (`s.readUint16LEFromBuffer`, in a binary's strings) is code too.
    return /[a-z]/.test(body) && /[A-Z]/.test(body) && /\d/.test(body) && !/^[A-Za-z]+$/.test(body) && !looksLikeCodeName(body);
  },
};

/** The 6-character tail GitHub appends to the 30 random characters of a token. */
export function githubChecksum(random30: string, alphabet = BASE62): string {
  return base62(crc32(random30), 6, alphabet);
}

/** Both candidate tails (see BASE62_LOWER_FIRST). */
function crc32Tails(random30: string): string[] {
  return [githubChecksum(random30), githubChecksum(random30, BASE62_LOWER_FIRST)];
}

/** True when a GitHub token's CRC32 tail is correct: strong evidence of a real token. */
export function hasValidGithubChecksum(secret: string): boolean {
  const m = /^(gh[pousr]_[A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
  return m !== null && crc32Tails(m[1].slice(4)).includes(m[2]);
}

export const BASE62_ORDERINGS = { upperFirst: BASE62, lowerFirst: BASE62_LOWER_FIRST };
