// @ts-check
import { apiHeaderRules } from './server/security/header-values.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets parallel builds (e.g. benchmarks beside a dev checkout) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Source maps for profiling a production build (FW_BROWSER_SOURCEMAPS=1); off by default so sources are not served.
  productionBrowserSourceMaps: process.env.FW_BROWSER_SOURCEMAPS === '1',
  // better-sqlite3 is a native addon: keep it out of the server bundle. tsx is only resolved at run
  // time, when a worker runs from the sources because the build is not current
  // (server/runtime/worker-entry.ts); a production install has no tsx and never needs it.
  serverExternalPackages: ['better-sqlite3', 'tsx'],
  // Builds run offline: never reach out for telemetry or fonts.
  images: { unoptimized: true },
  // forbidden()/unauthorized() give pages real 403/401 statuses (server/auth/authorize.ts). proxy.ts
  // does not run for /api/*, so CSV imports (up to 100 MiB, 413 beyond) reach their route unbuffered.
  experimental: { authInterrupts: true },
  // Security headers of API responses (pages get theirs, with the CSP nonce, from proxy.ts).
  async headers() {
    return apiHeaderRules();
  },
};

export default nextConfig;
