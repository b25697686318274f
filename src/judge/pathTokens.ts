import type { Scanner } from '../detect/createScanner.js';
import type { CommitInfo, Finding } from '../detect/finding.js';

/**
 * A token can sit in a file's name (`sk-proj-….txt`, a key saved as the name of a cache file):
 * git pushes the name as it pushes content, and every report would print it. The name is judged
 * by the provider rules, and findings name the file with each token redacted.
 */

/** No provider token is shorter: names without such a stretch are not judged (most are not). */
const TOKEN_STRETCH = /[A-Za-z0-9_-]{16}/;

/** Tokens in the name, as findings about the file (line 0). */
export function pathTokenFindings(path: string, scanner: Scanner, commit: CommitInfo | undefined): Finding[] {
  if (!TOKEN_STRETCH.test(path)) return [];
  return scanner.judgeText({ path, text: path, providerOnly: true, commit }).map((f) => ({
    ...f,
    line: 0,
    column: 0,
    kind: 'file' as const,
    description: `${f.description} in the file name`,
    fix: `rename the file (git mv) so its name holds no key, and rotate the key: ${f.fix}`,
  }));
}

/** `text` with every token found in the name shown redacted. */
export function redactTokens(text: string, tokens: Finding[]): string {
  let out = text;
  for (const t of tokens) out = out.split(t.secret).join(t.redacted);
  return out;
}

/** The findings of a file whose name holds tokens, naming it with the tokens redacted. */
export function withPathTokens(findings: Finding[], tokens: Finding[]): Finding[] {
  if (tokens.length === 0) return findings;
  return [...tokens, ...findings].map((f) => ({ ...f, path: redactTokens(f.path, tokens), fix: redactTokens(f.fix, tokens) }));
}
