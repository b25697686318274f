import picomatch from 'picomatch';
import type { PathRule } from '../rules/types.js';
import type { Finding, CommitInfo } from './finding.js';
import type { Fragment } from './fragment.js';
import { createDetector } from './createDetector.js';
import { fingerprint } from './fingerprint.js';
import { shellQuote } from '../shellQuote.js';
import type { Config } from '../config/types.js';
import type { LfsStore } from '../judge/lfsObject.js';

/**
 * Everything that decides a finding, built once per run from the settings: path rules (secret
 * files by name) and the content detector. The judge (judge/judgeChange.ts) decides what each
 * change has read and hands paths and text here.
 */
export interface Scanner {
  /** True for paths the user excluded (.keyguardignore, config allowPaths): nothing is judged there. */
  isIgnored(path: string): boolean;
  /** Path rules whose decision needs the file's content (`*.pem` holding a private key). */
  needsContentForPath(path: string): boolean;
  /** A finding for a secret file by its name, or null. `text` is the content when known. */
  judgePath(path: string, text?: string | null, commit?: CommitInfo): Finding | null;
  /** Findings in a piece of text. */
  judgeText(fragment: Fragment): Finding[];
  /** Some enabled rule matches across lines (see ContentRule.multiline). */
  multiline: boolean;
  /** The keywords of the enabled rules for a key's own shape (not generic ones), lower case. */
  providerKeywords: string[];
  /** Where Git LFS content is read from (set by the scan runner, which knows the repository). */
  lfs?: LfsStore;
}

interface CompiledPathRule {
  rule: PathRule;
  match: (path: string) => boolean;
  except: (path: string) => boolean;
}

/**
 * Dotfiles included; `s` so a wildcard also matches a newline: without it a secret file in a
 * folder whose name holds one (`a\nb/.env`) would match no path rule. `i`: names are matched
 * case-insensitively (picomatch's `flags` replaces its `nocase`) — `.ENV`, `SERVER.KEY` and
 * `ID_RSA` hold the same secrets, and Windows and macOS file systems treat them as one name.
 */
const GLOB_OPTIONS = { dot: true, flags: 'si' };

const GLOB_MAGIC = /[*?[\]{}()!+@\\]/;

/**
 * A cheap test every path a glob matches passes: its last segment equals the glob's literal last
 * segment, or has its literal head (`.env.*`) or tail (`*.pem`). Compiling globs costs more than a
 * one-file commit's whole scan, so a rule's globs are compiled only when a path passes this test.
 */
function lastSegmentTest(glob: string): (lastSegment: string) => boolean {
  // Called with the path's last segment in lower case: the glob's is compared in lower case too.
  const last = glob.slice(glob.lastIndexOf('/') + 1).toLowerCase();
  if (last === '' || glob.startsWith('!')) return () => true;
  if (!GLOB_MAGIC.test(last)) return (seg) => seg === last;
  if (last.startsWith('*') && !GLOB_MAGIC.test(last.slice(1))) {
    const tail = last.slice(1);
    return (seg) => seg.endsWith(tail);
  }
  if (last.endsWith('*') && !GLOB_MAGIC.test(last.slice(0, -1))) {
    const head = last.slice(0, -1);
    return (seg) => seg.startsWith(head);
  }
  return () => true;
}

function lazyPathRule(rule: PathRule): CompiledPathRule {
  const tests = rule.globs.map(lastSegmentTest);
  const matchers: ((path: string) => boolean)[] = [];
  let except: ((path: string) => boolean) | undefined;
  return {
    rule,
    match(path) {
      const seg = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
      // Any glob matching is a match (as picomatch does with a list), each compiled when first needed.
      return rule.globs.some((glob, i) => tests[i](seg) && (matchers[i] ??= picomatch(glob, GLOB_OPTIONS))(path));
    },
    except(path) {
      except ??= rule.except?.length ? picomatch(rule.except, GLOB_OPTIONS) : () => false;
      return except(path);
    },
  };
}

export function createScanner(config: Config): Scanner {
  const disabled = new Set(config.disable);
  const pathRules: CompiledPathRule[] = config.pathRules
    .filter((r) => !disabled.has(r.id))
    .map(lazyPathRule);
  const contentRules = config.contentRules.filter((r) => !disabled.has(r.id));
  const detect = createDetector(
    contentRules,
    { isAllowedValue: config.isAllowedValue, genericEntropy: config.entropy },
  );

  function matchingPathRule(path: string): CompiledPathRule | undefined {
    return pathRules.find((p) => p.match(path) && !p.except(path));
  }

  return {
    isIgnored: config.isIgnoredPath,
    needsContentForPath(path) {
      return matchingPathRule(path)?.rule.contentPattern !== undefined;
    },
    judgePath(path, text, commit) {
      const hit = matchingPathRule(path);
      if (!hit) return null;
      const { rule } = hit;
      if (rule.contentPattern && !(text && rule.contentPattern.test(text))) return null;
      return {
        path,
        line: 0,
        column: 0,
        rule: rule.id,
        description: rule.description,
        kind: 'file',
        secret: '',
        redacted: '',
        fingerprint: fingerprint(rule.id, path),
        // A function, so a `$'…'` quoted name is not read as a replacement pattern.
        fix: rule.fix.replaceAll('{path}', () => shellQuote(path)),
        commit,
      };
    },
    judgeText: detect,
    multiline: contentRules.some((r) => r.multiline),
    providerKeywords: [...new Set(contentRules.filter((r) => !r.generic).flatMap((r) => r.keywords.map((k) => k.toLowerCase())))],
  };
}
