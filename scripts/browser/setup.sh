#!/usr/bin/env bash
# Installs Debian's chromium for tests/browser (the HTML quality report opened in a headless
# browser through playwright-core). Debian's package rather than Playwright's downloaded
# build: it installs through apt like the other test peers, needs no network at test time,
# and gets security updates. Idempotent: a second run only checks.
#
#   sudo bash scripts/browser/setup.sh
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

# The path tests/browser/report.test.ts launches.
CHROMIUM=/usr/bin/chromium

if [[ ! -x $CHROMIUM ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: installing chromium needs root (run: sudo bash scripts/browser/setup.sh)" >&2
    exit 1
  fi
  echo "setup: installing chromium"
  apt-get update -qq
  # --no-install-recommends: headless rendering needs the browser and its fonts' fallback
  # (fonts-liberation comes as a dependency), not the desktop integration recommends pull in.
  apt-get install -y -qq --no-install-recommends chromium
fi

[[ -x $CHROMIUM ]] || { echo "setup: $CHROMIUM is still missing" >&2; exit 1; }
echo "setup: $("$CHROMIUM" --version 2>/dev/null || echo chromium) is installed at $CHROMIUM"
