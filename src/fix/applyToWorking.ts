import { fromLines, insertionsFor, toLines, type FileRewrite } from './planFile.js';

export type WorkingResult = { ok: true; text: string } | { ok: false; line: number; why: string };

/**
 * The same replacement in the working file, which may hold unstaged work: each rewritten line is
 * found there by its staged text (the nearest such line) and replaced; nothing else changes.
 * A key that stays in the working file on a line that differs from the staged one fails the
 * file: the next `git add` would bring it back.
 */
export function applyToWorking(work: string, rewrite: FileRewrite): WorkingResult {
  const lines = toLines(work);
  const bodies = [...lines.bodies];
  const used = new Set<number>();
  for (const edit of rewrite.edits) {
    let best = -1;
    for (let i = 0; i < bodies.length; i++) {
      if (used.has(i) || lines.bodies[i] !== edit.before) continue;
      if (best < 0 || Math.abs(i - edit.index) < Math.abs(best - edit.index)) best = i;
    }
    if (best >= 0) {
      used.add(best);
      bodies[best] = edit.after;
    }
  }
  for (let i = 0; i < bodies.length; i++) {
    for (const m of rewrite.moved) {
      if (bodies[i].includes(Buffer.from(m.finding.secret, 'utf8').toString('latin1'))) {
        return { ok: false, line: i + 1, why: `the working copy holds the key on line ${i + 1}, which differs from the staged line: stage or undo that change first` };
      }
    }
  }
  if (used.size === 0) return { ok: true, text: work };
  const inserts = insertionsFor(rewrite.lang, bodies, rewrite.moved);
  const eol = lines.eols.find((e) => e !== '') ?? '\n';
  return { ok: true, text: fromLines({ bodies, eols: lines.eols }, inserts, eol) };
}
