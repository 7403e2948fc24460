#!/usr/bin/env bash
# Runs every test layer: lint, typecheck, unit, integration (real PostgreSQL/Redis/S3/SMTP),
# production build and end-to-end (Playwright in Chromium). Every layer runs even when an
# earlier one fails (except e2e, which needs the build), then one summary line is printed.
set -uo pipefail
# Build tools must not phone home (there is no network here; tests should not depend on it).
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

out=".data/test-results"
rm -rf "$out" && mkdir -p "$out"
failed=()
step() { # name, command...
  local name=$1; shift
  printf '\n\033[1m▶ %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    printf '\033[32m✔ %s (%ss)\033[0m\n' "$name" $((SECONDS - start))
  else
    printf '\033[31m✘ %s (%ss)\033[0m\n' "$name" $((SECONDS - start))
    failed+=("$name")
    return 1
  fi
}

step lint pnpm exec biome check .
step generate pnpm db:generate
# One TypeScript program for every workspace but the web app (which needs Next's generated types):
# each file is checked once instead of once per workspace that imports it (tsconfig.check.json).
step typecheck pnpm typecheck
step unit pnpm exec vitest run --project unit --reporter=default --reporter=json --outputFile="$out/unit.json"
step integration pnpm exec vitest run --project integration --reporter=default --reporter=json \
  --outputFile="$out/integration.json"
if step build pnpm exec turbo run build --filter=@repo/api --filter=@repo/worker --filter=@repo/web \
  --output-logs=errors-only; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$out/e2e.json" step e2e pnpm --filter @repo/web exec playwright test \
    --reporter=list,json
else
  failed+=("e2e (skipped: build failed)")
fi

node scripts/test-summary.mjs "$out" "${failed[*]:-}"
