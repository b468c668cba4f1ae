import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;
/** The launcher's test control port (scripts/serve.ts --control-port): stops/starts the realtime server. */
export const CONTROL_URL = `http://127.0.0.1:${PORT + 1}`;

// Debian's Chromium where Playwright's own browser cannot be downloaded (our CI);
// Playwright's bundled Chromium everywhere else.
const systemChromium = "/usr/lib/chromium/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  // Ceilings, not speed checks: on a loaded 2-core machine (CI beside stress-ng) a spec's many
  // page loads and builds take several times longer than on a quiet one.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // No retries, in CI or not: a spec that needs one waits for a transient moment; fix the spec.
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions,
    // `request` / `page.request` calls share the page's cookies but, unlike the browser, send no
    // Origin: without it the server refuses cookie-authenticated state changes (CSRF rule,
    // lib/auth/same-origin.ts). They stand for the app's own pages, so they say so.
    extraHTTPHeaders: { origin: baseURL },
  },
  // A production build on the embedded defaults: throwaway PostgreSQL + embedded Pusher server.
  webServer: {
    command: `npm run build && tsx scripts/serve.ts start --ephemeral --control-port ${PORT + 1}`,
    url: `${baseURL}/sign-in`,
    // The build alone takes minutes on a loaded 2-core machine.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    // Private network targets: specs hold runs at a loopback gate (test/gate.ts).
    env: { PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", HOOKFLOW_ALLOW_PRIVATE_NETWORK: "true" },
    stdout: "pipe",
    stderr: "pipe",
  },
});
