import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, cleanupRepos, makeRepo, ROOT, type TestRepo } from './helpers/repo.js';
import { hashTree, keyguardCopy, keyguardOnPath } from './helpers/tree.js';
import { keys } from './helpers/keys.js';

afterAll(cleanupRepos);

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const pkg = (data: object, indent: string | number = 2) => JSON.stringify(data, null, indent) + '\n';

function withPath(repo: TestRepo): Record<string, string> {
  return { PATH: `${keyguardOnPath(join(repo.dir, '..'))}:${process.env.PATH}` };
}

function commit(repo: TestRepo, env: Record<string, string>, files: Record<string, string>) {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', '-f', ...Object.keys(files)]);
  return repo.git(['commit', '-q', '-m', 'change'], { allowFail: true, env });
}

describe('lint-staged version for the running Node', () => {
  it('picks 17 only where it runs (Node ≥ 22.22.1), else 16', async () => {
    const { lintStagedRange } = await import('../src/install/editPackageJson.js');
    expect(lintStagedRange('20.20.2')).toBe('^16.3.0');
    expect(lintStagedRange('22.22.0')).toBe('^16.3.0');
    expect(lintStagedRange('22.22.1')).toBe('^17.0.0');
    expect(lintStagedRange('24.1.0')).toBe('^17.0.0');
  });
});

describe('plain git repository (no package.json)', () => {
  it('installs pre-commit and pre-push hooks that block a staged .env and a key, and pass ordinary code', () => {
    const repo = makeRepo();
    const r = repo.keyguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pre-commit hook installed (git hooks folder, .git/hooks/pre-commit)');
    expect(r.stdout).toContain('pre-push hook installed');
    for (const hook of ['pre-commit', 'pre-push']) {
      const path = join(repo.dir, '.git/hooks', hook);
      expect(statSync(path).mode & 0o111).not.toBe(0);
      expect(readFileSync(path, 'utf8')).toMatch(/^#!\/bin\/sh\n# >>> keyguard/);
    }
    expect(repo.read('.git/hooks/pre-push')).toContain('__keyguard pre-push "$@"');
    // Valid for every shell a hook may run under.
    for (const shell of ['sh', 'bash', 'dash']) {
      for (const hook of ['pre-commit', 'pre-push']) {
        const check = spawnSync(shell, ['-n', join(repo.dir, '.git/hooks', hook)], { encoding: 'utf8' });
        if (check.error) continue; // that shell is not installed here
        expect([shell, hook, check.status, check.stderr]).toEqual([shell, hook, 0, '']);
      }
    }

    const env = withPath(repo);
    expect(commit(repo, env, { 'src/ok.ts': 'export const x = 1;\n' }).code).toBe(0);
    const blocked = commit(repo, env, { '.env': 'PORT=3000\n' });
    expect(blocked.code).not.toBe(0);
    const key = keys.openai();
    const leaked = commit(repo, env, { '.env': '', 'src/client.ts': `const k = "${key}";\n` });
    expect(leaked.code).not.toBe(0);
    expect(leaked.stdout + leaked.stderr).toContain('src/client.ts');
    expect(leaked.stdout + leaked.stderr).not.toContain(key);
  });

  it('fails closed with one line on how to install keyguard when it cannot be found', () => {
    const repo = makeRepo();
    // init runs from a keyguard that is then removed, and none is on PATH or in node_modules.
    const copy = keyguardCopy(join(repo.dir, '..'));
    const init = spawnSync(process.execPath, [copy.cli, 'init'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(init.status).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toContain(`__keyguard_cli='${copy.cli}'`);
    rmSync(copy.root, { recursive: true, force: true });
    const r = commit(repo, {}, { 'a.txt': 'a\n' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(`keyguard: not installed, so this commit is stopped; install it (the keyguard ${version} that was at ${copy.root}) and try again\n`);
    expect(repo.git(['rev-list', '--all']).stdout).toBe('');
    // The push is stopped the same way.
    repo.git(['commit', '-q', '--no-verify', '-m', 'skip']);
    const remote = makeRepo({ bare: true });
    const push = repo.git(['push', remote.dir, 'HEAD:refs/heads/main'], { allowFail: true });
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('keyguard: not installed, so this push is stopped');
    expect(remote.git(['rev-list', '--all']).stdout).toBe('');
  });

  it('chains an existing hook in core.hooksPath: keyguard runs first, the hook still runs, uninstall restores its bytes', () => {
    const repo = makeRepo();
    repo.git(['config', 'core.hooksPath', 'githooks']);
    const own = '#!/usr/bin/env bash\n# team hook\necho "team hook ran" >&2\nexit 0\n';
    repo.write('githooks/pre-commit', own);
    chmodSync(join(repo.dir, 'githooks/pre-commit'), 0o755);
    const r = repo.keyguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('githooks/pre-commit, chained before the existing hook');
    const hooked = repo.read('githooks/pre-commit');
    expect(hooked.startsWith('#!/usr/bin/env bash\n# >>> keyguard')).toBe(true);
    expect(hooked.endsWith('# <<< keyguard <<<\n# team hook\necho "team hook ran" >&2\nexit 0\n')).toBe(true);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);

    const env = withPath(repo);
    const ok = commit(repo, env, { 'a.txt': 'a\n' });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('team hook ran');
    const blocked = commit(repo, env, { '.env': 'A=1\n' });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).not.toContain('team hook ran');

    const before = hashTree(repo.dir);
    expect(repo.keyguard(['init']).code).toBe(0);
    expect(hashTree(repo.dir)).toEqual(before);

    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(repo.read('githooks/pre-commit')).toBe(own);
    expect(existsSync(join(repo.dir, 'githooks/pre-push'))).toBe(false);
  });

  it("replaces an older keyguard block in place (an upgrade), keeping the hook's own lines around it", () => {
    const repo = makeRepo();
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho own\n');
    chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
    expect(repo.keyguard(['init']).code).toBe(0);
    const current = repo.read('.git/hooks/pre-commit');
    // An older keyguard's block: other lines between the same markers.
    const older = current.replace(/\n__keyguard check \|\| exit \$\?\n/, '\nkeyguard check || exit $?\n') + 'echo added later by the team\n';
    expect(older).not.toBe(current + 'echo added later by the team\n');
    repo.write('.git/hooks/pre-commit', older);
    const r = repo.keyguard(['init']);
    expect(r.stdout).toContain('pre-commit hook installed');
    expect(repo.read('.git/hooks/pre-commit')).toBe(current + 'echo added later by the team\n');
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toBe('#!/bin/sh\necho own\necho added later by the team\n');
  });

  it('pre-push block hands the refs on stdin to the rest of an existing pre-push hook', () => {
    const repo = makeRepo();
    const remote = makeRepo({ bare: true });
    repo.write('.git/hooks/pre-push', '#!/bin/sh\nwhile read l r; do echo "own hook saw $r" >&2; done\n');
    chmodSync(join(repo.dir, '.git/hooks/pre-push'), 0o755);
    expect(repo.keyguard(['init']).code).toBe(0);
    // A stand-in keyguard on PATH: the keyguard init ran with comes first, and both it and the hook read the refs.
    const bin = join(repo.dir, '..', 'stub-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'keyguard'), '#!/bin/sh\n[ "$1" = check ] && exit 0\nwhile read l r; do echo "keyguard saw $r" >&2; done\n');
    chmodSync(join(bin, 'keyguard'), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}` };
    expect(commit(repo, env, { 'a.txt': 'a\n' }).code).toBe(0);
    const push = repo.git(['push', remote.dir, 'HEAD:refs/heads/main'], { env, allowFail: true });
    expect(push.code).toBe(0);
    // keyguard (the one init recorded, not the stand-in) read the ref, and so did the hook's own code.
    expect(push.stderr).toContain('keyguard: no secrets in 1 commit to push');
    expect(push.stderr).not.toContain('keyguard saw');
    expect(push.stderr).toMatch(/own hook saw [0-9a-f]{40} refs\/heads\/main [0-9]{40}/);
  });

  it('a linked worktree installs into the hooks folder git really uses', () => {
    const repo = makeRepo();
    repo.git(['commit', '-q', '--allow-empty', '-m', 'root']);
    const wt = join(repo.dir, '..', 'wt');
    repo.git(['worktree', 'add', '-q', wt]);
    expect(repo.keyguard(['init'], { cwd: wt }).code).toBe(0);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(true);
    writeFileSync(join(wt, '.env'), 'A=1\n');
    repo.git(['add', '.env'], { cwd: wt });
    expect(repo.git(['commit', '-q', '-m', 'x'], { cwd: wt, env: withPath(repo), allowFail: true }).code).toBe(1);
  });
});

describe('npm repository', () => {
  it('sets husky up as `husky init` would, without overwriting: devDependencies, chained prepare, hook lines', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app', scripts: { prepare: 'tsc' }, devDependencies: { keyguard: 'file:../keyguard.tgz', typescript: '^5.0.0' } }, 4));
    repo.write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
    const r = repo.keyguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pre-commit hook installed (husky, .husky/pre-commit)');
    expect(r.stdout).toContain('run `pnpm install && pnpm run prepare`');
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\n');
    expect(repo.read('.husky/pre-push')).toBe('keyguard pre-push "$@"\n');
    const text = repo.read('package.json');
    expect(text).toMatch(/^\{\n {4}"name"/);
    const data = JSON.parse(text);
    expect(data.scripts.prepare).toBe('tsc && husky');
    expect(data.devDependencies).toEqual({ husky: '^9.1.7', keyguard: 'file:../keyguard.tgz', typescript: '^5.0.0' });
    expect(Object.keys(data.devDependencies)).toEqual(['husky', 'keyguard', 'typescript']);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);

    const before = hashTree(repo.dir);
    const again = repo.keyguard(['init', '--fix-gitignore']);
    expect(again.code).toBe(0);
    const after = hashTree(repo.dir);
    delete after['.gitignore'];
    expect(after).toEqual(before);
    const third = hashTree(repo.dir);
    expect(repo.keyguard(['init', '--fix-gitignore']).code).toBe(0);
    expect(hashTree(repo.dir)).toEqual(third);
  });

  it("keeps every line of an existing husky hook, keyguard's line first (before a slow or failing `npm test`); uninstall restores the bytes", () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app', scripts: { prepare: 'husky' }, devDependencies: { husky: '^9.1.7', keyguard: '^0.1.0' } }));
    const own = 'npm test\nnpm run lint\nexit 0\n';
    repo.write('.husky/pre-commit', own);
    const pkgBefore = repo.read('package.json');
    repo.git(['config', 'core.hooksPath', '.husky/_']);
    const r = repo.keyguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('npm install');
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\nnpm test\nnpm run lint\nexit 0\n');
    expect(repo.read('package.json')).toBe(pkgBefore);
    const u = repo.keyguard(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout + u.stderr).toContain('the keyguard devDependency stays');
    expect(repo.read('.husky/pre-commit')).toBe(own);
    expect(existsSync(join(repo.dir, '.husky/pre-push'))).toBe(false);
    expect(repo.read('package.json')).toBe(pkgBefore);
    expect(repo.keyguard(['uninstall']).stdout).toContain('nothing to remove');
  });

  it('uninstall names where package.json lists keyguard, and says nothing of a dependency it does not list', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app', dependencies: { keyguard: '^0.1.0' } }));
    let u = repo.keyguard(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout + u.stderr).toContain('the keyguard dependency stays');
    repo.write('package.json', pkg({ name: 'app' }));
    u = repo.keyguard(['uninstall']);
    expect(u.code).toBe(0);
    expect(u.stdout + u.stderr).not.toContain('stays');
  });

  it('names the install command of the package manager the lockfile shows', () => {
    const cases: [Record<string, string>, object, string][] = [
      [{ 'yarn.lock': '' }, {}, 'yarn install'],
      [{ 'bun.lock': '{}' }, {}, 'bun install'],
      [{ 'package-lock.json': '{}' }, { packageManager: 'pnpm@9.0.0' }, 'npm install'],
      [{}, { packageManager: 'pnpm@9.0.0' }, 'pnpm install && pnpm run prepare'],
      [{}, {}, 'npm install'],
    ];
    for (const [files, extra, command] of cases) {
      const repo = makeRepo();
      repo.write('package.json', pkg({ name: 'app', ...extra }));
      for (const [p, c] of Object.entries(files)) repo.write(p, c);
      expect(repo.keyguard(['init']).stdout).toContain(`run \`${command}\` to install husky and keyguard`);
    }
  });

  it("adds its line in the hook file's own line endings", () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app', devDependencies: { husky: '^9', keyguard: '^0.1.0' }, scripts: { prepare: 'husky' } }));
    repo.write('.husky/pre-commit', 'npm test\r\n');
    expect(repo.keyguard(['init']).code).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\r\nnpm test\r\n');

    // Without a final newline: keyguard's line goes out again with its line break.
    const bare = makeRepo();
    bare.write('package.json', pkg({ name: 'app', devDependencies: { husky: '^9', keyguard: '^0.1.0' }, scripts: { prepare: 'husky' } }));
    bare.write('.husky/pre-commit', 'npm test');
    expect(bare.keyguard(['init']).code).toBe(0);
    expect(bare.read('.husky/pre-commit')).toBe('keyguard check\nnpm test');
    expect(bare.keyguard(['init']).stdout).toContain('pre-commit hook already installed');
    expect(bare.keyguard(['uninstall']).code).toBe(0);
    expect(bare.read('.husky/pre-commit')).toBe('npm test');
  });

  it('warns that husky would silence hooks git runs today', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app' }));
    repo.write('.git/hooks/commit-msg', '#!/bin/sh\n');
    chmodSync(join(repo.dir, '.git/hooks/commit-msg'), 0o755);
    const r = repo.keyguard(['init']);
    expect(r.stdout).toContain('.git/hooks/commit-msg will stop running; move its commands into .husky/commit-msg');
  });
});

describe('lint-staged', () => {
  const husky = { name: 'app', scripts: { prepare: 'husky' }, devDependencies: { husky: '^9', keyguard: '^0.1.0', 'lint-staged': '^16' } };

  it('adds a catch-all task to the package.json config when the hook runs lint-staged, and takes it out again', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ ...husky, 'lint-staged': { '*.ts': 'eslint --fix' } }));
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    const original = hashTree(repo.dir);
    const r = repo.keyguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lint-staged task in package.json "lint-staged"');
    expect(JSON.parse(repo.read('package.json'))['lint-staged']).toEqual({ '*.ts': 'eslint --fix', '*': 'keyguard check' });
    expect(repo.read('.husky/pre-commit')).toBe('npx lint-staged\n');
    const once = hashTree(repo.dir);
    repo.keyguard(['init']);
    expect(hashTree(repo.dir)).toEqual(once);
    expect(repo.keyguard(['uninstall']).code).toBe(0);
    expect(hashTree(repo.dir)).toEqual(original);
  });

  it('edits .lintstagedrc.json and YAML configs in their own format, using a free catch-all glob', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg(husky));
    repo.write('.husky/pre-commit', 'lint-staged\n');
    repo.write('.lintstagedrc.json', '{\n\t"*": "prettier --write"\n}\n');
    expect(repo.keyguard(['init']).code).toBe(0);
    expect(repo.read('.lintstagedrc.json')).toBe('{\n\t"*": "prettier --write",\n\t"**": "keyguard check"\n}\n');

    const yaml = makeRepo();
    yaml.write('package.json', pkg(husky));
    yaml.write('.husky/pre-commit', 'lint-staged\n');
    const own = "# tasks\r\n'*.js':\r\n  - eslint\r\n";
    yaml.write('.lintstagedrc', own);
    expect(yaml.keyguard(['init']).code).toBe(0);
    expect(yaml.read('.lintstagedrc')).toBe(own + "'*': keyguard check\r\n");
    expect(yaml.keyguard(['uninstall']).code).toBe(0);
    expect(yaml.read('.lintstagedrc')).toBe(own);

    // A keyguard task the team already wrote, in a list, is recognised: nothing is added.
    const listed = makeRepo();
    listed.write('package.json', pkg(husky));
    listed.write('.husky/pre-commit', 'lint-staged\n');
    listed.write('.lintstagedrc.yml', "'*':\n  - prettier --check\n  - keyguard check\n");
    const before = hashTree(listed.dir);
    expect(listed.keyguard(['init']).code).toBe(0);
    const after = hashTree(listed.dir);
    delete after['.husky/pre-push'];
    delete after['.husky/pre-merge-commit'];
    expect(after).toEqual(before);
  });

  it('prints exact instructions and exits 2 for a JavaScript config, changing nothing', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg(husky));
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    repo.write('lint-staged.config.js', "export default { '*.js': 'eslint' };\n");
    const before = hashTree(repo.dir);
    const r = repo.keyguard(['init']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("'*': 'keyguard check',");
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(hashTree(repo.dir)).toEqual(before);
    // The way out it names works.
    expect(repo.keyguard(['init', '--no-lint-staged']).code).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe('keyguard check\nnpx lint-staged\n');
  });

  it('--lint-staged sets lint-staged up where it is missing', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app' }));
    expect(repo.keyguard(['init', '--lint-staged']).code).toBe(0);
    const data = JSON.parse(repo.read('package.json'));
    expect(data['lint-staged']).toEqual({ '*': 'keyguard check' });
    expect(data.devDependencies['lint-staged']).toMatch(/^\^1[67]\./);
    expect(repo.read('.husky/pre-commit')).toBe('lint-staged\n');
  });
});

describe('bad input: exit 2, one line, nothing changed', () => {
  function expectRefused(repo: TestRepo, args: string[], message: RegExp, cwd?: string) {
    const before = hashTree(repo.dir);
    const r = repo.keyguard(args, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(hashTree(repo.dir)).toEqual(before);
  }

  it('not a git repository', () => {
    const repo = makeRepo({ init: false });
    expectRefused(repo, ['init'], /not a git repository/);
  });

  it('a bare repository', () => {
    const repo = makeRepo({ bare: true });
    expectRefused(repo, ['init', '--fix-gitignore'], /bare repository/);
  });

  it('malformed package.json', () => {
    const repo = makeRepo();
    repo.write('package.json', '{ "name": "app", }\n');
    expectRefused(repo, ['init'], /package\.json is not valid JSON/);
  });

  it('a read-only .husky', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app' }));
    repo.write('.husky/pre-commit', 'npm test\n');
    chmodSync(join(repo.dir, '.husky/pre-commit'), 0o444);
    chmodSync(join(repo.dir, '.husky'), 0o555);
    try {
      expectRefused(repo, ['init', '--fix-gitignore'], /cannot write \.husky\/pre-(commit|push): .*read-only \(nothing was changed\)/);
    } finally {
      chmodSync(join(repo.dir, '.husky'), 0o755);
    }
  });

  it('a hooks path outside the repository that cannot be written', () => {
    const repo = makeRepo();
    const blocker = join(repo.dir, '..', 'not-a-folder');
    writeFileSync(blocker, 'x');
    repo.git(['config', 'core.hooksPath', join(blocker, 'hooks')]);
    expectRefused(repo, ['init', '--fix-gitignore'], /cannot write .*not-a-folder\/hooks\/pre-commit: .*not a folder/);
    const ro = join(repo.dir, '..', 'ro-hooks');
    mkdirSync(ro, { mode: 0o555 });
    repo.git(['config', 'core.hooksPath', ro]);
    expectRefused(repo, ['init'], /cannot write .*ro-hooks\/pre-commit: .*read-only/);
  });

  it('an existing hook that is not a shell script, or not executable', () => {
    const repo = makeRepo();
    repo.write('.git/hooks/pre-commit', '#!/usr/bin/env python3\nprint("hi")\n');
    chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
    expectRefused(repo, ['init'], /not a shell script .*add `keyguard check` to it yourself/);
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho hi\n');
    chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o644);
    expectRefused(repo, ['init'], /not executable, so git does not run it/);
  });

  it('a read-only .gitignore: no hook is written either (all or nothing)', () => {
    const repo = makeRepo();
    repo.write('.gitignore', 'dist\n');
    chmodSync(join(repo.dir, '.gitignore'), 0o444);
    expectRefused(repo, ['init', '--fix-gitignore'], /cannot write \.gitignore: .*read-only \(nothing was changed\)/);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('unknown options', () => {
    const repo = makeRepo();
    expectRefused(repo, ['init', '--frobnicate'], /^keyguard: error: init: .*--frobnicate/);
  });
});

describe('--dry-run', () => {
  it('prints what init and uninstall would change and changes nothing', () => {
    const repo = makeRepo();
    repo.write('package.json', pkg({ name: 'app' }));
    const before = hashTree(repo.dir);
    const r = repo.keyguard(['init', '--fix-gitignore', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would create .husky/pre-commit');
    expect(r.stdout).toContain('    + keyguard check');
    expect(r.stdout).toContain('would update package.json');
    expect(r.stdout).toContain('would create .gitignore');
    expect(r.stdout).toContain('dry run — nothing was changed');
    expect(hashTree(repo.dir)).toEqual(before);

    expect(repo.keyguard(['init']).code).toBe(0);
    const installed = hashTree(repo.dir);
    const u = repo.keyguard(['uninstall', '--dry-run']);
    expect(u.stdout).toContain('would delete .husky/pre-commit');
    expect(hashTree(repo.dir)).toEqual(installed);
  });
});

describe('package.json in a subfolder (husky recipe for a package below the top)', () => {
  it('puts .husky beside that package.json, prepares husky from the top, runs hook lines in the package folder', () => {
    const repo = makeRepo();
    repo.write('frontend/package.json', pkg({ name: 'web' }));
    repo.write('frontend/package-lock.json', '{}\n');
    repo.write('frontend/src/app.ts', 'x\n');
    const r = repo.keyguard(['init'], { cwd: join(repo.dir, 'frontend/src') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pre-commit hook installed (husky, frontend/.husky/pre-commit)');
    expect(r.stdout).toContain('run `cd frontend && npm install`');
    expect(repo.read('frontend/.husky/pre-commit')).toBe('(cd frontend && keyguard check)\n');
    expect(repo.read('frontend/.husky/pre-push')).toBe('(cd frontend && keyguard pre-push "$@")\n');
    expect(JSON.parse(repo.read('frontend/package.json')).scripts.prepare).toBe('cd .. && husky frontend/.husky');
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);

    // Activated as husky would (core.hooksPath), keyguard found in the package's node_modules/.bin.
    repo.git(['config', 'core.hooksPath', 'frontend/.husky/_']);
    repo.write('frontend/.husky/_/pre-commit', '#!/bin/sh\nexport PATH="node_modules/.bin:$PATH"\nsh -e "$(dirname "$(dirname "$0")")/pre-commit"\n');
    chmodSync(join(repo.dir, 'frontend/.husky/_/pre-commit'), 0o755);
    const bin = join(repo.dir, 'frontend/node_modules/.bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'keyguard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'keyguard'), 0o755);
    const again = hashTree(repo.dir);
    expect(repo.keyguard(['init'], { cwd: join(repo.dir, 'frontend') }).code).toBe(0);
    expect(hashTree(repo.dir)).toEqual(again);
    expect(commit(repo, {}, { 'frontend/.env': 'A=1\n' }).code).toBe(1);

    const un = repo.keyguard(['uninstall'], { cwd: join(repo.dir, 'frontend') });
    expect(un.code).toBe(0);
    expect(existsSync(join(repo.dir, 'frontend/.husky/pre-commit'))).toBe(false);
    // husky served keyguard alone: its set-up goes too, and the message names npm's own command.
    expect(existsSync(join(repo.dir, 'frontend/.husky'))).toBe(false);
    expect(JSON.parse(repo.read('frontend/package.json')).scripts).toBeUndefined();
    expect(repo.git(['config', 'core.hooksPath'], { allowFail: true }).code).toBe(1);
    expect(un.stdout).toContain('remove them with `npm uninstall keyguard husky`');
  });
});
