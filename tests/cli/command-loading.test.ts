/**
 * Each command loads only the code it runs: scripts call the query commands over and over, and loading the extractor,
 * the layout and the exporters as well cost each call about 60 ms. Checked on the built CLI in child processes, by
 * the modules each run loaded (module loader hooks write every URL they load to a file).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../src/graph/io.js';
import { CLI } from '../helpers/cli.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-loading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const graph = join(dir, 'graph.json');
const hooks = join(dir, 'hooks.mjs');
const registerHooks = join(dir, 'register.mjs');
const list = join(dir, 'loaded.txt');

beforeAll(() => {
  writeGraph(smallNewsGraph(), graph);
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.NEWSGRAPH_LOADED, url + '\\n');
  return nextLoad(url, context);
}
`);
  writeFileSync(registerHooks, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

/** The modules a CLI run loaded (as paths below the project's dist/ or node_modules/), and its exit code. */
function modulesOf(...args: string[]): { code: number | null; modules: string[] } {
  writeFileSync(list, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(registerHooks).href, CLI, ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, NEWSGRAPH_LOADED: list },
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const modules = readFileSync(list, 'utf8').split('\n').map((url) => url.match(/\/(?:dist|node_modules)\/.*$/)?.[0]).filter((m): m is string => !!m);
  return { code: r.status, modules };
}

const loads = (modules: string[], part: string) => modules.some((m) => m.startsWith(part));
const BUILD_ONLY = ['/dist/extract/', '/dist/nlp/', '/dist/corpus/', '/dist/graph/layout.js', '/node_modules/cli-progress/', '/node_modules/graphology-layout-forceatlas2/'];
const EXPORT_ONLY = ['/dist/export/csv.js', '/dist/export/gexf.js', '/node_modules/csv-stringify/'];

describe('command loading', () => {
  it('a query loads neither the extractor, the layout, the progress bar nor the exporters', () => {
    for (const args of [['search', 'Ferreira', '--in', graph, '--json'], ['stats', '--in', graph], ['neighbours', 'Ana Ferreira', '--in', graph]]) {
      const { modules } = modulesOf(...args);
      expect(loads(modules, '/dist/query/'), args[0]).toBe(true);
      for (const part of [...BUILD_ONLY, ...EXPORT_ONLY]) expect(loads(modules, part), `${args[0]} loaded ${part}`).toBe(false);
    }
  });

  it('the commands that need them still load them', () => {
    const exported = modulesOf('export', '--format', 'csv', '--in', graph, '--out', join(dir, 'csv'));
    for (const part of EXPORT_ONLY) expect(loads(exported.modules, part), part).toBe(true);
    for (const part of BUILD_ONLY) expect(loads(exported.modules, part), part).toBe(false);

    writeFileSync(join(dir, 'a.txt'), 'The United Nations called on Iran to free the prisoners.\n');
    const built = modulesOf('build', join(dir, 'a.txt'), '--out', join(dir, 'built', 'graph.json'), '--quiet');
    for (const part of BUILD_ONLY) expect(loads(built.modules, part), part).toBe(true);
    for (const part of EXPORT_ONLY) expect(loads(built.modules, part), part).toBe(false);
  });
});
