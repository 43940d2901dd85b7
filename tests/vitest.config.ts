import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  test: {
    root,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**', 'node_modules/**'], testTimeout: 60_000 },
      },
      {
        extends: true,
        // Browser tests share one machine's chromium; running them one file at a time keeps them stable on 2 cores.
        // They poll for the state they need rather than wait fixed times, with a generous ceiling for a busy machine.
        test: {
          name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false,
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
