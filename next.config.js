// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets parallel builds (e.g. benchmarks beside a dev checkout) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Source maps for profiling a production build (FW_BROWSER_SOURCEMAPS=1); off by default so sources are not served.
  productionBrowserSourceMaps: process.env.FW_BROWSER_SOURCEMAPS === '1',
  // better-sqlite3 is a native addon: keep it out of the server bundle. tsx is only resolved by the
  // CSV import's worker bootstrap (db/services/import-pipeline.ts), which never runs bundled.
  serverExternalPackages: ['better-sqlite3', 'tsx'],
  // Builds run offline: never reach out for telemetry or fonts.
  images: { unoptimized: true },
  // forbidden()/unauthorized() give pages real 403/401 statuses (lib/auth/authorize.ts).
  // proxy.ts makes Next buffer request bodies and silently truncate them past 10 MB by default;
  // CSV imports may be up to 100 MiB (db/services/import.ts IMPORT_LIMIT_BYTES), which answers 413 beyond it.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: '101mb' },
};

export default nextConfig;
