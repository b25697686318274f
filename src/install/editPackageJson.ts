import type { FileChange } from './applyChanges.js';
import { isObject, serializeJson, type JsonFile } from './jsonFile.js';

/** The husky keyguard is tested with; what `husky init` would add. */
export const HUSKY_RANGE = '^9.1.7';

/** lint-staged 17 needs Node ≥ 22.22.1; on older Node the 16 line is the one that runs. */
export function lintStagedRange(nodeVersion = process.versions.node): string {
  const [maj, min, pat] = nodeVersion.split('.').map(Number);
  const v17 = maj > 22 || (maj === 22 && (min > 22 || (min === 22 && pat >= 1)));
  return v17 ? '^17.0.0' : '^16.3.0';
}

const DEPENDENCY_FIELDS = ['devDependencies', 'dependencies', 'optionalDependencies'] as const;

/** The package.json field that lists `name`, or null when none does. */
export function dependencyField(data: Record<string, unknown>, name: string): (typeof DEPENDENCY_FIELDS)[number] | null {
  return DEPENDENCY_FIELDS.find((k) => isObject(data[k]) && name in (data[k] as object)) ?? null;
}

function hasDependency(data: Record<string, unknown>, name: string): boolean {
  return dependencyField(data, name) !== null;
}

/** Adds a devDependency, keeping the list sorted when it was sorted (as npm writes it). */
function addDevDependency(data: Record<string, unknown>, name: string, range: string): void {
  const deps = isObject(data.devDependencies) ? { ...data.devDependencies } : {};
  const keys = Object.keys(deps);
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1].localeCompare(k, 'en') <= 0);
  deps[name] = range;
  data.devDependencies = sorted ? Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b, 'en'))) : deps;
}

/**
 * What every clone needs for the hook to run after its install, set up as `husky init` does but
 * without overwriting anything: husky and keyguard as devDependencies (a keyguard entry already
 * there is kept as it is, whatever it points at) and husky chained into an existing `prepare`.
 */
export function editPackageJson(
  original: Record<string, unknown>,
  opts: { lintStaged: boolean; prepare: string; lifecycle?: 'prepare' | 'postinstall'; keyguard: string | null },
): { data: Record<string, unknown>; added: string[] } {
  const data: Record<string, unknown> = structuredClone(original);
  const added: string[] = [];
  // keyguard's spec is where this keyguard came from (findKeyguard.ts), never a guessed registry range.
  const wants: [string, string][] = [['husky', HUSKY_RANGE]];
  if (opts.keyguard !== null) wants.push(['keyguard', opts.keyguard]);
  if (opts.lintStaged) wants.push(['lint-staged', lintStagedRange()]);
  for (const [name, range] of wants) {
    if (hasDependency(data, name)) continue;
    addDevDependency(data, name, range);
    added.push(`devDependency ${name}@${range}`);
  }
  const scripts = isObject(data.scripts) ? { ...data.scripts } : {};
  const lifecycle = opts.lifecycle ?? 'prepare';
  const prepare = typeof scripts[lifecycle] === 'string' ? (scripts[lifecycle] as string) : '';
  if (!/(^|[\s;&|(])husky(\s|$|[;&|)])/.test(prepare)) {
    scripts[lifecycle] = prepare.trim() ? `${prepare} && ${opts.prepare}` : opts.prepare;
    data.scripts = scripts;
    // The user's own script is not echoed: it can hold a token (`npm config set …:_authToken=…`).
    added.push(prepare.trim() ? `\`${opts.prepare}\` after the existing "${lifecycle}" script` : `"${lifecycle}": "${opts.prepare}"`);
  }
  return { data, added };
}

/** The package.json change for new data, or null when nothing differs (its bytes stay as they are). */
export function packageJsonChange(pkg: JsonFile, data: Record<string, unknown>, summary: string): FileChange | null {
  if (JSON.stringify(data) === JSON.stringify(pkg.data)) return null;
  return { path: pkg.path, before: pkg.bytes, after: serializeJson(pkg, data), summary };
}
