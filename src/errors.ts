/** Exit codes are part of keyguard's interface: hooks and CI scripts branch on them. */
export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;

/**
 * An error the user can act on. The CLI prints its message as one line and exits 2;
 * anything else that escapes is a bug, still reported as one line (stack only with KEYGUARD_DEBUG).
 */
export class KeyguardError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_ERROR) {
    super(message);
    this.name = 'KeyguardError';
  }
}
