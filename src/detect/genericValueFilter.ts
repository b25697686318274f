/**
 * For generic rules (a secret-named variable assigned some value), the value must look like
 * key material rather than code: references to where the secret really lives are the fix, not a leak.
 */
const CODE_REFERENCE = [
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env|ENV|System\.getenv|config|settings|self|this|props|ctx|req|options|opts|args|secrets)[.[(]/,
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/, // dotted identifier: config.apiKey
  /^[A-Za-z_$][\w$]*\(/, // a call: getToken(
  /^\$[A-Za-z_{(]/, // shell/template variable: $TOKEN, ${TOKEN}, $(cmd)
  /^%[A-Za-z_]+%$/, // %TOKEN%
  /^(?:true|false|null|none|nil|undefined|required|optional|string|number|boolean|bytes|str|int)$/i,
];

export function isNotSecretValue(value: string): boolean {
  for (const re of CODE_REFERENCE) if (re.test(value)) return true;
  // All letters and underscores: an identifier or a word (`password: secretPassword` is a name).
  if (/^[A-Za-z_-]+$/.test(value)) return true;
  return false;
}
