/**
 * Opening another graph: a file picker and a drop zone for graph.json and GEXF files. GEXF goes through
 * graphology-gexf's browser parser, then through the same normalisation as graph.json.
 */
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf/browser/index.js';
import { GraphLoadError, normaliseGraph, type NormaliseResult } from '../logic/normalise.js';

export function looksLikeXml(name: string, text: string): boolean {
  return /\.(gexf|xml)$/i.test(name) || text.trimStart().startsWith('<');
}

export function graphFromText(text: string, name: string): NormaliseResult {
  if (looksLikeXml(name, text)) {
    let parsed;
    try {
      parsed = parseGexf(MultiGraph, text, { addMissingNodes: true });
    } catch (error) {
      throw new GraphLoadError(name, `not a GEXF graph: ${(error as Error).message.split('\n')[0]}`);
    }
    return normaliseGraph(parsed.export(), name);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GraphLoadError(name, `not a graph: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return normaliseGraph(data, name);
}

export interface OpenFileOptions {
  input: HTMLInputElement;
  dropTarget: HTMLElement;
  dropHint: HTMLElement;
  open(file: File): void;
}

export function wireOpenFile({ input, dropTarget, dropHint, open }: OpenFileOptions): void {
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) open(file);
    input.value = '';
  });
  let depth = 0;
  const hasFiles = (event: DragEvent) => !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');
  dropTarget.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth++;
    dropHint.hidden = false;
  });
  dropTarget.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) dropHint.hidden = true;
  });
  dropTarget.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  dropTarget.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    dropHint.hidden = true;
    const file = event.dataTransfer?.files[0];
    if (file) open(file);
  });
}
