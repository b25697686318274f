/**
 * Real key material, made with node:crypto at run time: private keys in the armours tools write
 * (PKCS#8, PKCS#1, SEC1, OpenSSH) and provider tokens whose random part is drawn (seeded) in each
 * provider's documented alphabet and length. Nothing here is stored.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { githubChecksum } from '../../src/detect/validators.js';

export type KeyKind = 'rsa-2048' | 'rsa-4096' | 'ec-p256' | 'ec-p384' | 'ed25519';

/** One private key in every armour keyguard must catch it in. */
export function privateKeyArmours(kind: KeyKind): { armour: string; text: string }[] {
  const key = makeKey(kind);
  const out = [
    { armour: 'pkcs8', text: key.export({ type: 'pkcs8', format: 'pem' }) as string },
    { armour: 'openssh', text: openssh(key) },
  ];
  if (kind.startsWith('rsa')) out.push({ armour: 'pkcs1', text: key.export({ type: 'pkcs1', format: 'pem' }) as string });
  if (kind.startsWith('ec')) out.push({ armour: 'sec1', text: key.export({ type: 'sec1', format: 'pem' }) as string });
  return out;
}

/**
 * A new key, handed out as a copy read back from its DER. Node 20 can deadlock exporting a freshly
 * generated key: when the garbage collector frees the generation job while `export()` holds the
 * key's lock (seen as the main thread stuck in ~KeyGenJob under ExportJWKEdKey), the test process
 * hangs for good, with no timeout able to fire. A copy has a lock no generation job shares.
 */
function makeKey(kind: KeyKind): KeyObject {
  const generated =
    kind === 'ed25519' ? generateKeyPairSync('ed25519').privateKey
    : kind === 'ec-p256' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
    : kind === 'ec-p384' ? generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey
    : generateKeyPairSync('rsa', { modulusLength: kind === 'rsa-2048' ? 2048 : 4096 }).privateKey;
  return createPrivateKey({ key: generated.export({ type: 'pkcs8', format: 'der' }), format: 'der', type: 'pkcs8' });
}

// --- OpenSSH's private key format (PROTOCOL.key in OpenSSH's sources), unencrypted ---

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const str = (b: Buffer | string) => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([u32(buf.length), buf]);
};
/** An SSH mpint: big-endian, a leading zero byte when the top bit is set. */
const mpint = (b64url: string) => {
  let b = Buffer.from(b64url, 'base64url');
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return str(b);
};

function openssh(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
  let pub: Buffer;
  let priv: Buffer;
  if (jwk.kty === 'OKP') {
    const x = Buffer.from(jwk.x, 'base64url');
    const d = Buffer.from(jwk.d, 'base64url');
    pub = Buffer.concat([str('ssh-ed25519'), str(x)]);
    priv = Buffer.concat([str('ssh-ed25519'), str(x), str(Buffer.concat([d, x]))]);
  } else if (jwk.kty === 'EC') {
    const curve = jwk.crv === 'P-256' ? 'nistp256' : 'nistp384';
    const q = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    pub = Buffer.concat([str(`ecdsa-sha2-${curve}`), str(curve), str(q)]);
    priv = Buffer.concat([pub, mpint(jwk.d)]);
  } else {
    pub = Buffer.concat([str('ssh-rsa'), mpint(jwk.e), mpint(jwk.n)]);
    priv = Buffer.concat([str('ssh-rsa'), mpint(jwk.n), mpint(jwk.e), mpint(jwk.d), mpint(jwk.qi), mpint(jwk.p), mpint(jwk.q)]);
  }
  const check = randomBytes(4);
  let section = Buffer.concat([check, check, priv, str('user@host')]);
  const pad: number[] = [];
  for (let i = 1; (section.length + pad.length) % 8 !== 0; i++) pad.push(i);
  section = Buffer.concat([section, Buffer.from(pad)]);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), str('none'), str('none'), str(''), u32(1), str(pub), str(section)]);
  const body = blob.toString('base64').replace(/.{1,70}/g, '$&\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}-----END OPENSSH PRIVATE KEY-----\n`;
}

// --- provider tokens ---

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DI = '0123456789';
const AN = UP + LO + DI;
const URLSAFE = AN + '_-';

/**
 * `n` characters of `alphabet`, from a seeded generator: the same tokens every run, so a result
 * can be reproduced (private keys come from node:crypto, whose key generation takes no seed).
 */
export function random(alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[draw(alphabet.length)];
  return out;
}

/** xorshift32 draws below `n`, seeded once per process. */
let state = 0x5113a7;
function draw(n: number): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state % n;
}

/**
 * A token's random part: `n` random characters, or, with `word`, the same with the word at a
 * random place in it — what a random body that happens to hold the word looks like, without
 * drawing thousands of tokens until one does. The word takes the alphabet's case.
 */
type Body = (alphabet: string, n: number) => string;
const plain: Body = random;
const holding =
  (word: string): Body =>
  (alphabet, n) => {
    const w = alphabet.includes('a') ? word.toLowerCase() : word.toUpperCase();
    for (;;) {
      const at = draw(n - w.length + 1);
      const out = random(alphabet, at) + w + random(alphabet, n - w.length - at);
      // `xxxx` beside two more random x's makes a mask-like run of six: rarer by chance than the
      // word alone by a factor of thousands, so such draws are not what this models.
      if (!/(.)\1{5}/.test(out)) return out;
    }
  };

const j = (...parts: string[]) => parts.join('');

/**
 * The ten providers whose keys leak most, each token as a line a user would commit. The rule id
 * says what keyguard must report it as. Prefixes are assembled so no whole key sits in this file.
 * `make(word)` puts a placeholder word into the random part.
 */
export const providerTokens: { provider: string; rule: string; make: (word?: string) => { secret: string; line: string } }[] = [
  { provider: 'OpenAI', rule: 'openai-api-key', make: (w) => token(j('sk-', 'proj-', body(w)(URLSAFE, 156))) },
  { provider: 'Anthropic', rule: 'anthropic-api-key', make: (w) => token(j('sk-ant-', 'api03-', body(w)(URLSAFE, 93), 'AA')) },
  { provider: 'AWS key id', rule: 'aws-access-key-id', make: (w) => token(j('AK', 'IA', body(w)('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16))) },
  {
    provider: 'AWS secret',
    rule: 'aws-secret-access-key',
    make: (w) => {
      const secret = body(w)(AN + '+/', 40);
      return { secret, line: `aws_secret_access_key = ${secret}` };
    },
  },
  {
    provider: 'GitHub',
    rule: 'github-token',
    make: (w) => {
      const random30 = body(w)(AN, 30);
      return token(j('gh', 'p_', random30, githubChecksum(random30)));
    },
  },
  { provider: 'GitLab', rule: 'gitlab-token', make: (w) => token(j('gl', 'pat-', body(w)(URLSAFE, 20))) },
  { provider: 'Stripe', rule: 'stripe-secret-key', make: (w) => token(j('sk', '_live_', body(w)(AN, 99))) },
  { provider: 'Slack', rule: 'slack-token', make: (w) => token(j('xo', 'xb-', random(DI, 12), '-', random(DI, 13), '-', body(w)(AN, 24))) },
  { provider: 'Google', rule: 'google-api-key', make: (w) => token(j('AI', 'za', body(w)(URLSAFE, 35))) },
  { provider: 'SendGrid', rule: 'sendgrid-api-key', make: (w) => token(j('S', 'G.', random(URLSAFE, 22), '.', body(w)(URLSAFE, 43))) },
  {
    provider: 'npm',
    rule: 'npm-access-token',
    make: (w) => {
      const random30 = body(w)(AN, 30);
      const secret = j('np', 'm_', random30, githubChecksum(random30));
      return { secret, line: `//registry.npmjs.org/:_authToken=${secret}` };
    },
  },
];

function body(word: string | undefined): Body {
  return word ? holding(word) : plain;
}

function token(secret: string): { secret: string; line: string } {
  return { secret, line: `const key = "${secret}";` };
}

/**
 * Words the placeholder filter looks for, as they turn up by chance inside random bodies
 * (case-insensitively: base64 and base62 hold both cases).
 */
export const CHANCE_WORDS = /xxxx|fake|dummy|example|redacted|changeme/i;
/** Words short enough for chance to put them into a random part, planted by `make(word)`. */
export const PLANTED_WORDS = ['xxxx', 'fake', 'dummy', 'Example'];
