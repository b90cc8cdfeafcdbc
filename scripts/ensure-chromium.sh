#!/usr/bin/env bash
# Playwright cannot download browsers offline: use Debian's Chromium, installing it when missing.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Chromium not found at $path. Install Debian's chromium package or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian chromium (no browser at $path)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
[ -x "$path" ] || { echo "chromium installed but not at $path; set CHROMIUM_PATH" >&2; exit 1; }
