#!/usr/bin/env bash
# Install what the report's real-browser tests need (tests/report/test_browser.py):
# Debian's Chromium and chromedriver, a colour emoji font so screenshots of emoji text are
# legible, and the Playwright Python package, which drives /usr/bin/chromium directly.
# Never run `playwright install`: it downloads its own browsers, which we do not use.
# Needs root (or sudo) for apt-get. Usage: scripts/install-browser.sh [PYTHON]
set -euo pipefail

python="${1:-.venv/bin/python}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

$sudo apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    chromium chromium-driver fonts-dejavu-core fonts-noto-color-emoji
"$python" -m pip install "playwright>=1.40"

/usr/bin/chromium --version
"$python" -c "import playwright.sync_api; print('playwright', 'ok')"
