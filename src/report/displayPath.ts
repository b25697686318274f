/**
 * Paths are shown exactly; one holding a control character (a newline, a tab) is shown quoted
 * with escapes so it cannot break the layout or forge a line of the report.
 */
export function displayPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f"]/.test(path) ? JSON.stringify(path) : path;
}
