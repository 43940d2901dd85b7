/**
 * Rebuilds the name tagger's weights (src/nlp/ner/data/) from CoNLL-2003 train, choosing epochs and the confidence
 * temperature on valid. Deterministic: the same data gives the same bytes. Run with `npm run train:ner`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../src/graph/atomic-write.js';
import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';
import { augmentHyphens } from '../src/nlp/ner/augment.js';
import { readConll } from '../src/nlp/ner/conll.js';
import { formatReport } from '../src/nlp/ner/evaluate.js';
import { decodeModel, encodeModel } from '../src/nlp/ner/model-file.js';
import { MODEL_FILE } from '../src/nlp/ner/tagger.js';
import { TRAIN_DEFAULTS, trainTagger } from '../src/nlp/ner/train.js';
import { PROJECT_ROOT, conllFilesOrExit } from './conll-data.js';

/** `--quick`: one shuffle, no refit, for trying changes (valid F1 only); `--out FILE`: write elsewhere. */
function readArgs(): { quick: boolean; out?: string } {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  return { quick: values.quick, ...(values.out ? { out: values.out } : {}) };
}

function main(): void {
  const args = readArgs();
  const settings = args.quick ? { ...TRAIN_DEFAULTS, bag: 1, refit: false } : TRAIN_DEFAULTS;
  const { train: trainPath, valid: validPath } = conllFilesOrExit('train-ner', 'train', 'valid');
  const started = Date.now();
  const log = (m: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  let bytes: Buffer | undefined;
  const wink = winkNLP(winkModel);
  const split = (token: string): string[] => wink.readDoc(token).tokens().out();
  const result = trainTagger(readConll(trainPath), readConll(validPath), {
    settings,
    log,
    augment: (docs) => augmentHyphens(docs, split),
    encodeRoundTrip: (model) => {
      bytes = encodeModel(model);
      return decodeModel(bytes);
    },
  });
  const out = args.out ?? join(PROJECT_ROOT, 'src', 'nlp', 'ner', 'data', MODEL_FILE);
  writeFileAtomic(out, bytes!);
  console.log(`\nepochs: pass 1 ${result.firstEpochs}, pass 2 ${result.secondEpochs}; confidence temperature ${result.temperature.toFixed(3)}`);
  console.log('\nvalid.txt, model fitted on train.txt (int8 weights, as shipped):\n' + formatReport(result.valid));
  const sha = createHash('sha256').update(bytes!).digest('hex').slice(0, 16);
  const refit = settings.refit ? ', refitted on train + valid' : '';
  console.log(`\nwrote ${out} (${(bytes!.length / 1024).toFixed(0)} KiB, sha256 ${sha}${refit}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`valid F1 ${result.valid.micro.f1.toFixed(4)}`);
}

main();
