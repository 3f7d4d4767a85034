import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Each test file in a process of its own: with worker threads, 3 of 5 CI runs stalled (no CPU,
    // no progress) while proof-heavy files ran side by side in one process; the cause is not found.
    pool: "forks",
  },
});
