/**
 * The one gate between untrusted text and a terminal. File names, commit authors, custom rules'
 * descriptions and fixes, baseline entries and redacted prefixes all come from the repository,
 * and a terminal acts on what it is sent: ESC and CSI (C1 U+009B) sequences move the cursor,
 * rewrite earlier lines or set the window title; a line break or carriage return can forge a
 * line of the report ("keyguard: no secrets in staged changes"); bidirectional controls reorder
 * what is shown. Each such character is written as a visible escape instead.
 */
// C0 (tab included: it breaks columns), DEL, C1, line and paragraph separators, bidi controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` with every character a terminal would act on (or that breaks a line) written as an escape. */
export function escapeText(s: string): string {
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

/** True when `s` holds a character escapeText rewrites. */
export function hasControlChars(s: string): boolean {
  return HAS_UNSAFE.test(s);
}

/**
 * A line of a file shown in a diff (fix's rewrite, init's dry run): escapeText, except that a tab
 * stays a tab. It only moves the cursor right, and tab-indented code stays readable.
 */
export function escapeLine(s: string): string {
  return s.includes('\t') ? s.split('\t').map(escapeText).join('\t') : escapeText(s);
}
