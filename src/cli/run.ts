/**
 * Turns a command's outcome into an exit code and at most one line on stderr, so scripts can rely on both.
 */
import { NewsgraphError, describeError } from '../errors.js';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, notFound: 1, usage: 2, bug: 70 } as const;

export function fail(error: unknown): never {
  if (error instanceof NewsgraphError) {
    process.stderr.write(`newsgraph: ${describeError(error)}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`newsgraph: internal error: ${describeError(error)}\n`);
  if (process.env.NEWSGRAPH_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  process.exit(EXIT.bug);
}

/** Wraps a command action: a returned number is the exit code; thrown errors go through `fail`. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void> | number | void) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      if (typeof code === 'number' && code !== 0) process.exitCode = code;
    } catch (error) {
      fail(error);
    }
  };
}

/** Writes to stdout and waits for it to drain, so piped output is complete before the process exits. */
export function out(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}
