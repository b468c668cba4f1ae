import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "lib/generated/**", ".hookflow/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
  {
    // process.env is read in lib/env.ts only (scripts and tests set it up for the app).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts" }] },
  },
];
export default config;
