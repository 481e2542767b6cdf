import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scenarios/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 60000,
    pool: "threads",
  },
});
