import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    // Compact source ranges compare by value with plain ones (test/ranges-setup.ts).
    setupFiles: ['test/ranges-setup.ts'],
  },
});
