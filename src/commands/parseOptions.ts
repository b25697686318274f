import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KeyguardError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with its errors turned into one-line usage errors (exit 2). */
export function parseOptions<T extends Options>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, '');
    throw new KeyguardError(`${command}: ${msg} (run keyguard ${command} --help)`);
  }
}

export function formatOption(value: unknown, allowed: string[], command: string): string {
  const format = typeof value === 'string' ? value : allowed[0];
  if (!allowed.includes(format)) throw new KeyguardError(`${command}: --format must be one of ${allowed.join(', ')}`);
  return format;
}

/** The options every scanning command takes (check, scan, pre-push, pre-receive). */
export const REPORT_OPTIONS = {
  format: { type: 'string' },
  config: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;
