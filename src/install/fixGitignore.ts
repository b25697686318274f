import ignore from 'ignore';
import { join } from 'node:path';
import { runGit } from '../git/runGit.js';
import type { FileChange } from './applyChanges.js';
import { readIfExists } from './installHusky.js';
import { SECRET_PATTERNS, TEMPLATE_NEGATIONS } from './recommendedPatterns.js';
import { BLOCK_END, bytesToText, detectEol, findBlock, splitLines, stripAddedBreak, textToBytes } from './text.js';

const BLOCK_START = '# >>> keyguard >>> secret files, added by `keyguard init --fix-gitignore`; keep your own rules outside this block';
/**
 * Closes the start line of a block in a .gitignore keyguard created: uninstall deletes only such a
 * file. A user's own .gitignore, even an empty one, is left in place (empty again).
 */
const CREATED = ' (keyguard created this file)';

interface KeepOpen {
  /** The negation line that keeps these paths committable. */
  line: string;
  samples: string[];
}

/** A path a user's `!pattern` un-ignores, made concrete (`!.env.*.local` → `.env.x.local`) so `ignore` can be asked about it. */
function negationSample(pattern: string, ignorecase: boolean): string | null {
  const p = pattern.replace(/^\//, '');
  if (p === '' || p.endsWith('/')) return null;
  const sample = p
    .replace(/\*\*\//g, '')
    .replace(/\/\*\*$/, '/x')
    .replace(/\[!?([^\]])[^\]]*\]/g, '$1')
    .replace(/[*?]/g, 'x')
    .replace(/\\(.)/g, '$1');
  try {
    return ignore({ ignorecase }).add(p).ignores(sample) ? sample : null;
  } catch {
    return null;
  }
}

/** The user's own negations: paths they decided to commit, which keyguard's block must not re-ignore. */
function userNegations(rules: string, ignorecase: boolean): KeepOpen[] {
  const out: KeepOpen[] = [];
  for (const raw of splitLines(rules)) {
    const line = raw.trimEnd();
    if (!line.startsWith('!')) continue;
    const sample = negationSample(line.slice(1), ignorecase);
    if (sample) out.push({ line, samples: [sample] });
  }
  return out;
}

/** git matches .gitignore case-sensitively unless core.ignorecase is on (the default on macOS and Windows). */
export async function gitIgnoresCase(root: string): Promise<boolean> {
  const r = await runGit(['config', '--bool', 'core.ignorecase'], root, [0, 1]);
  return r.stdout.toString('utf8').trim() === 'true';
}

/** Parsed rule sets, reused: planning asks about the same few texts many times. */
const parsed = new Map<string, ReturnType<typeof ignore>>();

function ignores(rules: string, path: string, ignorecase: boolean): boolean {
  const key = `${ignorecase ? 1 : 0}${rules}`;
  let ig = parsed.get(key);
  if (!ig) parsed.set(key, (ig = ignore({ ignorecase }).add(rules)));
  try {
    return ig.ignores(path);
  } catch {
    return false;
  }
}

/** The user's text before and after keyguard's block, with the line break keyguard added (if any) taken out. */
function splitAtBlock(text: string): { head: string; tail: string } {
  const span = findBlock(text);
  if (!span) return { head: text, tail: '' };
  let head = text.slice(0, span.start);
  const tail = text.slice(span.end);
  if (tail === '' && !text.endsWith('\n')) head = stripAddedBreak(head);
  return { head, tail };
}

/** Whether the block's start line says keyguard created the file. */
function createdByKeyguard(text: string): boolean {
  const span = findBlock(text);
  if (!span) return false;
  const nl = text.indexOf('\n', span.start);
  return text.slice(span.start, nl < 0 ? text.length : nl).replace(/\r$/, '').endsWith(CREATED);
}

export interface GitignorePlan {
  change: FileChange;
  /** The patterns the block holds (empty when the file already covers them all). */
  patterns: string[];
}

/**
 * Plans keyguard's block in the top .gitignore: the recommended patterns the file does not already
 * cover, then the negations that keep templates and the user's own un-ignored paths committable
 * (a negation must come after what it negates, so they close the block). Every byte outside the
 * block is kept; the block uses the file's line endings; a missing file is created.
 */
export function planGitignore(root: string, ignorecase: boolean): GitignorePlan {
  const path = join(root, '.gitignore');
  const before = readIfExists(path);
  const text = before ? bytesToText(before) : '';
  const { head, tail } = splitAtBlock(text);
  const userRules = head + tail;
  const created = before === null || createdByKeyguard(text);
  const eol = detectEol(text);
  // A file without a final newline gets one before the block, and the block then ends without one:
  // that is how a later run or uninstall knows the line break was keyguard's.
  const joined = head !== '' && !head.endsWith('\n') && tail === '';
  const render = (lines: string[]) => {
    if (!lines.length) return '';
    const all = [BLOCK_START + (created ? CREATED : ''), ...lines, BLOCK_END];
    return joined ? eol + all.join(eol) : all.map((l) => l + eol).join('');
  };
  const withBlock = (lines: string[]) => head + render(lines) + tail;

  let positives = SECRET_PATTERNS.filter((p) => !p.samples.every((s) => ignores(userRules, s, ignorecase)));
  const keep: KeepOpen[] = [...TEMPLATE_NEGATIONS.map((t) => ({ line: t.pattern, samples: t.samples })), ...userNegations(userRules, ignorecase)];
  // Only paths the user's rules leave committable today are kept committable.
  const open = keep
    .map((k) => ({ ...k, samples: k.samples.filter((s) => !ignores(userRules, s, ignorecase)) }))
    .filter((k) => k.samples.length > 0);

  const negationsFor = (pos: string[]) => {
    const full = withBlock(pos);
    return [...new Set(open.filter((k) => k.samples.some((s) => ignores(full, s, ignorecase))).map((k) => k.line))];
  };
  let negations = negationsFor(positives.map((p) => p.pattern));
  // git cannot re-include a file whose folder is excluded; drop any pattern a negation cannot undo.
  for (;;) {
    const full = withBlock([...positives.map((p) => p.pattern), ...negations]);
    const stuck = open.flatMap((k) => k.samples).filter((s) => ignores(full, s, ignorecase));
    if (stuck.length === 0) break;
    const fewer = positives.filter((p) => !stuck.some((s) => ignores(p.pattern, s, ignorecase)));
    if (fewer.length === positives.length) break;
    positives = fewer;
    negations = negationsFor(positives.map((p) => p.pattern));
  }

  const patterns = [...positives.map((p) => p.pattern), ...negations];
  const after = textToBytes(withBlock(patterns));
  const summary = patterns.length ? `add ${patterns.length} secret patterns` : 'remove keyguard block (the file covers its patterns)';
  return { change: { path, before, after: before === null && patterns.length === 0 ? null : after, summary }, patterns };
}

/** Removes keyguard's block (uninstall --gitignore); every other byte stays. */
export function planGitignoreRemoval(root: string): FileChange | null {
  const path = join(root, '.gitignore');
  const before = readIfExists(path);
  if (!before) return null;
  const text = bytesToText(before);
  if (!findBlock(text)) return null;
  const { head, tail } = splitAtBlock(text);
  const after = head + tail;
  const remove = after === '' && createdByKeyguard(text);
  return { path, before, after: remove ? null : textToBytes(after), summary: "remove keyguard's secret patterns" };
}
