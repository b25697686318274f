import { gitFailure, gitNotFound, spawnGit } from './runGit.js';
import { parsePatch } from './parsePatch.js';
import type { Change } from './change.js';

export interface LogCommit {
  sha: string;
  parents: string[];
  author: string;
  /** Author date, strict ISO 8601. */
  date: string;
  /** The commit message: pushed with the commit, so a token pasted there leaks like one in a file. */
  message: string;
  changes: Change[];
  /** Characters of patch text git gave for this commit. */
  patchChars: number;
}

/**
 * Streams commits with the files each changed and the lines each added, from ONE `git log -p`
 * process however many commits: raw entries give exact paths (NUL-terminated, never quoted),
 * the zero-context patch that follows gives the added lines; no external diff, no textconv, no
 * colour. Merges are shown combined (`--cc`): only what the merge itself brought in. Reading is
 * pulled by the consumer, so memory stays bounded by one commit: git waits while the consumer
 * works. `commits` are the very commits to show, one id a line, in the order given (a list git
 * rev-list made, or part of one); it must hold one at least: given none, git would show HEAD.
 */
export async function* streamLog(cwd: string, commits: string): AsyncGenerator<LogCommit> {
  const args = [
    '-c', 'core.quotePath=false',
    'log', '--raw', '-p', '-U0', '--inter-hunk-context=0', '-z', '--no-abbrev', '-M', '--cc', '--no-color',
    '--no-ext-diff', '--no-textconv', '--no-show-signature',
    '--root', // a first commit's files, whatever log.showRoot says
    '--ignore-submodules=none', '--format=%x01%H %P%x00%an%x00%aI%x00%B%x00',
    '--no-walk=unsorted', '--stdin', '--',
  ];
  const child = spawnGit(args, cwd);
  // A git that stops reading early (it failed) reports itself by its exit code, not by a broken pipe here.
  child.stdin!.on('error', () => {});
  child.stdin!.end(commits);
  const stderr: Buffer[] = [];
  child.stderr!.on('data', (b: Buffer) => stderr.push(b));
  let spawnError: Error | undefined;
  child.on('error', (e) => {
    spawnError = gitNotFound(e);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );

  // Tokens are NUL-separated; a token may straddle chunks. Strings are decoded per token so a
  // multi-byte character split across chunks is never broken.
  let carry: Buffer[] = [];
  let current: LogCommit | null = null;
  let patchText = '';
  let state: 'meta' | 'author' | 'date' | 'message' = 'meta';
  let wantPaths = 0;
  let entry: Change | null = null;
  let completed: LogCommit[] = [];

  const finish = () => {
    if (!current) return;
    current.patchChars = patchText.length;
    attachPatches(current, patchText);
    patchText = '';
    completed.push(current);
    current = null;
  };

  const onToken = (raw: Buffer) => {
    if (wantPaths > 0 && entry && current) {
      // Renames and copies name the old path first, then the new one.
      const path = raw.toString('utf8');
      wantPaths--;
      if (wantPaths === 1) entry.oldPath = path;
      if (wantPaths === 0) {
        entry.path = path;
        current.changes.push(entry);
        entry = null;
      }
      return;
    }
    onText(raw.toString('utf8'));
  };

  const onText = (text: string) => {
    let token = text;
    if (state === 'author' && current) {
      current.author = token;
      state = 'date';
      return;
    }
    if (state === 'date' && current) {
      current.date = token;
      state = 'message';
      return;
    }
    if (state === 'message' && current) {
      // A message holds no NUL (git drops it), so this token is all of it, whatever it holds: a
      // message starting with \x01 is read here, before the header test below.
      current.message = token;
      state = 'meta';
      return;
    }
    if (token.startsWith('\x01')) {
      finish();
      const [sha, ...parents] = token.slice(1).split(' ');
      current = { sha, parents: parents.filter(Boolean), author: '', date: '', message: '', changes: [], patchChars: 0 };
      state = 'author';
      return;
    }
    if (patchText === '') token = token.replace(/^\n+/, '');
    if (token === '' || !current) return;
    // Raw entries all come before the patch; once it has begun (a NUL inside a forced text diff
    // splits it), everything up to the next header is patch.
    if (patchText !== '' || !token.startsWith(':')) {
      // The patch: it runs up to the next commit's header, which is not NUL-separated from it.
      // A patch line never starts with \x01 (each has a prefix), so "\n\x01" is the boundary.
      const next = token.indexOf('\n\x01');
      patchText += next === -1 ? token : token.slice(0, next + 1);
      if (next !== -1) onText(token.slice(next + 1));
      return;
    }
    entry = parseMeta(token);
    wantPaths = entry.status === 'R' || entry.status === 'C' ? 2 : 1;
  };

  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      // Pieces of an unfinished token are only joined once it ends: a big patch costs linear time.
      let start = 0;
      for (let nul = chunk.indexOf(0, start); nul !== -1; nul = chunk.indexOf(0, start)) {
        const piece = chunk.subarray(start, nul);
        onToken(carry.length ? Buffer.concat([...carry, piece]) : piece);
        carry = [];
        start = nul + 1;
      }
      if (start < chunk.length) carry.push(chunk.subarray(start));
      if (completed.length) {
        const ready = completed;
        completed = [];
        for (const c of ready) yield c;
      }
    }
    if (carry.length) onToken(Buffer.concat(carry));
    finish();
    const { code, signal } = await exited;
    if (spawnError) throw spawnError;
    if (code !== 0) throw gitFailure(args.slice(2), code, signal, Buffer.concat(stderr).toString('utf8'));
    for (const c of completed) yield c;
  } finally {
    // The consumer stopped early (an error, or it has what it needs): do not leave git running.
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/**
 * Gives each raw entry its section of the patch. git prints both in the same order; the section's
 * header is checked against the path, and on any doubt no entry gets one (its blobs are read instead).
 */
function attachPatches(commit: LogCommit, text: string): void {
  if (text === '' || commit.changes.length === 0) return;
  const patches = parsePatch(text, commit.parents.length);
  if (patches.length !== commit.changes.length) return;
  for (let i = 0; i < patches.length; i++) {
    const { path } = commit.changes[i];
    // Paths with quotes, backslashes or control characters appear quoted in headers: order decides.
    if (!/[\x00-\x1f"\\\x7f]/.test(path) && !patches[i].header.endsWith(path)) return;
  }
  patches.forEach((p, i) => (commit.changes[i].patch = p));
}

/**
 * `:oldmode newmode oldsha newsha STATUS` (one parent) or `::m1 m2 mN s1 s2 sN STATUSES`
 * (a merge with N-1 parents: one mode and sha per parent, then the result's).
 */
function parseMeta(token: string): Change {
  let colons = 0;
  while (token[colons] === ':') colons++;
  const fields = token.slice(colons).split(' ');
  const parents = colons;
  const modes = fields.slice(0, parents + 1);
  const shas = fields.slice(parents + 1, 2 * parents + 2);
  const statusField = fields[2 * parents + 2] ?? '';
  const newMode = modes[parents];
  const newSha = shas[parents];
  const oldShas = shas.slice(0, parents);
  const oldModes = modes.slice(0, parents);
  if (parents === 1) {
    return { status: statusField[0], score: Number(statusField.slice(1)) || 0, path: '', newMode, newSha, oldShas, oldModes };
  }
  // Combined: D when gone from the result, A when no parent had it, otherwise a change.
  const status = /^0+$/.test(newSha) ? 'D' : oldShas.every((s) => /^0+$/.test(s)) ? 'A' : 'M';
  return { status, score: 0, path: '', newMode, newSha, oldShas, oldModes };
}
