#!/usr/bin/env bash
# Installs the real metrics servers for tests/monitoring: Debian's graphite-carbon
# (carbon-cache), python3-whisper (whisper-fetch, to read the whisper files back) and
# prometheus-pushgateway. Idempotent: a second run only checks. The packages' own services
# are stopped and disabled, because the tests start private instances on loopback ports.
#
#   sudo bash scripts/monitoring/setup.sh
set -euo pipefail

# Debian's graphite-carbon asks (debconf) whether to remove whisper files on purge: answer
# without a terminal.
export DEBIAN_FRONTEND=noninteractive

have() { command -v "$1" >/dev/null 2>&1; }

missing=()
have carbon-cache || missing+=(graphite-carbon)
have whisper-fetch || have whisper-fetch.py || missing+=(python3-whisper)
have prometheus-pushgateway || missing+=(prometheus-pushgateway)

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: installing ${missing[*]} needs root (run with sudo)" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  # --no-install-recommends: the tests need the daemons, not graphite-web.
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The system services (if a service manager started them) would hold the default ports
  # 2003/9091; the tests use private instances, so keep the system ones off.
  if have systemctl && [[ -d /run/systemd/system ]]; then
    systemctl disable --now carbon-cache prometheus-pushgateway >/dev/null 2>&1 || true
  fi
fi

for tool in carbon-cache prometheus-pushgateway; do
  have "$tool" || { echo "setup: $tool is still missing" >&2; exit 1; }
done
have whisper-fetch || have whisper-fetch.py || { echo "setup: whisper-fetch is still missing" >&2; exit 1; }
echo "setup: carbon-cache, whisper-fetch and prometheus-pushgateway are installed"
