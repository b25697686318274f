/**
 * Which language a file is written in, for `keyguard fix`: how a key in it can be read from the
 * environment instead. Decided by the path alone, so `check` can tell cheaply whether every
 * finding of a blocked commit has a rewrite (it offers `keyguard fix` only then).
 */
export type Language =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'ruby'
  | 'php'
  | 'java'
  | 'kotlin'
  | 'shell'
  | 'dockerfile'
  | 'compose'
  | 'actions'
  | 'npmrc';

const BY_EXTENSION: Record<string, Language> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescript',
  py: 'python',
  go: 'go',
  rb: 'ruby', rake: 'ruby',
  php: 'php',
  java: 'java',
  kt: 'kotlin', kts: 'kotlin',
  sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell',
};

/** docker compose reads `${NAME}` from the shell and from the .env beside the compose file. */
const COMPOSE = /^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const DOCKERFILE = /^(?:Dockerfile|Containerfile)(?:\.[\w-]+)?$|\.(?:dockerfile|containerfile)$/i;

export function languageOf(path: string): Language | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (WORKFLOW.test(path)) return 'actions';
  if (COMPOSE.test(base)) return 'compose';
  if (DOCKERFILE.test(base)) return 'dockerfile';
  // npm substitutes ${NAME} in .npmrc values.
  if (base === '.npmrc') return 'npmrc';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? null;
}

/** Shell scripts without an extension are recognised by their first line. */
export function languageFromShebang(firstLine: string): Language | null {
  return /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(?:ba|z|k|da)?sh\b/.test(firstLine) ? 'shell' : null;
}

/** What to do where keyguard has no safe rewrite, by kind of file. */
export function noRewriteAdvice(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('.json')) return 'JSON cannot read the environment: load the value from an environment variable in the code that reads this file, or keep the file out of git';
  if (/\.ya?ml$/.test(base)) return 'this YAML file is not read by a tool that substitutes variables: have the program that reads it take the value from the environment';
  if (/\.(?:md|txt|rst|adoc|html?)$/.test(base)) return 'documentation: replace the key with a placeholder such as YOUR_API_KEY';
  return 'keyguard cannot rewrite this kind of file: move the value to .env by hand and read it from the environment';
}
