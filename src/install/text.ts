/**
 * Text of files keyguard edits but does not own (.gitignore, hooks, configs). They are handled as
 * latin1 strings: one character per byte, so every byte keyguard does not touch is written back
 * exactly, whatever the file's encoding.
 */
export function bytesToText(bytes: Buffer): string {
  return bytes.toString('latin1');
}

export function textToBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The file's own line ending, so added lines match it (CRLF stays CRLF). */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Lines without their endings ("a\r\nb\n" → ["a", "b"]); a final newline adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const BLOCK_START = '# >>> keyguard';
export const BLOCK_END = '# <<< keyguard <<<';

export interface BlockSpan {
  /** Index of the first character of the start marker line. */
  start: number;
  /** Index just after the end marker line's line break. */
  end: number;
}

/** Finds the block keyguard marked (start marker line … end marker line), or null. */
export function findBlock(text: string): BlockSpan | null {
  const startRe = /^# >>> keyguard\b.*$/m;
  const s = startRe.exec(text);
  if (!s) return null;
  const endAt = text.indexOf(BLOCK_END, s.index);
  if (endAt < 0) return null;
  const nl = text.indexOf('\n', endAt);
  return { start: s.index, end: nl < 0 ? text.length : nl + 1 };
}

/** The text with keyguard's marked block taken out and every other byte kept. */
export function removeBlock(text: string): string {
  const span = findBlock(text);
  if (!span) return text;
  return text.slice(0, span.start) + text.slice(span.end);
}

/**
 * Appends one line in the file's style: after a last line without a newline it goes without one
 * too, so removing it again (removeLines) can tell the line break before it was added with it.
 */
export function appendLine(text: string, line: string, eol: string): string {
  if (text !== '' && !text.endsWith('\n')) return text + eol + line;
  return text + line + eol;
}

/**
 * Takes off the line break appendLine put before a line it added to a file that did not end in one:
 * the file's own line ending as appendLine saw it (CRLF when its first line break was CRLF, else LF).
 * A file with classic Mac (CR-only) line ends keeps its last CR: that byte was the user's.
 */
export function stripAddedBreak(text: string): string {
  if (!text.endsWith('\n')) return text;
  const body = text.slice(0, -1);
  const eol = body.includes('\n') ? detectEol(body) : '\n';
  return eol === '\r\n' && body.endsWith('\r') ? body.slice(0, -1) : body;
}

/** Removes the lines `drop` picks, keeping every other byte; undoes appendLine exactly. */
export function removeLines(text: string, drop: (line: string) => boolean): string {
  const pieces = text.split(/(?<=\n)/);
  const last = pieces[pieces.length - 1] ?? '';
  let after = pieces.filter((p) => !drop(p.replace(/\r?\n$/, ''))).join('');
  if (last !== '' && !last.endsWith('\n') && drop(last)) after = stripAddedBreak(after);
  return after;
}
