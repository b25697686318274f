import type { Language } from './languages.js';

/** Lines to insert before line `at` (0-based) so the rewritten file compiles. */
export interface Insertion {
  at: number;
  lines: string[];
}

/**
 * The import the environment call needs (`import os`, Go's "os"), when the file lacks it.
 * Placed where the language's conventions put it: Python after the module docstring and
 * `from __future__` lines, Go inside the import block in sorted order.
 */
export function neededImport(lang: Language, lines: string[]): Insertion | null {
  if (lang === 'python') return pythonImport(lines);
  if (lang === 'go') return goImport(lines);
  return null;
}

function pythonImport(lines: string[]): Insertion | null {
  if (lines.some((l) => /^import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*os(?:\.[\w.]+)?\s*(?:,|#|;|$)/.test(l))) return null;
  const first = lines.findIndex((l) => /^(?:import|from)\s/.test(l) && !/^from\s+__future__\s/.test(l));
  if (first >= 0) return { at: first, lines: ['import os'] };
  let i = 0;
  while (i < lines.length && /^\s*(?:#.*)?$/.test(lines[i])) i++;
  const doc = /^[rRuU]?("""|''')/.exec(lines[i] ?? '');
  if (doc) {
    const rest = (lines[i] ?? '').slice(doc[0].length);
    if (!rest.includes(doc[1])) {
      i++;
      while (i < lines.length && !lines[i].includes(doc[1])) i++;
    }
    i++;
  }
  while (i < lines.length && (/^from\s+__future__\s/.test(lines[i]) || /^\s*$/.test(lines[i]))) i++;
  return { at: Math.min(i, lines.length), lines: ['import os'] };
}

function goImport(lines: string[]): Insertion | null {
  const isOs = /^\s*(?:import\s+)?"os"\s*(?:\/\/.*)?$/;
  const block = lines.findIndex((l) => /^import\s*\(\s*$/.test(l));
  if (block >= 0) {
    let i = block + 1;
    let at = -1;
    for (; i < lines.length && !/^\s*\)/.test(lines[i]); i++) {
      if (isOs.test(lines[i])) return null;
      const path = /^\s*"([^"]+)"/.exec(lines[i])?.[1];
      if (at < 0 && path !== undefined && path > 'os') at = i;
    }
    return { at: at < 0 ? i : at, lines: ['\t"os"'] };
  }
  const singles = lines.map((l, i) => (/^import\s+(?:\w+\s+)?"[^"]+"/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (singles.some((i) => isOs.test(lines[i]))) return null;
  if (singles.length) return { at: singles[singles.length - 1] + 1, lines: ['import "os"'] };
  const pkg = lines.findIndex((l) => /^package\s+\w+/.test(l));
  return { at: pkg + 1, lines: ['', 'import "os"'] };
}

/**
 * A Dockerfile substitutes only variables it declares: `ARG NAME` goes before the instruction
 * (its first line when it continues over `\`), unless the stage declares it already.
 */
export function dockerArg(lines: string[], index: number, name: string): Insertion | null {
  const declared = new RegExp(`^\\s*ARG\\s+${name}(?:[=\\s]|$)`, 'i');
  for (let i = index - 1; i >= 0; i--) {
    if (declared.test(lines[i])) return null;
    if (/^\s*FROM\s/i.test(lines[i])) break;
  }
  let start = index;
  while (start > 0 && /\\\s*$/.test(lines[start - 1])) start--;
  return { at: start, lines: [`ARG ${name}`] };
}
