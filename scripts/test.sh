#!/usr/bin/env bash
# The one test command: installs what the tests need when missing (Debian Chromium for the browser
# tests, Debian PostgreSQL), starts a throwaway PostgreSQL cluster for the integration suite
# (stopped and removed at exit, even on failure or Ctrl-C), then runs type checks, the linter and
# format check, unit + integration tests, a production build, the e2e suite and the CI-sized
# reliability scenarios (kill -9, SIGTERM, backups, load, hostile input) on that build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

# TEST_DATABASE_URL already set names your own server (docs/scale-out.md); otherwise start one.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  bash scripts/ensure-postgres.sh
  PG_TEST_CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fw-pgtest.XXXXXX")"
  trap 'node scripts/pg-test-cluster.mjs stop "$PG_TEST_CLUSTER_DIR"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  pg_env="$(node scripts/pg-test-cluster.mjs start "$PG_TEST_CLUSTER_DIR")"
  eval "$pg_env"
fi
# The PostgreSQL tests skip without it when run by hand; here a skip must never pass for green.
: "${TEST_DATABASE_URL:?no PostgreSQL for the integration suite: TEST_DATABASE_URL is unset}"
export TEST_DATABASE_URL

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
echo "== e2e on PostgreSQL (the @pg specs, same build, a fresh database on the test server)"
E2E_PG_REQUIRED=1 npx playwright test -c playwright.pg.config.ts
echo "== reliability (CI variants; the long ones: npm run test:reliability -- --long)"
REL_DIST_DIR=.next REL_SKIP_BUILD=1 npm run --silent test:reliability
