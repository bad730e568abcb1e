#!/usr/bin/env bash
# Install what the portal needs on this machine, once: system libraries (WeasyPrint's Pango,
# and with --test Debian's Chromium for the browser tests, and nginx, openssl and the
# PostgreSQL client for the production-path and backup tests), a virtualenv in .venv and the
# pinned Python packages (the test tools too, moto's S3-compatible server among them).
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--test" ] && want_browser=1

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: please install these system packages: ${missing[*]}" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "bootstrap: apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

system_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig gettext)
[ $want_browser -eq 1 ] && system_packages+=(chromium poppler-utils nginx openssl postgresql-client)
apt_install "${system_packages[@]}"

PYTHON="${PYTHON:-python3.11}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "bootstrap: Python 3.11 is required ($PYTHON not found)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
digest=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements-dev.txt
  echo "$digest" > "$stamp"
fi
