import { KeyguardError } from '../errors.js';

/** A JSON file as written: re-serialised with its own indentation, line endings and final newline. */
export interface JsonFile {
  path: string;
  /** Name for messages (package.json, .lintstagedrc.json). */
  name: string;
  bytes: Buffer;
  data: Record<string, unknown>;
  indent: string;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}

export function parseJsonFile(path: string, name: string, bytes: Buffer): JsonFile {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new KeyguardError(`${name} is not valid JSON (${(e as Error).message.split('\n')[0]}); fix it and run keyguard again`);
  }
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
    finalNewline: /\n$/.test(text),
  };
}

export function serializeJson(file: JsonFile, data: Record<string, unknown>): Buffer {
  const bom = file.bytes.toString('utf8').startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = JSON.stringify(data, null, file.indent).replace(/\n/g, file.eol);
  return Buffer.from(bom + body + (file.finalNewline ? file.eol : ''), 'utf8');
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
