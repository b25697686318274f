import type { Change } from './change.js';

/**
 * Parses `--raw -z` output: `:oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]`.
 * Paths are raw bytes, decoded as UTF-8 and never unquoted: -z output is not quoted.
 */
export function parseRawDiff(out: Buffer): Change[] {
  const fields = out.toString('utf8').split('\0');
  const changes: Change[] = [];
  let i = 0;
  while (i < fields.length) {
    const meta = fields[i++];
    if (meta === '' || meta === '\n') continue;
    if (!meta.startsWith(':')) throw new Error(`unexpected git diff output near ${JSON.stringify(meta.slice(0, 40))}`);
    const [oldMode, newMode, oldSha, newSha, statusField] = meta.slice(1).split(' ');
    const status = statusField[0];
    const score = Number(statusField.slice(1)) || 0;
    if (status === 'R' || status === 'C') {
      const oldPath = fields[i++];
      const path = fields[i++];
      changes.push({ status, score, path, oldPath, newMode, newSha, oldShas: [oldSha], oldModes: [oldMode] });
    } else {
      changes.push({ status, score, path: fields[i++], newMode, newSha, oldShas: [oldSha], oldModes: [oldMode] });
    }
  }
  return changes;
}
