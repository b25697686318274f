/**
 * A rule is data: the engine knows nothing about providers. Adding a provider means adding an entry.
 */
export interface ContentRule {
  /** Stable id, kebab-case, used in config (`disable`), baselines and SARIF ruleId. */
  id: string;
  /** What a person calls it: "OpenAI API key". */
  description: string;
  /**
   * The shape. No `g`/`y` flags (the engine adds them). The secret is the named group `secret`
   * when the pattern has one, otherwise the whole match. Must be linear-time on any input:
   * bounded quantifiers, no nested repetition (test/regexSafety.test.ts runs every rule adversarially).
   */
  pattern: RegExp;
  /**
   * Lower-case literals, at least one of which appears in any match (case-insensitively).
   * The pre-filter skips the pattern for text holding none of them. Empty = always run (avoid).
   */
  keywords: string[];
  /**
   * A match starts at most this many characters before one of its keywords (`api_key = …` starts 4
   * before `key`). Only text that close before a keyword is tried as a match's start: declare it for
   * a rule whose keywords are common (`key`, `://`). test/ruleMatcher.test.ts proves it per rule.
   */
  keywordLead?: number;
  /**
   * A match's keyword stands at the edge of a word: `start`, no ASCII letter or digit right before it
   * (one after a backslash, `\n`, does not count); `end`, none right after it. Keywords inside longer
   * words (`ion_` in `function_`, `key` in `keys`) are then no hits, and a rule whose keyword only ever
   * occurs inside words is never run. Declare it where the expression says so at the keyword itself
   * (a left edge before it, `(?![A-Za-z0-9])` after it); test/ruleMatcher.test.ts checks each rule.
   */
  keywordEdge?: 'start' | 'end';
  /**
   * For a rule whose match starts at a keyword (lead 0): an expression, tried sticky at each keyword
   * occurrence, that holds wherever a match starts there. Occurrences where it fails are dropped
   * before the rule's own expression is built. Shared by many rules (the named providers), it is
   * compiled once where each rule's expression would have been (test/ruleMatcher.test.ts).
   */
  keywordCheck?: RegExp;
  /** Shannon entropy floor (bits per character) of the secret, for shapes that alone are weak. */
  minEntropy?: number;
  /** Named validator from detect/validators.ts (checksums and structural checks). */
  validate?: string;
  /**
   * Named validator whose success confirms the key beyond doubt (a checksum): a confirmed match
   * skips the entropy and placeholder filters. Failing it drops nothing.
   */
  confirm?: string;
  /** One line telling the user what to do: where the value belongs, where to rotate it. */
  fix: string;
  /**
   * Generic rules (secret-named assignments) yield to a provider rule matching the same secret,
   * and get the stricter placeholder/identifier filtering.
   */
  generic?: boolean;
  /**
   * Text right before the match that says it is no credential (`publishable_key`, `csrf_token`),
   * tested on the 40 characters before the match: where it holds, the match is dropped and the search
   * goes on where its secret begins (no match starts inside the name it turned away: `secret` in
   * `fake_client_secret`; one may in its value). Kept out of `pattern`: an optional leading
   * group there is tried at every position of every file, and made the generic rule twice as slow;
   * a long list of words in a look-behind is compiled with every rule's expression (labelled-key's
   * took 3 ms of its 3.1).
   */
  notAfter?: RegExp;
  /**
   * The match spans lines (armoured keys, manifests). In a modified file such a secret can change
   * without its first and last lines changing, so the file's whole new text is judged with these
   * rules, and a match is reported when it covers an added line.
   */
  multiline?: boolean;
  /**
   * Runs the rule instead of `pattern` on JavaScript's engine: set for custom rules from settings
   * files, whose expressions keyguard runs on its linear engine (src/config/linearRegex.ts).
   * Code that runs rules must use it when set, never `pattern`.
   */
  match?: (text: string, hits: number[] | null, onMatch: (secret: string, start: number, end: number, groups: Record<string, string> | undefined, matchStart: number) => void) => void;
}

/** A file that holds secrets by its name alone: `.env`, `id_rsa`, `*.key`. */
export interface PathRule {
  id: string;
  description: string;
  /** picomatch globs, matched against the repo-relative path with dotfiles on, ignoring case. */
  globs: string[];
  /** Globs that are allowed although `globs` match: templates such as `.env.example`. */
  except?: string[];
  /**
   * Block only when the content also looks like this (`*.pem` holds certificates as often as keys).
   * The content test is applied to the staged blob.
   */
  contentPattern?: RegExp;
  fix: string;
}
