import { readTarget } from './readTarget.js';
import { join } from 'node:path';
import type { FileChange } from './applyChanges.js';
import { appendLine, bytesToText, detectEol, removeLines, splitLines, textToBytes } from './text.js';

export function readIfExists(path: string): Buffer | null {
  return readTarget(path);
}

/** Lines after a top-level `exit` or `exec` never run, so keyguard's line goes before the first one. */
const ENDS_SCRIPT = /^(exit|exec)(\s|$)/;

/**
 * Adds one line to a husky hook file, keeping every existing line in its order: at the end, or
 * before a top-level `exit`/`exec` that would skip it. A file that already has the line is unchanged.
 */
export function addHookLine(before: Buffer | null, line: string): Buffer {
  const text = before ? bytesToText(before) : '';
  const lines = splitLines(text);
  if (lines.some((l) => l.trim() === line)) return before!;
  const eol = detectEol(text);
  const stop = lines.findIndex((l) => ENDS_SCRIPT.test(l));
  if (stop < 0) return textToBytes(appendLine(text, line, eol));
  // Insert before the line that ends the script, keeping every byte around it.
  let offset = 0;
  for (let i = 0; i < stop; i++) offset = text.indexOf('\n', offset) + 1;
  return textToBytes(text.slice(0, offset) + line + eol + text.slice(offset));
}

/** Takes out exactly the lines keyguard adds; a file left with nothing in it is deleted (keyguard created it). */
export function removeHookLine(before: Buffer, line: string): Buffer | null {
  const text = bytesToText(before);
  const after = removeLines(text, (l) => l.trim() === line);
  return after.trim() === '' ? null : textToBytes(after);
}

/** Plans keyguard's line in `.husky/<hook>` (huskyDir is the .husky folder). */
export function planHuskyHook(huskyDir: string, hook: string, line: string): FileChange {
  const path = join(huskyDir, hook);
  const before = readIfExists(path);
  return { path, before, after: addHookLine(before, line), mode: 0o755, summary: `add \`${line}\`` };
}

export function planHuskyUnhook(huskyDir: string, hook: string, line: string): FileChange | null {
  const path = join(huskyDir, hook);
  const before = readIfExists(path);
  if (!before) return null;
  const after = removeHookLine(before, line);
  return { path, before, after, summary: `remove \`${line}\`` };
}

/** Whether a husky pre-commit already runs lint-staged (then keyguard can be one of its tasks). */
export function runsLintStaged(hook: Buffer | null): boolean {
  if (!hook) return false;
  return splitLines(bytesToText(hook)).some((l) => !/^\s*#/.test(l) && /(^|[\s/])lint-staged(\s|$|;)/.test(l));
}
