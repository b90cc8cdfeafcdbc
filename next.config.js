// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets parallel builds (e.g. benchmarks beside a dev checkout) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // better-sqlite3 is a native addon: keep it out of the server bundle.
  serverExternalPackages: ['better-sqlite3'],
  // Builds run offline: never reach out for telemetry or fonts.
  images: { unoptimized: true },
  // forbidden()/unauthorized() give pages real 403/401 statuses (lib/auth/authorize.ts).
  experimental: { authInterrupts: true },
};

export default nextConfig;
