import type { ContentRule } from './types.js';

/**
 * A Kubernetes Secret manifest carries its values base64-encoded under `data:`: readable by anyone
 * with the repository. The manifest may put `kind: Secret` before or after `data:`; other kinds
 * (ExternalSecret, SealedSecret, SopsSecret) hold references or ciphertext and are not matched.
 */
const KIND = `kind:[ \\t]{0,4}["']?[Ss]ecret["']?[ \\t]*(?:\\r?\\n|$)`;
const LINES = `(?:[^\\n]{0,200}\\n){0,40}?`;
// The first data entry: `key: value`, also `key: |` / `key: >` with the value on the next line.
const entry = (group: string) => `data:[ \\t]*\\r?\\n(?:[ \\t]{1,8}#[^\\n]{0,200}\\n){0,5}[ \\t]{1,8}["']?[\\w.-]{1,100}["']?:[ \\t]{0,4}(?:[|>][-+]?[ \\t]*\\r?\\n[ \\t]{1,12})?["']?(?<${group}>[A-Za-z0-9+/]{12,8000}={0,2})["']?`;

const FIX = 'keep Secret manifests out of git: use sealed-secrets, SOPS or an external secret store, then rotate the values';

export const manifestRules: ContentRule[] = [
  {
    id: 'kubernetes-secret',
    description: 'Kubernetes Secret with data',
    pattern: new RegExp(`${KIND}${LINES}${entry('secret')}`),
    keywords: ['secret'],
    minEntropy: 3,
    multiline: true,
    fix: FIX,
  },
  {
    id: 'kubernetes-secret-data-first',
    description: 'Kubernetes Secret with data',
    // The same manifest written with `data:` before `kind: Secret`.
    pattern: new RegExp(`${entry('secret')}${LINES}${KIND}`),
    keywords: ['secret'],
    minEntropy: 3,
    multiline: true,
    fix: FIX,
  },
];
