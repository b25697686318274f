import type { Language } from './languages.js';

/** The string literal (or unquoted value) around a key on one line. Offsets are into the line. */
export interface Literal {
  /** First character of the literal, its prefix (Python's r/u/f) and opening quote included. */
  start: number;
  /** Just after the closing quote. */
  end: number;
  /** `"`, `'`, `` ` ``, or '' for an unquoted shell word / YAML plain scalar / .npmrc value. */
  quote: string;
  /** Python string prefix (`r`, `f`, `u`…), empty elsewhere. */
  prefix: string;
  contentStart: number;
  contentEnd: number;
}

export type Located = { ok: true; literal: Literal } | { ok: false; why: string };

interface Syntax {
  quotes: string;
  /** Comment openers outside strings. */
  comments: string[];
  /** Comment opener only where a word starts (shell `#`, YAML ` #`). */
  wordComment?: string;
  /** Quote chars without backslash escapes (shell and YAML single quotes). */
  rawQuotes?: string;
  /** Python's prefixed strings. */
  prefixes?: RegExp;
}

const C_LIKE = { comments: ['//', '/*'] };
const SYNTAX: Record<Language, Syntax> = {
  javascript: { quotes: `"'\``, ...C_LIKE },
  typescript: { quotes: `"'\``, ...C_LIKE },
  python: { quotes: `"'`, comments: ['#'], prefixes: /[rRuUfFbB]{1,2}$/ },
  go: { quotes: '"`\'', ...C_LIKE, rawQuotes: '`' },
  ruby: { quotes: `"'`, comments: [], wordComment: '#' },
  php: { quotes: `"'`, comments: ['//', '/*'], wordComment: '#' },
  java: { quotes: `"'`, ...C_LIKE },
  kotlin: { quotes: `"'`, ...C_LIKE },
  shell: { quotes: `"'`, comments: [], wordComment: '#', rawQuotes: "'" },
  dockerfile: { quotes: `"'`, comments: [], rawQuotes: "'" },
  compose: { quotes: `"'`, comments: [], wordComment: '#', rawQuotes: "'" },
  actions: { quotes: `"'`, comments: [], wordComment: '#', rawQuotes: "'" },
  npmrc: { quotes: '', comments: [] },
};

/** Languages whose files substitute `${NAME}` inside values, so only the key itself is replaced. */
export const INTERPOLATING: ReadonlySet<Language> = new Set(['shell', 'dockerfile', 'compose', 'actions', 'npmrc']);

/**
 * Walks the line as the language's tokenizer would (strings, escapes, comments) and returns the
 * literal holding [at, at + length). A key inside a comment, or on a line the walk cannot
 * follow (a string opened on an earlier line), has no safe rewrite.
 */
export function findLiteral(line: string, at: number, length: number, lang: Language): Located {
  const syn = SYNTAX[lang];
  const end = at + length;
  // Dockerfile and .npmrc comments are whole lines.
  if ((lang === 'dockerfile' || lang === 'npmrc') && /^\s*[#;]/.test(line)) return { ok: false, why: 'the key is in a comment: delete it from the comment' };
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (syn.comments.some((c) => line.startsWith(c, i)) || (syn.wordComment === ch && (i === 0 || /\s/.test(line[i - 1])))) {
      if (at >= i) return { ok: false, why: 'the key is in a comment: delete it from the comment' };
      break;
    }
    if (syn.quotes.includes(ch)) {
      const close = closingQuote(line, i, ch, syn.rawQuotes?.includes(ch) ?? false, lang);
      if (close < 0) return { ok: false, why: 'the string holding the key does not end on its line' };
      if (at > i && end <= close) {
        let start = i;
        let prefix = '';
        const pm = syn.prefixes ? syn.prefixes.exec(line.slice(Math.max(0, i - 2), i)) : null;
        if (pm && !/\w/.test(line[i - pm[0].length - 1] ?? '')) {
          prefix = pm[0];
          start = i - prefix.length;
        }
        // `"""…"""` and `'''…'''` span lines; a walk of one line cannot tell where they end.
        if (line[i - 1] === ch || line[close + 1] === ch) return { ok: false, why: 'the key is in a multi-line string' };
        return { ok: true, literal: { start, end: close + 1, quote: ch, prefix, contentStart: i + 1, contentEnd: close } };
      }
      if (at <= close && end > i) return { ok: false, why: 'the key crosses a string boundary' };
      i = close + 1;
      continue;
    }
    if (i === at) {
      if (!INTERPOLATING.has(lang)) return { ok: false, why: 'the key is not inside a string literal' };
      return { ok: true, literal: { start: at, end, quote: '', prefix: '', contentStart: at, contentEnd: end } };
    }
    i++;
  }
  return { ok: false, why: 'the key could not be found on its line' };
}

function closingQuote(line: string, open: number, q: string, raw: boolean, lang: Language): number {
  for (let j = open + 1; j < line.length; j++) {
    const c = line[j];
    if (!raw && c === '\\') {
      j++;
      continue;
    }
    if (c === q) {
      // YAML doubles a single quote to escape it.
      if (raw && q === "'" && (lang === 'compose' || lang === 'actions') && line[j + 1] === "'") {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}
