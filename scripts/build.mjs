// Bundles the CLI into dist/ so a commit does not resolve hundreds of modules at start-up.
// CommonJS, not ESM: Node starts a CommonJS entry ~10 ms sooner (no ESM loader to set up).
// Each command is one self-contained file that the dispatcher (cli.js) requires on demand:
// `check` never loads the installer, SARIF or history code, and loads one file, not a dozen chunks.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
// For `npm run bench` only: `--out DIR` builds there instead of dist/, and `--rules FILE` (a JSON list
// of rule ids) keeps only those built-in content rules: the same code with a smaller catalogue.
const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const out = resolve(option('out') ?? join(root, 'dist'));
// The build replaces `out` whole: refuse a folder that holds anything but an earlier build.
if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, 'cli.js'))) {
  process.stderr.write(`build: ${out} is not empty and holds no earlier build (cli.js): refusing to replace it\n`);
  process.exit(2);
}
const keepRules = option('rules') ? JSON.parse(readFileSync(option('rules'), 'utf8')) : undefined;
// Build beside dist and swap it in, so a test running meanwhile never sees a half-written CLI.
const staging = `${out}.build-${process.pid}`;

const commands = ['check', 'init', 'uninstall', 'fixGitignore', 'scan', 'prePush', 'preReceive', 'baseline', 'fix', 'allow'];

// The dispatcher's `import('./commands/x.js')` stays a run-time load of dist/x.js, through
// src/loadCommand.ts (which uses the code cache written below, when there is one).
const commandFiles = {
  name: 'command-files',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/\w+\.js$/ }, (args) =>
      args.importer.endsWith('cli.ts') ? { path: args.path.slice('./commands/'.length, -'.js'.length), namespace: 'keyguard-command' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'keyguard-command' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`${root}src/loadCommand.ts`)}).loadCommand(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

// Code a command needs only sometimes is a file of its own, required when used: the SARIF report
// and the blob-reading thread stay out of check.js (the hook's start-up compiles what it loads).
const ownFiles = ['formatSarif', 'catFileThread'];
const ownFileModules = {
  name: 'own-files',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^\\./(${ownFiles.join('|')})\\.js$`) }, (args) => ({ path: args.path, external: true }));
  },
};

// The smaller catalogue: the rules list is cut down in place once built (src/rules/index.ts).
const keptRules = {
  name: 'kept-rules',
  setup(b) {
    if (!keepRules) return;
    b.onLoad({ filter: /[\\/]src[\\/]rules[\\/]index\.ts$/ }, (args) => ({
      contents: `${readFileSync(args.path, 'utf8')}\n{ const keep = new Set(${JSON.stringify(keepRules)}); const kept = builtinContentRules.filter((r) => keep.has(r.id)); builtinContentRules.splice(0, builtinContentRules.length, ...kept); }\n`,
      loader: 'ts',
    }));
  },
};

// hooks/ holds the real hook scripts (plain sh, usable on their own); init bundles their text.
const hookScripts = {
  name: 'hook-scripts',
  setup(b) {
    b.onLoad({ filter: /[\\/]hooks[\\/](pre-[a-z-]+|forward)$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};

await build({
  entryPoints: {
    cli: `${root}src/cli.ts`,
    // The blob-reading thread of big commits (src/git/catFileThread.ts loads itself by file name).
    catFileThread: `${root}src/git/catFileThread.ts`,
    formatSarif: `${root}src/report/formatSarif.ts`,
    ...Object.fromEntries(commands.map((c) => [c, `${root}src/commands/${c}.ts`])),
  },
  outdir: staging,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // require(), not import(): importing a CommonJS file runs Node's export lexer over it (~30 ms).
  supported: { 'dynamic-import': false },
  minifySyntax: true,
  legalComments: 'none',
  plugins: [commandFiles, ownFileModules, hookScripts, keptRules],
  define: { __VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
// dist/*.js are CommonJS although the package itself is ESM.
writeFileSync(`${staging}/package.json`, '{ "type": "commonjs" }\n');
writeFileSync(`${staging}/cli.js`, `#!/usr/bin/env node\n${readFileSync(`${staging}/cli.js`, 'utf8')}`);
chmodSync(`${staging}/cli.js`, 0o755);

// The hooks' commands get a V8 code cache (see src/loadCommand.ts): made after running the
// bundle's top level (which only defines things), so the functions that run at start-up are in
// it too, and compiled under the path the bundle will have (V8 keeps that name with the code).
// The file holds that path and the source first, as loadCommand reads them.
for (const name of ['check', 'prePush', 'preReceive']) {
  const file = `${staging}/${name}.js`;
  const final = join(out, `${name}.js`);
  const source = readFileSync(file);
  const script = new Script(Module.wrap(source.toString('utf8')), { filename: final });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, final, staging);
  const path = Buffer.from(final);
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32BE(path.length, 0);
  lengths.writeUInt32BE(source.length, 4);
  writeFileSync(`${file}.cache`, Buffer.concat([lengths, path, source, script.createCachedData()]));
}
rmSync(out, { recursive: true, force: true });
renameSync(staging, out);
