/** What a commit's patch says one file gained. */
export interface FilePatch {
  /** git showed no text diff ("Binary files … differ": real binaries, UTF-16, `-diff`): read the blobs instead. */
  binary: boolean;
  /** The lines the commit added (for a merge: lines no parent had), without their prefix. */
  added: string[];
  /** Real line number, in the new file, of each added line. */
  lineMap: number[];
  /** The `diff --git …` / `diff --cc …` line, to check it belongs to the file it is matched with. */
  header: string;
}

/**
 * Splits the patch text of one commit (`-p -U0`, or `--cc -U0` for a merge) into one FilePatch per
 * file, in git's order. Hunk lines carry one prefix column per parent; a line is added when every
 * column is `+`, and belongs to the new file unless a column is `-`.
 */
export function parsePatch(text: string, parents: number): FilePatch[] {
  const files: FilePatch[] = [];
  const width = Math.max(1, parents);
  let file: FilePatch | null = null;
  let inHunk = false;
  let next = 0;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      file = { binary: false, added: [], lineMap: [], header: line };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (line.startsWith('@@')) {
      next = hunkStart(line);
      inHunk = true;
      continue;
    }
    if (!inHunk) {
      if (line.startsWith('Binary files ') || line === 'GIT binary patch') file.binary = true;
      continue;
    }
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    const prefix = line.slice(0, width);
    if (prefix.includes('-')) continue; // not in the new file
    if (!prefix.includes(' ')) {
      file.added.push(line.slice(width));
      file.lineMap.push(next);
    }
    next++;
  }
  return files;
}

/** New-file start line of a hunk: the `+c[,d]` range of `@@ -a,b +c,d @@` (or `@@@ -a -b +c @@@`). */
function hunkStart(line: string): number {
  const marker = line.slice(0, line.indexOf(' '));
  const fields = line.split(' ');
  let plus = 0;
  for (let i = 1; i < fields.length && fields[i] !== marker; i++) {
    if (fields[i].startsWith('+')) plus = parseInt(fields[i].slice(1), 10);
  }
  return plus;
}
