import type { ContentRule } from './types.js';
import { kubernetesSecretEntries } from './kubernetesSecretEntries.js';

const FIX = 'keep Secret manifests out of git: use sealed-secrets, SOPS or an external secret store, then rotate the values';

/**
 * A Kubernetes Secret manifest carries its values base64-encoded under `data:` (plain under
 * `stringData:`): readable by anyone with the repository. Every entry is reported, whatever its
 * key is called, by a line reader rather than an expression (see kubernetesSecretEntries.ts).
 */
export const manifestRules: ContentRule[] = [
  {
    id: 'kubernetes-secret',
    description: 'Kubernetes Secret with data',
    // What the reader looks for, for documentation and SARIF; the reader itself does the matching.
    pattern: /kind:[ \t]*["']?Secret["']?/,
    match: kubernetesSecretEntries,
    keywords: ['secret'],
    minEntropy: 3,
    multiline: true,
    fix: FIX,
  },
];
