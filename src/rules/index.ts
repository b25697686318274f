import type { ContentRule, PathRule } from './types.js';
import { providerRules } from './providers.js';
import { genericRules } from './generic.js';
import { secretFileRules } from './secretFiles.js';

/** Every built-in content rule, provider rules first: they name a key better than generic ones. */
export const builtinContentRules: ContentRule[] = [...providerRules, ...genericRules];
export const builtinPathRules: PathRule[] = secretFileRules;
