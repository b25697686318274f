/** Colour only for a person at a terminal, and never when NO_COLOR is set (to anything but ""). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}
