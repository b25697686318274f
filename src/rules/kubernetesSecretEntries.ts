import type { OnMatch } from '../detect/ruleMatcher.js';

/**
 * Every value under `data:` (base64) and `stringData:` (plain) of a Kubernetes Secret manifest,
 * whatever its key is called: the manifest declares them secrets, so `DATABASE_URL: <base64>`
 * counts as much as `password:`. Read line by line in one pass (linear in the text): a YAML
 * document (between `---` lines) counts when it says `kind: Secret` at its top level, before or
 * after its data. Other kinds (ExternalSecret, SealedSecret, SopsSecret) hold references or
 * ciphertext and are not read. Certificates (`*.crt`, a PEM certificate) are public.
 */
export function kubernetesSecretEntries(text: string, _hits: number[] | null, onMatch: OnMatch): void {
  const sep = /^(?:---|\.\.\.)[ \t]*\r?$/gm;
  let docStart = 0;
  for (;;) {
    sep.lastIndex = docStart;
    const m = sep.exec(text);
    const docEnd = m ? m.index : text.length;
    if (KIND.test(text.slice(docStart, docEnd))) entries(text, docStart, docEnd, onMatch);
    if (!m) return;
    docStart = m.index + m[0].length;
  }
}

const KIND = /^kind:[ \t]*["']?Secret["']?[ \t]*(?:#[^\n]*)?\r?$/m;
const ENTRY = /^([ \t]+)["']?([\w.-]{1,253})["']?:[ \t]*(.*?)[ \t]*\r?$/;
const BASE64 = /^[A-Za-z0-9+/]{4,}={0,2}$/;

function entries(text: string, from: number, to: number, onMatch: OnMatch): void {
  let section: 'data' | 'stringData' | null = null;
  let pos = from;
  while (pos < to) {
    let end = text.indexOf('\n', pos);
    if (end === -1 || end > to) end = to;
    const line = text.slice(pos, end);
    const lineStart = pos;
    pos = end + 1;
    if (/^[ \t]*(?:#|$)/.test(line)) continue;
    if (!/^[ \t]/.test(line)) {
      const top = /^(data|stringData):[ \t]*\r?$/.exec(line);
      section = top ? (top[1] as 'data' | 'stringData') : null;
      continue;
    }
    if (!section) continue;
    const e = ENTRY.exec(line);
    if (!e || e[1].length > 8) continue;
    const [, indent, key, raw] = e;
    let value = raw.replace(/^(["'])(.*)\1$/, '$2');
    let valueStart = lineStart + line.indexOf(raw, indent.length + key.length) + (value !== raw ? 1 : 0);
    if (/^[|>][-+]?$/.test(raw)) {
      // A block scalar: the value is the next more-indented line (the first, for base64 split over lines).
      let next = text.indexOf('\n', pos);
      if (next === -1 || next > to) next = to;
      const body = text.slice(pos, next);
      const lead = /^[ \t]+/.exec(body)?.[0] ?? '';
      if (lead.length <= indent.length) continue;
      value = body.trim();
      valueStart = pos + lead.length;
    }
    if (/\.(?:crt|pub)$/i.test(key) || key === 'ca' || value.length < 6) continue;
    if (section === 'data') {
      if (!BASE64.test(value)) continue;
      if (Buffer.from(value, 'base64').toString('latin1').startsWith('-----BEGIN CERTIFICATE')) continue;
    } else if (/^[{$<]/.test(value)) {
      continue; // a template expression ({{ .Values.x }}, ${VAR}, <placeholder>) is not the value
    }
    onMatch(value, valueStart, valueStart + value.length, undefined, lineStart);
  }
}
