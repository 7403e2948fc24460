import { defineConfig, devices } from '@playwright/test';
import { baseURL, e2ePorts, urlsFile } from './e2e/support/env';

// Browsers cannot be downloaded here: use the system Chromium (apt `chromium`).
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    // Recording a trace costs about a quarter more CPU on every test, on a machine the whole stack
    // shares: record it only when a failed test is retried (CI retries once). Locally, pass
    // `--trace on` to get one.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // E2E_EXTERNAL_SERVER=1: test a stack you started yourself (same ports and URLs file).
  webServer: process.env.E2E_EXTERNAL_SERVER
    ? undefined
    : {
        // The whole stack (services, migrations, api, worker, web) in production mode on throw-away
        // data. `turbo build` runs before (root `test` script), hence --no-build.
        command: `rm -f "${urlsFile}" && exec node --import tsx ../../packages/devstack/src/cli.ts start --ephemeral --no-build --write-urls "${urlsFile}"`,
        url: `${baseURL}/en`,
        env: {
          WEB_PORT: String(e2ePorts.web),
          API_PORT: String(e2ePorts.api),
          WORKER_HEALTH_PORT: String(e2ePorts.workerHealth),
          NEXT_TELEMETRY_DISABLED: '1',
          // The test runner (127.0.0.1) plays the load balancer in front of the web app: its
          // X-Forwarded-For lets tests act from several client addresses (support/identity.ts
          // clientAddress); any other loopback address is an ordinary, untrusted client
          // (client-address.spec.ts). The API trusts the web app on loopback (ADR 0020).
          WEB_TRUST_PROXY: '127.0.0.1',
          TRUST_PROXY: 'loopback',
          // Every browser of the suite reaches the API from 127.0.0.1 (through the web app), so
          // the whole suite shares one address's budget; in production those are many users.
          // The limiter itself is covered by the integration tests (rate-limit.int.test.ts).
          RATE_LIMIT_MAX: '2000',
          // The waitlist is off by default (sign-up is the way in); the suite runs with it on so
          // waitlist.spec.ts covers it. Everything else works the same either way.
          WAITLIST_ENABLED: 'true',
          // One attempt per webhook delivery, cut short: the suite's endpoints are unreachable
          // addresses, and a delivery must finish (failed) for redelivery to be tested. The retry
          // schedule itself is covered by the worker's integration tests.
          WEBHOOK_RETRY_SCHEDULE: '0',
          WEBHOOK_TIMEOUT_MS: '5000',
          // Multipart from 6 MiB in 5 MiB parts (S3's smallest), so files.spec.ts resumes a 12 MiB
          // upload in three parts rather than moving 20 MiB through the browser twice. The
          // defaults (16 MiB, 8 MiB parts) are covered by the API's integration tests.
          FILES_MULTIPART_THRESHOLD: String(6 * 1024 * 1024),
          FILES_PART_SIZE: String(5 * 1024 * 1024),
        },
        reuseExistingServer: false,
        timeout: 240_000,
        stdout: 'pipe',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
      },
});
