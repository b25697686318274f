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

const RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{24,8192}={0,2}(?![A-Za-z0-9+/=_-])/g;
export const MAX_RUNS = 64;

export function encodedRuns(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  RUN.lastIndex = 0;
  let tried = 0;
  for (let m = RUN.exec(text); m !== null && tried < MAX_RUNS; m = RUN.exec(text)) {
    const run = m[0];
    // base64 of text mixes cases and (for most text) digits; a long identifier does not decode to text anyway.
    if (!/[a-z]/.test(run) || !/[A-Z]/.test(run) || run.replace(/=+$/, '').length % 4 === 1) continue;
    tried++;
    const decoded = Buffer.from(run, 'base64').toString('latin1');
    if (isText(decoded)) runs.push({ start: m.index, end: m.index + run.length, decoded });
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
