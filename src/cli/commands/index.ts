import type { Command } from 'commander';
import { register as build } from './build.js';
import { register as extract } from './extract.js';
import { register as serve } from './serve.js';
import { register as view } from './view.js';
import { register as neighbours } from './neighbours.js';
import { register as path } from './path.js';
import { register as search } from './search.js';
import { register as stats } from './stats.js';
import { register as exportGraph } from './export.js';

/** Every command module's `register`, in the order `--help` lists them. */
export const COMMANDS: Array<(program: Command) => void> = [build, extract, serve, view, neighbours, path, search, stats, exportGraph];
