import type { ContentRule } from './types.js';

/**
 * A value assigned to a secret-named variable, in any of the usual syntaxes
 * (`API_KEY=…`, `"client_secret": "…"`, `password: …`, `token := "…"`).
 * The name anchors the match; entropy and the value filters decide.
 */
export const genericRules: ContentRule[] = [
  {
    id: 'generic-secret-assignment',
    description: 'secret assigned to a variable',
    pattern:
      /(?:api[_.-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd|credential|auth[_.-]?key|access[_.-]?key|private[_.-]?key)[A-Za-z0-9_.-]{0,20}["'`]?\s{0,4}(?::=|=>|\?=|[:=])\s{0,4}["'`]?(?<secret>[^\s"'`;,<>(){}[\]]{8,200})/i,
    keywords: ['key', 'secret', 'token', 'pass', 'pwd', 'credential'],
    minEntropy: 3.2,
    generic: true,
    fix: 'move the value to an environment variable or secret manager and read it at run time',
  },
];
