import type { Language } from './languages.js';
import type { Literal } from './findLiteral.js';

export interface LineContext {
  /** The file's package uses Vite: browser code reads `import.meta.env`. */
  vite: boolean;
}

export type Rewritten = { ok: true; line: string } | { ok: false; why: string };

/** The expression that reads NAME from the environment, in the language's own call. */
export function envExpression(lang: Language, name: string, ctx: LineContext): string {
  switch (lang) {
    case 'javascript':
      return ctx.vite ? `import.meta.env.${name}` : `process.env.${name}`;
    case 'typescript':
      // `!`: the old literal was a string; without it every `string` parameter the value reaches stops compiling.
      return ctx.vite ? `import.meta.env.${name}!` : `process.env.${name}!`;
    case 'python':
      return `os.environ["${name}"]`;
    case 'go':
      return `os.Getenv("${name}")`;
    case 'ruby':
      // fetch, not []: a missing variable fails loudly where the key is used instead of sending nil.
      return `ENV.fetch("${name}")`;
    case 'php':
      return `getenv('${name}')`;
    case 'java':
    case 'kotlin':
      return `System.getenv("${name}")`;
    case 'actions':
      return `\${{ secrets.${name} }}`;
    default:
      return `\${${name}}`;
  }
}

/**
 * Characters a value moved out of code may not hold: with them the literal's text and the
 * program's value differ (escapes), or the language would have interpolated it.
 */
const UNSAFE_VALUE = /[\\'"`$\r\n{}]/;

/**
 * Replaces the value [from, to) of the literal with the environment read. The whole literal is
 * replaced when the value is all of it; otherwise the text around it stays, joined in the
 * language's own way (concatenation, or substitution where the file substitutes variables).
 */
export function rewriteLine(lang: Language, line: string, lit: Literal, from: number, to: number, name: string, ctx: LineContext): Rewritten {
  const value = line.slice(from, to);
  const head = line.slice(0, lit.start);
  const tail = line.slice(lit.end);
  const pre = line.slice(lit.contentStart, from);
  const post = line.slice(to, lit.contentEnd);
  const expr = envExpression(lang, name, ctx);
  const splice = (insert: string): Rewritten => ({ ok: true, line: line.slice(0, from) + insert + line.slice(to) });

  switch (lang) {
    case 'shell':
      if (lit.quote === '"') return splice(expr);
      if (lit.quote === "'") return { ok: true, line: head + (pre ? `'${pre}'` : '') + `"${expr}"` + (post ? `'${post}'` : '') + tail };
      return splice(`"${expr}"`);
    case 'dockerfile':
      if (lit.quote === "'") return { ok: false, why: 'a single-quoted Dockerfile value is not substituted: use double quotes or none' };
      return splice(expr);
    case 'compose':
    case 'actions':
    case 'npmrc':
      return splice(expr);
    default:
      break;
  }

  if (UNSAFE_VALUE.test(value)) return { ok: false, why: 'the value holds quotes, escapes or interpolation; move it by hand' };
  if (lit.quote === "'" && (lang === 'go' || lang === 'java' || lang === 'kotlin')) return { ok: false, why: 'the key is in a character literal' };
  if (/[bB]/.test(lit.prefix)) return { ok: false, why: 'the key is a bytes literal: read the variable and encode it' };
  if (pre === '' && post === '') {
    return { ok: true, line: head + expr + tail };
  }
  if (lit.quote === '`' && (lang === 'javascript' || lang === 'typescript')) return splice(`\${${expr}}`);
  if (/[\\]/.test(pre + post) && lit.quote === '`') return { ok: false, why: 'the string holding the key has escapes' };
  const q = (text: string) => `${lit.prefix}${lit.quote}${text}${lit.quote}`;
  const op = lang === 'php' ? ' . ' : ' + ';
  const parts = [...(pre ? [q(pre)] : []), expr, ...(post ? [q(post)] : [])];
  return { ok: true, line: `${head}(${parts.join(op)})${tail}` };
}

/**
 * Places where a call is not allowed although a string literal is: constants the compiler must
 * know, annotations, enum members, property defaults. No rewrite there compiles.
 */
export function contextProblem(lang: Language, lines: string[], index: number, lit: Literal): string | null {
  const line = lines[index];
  // The declaration or annotation around a literal is near it: a bounded window keeps the tests linear.
  const before = line.slice(Math.max(0, lit.start - 500), lit.start);
  if (/@[\w.]+\s*\([^)]*$/.test(before) && (lang === 'java' || lang === 'kotlin' || lang === 'typescript' || lang === 'php')) {
    return 'the key is an annotation argument, which must be a constant';
  }
  switch (lang) {
    case 'go':
      if (/^\s*const\b/.test(line) || insideBlock(lines, index, /^\s*const\s*\(\s*$/)) return 'the key is a Go constant: change `const` to `var` first';
      break;
    case 'kotlin':
      if (/\bconst\s+val\b/.test(before)) return 'the key is a `const val`: make it a plain `val` first';
      break;
    case 'java':
      if (/\bcase\s+$/.test(before)) return 'the key is a `case` label, which must be a constant';
      break;
    case 'php':
      if (/^\s*(?:(?:public|private|protected|static|var|readonly|final)\s+)+(?:const\b|\??[\w\\]+\s+)?\$?\w+\s*=/.test(before) || /^\s*(?:(?:public|private|protected|final)\s+)*const\b/.test(before)) {
        return 'the key is a constant or property default, where PHP allows no function call: set it in the constructor';
      }
      break;
    case 'typescript':
      if (insideBlock(lines, index, /\benum\s+\w+\s*\{\s*$/)) return 'the key is an enum member, which must be a constant';
      break;
    default:
      break;
  }
  return null;
}

/** Whether line `index` is inside a block opened by a line matching `opener` (and not yet closed). */
function insideBlock(lines: string[], index: number, opener: RegExp): boolean {
  for (let i = index - 1; i >= 0 && i >= index - 500; i--) {
    const l = lines[i];
    if (/^\s*[)}]/.test(l)) return false;
    if (opener.test(l)) return true;
  }
  return false;
}
