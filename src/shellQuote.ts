/**
 * A repository path as one shell word, so a printed fix command works when pasted and cannot be
 * misread: a path starting with `-` gets `./` (git and every other command would take it as an
 * option), and control characters (C0, DEL, C1, line separators) are written as `$'\n'`-style
 * escapes, so a file name can neither break the line it is printed on nor send a terminal escape.
 */
export function shellQuote(path: string): string {
  const p = path.startsWith('-') ? `./${path}` : path;
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(p)) return p;
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(p)) return `'${p.replaceAll("'", `'\\''`)}'`;
  let out = "$'";
  for (const ch of p) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** The command that takes a secret file out of the index while keeping it on disk. */
export function untrackCommand(path: string): string {
  return `git rm --cached ${shellQuote(path)}`;
}
