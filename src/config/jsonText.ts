/**
 * JSON read as text with positions: where each value starts and ends, so keyguard can say where a
 * file is broken without quoting it (a parse error that echoes a `.env` passed as `--config` would
 * print its secrets), and edit a package.json in place instead of re-serialising it.
 */

export interface JsonMember {
  key: string;
  /** Offsets of the key's opening quote and just after its closing quote. */
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export interface JsonNode {
  kind: 'object' | 'array' | 'string' | 'number' | 'literal';
  /** Offsets of the value's first character and just after its last. */
  start: number;
  end: number;
  members?: JsonMember[];
  items?: JsonNode[];
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    what: string,
  ) {
    super(`${what} at line ${line}, column ${column}`);
  }
}

/** Deeper than any real settings file; keeps the recursive reader far from the stack's end. */
const MAX_DEPTH = 500;

/** Parses `text` (a leading byte-order mark is skipped) into positioned nodes; throws JsonSyntaxError. */
export function parseJsonTree(text: string): JsonNode {
  // A byte-order mark, decoded (U+FEFF) or read byte by byte as latin1 (ï»¿).
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : text.startsWith('\xef\xbb\xbf') ? 3 : 0;
  const fail = (what: string, at = pos): never => {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    throw new JsonSyntaxError(at, line, at - lineStart + 1, at >= text.length ? 'unexpected end of the file' : what);
  };
  const ws = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };

  function string(): string {
    const start = pos;
    pos++; // "
    let out = '';
    let run = pos;
    for (;;) {
      if (pos >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(pos);
      if (c === 34) {
        out += text.slice(run, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('control character in a string');
      if (c === 92) {
        out += text.slice(run, pos);
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else fail('invalid escape in a string');
        run = pos;
        continue;
      }
      pos++;
    }
  }

  function value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos++;
      const members: JsonMember[] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', start, end: pos, members };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('expected a property name');
        const keyStart = pos;
        const key = string();
        const keyEnd = pos;
        ws();
        if (text[pos] !== ':') fail('expected ":"');
        pos++;
        members.push({ key, keyStart, keyEnd, value: value(depth + 1) });
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', start, end: pos, members };
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', start, end: pos, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { kind: 'array', start, end: pos, items };
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') {
      string();
      return { kind: 'string', start, end: pos };
    }
    const num = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    num.lastIndex = pos;
    if (c !== undefined && /[-0-9]/.test(c) && num.test(text)) {
      pos = num.lastIndex;
      return { kind: 'number', start, end: pos };
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, pos)) {
        pos += lit.length;
        return { kind: 'literal', start, end: pos };
      }
    }
    return fail('unexpected character');
  }

  const root = value(0);
  ws();
  if (pos < text.length) fail('unexpected text after the end');
  return root;
}

/**
 * JSON.parse for files that may hold secrets: on a syntax error the message gives the position
 * only ("line 3, column 14"), never the text around it (JSON.parse's own message quotes it).
 */
export function parseJsonSafely(text: string): { ok: true; data: unknown } | { ok: false; where: string } {
  try {
    return { ok: true, data: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    try {
      parseJsonTree(text);
      return { ok: false, where: 'invalid JSON' }; // the two readers disagree: still name no text
    } catch (e) {
      if (e instanceof JsonSyntaxError) return { ok: false, where: `invalid JSON (${e.message})` };
      return { ok: false, where: 'invalid JSON' };
    }
  }
}

/** The member named `key` of an object node (the last one, as JSON.parse keeps the last). */
export function member(node: JsonNode | undefined, key: string): JsonMember | undefined {
  if (!node || node.kind !== 'object') return undefined;
  for (let i = node.members!.length - 1; i >= 0; i--) if (node.members![i].key === key) return node.members![i];
  return undefined;
}
