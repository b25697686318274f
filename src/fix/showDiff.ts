import { escapeLine } from '../report/escape.js';
import type { FileRewrite } from './planFile.js';

/** Lines are handled as bytes (latin1); shown as the UTF-8 text they are, so a secret is recognised to redact it. */
function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** Any of the run's secrets inside a line, shown as its redacted form only. */
export function redactLine(line: string, secrets: { secret: string; redacted: string }[]): string {
  let out = line;
  for (const s of secrets) if (s.secret) out = out.split(s.secret).join(s.redacted);
  return out;
}

const WIDE = 240;

/** A long (minified) line is shown around where it changed, not whole. */
function clip(line: string, at: number): string {
  if (line.length <= WIDE) return line;
  const from = Math.max(0, at - 80);
  const to = Math.min(line.length, from + WIDE);
  return `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** What fix did to one file, line by line, every secret redacted. */
export function showDiff(rewrite: FileRewrite, secrets: { secret: string; redacted: string }[]): string[] {
  const out: string[] = [];
  const rows: { at: number; text: string[] }[] = [];
  for (const e of rewrite.edits) {
    // Redacted first, clipped after: a clip never cuts a secret into a piece that escapes redaction.
    const before = redactLine(utf8(e.before), secrets);
    const after = redactLine(utf8(e.after), secrets);
    const at = firstDifference(before, after);
    rows.push({ at: e.index, text: [`  ${e.index + 1} - ${escapeLine(clip(before, at))}`, `  ${e.index + 1} + ${escapeLine(clip(after, at))}`] });
  }
  for (const ins of rewrite.inserts) rows.push({ at: ins.at - 0.5, text: ins.lines.map((l) => `  ${ins.at + 1} + ${escapeLine(l)}`) });
  for (const r of rows.sort((a, b) => a.at - b.at)) out.push(...r.text);
  return out;
}
