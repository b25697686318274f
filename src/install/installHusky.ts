import { readTarget } from './readTarget.js';
import { join } from 'node:path';
import type { FileChange } from './applyChanges.js';
import { appendLine, bytesToText, detectEol, removeLines, splitLines, textToBytes } from './text.js';

export function readIfExists(path: string): Buffer | null {
  return readTarget(path);
}

/** A hook file's header: its `#!` line and husky v5–v8's `. "$(dirname -- "$0")/_/husky.sh"`. */
const HEADER = /^(#!.*|\.\s+"?\$\(dirname\b.*\/_\/husky\.sh"?\s*)$/;

/** What husky v8 expects at the top of a hook file it did not write itself. */
export const HUSKY_V8_HEADER = ['#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"', ''];

/**
 * Adds one line to a husky hook file, keeping every existing line in its order. keyguard's line
 * goes first, after the file's header: a slow `npm test` before it would delay the answer, and a
 * failing one would stop the hook before keyguard saw the secret. A new file gets `header` first
 * (husky v8 runs nothing without it). A file that already has the line is unchanged.
 */
export function addHookLine(before: Buffer | null, line: string, header: string[] = []): Buffer {
  if (before === null) return textToBytes([...header, line].join('\n') + '\n');
  const text = bytesToText(before);
  const lines = splitLines(text);
  if (lines.some((l) => l.trim() === line)) return before;
  const eol = detectEol(text);
  let at = 0;
  while (at < lines.length && (HEADER.test(lines[at]) || (at > 0 && lines[at].trim() === ''))) at++;
  if (at === lines.length) return textToBytes(appendLine(text, line, eol));
  // Insert before the first line after the header, keeping every byte around it.
  let offset = 0;
  for (let i = 0; i < at; i++) offset = text.indexOf('\n', offset) + 1;
  return textToBytes(text.slice(0, offset) + line + eol + text.slice(offset));
}

/** Takes out exactly the lines keyguard adds; a file left with nothing in it is deleted (keyguard created it). */
export function removeHookLine(before: Buffer, line: string): Buffer | null {
  const text = bytesToText(before);
  const after = removeLines(text, (l) => l.trim() === line);
  // Left with nothing, or with only the husky v8 header keyguard wrote: keyguard created it.
  return after.trim() === '' || after === HUSKY_V8_HEADER.join('\n') + '\n' ? null : textToBytes(after);
}

/** Plans keyguard's line in `.husky/<hook>` (huskyDir is the .husky folder). */
export function planHuskyHook(huskyDir: string, hook: string, line: string, header: string[] = []): FileChange {
  const path = join(huskyDir, hook);
  const before = readIfExists(path);
  return { path, before, after: addHookLine(before, line, header), mode: 0o755, summary: `add \`${line}\`` };
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
