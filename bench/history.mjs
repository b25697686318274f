// History benchmark: `keyguard scan --history` on a generated history of many commits, next to
// `git log -p > /dev/null` on the same history, in the same run. Medians of RUNS runs each.
//   npm run bench:history                    (10,000 commits)
//   COMMITS=20000 RUNS=5 npm run bench:history
// The history is generated with one `git fast-import`: ~300 source-like files, each commit
// editing one to three of them (a few lines changed, the rest kept), some commits adding files,
// and a few commits adding (then later removing) a key built at run time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const COMMITS = Number(process.env.COMMITS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 3);
const FILES = 300;

const base = mkdtempSync(join(tmpdir(), 'keyguard-bench-history-'));
const home = join(base, 'home');
const repo = join(base, 'repo');
mkdirSync(home);
mkdirSync(repo);
writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Bench\n\temail = bench@keyguard.invalid\n[init]\n\tdefaultBranch = main\n');
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
const git = (args, opts = {}) => {
  const r = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

// Deterministic pseudo-random numbers: the same history every run.
let seed = 0x6b6579;
const rnd = (n) => {
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
};
const WORDS = ['const', 'value', 'return', 'await', 'config', 'request', 'handler', 'result', 'items', 'map', 'filter', 'user', 'session', 'options', 'export', 'function', 'if', 'else', 'throw', 'new', 'Error', 'length', 'index', 'name', 'data'];
const line = () => {
  const n = 3 + rnd(9);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(WORDS[rnd(WORDS.length)]);
  return `${'  '.repeat(rnd(4))}${parts.join(' ')};`;
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (n) => Array.from({ length: n }, () => ALNUM[rnd(ALNUM.length)]).join('');
const fakeKey = () => ['ghp', token(36)].join('_');

function generate() {
  git(['init', '-q']);
  const files = [];
  for (let i = 0; i < FILES; i++) files.push({ path: `src/module${i % 20}/file${i}.ts`, lines: Array.from({ length: 40 + rnd(120) }, line) });
  const chunks = [];
  let bytes = 0;
  const push = (s) => {
    chunks.push(s);
    bytes += Buffer.byteLength(s);
  };
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let keysAdded = 0;
  let time = 1_600_000_000;
  for (let c = 1; c <= COMMITS; c++) {
    time += 60 + rnd(3600);
    const changes = [];
    const edits = 1 + rnd(3);
    for (let e = 0; e < edits; e++) {
      const f = c <= FILES ? files[c - 1] : files[rnd(files.length)];
      if (c > FILES) {
        // Change a few lines in place, add one, drop one: a typical small edit.
        for (let k = 0; k < 1 + rnd(4); k++) f.lines[rnd(f.lines.length)] = line();
        f.lines.splice(rnd(f.lines.length), 0, line());
        if (f.lines.length > 60) f.lines.splice(rnd(f.lines.length), 1);
      }
      if (c % 1000 === 500) {
        f.lines.push(`const token = "${fakeKey()}";`);
        keysAdded++;
      }
      changes.push(f);
    }
    if (c % 997 === 0) files.push({ path: `src/new/added${c}.ts`, lines: Array.from({ length: 50 }, line) });
    push(`commit refs/heads/main\nauthor Bench <bench@keyguard.invalid> ${time} +0000\ncommitter Bench <bench@keyguard.invalid> ${time} +0000\n${data(`commit ${c}`)}`);
    for (const f of new Set(changes)) push(`M 100644 inline ${f.path}\n${data(f.lines.join('\n') + '\n')}`);
    push('\n');
  }
  const started = performance.now();
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`);
  git(['checkout', '-q', '-f', 'main']);
  return { seconds: (performance.now() - started) / 1000, keysAdded, streamMB: bytes / 1e6 };
}

function time(cmd, args, stdoutFile) {
  return new Promise((resolvePromise, reject) => {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: repo, env, stdio: ['ignore', out, 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.on('close', (code) => {
      if (typeof out === 'number') closeSync(out);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
      else resolvePromise({ seconds, code });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const gen = generate();
  const commits = Number(git(['rev-list', '--count', 'HEAD']).trim());
  const patchBytes = Number(spawnSync('sh', ['-c', 'git log -p | wc -c'], { cwd: repo, env, encoding: 'utf8' }).stdout.trim());
  // What keyguard itself asks git for: raw entries plus a zero-context patch.
  const streamBytes = Number(
    spawnSync('sh', ['-c', 'git log --raw -p -U0 -z --no-abbrev -M --cc --reverse --date-order | wc -c'], { cwd: repo, env, encoding: 'utf8' }).stdout.trim(),
  );
  const gitTimes = [];
  const kgTimes = [];
  const report = join(base, 'report.json');
  for (let i = 0; i < RUNS; i++) {
    gitTimes.push((await time('git', ['log', '-p'])).seconds);
    kgTimes.push((await time(process.execPath, [CLI, 'scan', '--history', '--format', 'json'], report)).seconds);
  }
  const doc = JSON.parse((await import('node:fs')).readFileSync(report, 'utf8'));
  const blobBytes = doc.scanned.bytes;
  const g = median(gitTimes);
  const k = median(kgTimes);
  const row = (name, s) =>
    `| ${name.padEnd(34)} | ${s.toFixed(2).padStart(7)} | ${Math.round(commits / s).toString().padStart(9)} | ${(patchBytes / 1e6 / s).toFixed(1).padStart(11)} |`;
  console.log(`history: ${commits} commits, ${FILES}+ files; \`git log -p\` output ${(patchBytes / 1e6).toFixed(1)} MB; keyguard's git stream (-U0) ${(streamBytes / 1e6).toFixed(1)} MB, of which it judged ${(blobBytes / 1e6).toFixed(1)} MB of patch and blob text`);
  console.log('patch MB/s = the history\'s `git log -p` output size / time, for both rows');
  console.log(`generated with git fast-import in ${gen.seconds.toFixed(2)} s; ${cpus().length} CPUs; node ${process.version}; medians of ${RUNS} runs each`);
  console.log('');
  console.log('| command                            | seconds | commits/s | patch MB/s  |');
  console.log('|------------------------------------|---------|-----------|-------------|');
  console.log(row('git log -p > /dev/null', g));
  console.log(row('keyguard scan --history', k));
  console.log('');
  console.log(`keyguard: ${doc.findings.length} findings (${gen.keysAdded} keys planted); ${(k / g).toFixed(2)}× the time of git log -p`);
  console.log(`runs (s): git ${gitTimes.map((t) => t.toFixed(2)).join(', ')}; keyguard ${kgTimes.map((t) => t.toFixed(2)).join(', ')}`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
