/**
 * Turns a blob into text, or null for binary content (binary blobs are read for their printable
 * runs instead: judge/printableRuns.ts). Text is what people and their tools write: UTF-8, UTF-16
 * and UTF-32 with or without a byte-order mark (Windows tools write .env files as UTF-16), and a
 * text file that happens to hold a stray NUL byte.
 */
export function decodeText(buf: Buffer): string | null {
  const bom = byteOrderMark(buf);
  if (bom) return decodeAs(buf.subarray(bom.length), bom.encoding);
  // git's own test: a NUL byte in the first 8000 bytes means binary. Text in UTF-16 or UTF-32
  // has them too, and so does a text file with one stray NUL: those are told apart below.
  const probe = buf.subarray(0, PROBE);
  if (!probe.includes(0)) return buf.toString('utf8');
  const wide = wideEncoding(probe);
  if (wide) return decodeAs(buf, wide);
  return strayNuls(probe) ? buf.toString('utf8') : null;
}

const PROBE = 8000;

/**
 * Whether decodeText reads the blob as UTF-16 or UTF-32 on a guess, with no byte-order mark. The
 * guess can be wrong: NUL-terminated records of even length look like UTF-16BE, and read that way
 * every key in them turns into CJK characters. Such a blob's bytes are judged as a binary's too.
 */
export function guessedWide(buf: Buffer): boolean {
  if (byteOrderMark(buf)) return false;
  const probe = buf.subarray(0, PROBE);
  return probe.includes(0) && wideEncoding(probe) !== null;
}

/**
 * Whether a blob decodeText reads as text is judged by its bytes too (its printable runs, as a
 * binary's): its reading rests on the first PROBE bytes, and the rest can belie them. Read as
 * UTF-16/32 on a guess (see guessedWide); or read as UTF-8 while NUL bytes follow past the probe:
 * text that turns UTF-16 later (a log a Windows tool appended to, files concatenated), where a key
 * reads as letters with NULs between them, which no rule matches.
 */
export function judgedAsBinaryToo(buf: Buffer): boolean {
  const bom = byteOrderMark(buf);
  if (bom) return bom.encoding === 'utf-8' && buf.indexOf(0, PROBE) !== -1;
  return guessedWide(buf) || buf.indexOf(0, PROBE) !== -1;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

function byteOrderMark(b: Buffer): { encoding: Encoding; length: number } | null {
  // UTF-32LE's mark begins with UTF-16LE's: test the longer one first.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  return null;
}

function decodeAs(buf: Buffer, encoding: Encoding): string {
  if (encoding === 'utf-8') return buf.toString('utf8');
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // An odd trailing byte (a file cut short) is dropped, not allowed to shift every character.
    return new TextDecoder(encoding).decode(buf.subarray(0, buf.length - (buf.length % 2)));
  }
  return decodeUtf32(buf, encoding === 'utf-32le');
}

/** TextDecoder has no UTF-32: code points read four bytes at a time, bad ones as U+FFFD. */
function decodeUtf32(buf: Buffer, le: boolean): string {
  const parts: string[] = [];
  let units: number[] = [];
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    const cp = le ? buf.readUInt32LE(i) : buf.readUInt32BE(i);
    units.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (units.length === 8192) {
      parts.push(String.fromCodePoint(...units));
      units = [];
    }
  }
  parts.push(String.fromCodePoint(...units));
  return parts.join('');
}

/**
 * UTF-16 or UTF-32 without a byte-order mark, from where the NUL bytes fall: text in them is
 * mostly characters below U+0100 (or below U+10000 for UTF-32), whose high bytes are zero. Each
 * candidate must also decode to text: few NUL characters, no invalid code points.
 */
function wideEncoding(p: Buffer): Encoding | null {
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < p.length; i++) if (p[i] === 0) zeros[i % 4]++;
  const units = Math.floor(p.length / 4);
  if (units >= 1) {
    // UTF-32LE: bytes 3 (always) and 2 (below U+10000) of every unit are zero; BE: bytes 0 and 1.
    if (zeros[3] === units && zeros[2] >= units * 0.9 && plausibleUtf32(p, true)) return 'utf-32le';
    if (zeros[0] === units && zeros[1] >= units * 0.9 && plausibleUtf32(p, false)) return 'utf-32be';
  }
  const even = zeros[0] + zeros[2];
  const odd = zeros[1] + zeros[3];
  const pairs = Math.floor(p.length / 2);
  // Latin text in UTF-16LE has its zeros at odd offsets; non-Latin text fewer of them, but the
  // ASCII of a key, markup and punctuation still puts them there — and next to none at the other
  // parity, where a binary format has about as many.
  const enough = Math.max(4, pairs / 100);
  if (odd >= enough && even <= odd * 0.05 && plausibleUtf16(p, 'utf-16le')) return 'utf-16le';
  if (even >= enough && odd <= even * 0.05 && plausibleUtf16(p, 'utf-16be')) return 'utf-16be';
  return null;
}

function plausibleUtf32(p: Buffer, le: boolean): boolean {
  let nul = 0;
  let units = 0;
  for (let i = 0; i + 4 <= p.length; i += 4, units++) {
    const cp = le ? p.readUInt32LE(i) : p.readUInt32BE(i);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (cp === 0) nul++;
  }
  return nul <= Math.max(1, units / 100);
}

function plausibleUtf16(p: Buffer, encoding: 'utf-16le' | 'utf-16be'): boolean {
  const text = new TextDecoder(encoding).decode(p.subarray(0, p.length - (p.length % 2)));
  let bad = 0;
  // The probe may end inside a surrogate pair: its last character does not count.
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad <= Math.max(1, text.length / 100);
}

/**
 * A UTF-8 text file with a NUL byte or two (a paste gone wrong, a `\0` a tool wrote): everything
 * else in the probe is text, where a binary format has control bytes and broken UTF-8 throughout.
 */
function strayNuls(p: Buffer): boolean {
  const text = p.toString('utf8');
  let odd = 0;
  // The probe may cut a multi-byte character: its last character does not count.
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 0x1b)) odd++;
  }
  return odd <= Math.max(2, text.length / 200);
}
