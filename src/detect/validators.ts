/**
 * Structural checks a shape alone cannot express. Rules name them (`validate: 'github-crc32'`),
 * so rules stay data.
 */
export type Validator = (secret: string) => boolean;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

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

function base62(n: number, width: number): string {
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

export const validators: Record<string, Validator> = {
  /** GitHub's new-format tokens end in a base62 CRC32 of the prefix and random part (6 characters). */
  'github-crc32': (secret) => {
    const m = /^(gh[pousr]_[A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    if (!m) return true; // other lengths: the shape has to carry the rule
    return base62(crc32(m[1].slice(4)), 6) === m[2];
  },
};
