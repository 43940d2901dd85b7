/** The `llm` section of newsgraph.config.json: defaults, checks, and what a change of it rebuilds. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/config/settings.js';
import { buildCorpus } from '../../src/corpus/build-corpus.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

describe('llm settings', () => {
  it('default to Ollama on this machine, and take the user\'s values over them', () => {
    expect(DEFAULT_SETTINGS.llm).toMatchObject({ url: 'http://127.0.0.1:11434/v1', concurrency: 2, maxTokens: 8192 });
    const s = resolveSettings({ llm: { url: 'https://api.example.org/v1', model: 'm', concurrency: 4 } }, 'cfg.json');
    expect(s.llm).toEqual({ ...DEFAULT_SETTINGS.llm, url: 'https://api.example.org/v1', model: 'm', concurrency: 4 });
  });

  it('a wrong value is one error naming the file and the key', () => {
    const error = (llm: unknown) => { try { resolveSettings({ llm }, 'cfg.json'); return ''; } catch (e) { return (e as Error).message; } };
    expect(error({ temperature: 0 })).toBe('cfg.json: llm.temperature: unknown setting (known: url, model, concurrency, maxTokens, timeoutSeconds, retries)');
    expect(error({ concurrency: '2' })).toBe('cfg.json: llm.concurrency: expected a number');
    expect(error({ concurrency: 0 })).toBe('cfg.json: llm.concurrency: expected a whole number of 1 or more');
    expect(error({ url: 'http://user:pw@127.0.0.1:8080/v1' })).toBe('cfg.json: llm.url: must not hold a user name or password (the API key comes from NEWSGRAPH_LLM_API_KEY)');
    expect(error({ maxTokens: 512 })).toBe('cfg.json: llm.maxTokens: expected a whole number of 1024 or more');
    expect(error({ apiKey: 'sk-1' })).toBe('cfg.json: llm.apiKey: the API key is read from NEWSGRAPH_LLM_API_KEY only, never from a file');
  });

  it('changing them does not rebuild an offline graph', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'Ana Lima called for an inquiry into the flooding in Tellen.');
    const out = join(dir, 'out', 'graph.json');
    await buildCorpus({ paths: [dir], out });
    const again = await buildCorpus({ paths: [dir], out, settings: { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, model: 'other', timeoutSeconds: 5 } } });
    expect(again.summary.mode).toBe('unchanged');
  });
});
