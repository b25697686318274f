// "The Node floor": the least any Node-based staged-content scanner must do. It lists what is
// staged, reads every staged blob through one `git cat-file --batch`, and runs 20 secret
// expressions over each text blob, with no pre-filter, no reporting and no configuration.
// keyguard runs ~10× more rules than this and should still stay near this time.
import { spawn, spawnSync } from 'node:child_process';

// Twenty shapes of the kind every scanner carries. Built from parts so this file holds no key-shaped literal.
const SHAPES = [
  ['AKIA', '[A-Z2-7]{16}'],
  ['ASIA', '[A-Z2-7]{16}'],
  ['gh[pousr]_', '[A-Za-z0-9]{36}'],
  ['github_pat_', '[A-Za-z0-9_]{82}'],
  ['glpat-', '[A-Za-z0-9_-]{20}'],
  ['xox[abposr]-', '[0-9A-Za-z-]{10,250}'],
  ['hooks\\.slack\\.com/services/', '[A-Za-z0-9+/]{30,120}'],
  ['sk-(?:proj-)?', '[A-Za-z0-9_-]{40,200}'],
  ['sk-ant-api\\d\\d-', '[A-Za-z0-9_-]{80,120}'],
  ['(?:sk|rk)_live_', '[A-Za-z0-9]{20,250}'],
  ['AIza', '[0-9A-Za-z_-]{35}'],
  ['SG\\.', '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'],
  ['npm_', '[A-Za-z0-9]{36}'],
  ['pypi-', '[A-Za-z0-9_-]{50,200}'],
  ['hf_', '[A-Za-z]{34}'],
  ['eyJ', '[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}'],
  ['-----BEGIN [A-Z ]{0,30}PRIVATE KEY-----', ''],
  ['(?:postgres|mysql|mongodb)(?:\\+srv)?://[^\\s:@/]{1,64}:', '[^\\s:@/]{1,128}@'],
  ['SK', '[0-9a-f]{32}'],
  ['(?:api_?key|secret|token|password)\\s{0,4}[:=]\\s{0,4}["\']', '[^"\'\\s]{8,200}'],
];
const REGEXES = SHAPES.map(([head, body], i) => new RegExp(head + body, i === SHAPES.length - 1 ? 'gi' : 'g'));

const cwd = process.argv[2] ?? process.cwd();
const diff = spawnSync('git', ['diff', '--cached', '--raw', '-z', '--no-abbrev'], { cwd, encoding: 'buffer' });
const fields = diff.stdout.toString('utf8').split('\0');
const shas = [];
for (let i = 0; i + 1 < fields.length; i += 2) {
  const meta = fields[i].split(' ');
  if (meta[4] && !meta[4].startsWith('D')) shas.push(meta[3]);
}

let matches = 0;
let bytes = 0;
function judge(blob) {
  bytes += blob.length;
  if (blob.subarray(0, 8000).includes(0)) return;
  const text = blob.toString('utf8');
  for (const re of REGEXES) {
    re.lastIndex = 0;
    while (re.exec(text) !== null) matches++;
  }
}

const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
// Each blob is copied once into a buffer of its announced size (no re-concatenation of big blobs).
let header = '';
let body = null;
let filled = 0;
let skip = 0;
child.stdout.on('data', (chunk) => {
  let pos = 0;
  while (pos < chunk.length) {
    if (skip) {
      pos++;
      skip = 0;
    } else if (body) {
      const n = Math.min(body.length - filled, chunk.length - pos);
      chunk.copy(body, filled, pos, pos + n);
      filled += n;
      pos += n;
      if (filled === body.length) {
        judge(body);
        body = null;
        skip = 1;
      }
    } else {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        header += chunk.toString('latin1', pos);
        return;
      }
      header += chunk.toString('latin1', pos, nl);
      pos = nl + 1;
      body = Buffer.allocUnsafe(Number(header.split(' ')[2]));
      header = '';
      filled = 0;
      if (body.length === 0) {
        body = null;
        skip = 1;
      }
    }
  }
});
child.on('close', () => {
  if (process.env.FLOOR_VERBOSE) process.stderr.write(`${shas.length} blobs, ${bytes} bytes, ${matches} matches\n`);
});
child.stdin.end(shas.join('\n') + '\n');
