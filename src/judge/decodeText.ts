/**
 * Turns a blob into text, or null for binary content (skipped for content rules; path rules
 * still apply). UTF-16 with a byte-order mark is text: Windows tools write .env files that way.
 */
export function decodeText(buf: Buffer): string | null {
  if (buf.length >= 2) {
    if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
    if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  }
  // git's own test: a NUL byte in the first 8000 bytes means binary.
  const probe = buf.subarray(0, 8000);
  if (probe.includes(0)) return looksLikeBomlessUtf16(probe) ?? null;
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return buf.toString('utf8', start);

  function looksLikeBomlessUtf16(p: Buffer): string | null {
    // UTF-16LE ASCII text: every odd byte NUL, no even byte NUL.
    if (p.length < 16 || p.length % 2 !== 0) return null;
    for (let i = 0; i < p.length; i += 2) if (p[i] === 0 || p[i + 1] !== 0) return null;
    return new TextDecoder('utf-16le').decode(buf);
  }
}
