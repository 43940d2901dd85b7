/**
 * The outside tools and built files the tests drive. A missing one fails the test that needs it with the command that
 * installs or builds it: a check that cannot run is a failure, never a pass. tests/setup/prerequisites.mjs installs
 * the same packages before `npm test` when it runs as root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function missing(what: string, fix: string): Error {
  return new Error(`${what}: ${fix}`);
}

const install = (pkg: string) => `install it with \`sudo apt-get update && sudo apt-get install -y ${pkg}\` (npm test does this itself when run as root)`;

const runs = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;

let xmllintChecked = false;
/** xmllint, from Debian's libxml2-utils. */
export function requireXmllint(): 'xmllint' {
  if (!xmllintChecked && !runs('xmllint', ['--version'])) throw missing('xmllint is not installed', install('libxml2-utils'));
  xmllintChecked = true;
  return 'xmllint';
}

let python: string | undefined;
/**
 * A Python that imports networkx. Debian's python3-networkx installs it for /usr/bin/python3, which need not be the
 * `python3` first on PATH (a pyenv build, say); NEWSGRAPH_PYTHON names another.
 */
export function networkxPython(): string {
  if (python) return python;
  const candidates = [process.env.NEWSGRAPH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  python = candidates.find((c) => runs(c, ['-c', 'import networkx']));
  if (!python) throw missing(`no Python with networkx (tried ${candidates.join(', ')})`, install('python3-networkx'));
  return python;
}

export const CHROMIUM = '/usr/bin/chromium';
/** Debian's chromium, which playwright-core drives (it downloads no browser). */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) throw missing(`${CHROMIUM} is missing`, install('chromium'));
  return CHROMIUM;
}

/** script(1), which runs a command on a pseudo-terminal (Debian's bsdutils). */
export function requireScript(): string {
  if (!existsSync('/usr/bin/script')) throw missing('/usr/bin/script is missing', install('bsdutils'));
  return '/usr/bin/script';
}

/**
 * Where the shared data lives: $NEWSGRAPH_SHARED, else the folder beside the project (../shared), else the one beside
 * the checkout this project was cloned from on this machine (/work/shared), so a clone made elsewhere still finds it.
 */
function sharedRoots(): string[] {
  return [process.env.NEWSGRAPH_SHARED, join(ROOT, '..', 'shared'), '/work/shared'].filter((p): p is string => !!p);
}

/** A file of the shared data (see sharedRoots), which the tests read in place. */
export function sharedFile(relativePath: string): string {
  for (const root of sharedRoots()) {
    const path = join(root, relativePath);
    if (existsSync(path)) return path;
  }
  throw missing(`${join(ROOT, '..', 'shared', relativePath)} is missing`, 'the tests read the shared data folder beside the project (../shared), or the folder $NEWSGRAPH_SHARED names');
}

/** A file `npm run build` makes (npm test builds first). */
export function builtFile(relativePath: string): string {
  const path = join(ROOT, relativePath);
  if (!existsSync(path)) throw missing(`${path} is missing`, 'run `npm run build` first (npm test does)');
  return path;
}
