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

/** Appends lines after the existing text, adding the missing line break first. */
export function appendLines(text: string, lines: string[], eol: string): string {
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return text + sep + lines.map((l) => l + eol).join('');
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
