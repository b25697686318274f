/**
 * Colour for a person at a terminal. FORCE_COLOR decides when set (0 or "false": off; 1–3, "true"
 * or empty: on, also into a pipe, as CI logs that render colour want); otherwise NO_COLOR (set to
 * anything but "") turns it off, and it is on only at a terminal that is not TERM=dumb.
 */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return true;
    if (force === 'false') return false;
    if (/^\d+$/.test(force)) return Number(force) > 0;
  }
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}
