/**
 * Key-shaped test values, generated at run time from a seeded generator: realistic (random,
 * high-entropy) yet never stored whole in the repository's source.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The alphabets documented key formats are drawn from, for the sample generators. */
export const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LO = 'abcdefghijklmnopqrstuvwxyz';
export const DI = '0123456789';
export const AN = UP + LO + DI;
export const LAN = LO + DI;
export const UAN = UP + DI;
export const HEX = '0123456789abcdef';
export const B64 = AN + '+/';
export const URLSAFE = AN + '_-';

export function seeded(seed: number) {
  let s = seed >>> 0;
  return (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) {
      // xorshift32: deterministic, good enough to look random to an entropy test
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      out += alphabet[s % alphabet.length];
    }
    return out;
  };
}

const rnd = seeded(0x6b657967);

export const keys = {
  openai: () => ['sk', 'proj', rnd(ALNUM + '_-', 64)].join('-'),
  github: () => ['ghp', rnd(ALNUM, 36)].join('_'),
  aws: () => ['AKIA', rnd('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)].join(''),
  stripe: () => ['sk', 'live', rnd(ALNUM, 24)].join('_'),
  generic: () => rnd(ALNUM, 32),
};
