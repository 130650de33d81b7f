import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['test/app/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The renderer's pure functions (formatting, form values, drafts, the conflict view's rule): no DOM needed.
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          // One browser at a time: this machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Signing in hashes a password (scrypt): on two cores that alone can take longer than the default second.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
