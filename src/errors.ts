/** Exit codes are part of keyguard's interface: hooks and CI scripts branch on them. */
export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;

/**
 * An error the user can act on. The CLI prints its message as one line and exits 2;
 * anything else that escapes is a bug, still reported as one line (stack only with KEYGUARD_DEBUG).
 */
export class KeyguardError extends Error {
  /** A mark `instanceof` cannot give: every bundled command file carries its own copy of this class. */
  readonly keyguard = true;
  constructor(message: string, readonly exitCode: number = EXIT_ERROR) {
    super(message);
    this.name = 'KeyguardError';
  }
}

/** True for a KeyguardError from any bundle (the dispatcher's copy of the class or a command's). */
export function isKeyguardError(e: unknown): e is KeyguardError {
  return e instanceof Error && (e as Partial<KeyguardError>).keyguard === true && typeof (e as Partial<KeyguardError>).exitCode === 'number';
}
