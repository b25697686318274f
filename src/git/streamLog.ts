import { gitFailure, gitNotFound, spawnGit } from './runGit.js';

/** One file a commit brought in or changed, from `git log --raw -z` (combined form for merges). */
export interface LogChange {
  /** A added, M modified, D deleted, R renamed, C copied, T type changed. */
  status: string;
  /** Similarity for renames and copies (100 = same content). */
  score: number;
  path: string;
  newMode: string;
  newSha: string;
  /** The file in each parent it is compared with (one entry, or one per parent for a merge). */
  oldShas: string[];
  oldModes: string[];
}

export interface LogCommit {
  sha: string;
  parents: string[];
  author: string;
  /** Author date, strict ISO 8601. */
  date: string;
  changes: LogChange[];
}

/**
 * Streams commits with the files each changed, from ONE `git log` process whatever the history's
 * size: raw entries (paths NUL-terminated, never quoted), no external diff, no textconv, no colour.
 * Merges are shown combined (`--cc`): only files that differ from every parent, i.e. what the merge
 * itself brought in. Reading is pulled by the consumer, so memory stays bounded: git waits while
 * the consumer works. `revs` are git log revision arguments (already verified shas, `--not`, `--remotes`).
 */
export async function* streamLog(cwd: string, revs: string[], opts: { oldestFirst?: boolean } = {}): AsyncGenerator<LogCommit> {
  const args = [
    '-c', 'core.quotePath=false',
    'log', '--raw', '-z', '--no-abbrev', '-M', '--cc', '--no-color', '--no-ext-diff', '--no-textconv',
    '--ignore-submodules=none', '--format=%x01%H %P%x00%an%x00%aI%x00',
    ...(opts.oldestFirst ? ['--reverse', '--date-order'] : []),
    ...revs, '--',
  ];
  const child = spawnGit(args, cwd);
  child.stdin!.end();
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
  let carry: Buffer = Buffer.alloc(0);
  let current: LogCommit | null = null;
  let state: 'meta' | 'author' | 'date' = 'meta';
  let wantPaths = 0;
  let entry: LogChange | null = null;
  let completed: LogCommit[] = [];

  const onToken = (raw: Buffer) => {
    if (wantPaths > 0 && entry && current) {
      // Renames and copies name the old path first, then the new one.
      const path = raw.toString('utf8');
      wantPaths--;
      if (wantPaths === 0) {
        entry.path = path;
        current.changes.push(entry);
        entry = null;
      }
      return;
    }
    let token = raw.toString('utf8');
    if (token.startsWith('\x01')) {
      if (current) completed.push(current);
      const [sha, ...parents] = token.slice(1).split(' ');
      current = { sha, parents: parents.filter(Boolean), author: '', date: '', changes: [] };
      state = 'author';
      return;
    }
    if (state === 'author' && current) {
      current.author = token;
      state = 'date';
      return;
    }
    if (state === 'date' && current) {
      current.date = token;
      state = 'meta';
      return;
    }
    token = token.replace(/^\n+/, '');
    if (token === '' || !current) return;
    if (!token.startsWith(':')) throw new Error(`unexpected git log output near ${JSON.stringify(token.slice(0, 40))}`);
    entry = parseMeta(token);
    wantPaths = entry.status === 'R' || entry.status === 'C' ? 2 : 1;
  };

  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      let data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let nul = data.indexOf(0, start); nul !== -1; nul = data.indexOf(0, start)) {
        onToken(data.subarray(start, nul));
        start = nul + 1;
      }
      carry = Buffer.from(data.subarray(start));
      data = carry;
      if (completed.length) {
        const ready = completed;
        completed = [];
        for (const c of ready) yield c;
      }
    }
    if (carry.length) onToken(carry);
    if (current) completed.push(current);
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
 * `:oldmode newmode oldsha newsha STATUS` (one parent) or `::m1 m2 mN s1 s2 sN STATUSES`
 * (a merge with N-1 parents: one mode and sha per parent, then the result's).
 */
function parseMeta(token: string): LogChange {
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
