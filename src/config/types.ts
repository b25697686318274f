import type { ContentRule, PathRule } from '../rules/types.js';

/** Everything a scan needs to know about the user's choices, resolved from files once. */
export interface Config {
  contentRules: ContentRule[];
  pathRules: PathRule[];
  /** Rule ids (content or path) the user turned off. */
  disable: string[];
  /** Entropy floor for generic rules, when the user set one. */
  entropy?: number;
  isAllowedValue: (secret: string) => boolean;
  isIgnoredPath: (path: string) => boolean;
}
