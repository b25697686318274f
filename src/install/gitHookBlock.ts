import { BLOCK_END } from './text.js';

declare const __VERSION__: string;

/**
 * The shell block keyguard puts into a plain git hook. It finds keyguard on PATH, then in the
 * repository's node_modules/.bin (git runs hooks from the work tree's top), then through
 * `npx --no-install`, which runs only a keyguard already installed (a global install whose bin
 * folder is not on PATH, as in GUI git clients) and never downloads one. The spec stays unversioned
 * because npx needs the registry to match a versioned one even when it is installed. When none
 * works the block stops the commit or push with one line saying how to install keyguard.
 */
export function gitHookBlock(hook: 'pre-commit' | 'pre-push', eol: string, version = __VERSION__): string {
  const action = hook === 'pre-commit' ? 'commit' : 'push';
  const find = [
    `# >>> keyguard >>> added by \`keyguard init\`; \`keyguard uninstall\` removes this block`,
    '__keyguard() {',
    '  if command -v keyguard >/dev/null 2>&1; then keyguard "$@"',
    '  elif [ -x node_modules/.bin/keyguard ]; then node_modules/.bin/keyguard "$@"',
    '  elif command -v npx >/dev/null 2>&1 && npx --no-install keyguard --version </dev/null >/dev/null 2>&1; then npx --no-install keyguard "$@"',
    '  else',
    `    echo "keyguard: not installed, so this ${action} is stopped; install it (npm install -g keyguard@${version}) and try again" >&2`,
    '    return 2',
    '  fi',
    '}',
  ];
  const run =
    hook === 'pre-commit'
      ? ['__keyguard check || exit $?']
      : [
          // The refs arrive on stdin once: keep a copy so the rest of this hook still reads them.
          '__keyguard_refs=$(mktemp "${TMPDIR:-/tmp}/keyguard-refs.XXXXXX") || exit 2',
          'cat >"$__keyguard_refs"',
          'exec 9<"$__keyguard_refs"',
          '__keyguard pre-push "$@" <"$__keyguard_refs" || { __keyguard_rc=$?; rm -f "$__keyguard_refs"; exit $__keyguard_rc; }',
          'rm -f "$__keyguard_refs"',
          'exec 0<&9 9<&-',
        ];
  return [...find, ...run, BLOCK_END].map((l) => l + eol).join('');
}
