/**
 * Where the built viewer lives: viewer/dist at the package root. This file sits at src/serve (tsx, tests) or
 * dist/serve (the installed CLI); both are two levels below the root.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NewsgraphError } from '../errors.js';

export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

export function viewerDistDir(): string {
  return join(packageRoot(), 'viewer', 'dist');
}

/** The built viewer folder, or a one-line error saying how to build it. */
export function requireViewerDist(): string {
  const dir = viewerDistDir();
  if (!existsSync(join(dir, 'index.html'))) throw new NewsgraphError(`${dir}: the viewer is not built (run \`npm run build\`)`);
  return dir;
}
