#!/usr/bin/env node
/**
 * The newsgraph command line. Each command lives in its own module under commands/ and registers itself here;
 * this file holds no logic a library user would miss.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { EXIT } from './run.js';
import { COMMANDS } from './commands/index.js';

export function createProgram(): Command {
  const program = new Command('newsgraph')
    .description('Build a knowledge graph of who did what from news articles, explore it, export it and query it.')
    .version(VERSION)
    .configureOutput({
      // One line for usage errors: commander's message and its suggestion ("Did you mean …?") joined, prefixed like
      // every other error.
      outputError: (str, write) => write(`newsgraph: ${str.replace(/^error: /, '').split('\n').map((l) => l.trim()).filter(Boolean).join(' ')}\n`),
    })
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  // `newsgraph export … | head`: output nobody reads any more is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are not errors.
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      process.exit(benign.includes(error.code) ? EXIT.ok : EXIT.usage);
    }
    throw error;
  }
}

await main(process.argv);
