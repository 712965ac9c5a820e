// Browser tests run the release build (dist/) in Debian's Chromium, headless.
// Playwright never downloads a browser here: the executable path is fixed.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
// A second origin (another port) for host pages that embed the app.
export const hostPort = port + 1;
// The app again, hosted under a sub-path the way an intranet server would.
export const subPathPort = port + 2;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "target/playwright-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node tests/e2e/serve.mjs tests/e2e/hosts ${hostPort}`,
      url: `http://127.0.0.1:${hostPort}/frame.html`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node tests/e2e/serve.mjs dist ${subPathPort} --base /tools/flywheel/`,
      url: `http://127.0.0.1:${subPathPort}/tools/flywheel/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
