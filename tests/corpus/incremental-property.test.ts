/**
 * Incremental rebuilds under random changes: fast-check draws a generated corpus, a sequence of edits (add, remove,
 * rewrite, rename, duplicate an article) and whether sameAs / notSameAs pairs are set, and after every edit the
 * update must write exactly what a full build from the same state writes. A failing sequence is shrunk to a short one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyFileSync, cpSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from '../../src/corpus/build-corpus.js';
import { generateArticleText, generateCorpus, personNames } from '../../bench/lib/corpus-generator.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/settings.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();
const OUTPUTS = ['graph.json', 'merges.json', 'co-mentions.json', '.cache/state/graph.index.jsonl'];

type Edit =
  | { op: 'add'; name: string; text: number }
  | { op: 'remove'; pick: number }
  | { op: 'rewrite'; pick: number; text: number }
  | { op: 'rename'; pick: number; name: string }
  | { op: 'duplicate'; pick: number; name: string }
  | { op: 'feed'; name: string; texts: [number, number] };

/** Names that sort before, among and after the generated `article-NNNNNN.txt`. */
const name = fc.constantFrom('0-first', 'article-000003x', 'article-000011b', 'b-middle', 'zz-last').chain((stem) => fc.nat(99).map((n) => `${stem}-${n}.txt`));
const text = fc.integer({ min: 1000, max: 1999 });
const pick = fc.nat();
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), name, text }),
  fc.record({ op: fc.constant('remove' as const), pick }),
  fc.record({ op: fc.constant('rewrite' as const), pick, text }),
  fc.record({ op: fc.constant('rename' as const), pick, name }),
  fc.record({ op: fc.constant('duplicate' as const), pick, name }),
  // A JSONL file of two articles, or one rewritten: its articles are known by `file.jsonl:line`, and one id is taken.
  fc.record({ op: fc.constant('feed' as const), name: fc.constantFrom('feed', 'zz-feed'), texts: fc.tuple(text, text) }),
);

function apply(input: string, e: Edit, seed: number): void {
  const files = readdirSync(input).filter((f) => f.endsWith('.txt')).sort();
  const chosen = 'pick' in e ? join(input, files[e.pick % files.length]!) : '';
  if (e.op === 'add') writeFileSync(join(input, e.name), generateArticleText(e.text, seed));
  else if (e.op === 'remove' && files.length > 20) rmSync(chosen);
  else if (e.op === 'rewrite') writeFileSync(chosen, generateArticleText(e.text, seed));
  else if (e.op === 'rename') renameSync(chosen, join(input, e.name));
  else if (e.op === 'duplicate') copyFileSync(chosen, join(input, e.name));
  else if (e.op === 'feed') {
    const lines = e.texts.map((t, i) => JSON.stringify({ id: i ? 'article-000001' : `${e.name}-${t}`, text: generateArticleText(t, seed).split('\n\n').slice(1).join('\n\n') }));
    writeFileSync(join(input, `${e.name}.jsonl`), `${lines.join('\n')}\n`);
  }
}

/**
 * An update reads a node's last degree from its size where it can: on the default scale; on one where most nodes are
 * at full size, so losing an edge leaves the degree unknown; and on one too crowded for sizes to tell degrees.
 */
const SIZE_SCALES = [{}, { fullSizeDegree: 3 }, { fullSizeDegree: 10_000, maxNodeSize: 5 }];

describe('incremental rebuilds under random edits', () => {
  it('write after every edit what a full build writes', async () => {
    let updates = 0;
    let unread = 0;
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom(...SIZE_SCALES),
      async (seed, edits, withRules, sizes) => {
      // The user's sameAs and notSameAs pairs take part in every identity decision, so in every update too.
      const people = personNames(seed);
      const settings: Settings = {
        ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, ...sizes },
        ...(withRules ? { resolve: { sameAs: [[people[0]!, people[1]!]], notSameAs: [[people[2]!, people[2]!.split(' ').at(-1)!]] } } : {}),
      };
      const root = tmp();
      const input = join(root, 'in');
      const out = join(root, 'out');
      generateCorpus({ dir: input, articles: 25, seed });
      await buildCorpus({ paths: [input], out: join(out, 'graph.json'), jobs: 1, settings });
      for (const e of edits) {
        apply(input, e, seed);
        const twin = join(root, 'twin');
        rmSync(twin, { recursive: true, force: true });
        cpSync(out, twin, { recursive: true, preserveTimestamps: true });
        // No racy window: files this test did not touch are taken from the input table, unread, as they would be later.
        const updated = await buildCorpus({ paths: [input], out: join(out, 'graph.json'), jobs: 1, settings, inputTable: { racyMs: 0 } });
        await buildCorpus({ paths: [input], out: join(twin, 'graph.json'), jobs: 1, incremental: false, settings });
        if (updated.summary.mode === 'incremental') updates++;
        unread += updated.summary.files.unchanged;
        for (const file of OUTPUTS) {
          expect(readFileSync(join(out, file), 'utf8'), `${file} after ${JSON.stringify(e)} (seed ${seed})`).toBe(readFileSync(join(twin, file), 'utf8'));
        }
      }
    }), { numRuns: 6, seed: 20261129 });
    // Most single edits of a 25-article corpus are small enough to update: the comparison must have met updates.
    expect(updates).toBeGreaterThan(5);
    expect(unread).toBeGreaterThan(100);
  }, 300_000);
});
