/**
 * Errors a user can act on. The CLI prints `message` as one line and exits with `exitCode`; anything else is a bug
 * and is reported as such.
 */
export class NewsgraphError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'NewsgraphError';
    this.exitCode = exitCode;
  }
}

/** A problem with one input file: the message always starts with the file's path. */
export class InputError extends NewsgraphError {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`, 2);
    this.name = 'InputError';
    this.file = file;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error);
}
