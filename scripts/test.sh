#!/usr/bin/env bash
# The one test command: installs what browser tests need (Debian Chromium when missing),
# then runs type checks, the linter and format check, unit + integration tests, a production
# build, the e2e suite and the CI-sized reliability scenarios (kill -9, SIGTERM, backups, load,
# hostile input) on that build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

echo "== typecheck"
npm run --silent typecheck
echo "== lint (ESLint, layer rule, Prettier)"
npm run --silent lint
echo "== unit + integration (vitest)"
npx vitest run
echo "== build (Next.js, then the server, CLI and workers compiled to dist/)"
npm run --silent build
echo "== production install (npm ci --omit=dev in a copy: every route, writer thread on)"
node scripts/check-prod-install.mjs
echo "== e2e (playwright, Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium})"
npx playwright test
echo "== reliability (CI variants; the long ones: npm run test:reliability -- --long)"
REL_DIST_DIR=.next REL_SKIP_BUILD=1 npm run --silent test:reliability
