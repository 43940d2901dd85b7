// Makes sure the system tools the tests drive are present: Debian's chromium (browser tests) and xmllint (GEXF
// schema validation). Installs them when missing and running as root; otherwise says exactly what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [];
if (!existsSync('/usr/bin/chromium')) needed.push('chromium');
if (!existsSync('/usr/bin/xmllint')) needed.push('libxml2-utils');
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
