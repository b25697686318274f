import { escapeText, hasControlChars } from './escape.js';

/**
 * Paths are shown exactly; one holding a control character (a newline, ESC, a C1 control) is shown
 * quoted, with escapes, so it cannot break the layout, forge a line of the report or drive the
 * terminal. Inside the quotes `"` and `\` are escaped too, so the shown form is unambiguous.
 */
export function displayPath(path: string): string {
  if (!hasControlChars(path) && !path.includes('"')) return path;
  return `"${escapeText(path.replace(/["\\]/g, '\\$&'))}"`;
}
