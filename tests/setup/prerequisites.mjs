// Makes sure the system tools the tests drive are present: Debian's chromium (browser tests), xmllint (GEXF schema
// validation) and networkx (a second reader of GEXF and GraphML). Installs them when missing and running as root;
// otherwise says exactly what to run. The tests themselves fail, naming the same command, when one is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python3-networkx installs for /usr/bin/python3, which need not be the `python3` first on PATH. */
const hasNetworkx = () => [process.env.NEWSGRAPH_PYTHON, 'python3', '/usr/bin/python3']
  .some((python) => python && spawnSync(python, ['-c', 'import networkx']).status === 0);

const needed = [];
if (!existsSync('/usr/bin/chromium')) needed.push('chromium');
if (!existsSync('/usr/bin/xmllint')) needed.push('libxml2-utils');
if (!hasNetworkx()) needed.push('python3-networkx');
if (!existsSync('/usr/bin/script')) needed.push('bsdutils');
if (needed.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`newsgraph tests need: ${needed.join(' ')}. Install them with: sudo apt-get update && sudo apt-get install -y ${needed.join(' ')}`);
    process.exit(1);
  }
  console.log(`installing ${needed.join(' ')} for the tests...`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', ...needed], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
