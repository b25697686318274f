// `npm run bench`: how much a commit costs with keyguard, against the floors (starting Node,
// git listing and handing over the staged bytes, a minimal Node scanner) and a peer scanner.
// Builds scenario repositories in a temporary folder, takes medians of repeated runs in this one
// run, prints a table. Options: --runs N (runs per small measurement), --only NAME[,NAME],
// --profile (one CPU profile of `keyguard check` per scenario: what dominates), --keep (keep the folder),
// --against DIR (also time DIR/dist/cli.js, another build of keyguard, in the same round-robin:
// before/after figures of a change from one run). git-secrets is measured when it is installed
// (Debian's package git-secrets, with its AWS patterns). Every scenario also times the same code
// with only the rules keyguard had before its provider catalogue (bench/lib/rulesBeforeCatalogue.json,
// the ids of 38f023b^): what the catalogue's size costs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync, openSync, readSync, closeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summariseProfile } from './lib/profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const FLOOR = join(ROOT, 'bench', 'lib', 'nodeFloor.mjs');
const TIME = '/usr/bin/time';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const RUNS = Number(opt('runs') ?? 11);
const ONLY = opt('only')?.split(',');
const PROFILE = args.includes('--profile');
const KEEP = args.includes('--keep');
const AGAINST = opt('against') ? join(opt('against'), 'dist', 'cli.js') : undefined;
if (AGAINST && !existsSync(AGAINST)) {
  process.stderr.write(`bench: --against: ${AGAINST} is missing (build that checkout first)\n`);
  process.exit(2);
}
const GIT_SECRETS = spawnSync('git', ['secrets', '--list'], { encoding: 'utf8' }).status === 0 || spawnSync('sh', ['-c', 'command -v git-secrets'], {}).status === 0;

// The peer, pinned: secretlint 13 runs on Node 20 (its 12.x releases were many times slower).
const PEER = ['secretlint@13.0.6', '@secretlint/secretlint-rule-preset-recommend@13.0.6'];
// Extra packages so the large scenario is a realistic node_modules of about 5,000 files / 60 MB.
const FILLER = ['lodash@4.17.21', 'rxjs@7.8.2', 'date-fns@2.30.0', 'typescript@5.6.3'];

const log = (s) => process.stderr.write(`${s}\n`);

if (!existsSync(CLI)) {
  log('bench: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
if (!existsSync(TIME)) {
  log(`bench: ${TIME} is needed to measure peak memory (apt-get install time)`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'keyguard-bench-'));
process.on('exit', () => {
  if (KEEP) log(`bench: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
const home = join(work, 'home');
mkdirSync(home);
// The same code, the catalogue cut to the rules of before it (scripts/build.mjs --rules).
const SMALL = join(work, 'rules-before-catalogue', 'dist', 'cli.js');
{
  const ids = join(ROOT, 'bench', 'lib', 'rulesBeforeCatalogue.json');
  const r = spawnSync('node', [join(ROOT, 'scripts', 'build.mjs'), '--out', dirname(SMALL), '--rules', ids], { encoding: 'utf8' });
  if (r.status !== 0) {
    log(`bench: building the smaller catalogue failed: ${r.stderr.trim()}`);
    process.exit(2);
  }
}
const SMALL_LABEL = 'keyguard, rules before the catalogue';
writeFileSync(
  join(home, '.gitconfig'),
  '[user]\n\tname = Bench\n\temail = bench@keyguard.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[core]\n\tautocrlf = false\n',
);
// `keyguard` on PATH, as husky puts node_modules/.bin on PATH for a hook.
const bin = join(work, 'bin');
mkdirSync(bin);
symlinkSync(CLI, join(bin, 'keyguard'));
const env = {};
for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && k !== 'NODE_OPTIONS') env[k] = v;
Object.assign(env, { HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', PATH: `${bin}:${process.env.PATH}` });

function sh(cmd, argv, cwd, extra = {}) {
  const r = spawnSync(cmd, argv, { cwd, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ').slice(0, 200)} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

// ---------- dependencies (the peer and the filler), cached between runs by version list ----------
const depsKey = createHash('sha256').update([...PEER, ...FILLER].join(' ')).digest('hex').slice(0, 12);
const deps = join(tmpdir(), `keyguard-bench-deps-${depsKey}`);
if (!existsSync(join(deps, '.complete'))) {
  log(`bench: installing ${[...PEER, ...FILLER].join(' ')} into ${deps}`);
  mkdirSync(deps, { recursive: true });
  writeFileSync(join(deps, 'package.json'), '{"name":"keyguard-bench-deps","private":true}\n');
  sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...PEER, ...FILLER], deps);
  writeFileSync(join(deps, '.complete'), '');
}
const secretlint = join(deps, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const secretlintrc = join(work, 'secretlintrc.json');
writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));

// ---------- source material: text files of installed node_modules ----------
function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}
function isText(file) {
  const fd = openSync(file, 'r');
  const b = Buffer.alloc(8000);
  const n = readSync(fd, b, 0, 8000, 0);
  closeSync(fd);
  return !b.subarray(0, n).includes(0);
}
const material = [];
for (const nm of [join(ROOT, 'node_modules'), join(deps, 'node_modules')]) {
  for (const file of walk(nm).sort()) {
    const size = statSync(file).size;
    if (size > 0 && size <= 10_000_000 && isText(file)) material.push({ file, size, rel: `${nm === join(ROOT, 'node_modules') ? 'a' : 'b'}/${relative(nm, file)}` });
  }
}

/** A deterministic stream of pseudo-random bytes (binaries that compress like real ones: not at all). */
function randomBytes(seed, size) {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function sampleSource() {
  // 2 KB of ordinary application code: names that meet the pre-filter (token, key, password), no secret.
  const lines = [
    "import { request } from './http.js';",
    "import type { Session } from './types.js';",
    '',
    '/** Reads the API token from the environment; never from source. */',
    'export function authHeader(): Record<string, string> {',
    '  const token = process.env.SERVICE_TOKEN;',
    "  if (!token) throw new Error('SERVICE_TOKEN is not set');",
    '  return { authorization: `Bearer ${token}` };',
    '}',
    '',
    'export async function login(user: string, password: string): Promise<Session> {',
    "  const res = await request('/login', { method: 'POST', body: JSON.stringify({ user, password }) });",
    "  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);",
    '  return (await res.json()) as Session;',
    '}',
    '',
    'export const keyNames = ["primary", "secondary"] as const;',
    'export function pickKey(i: number): string {',
    '  return keyNames[i % keyNames.length];',
    '}',
    '',
  ];
  let text = '';
  for (let i = 0; text.length < 2048; i++) text += `${lines[i % lines.length].replaceAll('login', `login${Math.floor(i / lines.length)}`)}\n`;
  return text.slice(0, 2048);
}

// ---------- scenario repositories ----------
function makeRepo(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  sh('git', ['init', '-q'], dir);
  writeFileSync(join(dir, 'README.md'), `# ${name}\n`);
  sh('git', ['add', 'README.md'], dir);
  sh('git', ['commit', '-q', '-m', 'start'], dir);
  return dir;
}
function put(dir, rel, content) {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(join(dir, rel), content);
  else copyFileSync(content.file, join(dir, rel));
}
function stageAll(dir) {
  sh('git', ['add', '-A', '.'], dir);
}

const scenarios = [
  {
    name: 'one-file',
    title: 'one staged 2 KB file',
    build(dir) {
      put(dir, 'src/client.ts', sampleSource());
    },
  },
  {
    name: 'small',
    title: '20 files / 200 KB mixed source',
    build(dir) {
      // Round robin over kinds of source, files of 8–12 KB, in path order.
      const exts = ['.js', '.ts', '.mjs', '.md', '.json', '.cjs'];
      const pools = exts.map((x) => material.filter((m) => m.size >= 8000 && m.size <= 12000 && m.file.endsWith(x)));
      const picked = [];
      for (let i = 0; picked.length < 20 && i < 100; i++) {
        const m = pools[i % exts.length][Math.floor(i / exts.length)];
        if (m) picked.push(m);
      }
      for (const m of picked) put(dir, `src/${m.rel}`, m);
    },
  },
  {
    name: '60MB',
    title: '~5,000 files / ~60 MB from node_modules',
    build(dir) {
      // The heavy bundles a node_modules carries, then its many small files, in path order.
      const picked = [];
      let size = 0;
      for (const m of material) {
        if (m.size < 100_000 || size + m.size > 48e6) continue;
        picked.push(m);
        size += m.size;
      }
      picked.push(...material.filter((m) => m.size < 100_000).slice(0, 5000 - picked.length));
      for (const m of picked) put(dir, `vendor/${m.rel}`, m);
    },
  },
  {
    name: '50MB-file',
    title: 'one 50 MB text file',
    build(dir) {
      // Source files concatenated (a generated bundle), the same ones again if needed.
      const parts = [];
      let size = 0;
      const code = material.filter((m) => /\.(?:js|ts|mjs|cjs)$/.test(m.file) && m.size <= 2_000_000);
      for (let i = 0; size < 50 * 2 ** 20; i++) {
        const b = readFileSync(code[i % code.length].file);
        parts.push(b.subarray(0, Math.min(b.length, 50 * 2 ** 20 - size)));
        size += parts.at(-1).length;
      }
      put(dir, 'dist/bundle.js', Buffer.concat(parts));
    },
  },
  {
    name: 'binaries',
    title: '10 MB of binaries',
    build(dir) {
      for (let i = 0; i < 10; i++) put(dir, `assets/blob${i}.bin`, randomBytes(i + 1, 2 ** 20));
    },
  },
].filter((s) => !ONLY || ONLY.includes(s.name));

// ---------- measuring ----------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rssFile = join(work, 'rss');

/** One timed run of a command: wall time (ms), peak RSS (MB) and exit code. */
function runOnce(argv, cwd, okCodes) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%M', '-o', rssFile, ...argv], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${argv.join(' ').slice(0, 120)} exited ${r.status}: ${r.stderr.toString().slice(-500)}`);
  return { ms, rss: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024, code: r.status };
}

/**
 * Medians of several commands measured round-robin (one unmeasured warm-up each first), so a
 * load change on the machine during the run hits every command alike and the ratios stay fair.
 */
function measureAll(cmds, cwd) {
  const samples = cmds.map(() => []);
  const maxRuns = Math.max(...cmds.map((c) => c.runs));
  // Every other round in reverse order: what runs just before a command (a cold cache, a core still
  // busy with the last one's exit) then falls on each command alike, and two builds compared are
  // measured in both orders.
  const order = cmds.map((_, i) => i);
  for (let round = 0; round <= maxRuns; round++) {
    for (const i of round % 2 === 0 ? order : [...order].reverse()) {
      const c = cmds[i];
      if (round > c.runs) continue;
      const r = runOnce(c.argv, cwd, c.okCodes ?? [0, 1]);
      c.after?.();
      if (round > 0) samples[i].push(r);
    }
  }
  const out = {};
  cmds.forEach((c, i) => {
    const s = samples[i];
    out[c.label] = { ms: median(s.map((x) => x.ms)), rss: Math.max(...s.map((x) => x.rss)), code: s[0].code };
  });
  return out;
}

const results = [];
for (const sc of scenarios) {
  log(`bench: building ${sc.name} (${sc.title})`);
  const dir = makeRepo(sc.name);
  sc.build(dir);
  stageAll(dir);
  const staged = sh('git', ['diff', '--cached', '--name-only', '-z'], dir).split('\0').filter(Boolean);
  const shas = sh('git', ['diff', '--cached', '--raw', '-z', '--no-abbrev'], dir)
    .split('\0')
    .filter((f) => f.startsWith(':'))
    .map((f) => f.split(' ')[3]);
  const shaFile = join(work, `${sc.name}.shas`);
  writeFileSync(shaFile, shas.join('\n') + '\n');
  const bytes = staged.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const big = bytes > 20e6;
  const runs = big ? Math.max(3, Math.ceil(RUNS / 3)) : RUNS;
  // keyguard's own rows get all the runs: their ratios (to the other build, to the rules before the
  // catalogue) are what a change is judged by, and one slow run of three moves a median a lot on 2 busy cores.
  const ownRuns = RUNS;
  log(`bench: ${sc.name}: ${staged.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${runs} runs each`);

  const row = { sc, files: staged.length, bytes, m: {} };
  const check = ['node', CLI, 'check', '--quiet'];
  const cmds = [
    { label: 'node -e 0', argv: ['node', '-e', '0'], runs },
    { label: 'git diff --cached --name-only', argv: ['git', 'diff', '--cached', '--name-only', '-z'], runs },
    { label: 'git cat-file --batch (all blobs)', argv: ['sh', '-c', `git cat-file --batch < '${shaFile}' > /dev/null`], runs },
    { label: 'Node floor (blobs + 20 regexes)', argv: ['node', FLOOR, dir], runs },
    { label: 'keyguard check', argv: check, runs: ownRuns },
    { label: SMALL_LABEL, argv: ['node', SMALL, 'check', '--quiet'], runs: ownRuns },
    ...(AGAINST ? [{ label: 'keyguard check (--against)', argv: ['node', AGAINST, 'check', '--quiet'], runs: ownRuns }] : []),
    // git-secrets' own staged scan, with its AWS patterns registered in the scenario repository.
    ...(GIT_SECRETS && gitSecrets(dir) ? [{ label: 'git-secrets --scan --cached', argv: ['git', 'secrets', '--scan', '--cached'], runs: big ? 3 : runs, okCodes: [0, 1] }] : []),
    {
      label: 'secretlint (preset-recommend)',
      argv: ['node', secretlint, '--secretlintrc', secretlintrc, '--no-glob', '--no-gitignore', '--no-color', ...staged],
      runs: big ? 3 : runs,
    },
  ];
  // A whole commit with and without the hook (each commit undone, untimed), when the check passes.
  const clean = runOnce(check, dir, [0, 1]).code === 0;
  if (sc.name === 'one-file' || (sc.name === '60MB' && clean)) {
    const hookCommit = installHook(dir);
    const undo = () => sh('git', ['reset', '-q', '--soft', 'HEAD~1'], dir);
    const commit = ['git', 'commit', '-q', '-m', 'bench'];
    const noHooks = join(work, 'no-hooks');
    mkdirSync(noHooks, { recursive: true });
    cmds.push(
      { label: 'git commit, no hook', argv: ['git', '-c', `core.hooksPath=${noHooks}`, ...commit.slice(1)], runs, after: undo, okCodes: [0] },
      { label: `git commit, hook (${hookCommit})`, argv: commit, runs, after: undo, okCodes: [0] },
    );
  }
  row.m = measureAll(cmds, dir);
  if (PROFILE) row.profile = profileCheck(dir, sc.name);
  results.push(row);
}

/** Installs the pre-commit hook the way users get it: `keyguard init` when it exists, else by hand. */
function installHook(dir) {
  const help = spawnSync('node', [CLI, 'init', '--help'], { cwd: dir, env, encoding: 'utf8' });
  if (help.status === 0) {
    const r = spawnSync('node', [CLI, 'init'], { cwd: dir, env, encoding: 'utf8' });
    if (r.status === 0) return 'keyguard init';
    log(`bench: keyguard init failed (${r.status}): ${r.stderr.trim()}; installing the hook by hand`);
  }
  const hooks = sh('git', ['rev-parse', '--git-path', 'hooks'], dir).trim();
  const hook = join(dir, hooks, 'pre-commit');
  writeFileSync(hook, '#!/bin/sh\nexec keyguard check --quiet\n', { mode: 0o755 });
  return 'by hand';
}

function profileCheck(dir, name) {
  const out = join(work, 'profiles', name);
  mkdirSync(out, { recursive: true });
  spawnSync('node', ['--cpu-prof', '--cpu-prof-dir', out, CLI, 'check', '--quiet'], { cwd: dir, env, stdio: 'ignore' });
  const file = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
  return file ? summariseProfile(JSON.parse(readFileSync(join(out, file), 'utf8'))) : null;
}

// ---------- report ----------
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const lines = [];
lines.push(`keyguard bench — node ${process.version}, ${git('--version')}, ${cpus().length} cores; medians of ${RUNS} runs (over 20 MB: ${Math.max(3, Math.ceil(RUNS / 3))} but keyguard's own rows), measured round-robin (every other round in reverse order) after one warm-up each`);
for (const row of results) {
  const { m } = row;
  const floor = m['Node floor (blobs + 20 regexes)'].ms;
  const peer = m['secretlint (preset-recommend)'].ms;
  const zero = m['node -e 0'].ms;
  lines.push('');
  lines.push(`## ${row.sc.name}: ${row.sc.title} — ${row.files} files, ${(row.bytes / 1e6).toFixed(1)} MB staged`);
  const catFile = m['git cat-file --batch (all blobs)'].ms;
  lines.push(`${pad('what', 40)}${lpad('median', 10)}${lpad('peak RSS', 10)}${lpad('MB/s', 8)}${lpad('×node-e-0', 11)}${lpad('×floor', 8)}${lpad('×cat-file', 10)}${lpad('peer÷this', 11)}  exit`);
  for (const [what, r] of Object.entries(m)) {
    const mbs = what.startsWith('node -e') || what.startsWith('git commit') ? '' : (row.bytes / 1e6 / (r.ms / 1000)).toFixed(0);
    lines.push(
      `${pad(what, 40)}${lpad(fmtMs(r.ms), 10)}${lpad(`${r.rss.toFixed(0)} MB`, 10)}${lpad(mbs, 8)}${lpad((r.ms / zero).toFixed(2), 11)}${lpad((r.ms / floor).toFixed(2), 8)}${lpad((r.ms / catFile).toFixed(2), 10)}${lpad((peer / r.ms).toFixed(1), 11)}  ${r.code}`,
    );
  }
  const hooked = Object.keys(m).find((k) => k.startsWith('git commit, hook'));
  if (hooked) lines.push(`hook cost: +${(m[hooked].ms - m['git commit, no hook'].ms).toFixed(1)} ms per commit`);
  const gs = m['git-secrets --scan --cached'];
  if (gs) lines.push(`keyguard check ÷ git-secrets: ${(m['keyguard check'].ms / gs.ms).toFixed(2)}`);
  lines.push(`keyguard check ÷ the same with the rules before the catalogue: ${(m['keyguard check'].ms / m[SMALL_LABEL].ms).toFixed(2)}`);
  const against = m['keyguard check (--against)'];
  if (against) lines.push(`keyguard check ÷ --against build: ${(m['keyguard check'].ms / against.ms).toFixed(2)}`);
  if (row.profile) {
    lines.push(`profile of keyguard check (${fmtMs(row.profile.totalMs)} sampled): ${row.profile.byKind.filter((k) => k.pct >= 1).map((k) => `${k.kind} ${k.pct.toFixed(0)}%`).join(' · ')}`);
    lines.push('  top functions by self time:');
    for (const p of row.profile.top) lines.push(`  ${lpad(p.pct.toFixed(1), 5)}%  ${p.name}`);
  }
}
if (results.length > 1) {
  lines.push('');
  lines.push('## scaling of keyguard check');
  for (const row of results) lines.push(`${pad(row.sc.name, 12)}${lpad(row.files, 6)} files ${lpad((row.bytes / 1e6).toFixed(1), 6)} MB  ${lpad(fmtMs(row.m['keyguard check'].ms), 10)}`);
}
process.stdout.write(lines.join('\n') + '\n');

/** Registers git-secrets' AWS patterns in the scenario repository (its --register-aws); false when that fails. */
function gitSecrets(dir) {
  return spawnSync('git', ['secrets', '--register-aws'], { cwd: dir, env, stdio: 'ignore' }).status === 0;
}

function git(a) {
  return sh('git', [a], work).trim();
}
