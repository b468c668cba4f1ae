import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(__dirname) };

// Two projects: unit tests are pure and fast; integration tests (*.int.test.ts)
// share one throwaway embedded PostgreSQL started by test/global-setup.ts.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**", "test/fault/**"],
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/setup-env.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One database for all files: run files one after another so counts stay exact.
          fileParallelism: false,
        },
      },
      {
        // Real `next start` processes of the production build, killed and restarted.
        resolve: { alias },
        test: {
          name: "fault",
          include: ["test/fault/**/*.fault.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
