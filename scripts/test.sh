#!/usr/bin/env bash
# The one test command: installs what browser tests need (Debian Chromium when missing),
# then runs type checks, unit + integration tests, a production build and the e2e suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

echo "== typecheck"
npm run --silent typecheck
echo "== unit + integration (vitest)"
npx vitest run
echo "== build"
npx next build
echo "== e2e (playwright, Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium})"
npx playwright test
