import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scenarios/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 60000,
    pool: "threads",
    // CI also writes a JSON report so .ci/run can end on one "N passed, N failed" line
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: process.env.CI ? { json: "test-results/vitest.json" } : undefined,
  },
});
