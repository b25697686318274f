/**
 * The shell that installs keyguard in a CI job (GitHub Actions, GitLab CI), POSIX sh.
 *
 * Trust: the job runs on code a pull or merge request wrote, so nothing it runs comes from the
 * checkout. keyguard goes into a folder outside it ($dir), at the version the *base* commit's
 * package-lock.json pins ($BASE, else HEAD when there is no base: integrity-checked by `npm ci`),
 * else at the exact $KEYGUARD_VERSION, and is run by that path: never the checkout's
 * node_modules/.bin, which a pull request can commit. Ends with $KEYGUARD set, or exits 2.
 */
export const INSTALL_KEYGUARD = `mkdir -p "$dir"
# The lockfile of the base, not of the change: a pull request cannot repin its own scanner.
if git show "\${BASE:-HEAD}:package-lock.json" > "$dir/repository-lock.json" 2>/dev/null &&
  node -e '
    const fs = require("fs");
    const [from, dir] = process.argv.slice(1);
    const lock = JSON.parse(fs.readFileSync(from, "utf8"));
    const pkgs = lock.packages || {};
    const entry = pkgs["node_modules/keyguard"];
    const root = pkgs[""] || {};
    const spec = (root.devDependencies || {}).keyguard || (root.dependencies || {}).keyguard;
    const pinned = entry && entry.resolved && (entry.integrity || /^git\\+.*#[0-9a-f]{40}$/.test(entry.resolved));
    if (!spec || !pinned || spec.startsWith("file:") || entry.resolved.startsWith("file:")) process.exit(3);
    const deps = { keyguard: spec };
    fs.writeFileSync(dir + "/package.json", JSON.stringify({ private: true, devDependencies: deps }));
    const packages = { "": { devDependencies: deps }, "node_modules/keyguard": entry };
    fs.writeFileSync(dir + "/package-lock.json", JSON.stringify({ lockfileVersion: 3, requires: true, packages }));
  ' "$dir/repository-lock.json" "$dir"; then
  echo "keyguard as the lockfile pins it"
  (cd "$dir" && npm ci --no-audit --no-fund) || failed=yes
else
  echo "keyguard@$KEYGUARD_VERSION (the lockfile does not pin keyguard)"
  npm install --prefix "$dir" --no-save --no-audit --no-fund "keyguard@$KEYGUARD_VERSION" || failed=yes
fi
KEYGUARD="$dir/node_modules/.bin/keyguard"
if [ -n "\${failed:-}" ] || ! "$KEYGUARD" --version; then
  echo "keyguard could not be installed: the scan did not run" >&2
  exit 2
fi`;

/** `text` with every non-empty line indented by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
