import { KeyguardError } from '../errors.js';
import type { OnMatch } from '../detect/ruleMatcher.js';
import { compileLinear, UnsupportedExpression, type LinearRegex } from './linearRegex.js';

/**
 * Expressions from a repository's settings (custom rules, `allowValues` /…/) run on keyguard's
 * linear engine, never on JavaScript's backtracking one: a pull request's `.keyguardrc.json` must
 * not be able to hang CI or a colleague's pre-commit hook. As a last line, each run has a time
 * budget; running out is an error naming the expression (exit 2), never a skipped file.
 */
export const BUDGET_MS = 3000;

export function compileUserExpression(source: string, flags: string, where: string): LinearRegex {
  try {
    new RegExp(source, flags); // JavaScript's own syntax check and its messages
  } catch (e) {
    throw new KeyguardError(`${where} is not a valid regular expression (${(e as Error).message})`);
  }
  let deadline = Infinity;
  const budget = () => {
    if (performance.now() > deadline) {
      throw new KeyguardError(`${where} ran for more than ${BUDGET_MS / 1000} s on one file; simplify it (nothing was scanned past it)`);
    }
  };
  let re: LinearRegex;
  try {
    re = compileLinear(source, flags, budget);
  } catch (e) {
    if (e instanceof UnsupportedExpression) {
      throw new KeyguardError(`${where} uses ${e.message}, which keyguard does not run: expressions from settings must run in linear time`);
    }
    throw e;
  }
  const timed = <T>(run: () => T): T => {
    deadline = performance.now() + BUDGET_MS;
    try {
      return run();
    } finally {
      deadline = Infinity;
    }
  };
  return {
    source: re.source,
    flags: re.flags,
    exec: (text, from) => timed(() => re.exec(text, from)),
    test: (text) => timed(() => re.test(text)),
  };
}

/**
 * A custom rule's matcher: every match in the whole text, in order, not overlapping (as a global
 * search finds them). Keyword hits are not used to narrow the search: a custom rule's keyword may
 * sit in a look-around, outside the match, and the engine is linear anyway.
 */
export function linearRuleMatcher(re: LinearRegex): (text: string, hits: number[] | null, onMatch: OnMatch) => void {
  return (text, _hits, onMatch) => {
    let from = 0;
    while (from <= text.length) {
      const m = re.exec(text, from);
      if (!m) return;
      if (m.end === m.start) {
        from = m.end + 1;
        continue;
      }
      from = m.end;
      const named = m.secretStart >= 0;
      const [s, e] = named ? [m.secretStart, m.secretEnd] : [m.start, m.end];
      const secret = text.slice(s, e);
      if (secret) onMatch(secret, s, e, named ? { secret } : undefined, m.start);
    }
  };
}
