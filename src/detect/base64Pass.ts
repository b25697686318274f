/**
 * Secrets written base64-encoded (a Kubernetes Secret's `data:`, a Basic-auth blob, a CI variable
 * pasted encoded) hide from every rule. The decode pass looks for base64 runs and decodes them,
 * within bounds that keep its cost flat on any file: runs of 24 to 8,192 characters (a PEM key
 * encoded is about 2,300), at most MAX_RUNS per fragment, and only runs that decode to text.
 * The caller judges the decoded text with provider rules alone and points findings at the run.
 */
export interface EncodedRun {
  /** Offsets of the base64 text in the fragment. */
  start: number;
  end: number;
  decoded: string;
}

export const MAX_RUNS = 64;
const MIN_RUN = 24;
const MAX_RUN = 8192;

/**
 * Character kinds, by code unit: 1 = a base64 letter (A-Z a-z 0-9 + /), 2 = a character that may
 * not touch a run (`_`, `-`: a run then is part of a longer identifier), 0 = anything else.
 */
const KIND = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/]/.test(ch)) KIND[c] = 1;
  else if (ch === '_' || ch === '-') KIND[c] = 2;
}
const EQUALS = 0x3d;

/**
 * A run is a maximal stretch of base64 letters, 24 to 8,192 long, with at most two `=` after it,
 * touching no base64 letter, `_`, `-` or further `=` on either side: what
 * /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{24,8192}={0,2}(?![A-Za-z0-9+/=_-])/g finds, read in one pass
 * by hand (the expression cost as much as the keyword scan over a big commit).
 */
export function encodedRuns(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  const len = text.length;
  let tried = 0;
  // `i`: where the next run may start; the character before it is never a base64 letter. A run
  // starting at i or later is at least MIN_RUN long only if the letter MIN_RUN - 1 further on is
  // one: most text is read a character in several, not every character.
  let i = 0;
  while (i + MIN_RUN <= len && tried < MAX_RUNS) {
    const probe = i + MIN_RUN - 1;
    if (KIND[text.charCodeAt(probe)] !== 1) {
      i = probe + 1;
      continue;
    }
    let j = probe - 1;
    while (j >= i && KIND[text.charCodeAt(j)] === 1) j--;
    if (j >= i) {
      i = j + 1;
      continue;
    }
    const start = i;
    let bodyEnd = probe + 1;
    while (bodyEnd < len && KIND[text.charCodeAt(bodyEnd)] === 1) bodyEnd++;
    i = bodyEnd + 1;
    if (bodyEnd - start > MAX_RUN || (start > 0 && KIND[text.charCodeAt(start - 1)] === 2)) continue;
    let end = bodyEnd;
    while (end < len && end - bodyEnd < 3 && text.charCodeAt(end) === EQUALS) end++;
    if (end - bodyEnd > 2 || (end < len && (KIND[text.charCodeAt(end)] !== 0 || text.charCodeAt(end) === EQUALS))) continue;
    const run = text.slice(start, end);
    // base64 of text mixes cases and (for most text) digits; a long identifier does not decode to text anyway.
    if (!/[a-z]/.test(run) || !/[A-Z]/.test(run) || (bodyEnd - start) % 4 === 1) continue;
    tried++;
    const decoded = Buffer.from(run, 'base64').toString('latin1');
    if (isText(decoded)) runs.push({ start, end, decoded });
  }
  return runs;
}

/** Printable ASCII with line breaks and tabs, nearly throughout: what a key or a config file decodes to. */
function isText(s: string): boolean {
  if (s.length < 12) return false;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) printable++;
  }
  return printable >= s.length * 0.97;
}
