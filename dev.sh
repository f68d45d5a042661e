#!/usr/bin/env bash
# Set everything up and run the main job or all tests; see README "Snel aan de slag".
#   bash dev.sh start   build the site with all downloads and serve it on http://127.0.0.1:8000
#   bash dev.sh test    install what the tests need (also Debian packages) and run every check
#   bash dev.sh snel    the quick layer of the tests: no site build, browser or LibreOffice (arguments go to pytest)
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Systeempakketten installeren: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

venv() {
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; python3 -m venv .venv; }
  fi
  # pip only when pyproject.toml changed since the last install (an editable install follows code changes itself)
  local stamp=".venv/.geinstalleerd-$1-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$1]"
    touch "$stamp"
  fi
}

case "${1:-}" in
  start)
    echo "Stap 1 van 3: Python-omgeving en pakketten installeren (de eerste keer enkele minuten)"
    venv main
    echo "Stap 2 van 3: de site bouwen met alle Word-bestanden (de eerste keer ongeveer een minuut)"
    .venv/bin/wmwm bouw --uitvoer site
    echo "Stap 3 van 3: de site staat op http://127.0.0.1:8000 (stoppen met Ctrl+C)"
    exec .venv/bin/python -m http.server 8000 --bind 127.0.0.1 --directory site
    ;;
  test)
    apt_install chromium libreoffice-writer-nogui poppler-utils fonts-dejavu-core
    java -version >/dev/null 2>&1 || apt_install default-jre-headless   # for the Nu HTML checker
    command -v npm >/dev/null 2>&1 || apt_install npm
    venv test
    # The Nu HTML checker (vnu.jar, npm package vnu-jar), next to the Python packages of the test environment
    [ -f .venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar ] ||
      npm install --silent --no-save --no-audit --no-fund --prefix .venv/vnu vnu-jar@26.9.27 >/dev/null
    # ESLint and Prettier for our own JavaScript, at the versions package.json pins (again when it changes)
    local_js=".venv/.js-$(sha256sum package.json | cut -c1-16)"
    [ -f "$local_js" ] || { npm install --silent --no-audit --no-fund --no-package-lock >/dev/null && touch "$local_js"; }
    npm run --silent lint
    .venv/bin/ruff check generators tests benchmarks
    .venv/bin/ruff format --check generators tests benchmarks
    .venv/bin/mypy generators
    .venv/bin/wmwm controleer
    unset PYTHONDONTWRITEBYTECODE   # every test worker would compile all modules and rewrite every test module again
    .venv/bin/python -m pytest -n auto --durations=15   # one worker per core (pytest-xdist); the slowest tests listed
    ;;
  snel)
    venv test
    unset PYTHONDONTWRITEBYTECODE   # see test: compiled modules stay in __pycache__/ (ignored by git)
    exec .venv/bin/python -m pytest -n auto -m "not browser and not office and not build" "${@:2}"
    ;;
  *)
    echo "Gebruik: bash dev.sh start | bash dev.sh test | bash dev.sh snel [pytest-argumenten]" >&2
    exit 2
    ;;
esac
