/**
 * A regular-expression engine whose running time is linear in the text, for expressions that come
 * from a repository's own files (custom rules, `allowValues`). JavaScript's engine backtracks:
 * `x(a+)+$` takes seconds on 31 bytes and doubles per character, and a settings file is as
 * untrusted as any other file in a pull request. This one compiles the expression to a program
 * and runs every alternative in step (a Pike VM), so each character of the text is read once per
 * live state: time is text length × program size, whatever the expression.
 *
 * It speaks JavaScript's syntax and leftmost-first semantics (the match the built-in engine would
 * report, greedy and lazy quantifiers included). What cannot run in linear time is refused when the
 * expression is compiled, with a reason: back-references, and look-arounds that are unbounded or
 * hold quantified groups of their own reach. Flags: i, m, s (g, y and d are accepted and ignored).
 */

export class UnsupportedExpression extends Error {}

// ---- character sets -------------------------------------------------------------------------

const WORD = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const DIGIT = (c: number) => c >= 48 && c <= 57;
const SPACE = (c: number) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const LINE_END = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** A set of UTF-16 code units; membership is computed once per code unit and remembered. */
class CharSet {
  private readonly memo = new Uint8Array(0x10000); // 0 unknown, 1 out, 2 in
  constructor(
    private readonly ranges: number[],
    private readonly classes: ((c: number) => boolean)[],
    private readonly negate: boolean,
    private readonly fold: boolean,
  ) {}

  private raw(c: number): boolean {
    for (let i = 0; i < this.ranges.length; i += 2) if (c >= this.ranges[i] && c <= this.ranges[i + 1]) return true;
    for (const f of this.classes) if (f(c)) return true;
    return false;
  }

  has(c: number): boolean {
    const m = this.memo[c];
    if (m !== 0) return m === 2;
    let inside = this.raw(c);
    if (!inside && this.fold) {
      const ch = String.fromCharCode(c);
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      inside = (lo.length === 1 && this.raw(lo.charCodeAt(0))) || (up.length === 1 && this.raw(up.charCodeAt(0)));
    }
    if (this.negate) inside = !inside;
    this.memo[c] = inside ? 2 : 1;
    return inside;
  }
}

// ---- syntax tree ----------------------------------------------------------------------------

type Node =
  | { t: 'set'; set: CharSet }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'group'; body: Node; secret: boolean }
  | { t: 'repeat'; body: Node; min: number; max: number; greedy: boolean }
  | { t: 'assert'; kind: Assertion }
  | { t: 'look'; body: Node; behind: boolean; negate: boolean };

type Assertion = 'bol' | 'eol' | 'word' | 'nonword';

/** The longest text a look-around may read: its body is run at every position that asks. */
const MAX_LOOK = 256;

function parse(src: string, flags: { i: boolean; s: boolean }): Node {
  let pos = 0;
  const fail = (why: string): never => {
    throw new UnsupportedExpression(why);
  };
  const single = (c: number) => new CharSet([c, c], [], false, flags.i);

  function alternation(): Node {
    const alts = [sequence()];
    while (src[pos] === '|') {
      pos++;
      alts.push(sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (pos < src.length && src[pos] !== '|' && src[pos] !== ')') {
      const atomNode = atom();
      items.push(quantified(atomNode));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  function quantified(body: Node): Node {
    let min: number;
    let max: number;
    const c = src[pos];
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(pos));
      if (!m) return body; // a literal brace
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      pos += m[0].length - 1;
    } else return body;
    pos++;
    let greedy = true;
    if (src[pos] === '?') {
      greedy = false;
      pos++;
    }
    if (body.t === 'look') fail('a quantified look-around');
    if (body.t === 'assert') fail('a quantified assertion');
    if (min > 1000 || (max !== Infinity && max > 1000)) fail('a repetition count above 1000');
    return { t: 'repeat', body, min, max, greedy };
  }

  function atom(): Node {
    const c = src[pos];
    if (c === '(') return group();
    if (c === '[') return charClass();
    if (c === '\\') return escape(false) as Node;
    pos++;
    if (c === '^') return { t: 'assert', kind: 'bol' };
    if (c === '$') return { t: 'assert', kind: 'eol' };
    if (c === '.') return { t: 'set', set: new CharSet([], flags.s ? [() => true] : [LINE_END], !flags.s, false) };
    if (c === '*' || c === '+' || c === '?') fail('a quantifier with nothing to repeat');
    return { t: 'set', set: single(c.charCodeAt(0)) };
  }

  function group(): Node {
    pos++; // (
    let kind: 'plain' | 'capture' | 'look' = 'capture';
    let behind = false;
    let negate = false;
    let secret = false;
    if (src[pos] === '?') {
      const head = src.slice(pos, pos + 3);
      if (head.startsWith('?:')) {
        kind = 'plain';
        pos += 2;
      } else if (head.startsWith('?=') || head.startsWith('?!')) {
        kind = 'look';
        negate = head[1] === '!';
        pos += 2;
      } else if (head === '?<=' || head === '?<!') {
        kind = 'look';
        behind = true;
        negate = head[2] === '!';
        pos += 3;
      } else if (head.startsWith('?<')) {
        const close = src.indexOf('>', pos);
        if (close < 0) fail('an unterminated group name');
        secret = src.slice(pos + 2, close) === 'secret';
        pos = close + 1;
      } else fail(`the group syntax (${head}`);
    }
    const body = alternation();
    if (src[pos] !== ')') fail('an unterminated group');
    pos++;
    if (kind === 'look') {
      const reach = maxLength(body);
      if (reach > MAX_LOOK) fail(`a look-around that can read ${reach === Infinity ? 'unbounded text' : `${reach} characters`} (at most ${MAX_LOOK})`);
      return { t: 'look', body, behind, negate };
    }
    return { t: 'group', body, secret };
  }

  /** One escape; in a class, returns a code unit (number) or a class predicate. */
  function escape(inClass: boolean): Node | number | ((c: number) => boolean) {
    const c = src[pos + 1];
    pos += 2;
    if (c === undefined) fail('a trailing backslash');
    const cls: Record<string, (c: number) => boolean> = {
      d: DIGIT,
      D: (x) => !DIGIT(x),
      w: WORD,
      W: (x) => !WORD(x),
      s: SPACE,
      S: (x) => !SPACE(x),
    };
    if (cls[c]) return inClass ? cls[c] : { t: 'set', set: new CharSet([], [cls[c]], false, false) };
    const lit = (code: number) => (inClass ? code : ({ t: 'set', set: single(code) } as Node));
    if (c === 'b') return inClass ? 8 : { t: 'assert', kind: 'word' };
    if (c === 'B') return inClass ? 'B'.charCodeAt(0) : { t: 'assert', kind: 'nonword' };
    if (/[1-9]/.test(c) || (c === 'k' && src[pos] === '<')) fail('a back-reference (it cannot run in linear time)');
    const simple: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };
    if (c in simple) return lit(simple[c]);
    if (c === 'x' && /^[0-9a-fA-F]{2}/.test(src.slice(pos))) {
      pos += 2;
      return lit(parseInt(src.slice(pos - 2, pos), 16));
    }
    if (c === 'u' && /^[0-9a-fA-F]{4}/.test(src.slice(pos))) {
      pos += 4;
      return lit(parseInt(src.slice(pos - 4, pos), 16));
    }
    if (c === 'c' && /^[A-Za-z]/.test(src[pos] ?? '')) {
      pos++;
      return lit(src.charCodeAt(pos - 1) % 32);
    }
    if (c === 'p' || c === 'P') fail('a Unicode property escape');
    return lit(c.charCodeAt(0));
  }

  function charClass(): Node {
    pos++; // [
    let negate = false;
    if (src[pos] === '^') {
      negate = true;
      pos++;
    }
    const ranges: number[] = [];
    const classes: ((c: number) => boolean)[] = [];
    const one = (): number | ((c: number) => boolean) => {
      if (src[pos] === '\\') return escape(true) as number | ((c: number) => boolean);
      return src.charCodeAt(pos++);
    };
    while (pos < src.length && src[pos] !== ']') {
      const from = one();
      if (src[pos] === '-' && src[pos + 1] !== ']' && pos + 1 < src.length && typeof from === 'number') {
        pos++;
        const to = one();
        if (typeof to === 'number') {
          ranges.push(from, to);
          continue;
        }
        ranges.push(from, from, 45, 45); // `[a-\d]`: the dash is literal
        classes.push(to);
        continue;
      }
      if (typeof from === 'number') ranges.push(from, from);
      else classes.push(from);
    }
    if (src[pos] !== ']') fail('an unterminated character class');
    pos++;
    return { t: 'set', set: new CharSet(ranges, classes, negate, flags.i) };
  }

  const tree = alternation();
  if (pos !== src.length) fail(`an unmatched ")" at ${pos}`);
  return tree;
}

function maxLength(n: Node): number {
  switch (n.t) {
    case 'set':
      return 1;
    case 'seq':
      return n.items.reduce((s, i) => s + maxLength(i), 0);
    case 'alt':
      return Math.max(...n.alts.map(maxLength));
    case 'group':
      return maxLength(n.body);
    case 'repeat': {
      const m = maxLength(n.body);
      return m === 0 ? 0 : n.max === Infinity ? Infinity : m * n.max;
    }
    default:
      return 0;
  }
}

// ---- program --------------------------------------------------------------------------------

const CHAR = 0;
const SPLIT = 1; // a: preferred, b: other
const JMP = 2;
const SAVE = 3; // a: slot
const ASSERT = 4; // a: 0 bol, 1 eol, 2 word, 3 nonword
const LOOK = 5; // a: sub-program index
const MATCH = 6;

interface Program {
  op: number[];
  a: number[];
  b: number[];
  sets: (CharSet | null)[];
  looks: { prog: Program; behind: boolean; negate: boolean; reach: number }[];
}

/** Enough for any real rule; a bigger program would make each character cost too much. */
const MAX_PROGRAM = 5000;

function compile(tree: Node, reverse: boolean): Program {
  const p: Program = { op: [], a: [], b: [], sets: [], looks: [] };
  const emit = (op: number, a = 0, b = 0, set: CharSet | null = null) => {
    if (p.op.length >= MAX_PROGRAM) throw new UnsupportedExpression(`a program of more than ${MAX_PROGRAM} steps (lower the repetition counts)`);
    p.op.push(op);
    p.a.push(a);
    p.b.push(b);
    p.sets.push(set);
    return p.op.length - 1;
  };
  const ASSERTS: Record<Assertion, number> = { bol: 0, eol: 1, word: 2, nonword: 3 };

  function gen(n: Node): void {
    switch (n.t) {
      case 'set':
        emit(CHAR, 0, 0, n.set);
        return;
      case 'seq':
        for (const item of reverse ? [...n.items].reverse() : n.items) gen(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.alts.forEach((alt, i) => {
          if (i < n.alts.length - 1) {
            const split = emit(SPLIT);
            p.a[split] = split + 1;
            gen(alt);
            jumps.push(emit(JMP));
            p.b[split] = p.op.length;
          } else gen(alt);
        });
        for (const j of jumps) p.a[j] = p.op.length;
        return;
      }
      case 'group':
        if (n.secret && !reverse) emit(SAVE, 2);
        gen(n.body);
        if (n.secret && !reverse) emit(SAVE, 3);
        return;
      case 'repeat': {
        for (let i = 0; i < n.min; i++) gen(n.body);
        if (n.max === Infinity) {
          const split = emit(SPLIT);
          gen(n.body);
          emit(JMP, split);
          const out = p.op.length;
          [p.a[split], p.b[split]] = n.greedy ? [split + 1, out] : [out, split + 1];
        } else {
          const splits: number[] = [];
          for (let i = n.min; i < n.max; i++) {
            splits.push(emit(SPLIT));
            gen(n.body);
          }
          const out = p.op.length;
          for (const s of splits) [p.a[s], p.b[s]] = n.greedy ? [s + 1, out] : [out, s + 1];
        }
        return;
      }
      case 'assert':
        emit(ASSERT, ASSERTS[n.kind]);
        return;
      case 'look': {
        const sub = compile(n.body, n.behind);
        p.looks.push({ prog: sub, behind: n.behind, negate: n.negate, reach: maxLength(n.body) });
        emit(LOOK, p.looks.length - 1);
        return;
      }
    }
  }
  gen(tree);
  emit(MATCH);
  return p;
}

/** Work per character of text at worst: every state live, every look-around read to its reach. */
const MAX_COST = 200_000;
function cost(p: Program): number {
  let sum = p.op.length;
  p.op.forEach((op, pc) => {
    if (op === LOOK) sum += (cost(p.looks[p.a[pc]].prog) * (p.looks[p.a[pc]].reach + 1));
  });
  return sum;
}

// ---- running --------------------------------------------------------------------------------

export interface LinearMatch {
  start: number;
  end: number;
  /** Span of the group named `secret`, or -1 when the expression has none (or it did not take part). */
  secretStart: number;
  secretEnd: number;
}

/** Called every few thousand steps; throws to stop a run that exceeds its budget. */
export type Budget = () => void;

function assertionHolds(kind: number, text: string, pos: number, multiline: boolean): boolean {
  const before = pos > 0 ? text.charCodeAt(pos - 1) : -1;
  const after = pos < text.length ? text.charCodeAt(pos) : -1;
  switch (kind) {
    case 0:
      return pos === 0 || (multiline && LINE_END(before));
    case 1:
      return pos === text.length || (multiline && LINE_END(after));
    default: {
      const edge = (before >= 0 && WORD(before)) !== (after >= 0 && WORD(after));
      return kind === 2 ? edge : !edge;
    }
  }
}

/**
 * The VM. `dir` is +1 (forward) or -1 (a look-behind's reversed body, read leftwards from `from`).
 * `anchored` starts threads at `from` only. Returns the leftmost-first match (captures in slots
 * 0..3) or null. Threads are kept in priority order; a thread that matches cuts off the ones below it.
 */
class Machine {
  private readonly n: number;
  private readonly mark: Int32Array;
  private gen = 0;
  private readonly looks: Machine[];
  /** Code units that can begin a match, or null when any can (or the program can match empty). */
  private readonly first: CharSet[] | null;

  constructor(
    private readonly p: Program,
    private readonly multiline: boolean,
    /** Shared with the look-arounds' machines: their steps count against the same budget. */
    private readonly meter: { steps: number; budget: Budget | null },
  ) {
    this.n = p.op.length;
    this.mark = new Int32Array(this.n);
    this.looks = p.looks.map((l) => new Machine(l.prog, multiline, meter));
    this.first = this.firstSets();
  }

  private firstSets(): CharSet[] | null {
    const seen = new Set<number>();
    const out: CharSet[] = [];
    const stack = [0];
    while (stack.length) {
      const pc = stack.pop()!;
      if (seen.has(pc)) continue;
      seen.add(pc);
      const op = this.p.op[pc];
      if (op === CHAR) out.push(this.p.sets[pc]!);
      else if (op === MATCH) return null;
      else if (op === SPLIT) stack.push(this.p.a[pc], this.p.b[pc]);
      else if (op === JMP) stack.push(this.p.a[pc]);
      else stack.push(pc + 1); // SAVE, ASSERT, LOOK: passing them consumes nothing
    }
    return out;
  }

  /** 0 unknown, 1 no, 2 yes: whether a code unit can begin a match (the skip loop's table). */
  private readonly startMemo = new Uint8Array(0x10000);

  private canStart(c: number): boolean {
    const m = this.startMemo[c];
    if (m !== 0) return m === 2;
    const yes = this.first!.some((s) => s.has(c));
    this.startMemo[c] = yes ? 2 : 1;
    return yes;
  }

  private lookHolds(index: number, text: string, pos: number): boolean {
    const l = this.p.looks[index];
    const m = this.looks[index];
    const found = l.behind ? m.run(text, pos, -1, true) !== null : m.run(text, pos, 1, true) !== null;
    return found !== l.negate;
  }

  run(text: string, from: number, dir: 1 | -1, anchored: boolean): Int32Array | null {
    const { op, a, b, sets } = this.p;
    const mark = this.mark;
    // Generations mark which states a list holds; kept across runs so marks never need clearing.
    let gen = this.gen;
    if (gen > 0x3fffffff) {
      // Far from overflowing the Int32 marks within one run (a run adds about two per character).
      mark.fill(0);
      gen = 0;
    }
    const len = text.length;
    let clistPc: number[] = [];
    let clistCaps: Int32Array[] = [];
    let nlistPc: number[] = [];
    let nlistCaps: Int32Array[] = [];
    let matched: Int32Array | null = null;
    const stackPc: number[] = [];
    const stackCaps: Int32Array[] = [];

    const add = (listPc: number[], listCaps: Int32Array[], pc0: number, pos: number, caps0: Int32Array) => {
      stackPc.push(pc0);
      stackCaps.push(caps0);
      while (stackPc.length) {
        const pc = stackPc.pop()!;
        let caps = stackCaps.pop()!;
        if (mark[pc] === gen) continue;
        mark[pc] = gen;
        switch (op[pc]) {
          case JMP:
            stackPc.push(a[pc]);
            stackCaps.push(caps);
            break;
          case SPLIT:
            stackPc.push(b[pc], a[pc]); // a is popped first: it has priority
            stackCaps.push(caps, caps);
            break;
          case SAVE:
            caps = caps.slice();
            caps[a[pc]] = pos;
            stackPc.push(pc + 1);
            stackCaps.push(caps);
            break;
          case ASSERT:
            if (assertionHolds(a[pc], text, pos, this.multiline)) {
              stackPc.push(pc + 1);
              stackCaps.push(caps);
            }
            break;
          case LOOK:
            if (this.lookHolds(a[pc], text, pos)) {
              stackPc.push(pc + 1);
              stackCaps.push(caps);
            }
            break;
          default:
            listPc.push(pc);
            listCaps.push(caps);
        }
      }
    };

    let pos = from;
    gen++;
    for (;;) {
      if (matched === null && (!anchored || pos === from)) {
        if (clistPc.length === 0 && this.first && !anchored && dir === 1) {
          // Nothing is running: skip to the next code unit that can begin a match.
          while (pos < len && !this.canStart(text.charCodeAt(pos))) pos++;
          if (pos >= len) break;
          gen++;
        }
        const caps = new Int32Array([pos, -1, -1, -1]);
        add(clistPc, clistCaps, 0, pos, caps);
      }
      if (clistPc.length === 0) {
        if (matched !== null || anchored || pos >= len) break;
        pos++;
        gen++;
        continue;
      }
      const inText = dir === 1 ? pos < len : pos > 0;
      const c = inText ? text.charCodeAt(dir === 1 ? pos : pos - 1) : -1;
      const next = pos + dir;
      gen++;
      for (let i = 0; i < clistPc.length; i++) {
        const pc = clistPc[i];
        if (op[pc] === MATCH) {
          matched = clistCaps[i].slice();
          matched[1] = pos;
          break; // lower-priority threads lose to this match
        }
        if (c >= 0 && sets[pc]!.has(c)) add(nlistPc, nlistCaps, pc + 1, next, clistCaps[i]);
      }
      this.meter.steps += clistPc.length + 1;
      if (this.meter.steps > 4096) {
        this.meter.steps = 0;
        this.meter.budget?.();
      }
      [clistPc, nlistPc] = [nlistPc, clistPc];
      [clistCaps, nlistCaps] = [nlistCaps, clistCaps];
      nlistPc.length = 0;
      nlistCaps.length = 0;
      if (!inText) break; // threads on MATCH were taken above; none can read further
      pos = next;
    }
    this.gen = gen;
    return matched;
  }
}

export interface LinearRegex {
  readonly source: string;
  readonly flags: string;
  /** The first match starting at or after `from`, or null. */
  exec(text: string, from?: number): LinearMatch | null;
  test(text: string): boolean;
}

/** Compiles `source`; throws UnsupportedExpression naming the construct it will not run. */
export function compileLinear(source: string, flags = '', budget: Budget | null = null): LinearRegex {
  for (const f of flags) if (!'imsgyd'.includes(f)) throw new UnsupportedExpression(`the "${f}" flag`);
  const tree = parse(source, { i: flags.includes('i'), s: flags.includes('s') });
  const program = compile(tree, false);
  if (cost(program) > MAX_COST) throw new UnsupportedExpression(`look-arounds that read too much per character (lower their repetition counts)`);
  const machine = new Machine(program, flags.includes('m'), { steps: 0, budget });
  return {
    source,
    flags,
    exec(text, from = 0) {
      const caps = machine.run(text, from, 1, false);
      if (!caps) return null;
      return { start: caps[0], end: caps[1], secretStart: caps[2], secretEnd: caps[3] };
    },
    test(text) {
      return machine.run(text, 0, 1, false) !== null;
    },
  };
}
