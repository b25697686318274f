import type { Finding } from '../detect/finding.js';
import { languageFromShebang, languageOf, noRewriteAdvice, type Language } from './languages.js';
import { findLiteral } from './findLiteral.js';
import { contextProblem, rewriteLine, type LineContext } from './rewriteLine.js';
import { dockerArg, neededImport, type Insertion } from './addImport.js';
import { assignedName, chooseName } from './chooseName.js';

/** A file's text as lines with their own endings, so every untouched byte is written back. */
export interface Lines {
  bodies: string[];
  eols: string[];
}

export function toLines(text: string): Lines {
  const pieces = text === '' ? [] : text.split(/(?<=\n)/);
  const bodies = pieces.map((p) => p.replace(/\r?\n$/, ''));
  return { bodies, eols: pieces.map((p, i) => p.slice(bodies[i].length)) };
}

export function fromLines(l: Lines, inserts: Insertion[], eol: string): string {
  const bodies = [...l.bodies];
  const eols = [...l.eols];
  // From the bottom up, so earlier positions stay valid.
  for (const ins of [...inserts].sort((a, b) => b.at - a.at)) {
    if (ins.at >= bodies.length && bodies.length && eols[bodies.length - 1] === '') eols[bodies.length - 1] = eol;
    bodies.splice(ins.at, 0, ...ins.lines);
    eols.splice(ins.at, 0, ...ins.lines.map(() => eol));
  }
  return bodies.map((b, i) => b + eols[i]).join('');
}

/** One key moved: which variable now holds it. */
export interface Moved {
  finding: Finding;
  name: string;
  /** What goes into .env: the key, or the whole connection string it is part of. */
  value: string;
}

export interface LineEdit {
  index: number;
  before: string;
  after: string;
}

export interface FileRewrite {
  lang: Language;
  text: string;
  edits: LineEdit[];
  inserts: Insertion[];
  moved: Moved[];
}

export type FileResult = { ok: true; rewrite: FileRewrite } | { ok: false; line: number; why: string };

const NAME_WINDOW = 200;

/** A URL with credentials: its whole connection string moves, under DATABASE_URL and the like. */
const URL_AT = /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s'"`<>]*/gi;

/**
 * Where the key starts in the line's bytes: its character column mapped through UTF-8, checked
 * against the bytes (a BOM or another decoding can shift it; then the nearest occurrence). -1: absent.
 */
function byteColumn(body: string, charColumn: number, secret: string): number {
  const estimate = Buffer.byteLength(Buffer.from(body, 'latin1').toString('utf8').slice(0, charColumn), 'utf8');
  if (body.startsWith(secret, estimate)) return estimate;
  let best = -1;
  for (let i = body.indexOf(secret); i >= 0; i = body.indexOf(secret, i + 1)) {
    if (best < 0 || Math.abs(i - estimate) < Math.abs(best - estimate)) best = i;
  }
  return best;
}

function valueSpan(body: string, rule: string, at: number, length: number, contentStart: number, contentEnd: number): [number, number] {
  const end = at + length;
  if (rule === 'url-password') {
    URL_AT.lastIndex = 0;
    for (let m = URL_AT.exec(body); m; m = URL_AT.exec(body)) {
      const s = m.index;
      const e = s + m[0].length;
      if (s <= at && end <= e && s >= contentStart && e <= contentEnd) return [s, e];
    }
  }
  return [at, end];
}

export interface NameSource {
  /** The unique variable for this value (the same value keeps one name). */
  nameFor(base: string, value: string): string;
}

export function languageFor(path: string, text: string): Language | null {
  return languageOf(path) ?? languageFromShebang(text.slice(0, text.indexOf('\n') < 0 ? 200 : text.indexOf('\n')));
}

/**
 * Plans the rewrite of one file's text: each finding's literal becomes the environment read.
 * Any finding without a safe rewrite fails the whole file: the file is left as it is.
 */
export function planFile(path: string, text: string, findings: Finding[], ctx: LineContext, names: NameSource): FileResult {
  const lang = languageFor(path, text);
  if (!lang) return { ok: false, line: findings[0].line, why: noRewriteAdvice(path) };
  const lines = toLines(text);
  const current = [...lines.bodies];
  /** Per line, where the leftmost edit so far starts: edits go right to left. */
  const editedFrom = new Map<number, number>();
  const spans = new Map<string, Moved>();
  const moved: Moved[] = [];
  const sorted = [...findings].sort((a, b) => a.line - b.line || b.column - a.column);
  for (const f of sorted) {
    const index = f.line - 1;
    const body = lines.bodies[index];
    // The text is handled as bytes (latin1), the finding counted characters of decoded UTF-8.
    const secret = Buffer.from(f.secret, 'utf8').toString('latin1');
    const at = body === undefined ? -1 : byteColumn(body, f.column - 1, secret);
    if (body === undefined || at < 0) {
      return { ok: false, line: f.line, why: /[\r\n]/.test(f.secret) ? 'a multi-line key: keep it in a file outside the repository and read its path from the environment' : 'the key could not be found where it was reported' };
    }
    const located = findLiteral(body, at, secret.length, lang);
    if (!located.ok) return { ok: false, line: f.line, why: located.why };
    const lit = located.literal;
    const [from, to] = valueSpan(body, f.rule, at, secret.length, lit.contentStart, lit.contentEnd);
    const key = `${index}:${from}:${to}`;
    const seen = spans.get(key);
    if (seen) continue; // two rules, one value: one rewrite
    const left = editedFrom.get(index);
    if (left !== undefined && lit.end > left) return { ok: false, line: f.line, why: 'two keys share one string: move them by hand' };
    const problem = contextProblem(lang, lines.bodies, index, lit);
    if (problem) return { ok: false, line: f.line, why: problem };
    const value = body.slice(from, to);
    // Names are read from the text just before the value: a bounded window, so a minified line
    // of megabytes costs no more than a short one.
    const window = (from_: number, to_: number) => body.slice(Math.max(from_, to_ - NAME_WINDOW), to_);
    const inside = lit.quote ? window(lit.contentStart, from) : '';
    const variable = assignedName(inside) ?? assignedName(window(0, lit.quote ? lit.start : from));
    let base = chooseName(f.rule, value, variable);
    // GitHub refuses secret names starting with GITHUB_.
    if (lang === 'actions') base = base.replace(/^GITHUB_/, 'GH_');
    // Vite hands browser code only VITE_ variables.
    if (ctx.vite && (lang === 'javascript' || lang === 'typescript') && !base.startsWith('VITE_')) base = `VITE_${base}`;
    const name = names.nameFor(base, value);
    const out = rewriteLine(lang, current[index], lit, from, to, name, ctx);
    if (!out.ok) return { ok: false, line: f.line, why: out.why };
    current[index] = out.line;
    editedFrom.set(index, lit.start);
    const m = { finding: f, name, value };
    spans.set(key, m);
    moved.push(m);
  }
  const edits: LineEdit[] = [...editedFrom.keys()].sort((a, b) => a - b).map((index) => ({ index, before: lines.bodies[index], after: current[index] }));
  const inserts = insertionsFor(lang, current, moved);
  const eol = lines.eols.find((e) => e !== '') ?? '\n';
  return { ok: true, rewrite: { lang, text: fromLines({ bodies: current, eols: lines.eols }, inserts, eol), edits, inserts, moved } };
}

/** The lines the rewritten file needs added: an import, a Dockerfile ARG per variable. */
export function insertionsFor(lang: Language, bodies: string[], moved: Moved[]): Insertion[] {
  const out: Insertion[] = [];
  const imp = neededImport(lang, bodies);
  if (imp) out.push(imp);
  if (lang === 'dockerfile') {
    const done = new Set<string>();
    for (const m of moved) {
      if (done.has(m.name)) continue;
      done.add(m.name);
      const index = bodies.findIndex((b) => b.includes(`\${${m.name}}`));
      const arg = index >= 0 ? dockerArg(bodies, index, m.name) : null;
      if (arg) out.push(arg);
    }
  }
  return out;
}

