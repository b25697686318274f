import { KeyguardError } from '../errors.js';
import { parseJsonSafely, parseJsonTree, type JsonMember, type JsonNode } from '../config/jsonText.js';

/**
 * A JSON file keyguard edits (package.json, .lintstagedrc.json). It is never re-serialised:
 * JSON.parse and JSON.stringify lose duplicate keys, round big integers (12345678901234567890),
 * rewrite number formats (1.0, 1e3) and `\u` escapes. keyguard edits the text in place: it inserts
 * and removes members and leaves every other byte as it was.
 */
export interface JsonFile {
  path: string;
  /** Name for messages (package.json, .lintstagedrc.json). */
  name: string;
  bytes: Buffer;
  data: Record<string, unknown>;
  /** One level of the file's indentation (for members keyguard adds to an empty object). */
  indent: string;
  eol: '\n' | '\r\n';
}

export function parseJsonFile(path: string, name: string, bytes: Buffer): JsonFile {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = parseJsonSafely(text);
  // The position only: a package.json's scripts can hold a token, and the error must not print it.
  if (!parsed.ok) throw new KeyguardError(`${name} is not valid JSON (${parsed.where.replace(/^invalid JSON \(?|\)$/g, '') || 'syntax error'}); fix it and run keyguard again`);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new KeyguardError(`${name} must hold a JSON object; fix it and run keyguard again`);
  }
  return {
    path,
    name,
    bytes,
    data: data as Record<string, unknown>,
    indent: /^([ \t]+)"/m.exec(text)?.[1] ?? '  ',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Edit {
  at: number;
  /** Characters removed from `at`. */
  remove: number;
  insert: string;
}

/**
 * The file's bytes changed from `file.data` to `data`, by edits of the text: members added,
 * removed or given a new value where the two differ; nothing else is touched. The text is read as
 * latin1 (one character per byte) so bytes that are not valid UTF-8 survive too.
 */
export function serializeJson(file: JsonFile, data: Record<string, unknown>): Buffer {
  const text = file.bytes.toString('latin1');
  const root = parseJsonTree(text);
  const edits: Edit[] = [];
  // Keys as JSON.parse saw them (UTF-8), not as latin1 characters.
  const keyOf = (m: JsonMember) => (/[\x80-\xff]/.test(m.key) ? Buffer.from(m.key, 'latin1').toString('utf8') : m.key);
  const lineIndent = (at: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1))![0];
  const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1'); // new text, in the file's byte form

  /** A new value as text, its lines indented to sit at `indent`. */
  const render = (value: unknown, indent: string) =>
    utf8(JSON.stringify(value, null, file.indent)).replace(/\n/g, file.eol + indent);

  function editObject(node: JsonNode, before: Record<string, unknown>, after: Record<string, unknown>): void {
    const members = node.members!;
    const last = new Map<string, JsonMember>();
    for (const m of members) last.set(keyOf(m), m);
    const openIndent = lineIndent(node.start);
    // How members are laid out: each on its own line at some indent, or on the brace's line.
    const first = members[0];
    const multiline = first ? text.slice(node.start, first.keyStart).includes('\n') : true;
    const memberIndent = first && multiline ? lineIndent(first.keyStart) : openIndent + file.indent;
    const sep = multiline ? `,${file.eol}${memberIndent}` : ', ';
    const entry = (k: string, v: unknown) => `${utf8(JSON.stringify(k))}: ${render(v, memberIndent)}`;

    // Removed members (every duplicate of the key goes: JSON.parse saw only the last).
    const removed = members.filter((m) => !(keyOf(m) in after));
    if (removed.length === members.length && members.length > 0 && Object.keys(after).length === 0) {
      edits.push({ at: node.start, remove: node.end - node.start, insert: '{}' });
      return;
    }
    // A member before the last kept one goes with the text up to the next key; the removed members
    // after it go in one cut from its value's end, so no two cuts overlap (and it loses its comma).
    const lastKept = members.reduce((at, m, i) => (removed.includes(m) ? at : i), -1);
    for (const m of removed) {
      const i = members.indexOf(m);
      if (i < lastKept) edits.push({ at: m.keyStart, remove: members[i + 1].keyStart - m.keyStart, insert: '' });
    }
    if (lastKept >= 0 && lastKept < members.length - 1) {
      const from = members[lastKept].value.end;
      edits.push({ at: from, remove: members[members.length - 1].value.end - from, insert: '' });
    }

    // Changed values, in place.
    for (const [k, m] of last) {
      if (!(k in after) || same(before[k], after[k])) continue;
      const old = before[k];
      const now = after[k];
      if (isObject(old) && isObject(now) && m.value.kind === 'object') editObject(m.value, old, now);
      else if (typeof old === 'string' && typeof now === 'string' && now.startsWith(old) && m.value.kind === 'string') {
        // A string that gains a suffix (a `prepare` script chained with husky): the old text, escapes and all, stays.
        edits.push({ at: m.value.end - 1, remove: 0, insert: utf8(JSON.stringify(now.slice(old.length)).slice(1, -1)) });
      } else edits.push({ at: m.value.start, remove: m.value.end - m.value.start, insert: render(now, memberIndent) });
    }

    // New members, at the place their key has in `after` (before the next key the file has).
    const keys = Object.keys(after);
    const added = keys.filter((k) => !last.has(k));
    if (added.length === 0) return;
    const remaining = members.filter((m) => !removed.includes(m));
    if (remaining.length === 0) {
      const body = added.map((k) => entry(k, after[k])).join(multiline ? `,${file.eol}${memberIndent}` : ', ');
      const inner = multiline ? `${file.eol}${memberIndent}${body}${file.eol}${openIndent}` : body;
      edits.push({ at: node.start, remove: node.end - node.start, insert: `{${inner}}` });
      return;
    }
    for (const k of added) {
      const next = keys.slice(keys.indexOf(k) + 1).find((n) => last.has(n) && n in after);
      if (next !== undefined) {
        // Before the next member: no existing line changes.
        const target = remaining.find((m) => keyOf(m) === next)!;
        edits.push({ at: target.keyStart, remove: 0, insert: entry(k, after[k]) + sep });
      } else {
        // After the last member: it gains the comma.
        edits.push({ at: remaining[remaining.length - 1].value.end, remove: 0, insert: sep + entry(k, after[k]) });
      }
    }
  }

  if (root.kind !== 'object') throw new KeyguardError(`${file.name} must hold a JSON object`);
  editObject(root, file.data, data);
  // Applied from the end, so earlier offsets stay valid; insertions at one place keep their order.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
  return Buffer.from(out, 'latin1');
}
