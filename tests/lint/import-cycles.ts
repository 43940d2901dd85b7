/**
 * Finds import cycles among a folder's TypeScript modules. Imports are read by the compiler's own pre-processor
 * (static imports, re-exports, `import type`, and `import('…')` with a literal) and resolved as tsc resolves them, so
 * a type-only import counts: a cycle of types one way and functions the other still ties the two modules together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: false };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(path);
    return /\.(c|m)?tsx?$/.test(entry.name) && !/\.d\.(c|m)?ts$/.test(entry.name) ? [path] : [];
  });
}

/** Each module under `root` (paths relative to it) with the modules under `root` it imports, sorted. */
export function importGraph(root: string): Map<string, string[]> {
  const dir = resolve(root);
  const files = sources(dir).sort();
  const inside = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const found = ts.resolveModuleName(fileName, file, OPTIONS, ts.sys).resolvedModule;
      if (found && !found.isExternalLibraryImport && inside.has(resolve(found.resolvedFileName))) targets.add(relative(dir, resolve(found.resolvedFileName)));
    }
    graph.set(relative(dir, file), [...targets].sort());
  }
  return graph;
}

export interface ImportCycle {
  /** Modules that reach each other through their imports, sorted. */
  modules: string[];
  /** One cycle among them, from the first module back to it. */
  example: string[];
}

/** The import cycles of `graph`: one per group of modules that reach each other (Tarjan's strongly connected components). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): ImportCycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)?.includes(v)) groups.push(group.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((modules) => ({ modules, example: cycleThrough(graph, modules) })).sort((a, b) => a.modules[0]!.localeCompare(b.modules[0]!));
}

/** A shortest path from the group's first module back to itself, through the group only (breadth first). */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, group: readonly string[]): string[] {
  const members = new Set(group);
  const start = group[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at: string | undefined = v; at !== undefined && at !== start; at = from.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...group, start];
}
