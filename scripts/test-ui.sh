#!/usr/bin/env bash
# Browser tests: Galata/Playwright against a real JupyterLab in Debian's Chromium.
#
# Usage (from anywhere): scripts/test-ui.sh [extra playwright arguments]
#
# Makes sure Chromium and the extension are installed, runs the suite and
# prints "UI: N passed, N failed" counted from Playwright's JSON report.
# Exits non-zero when a test failed or the suite could not run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=scripts/test-common.sh
source "$ROOT/scripts/test-common.sh"
export NNLAB_UI_JSON="${NNLAB_UI_JSON:-$ROOT/ui-tests/test-results/results.json}"

# The server loads the prebuilt extension from the Python environment.
ensure_extension() {
  if python -m jupyterlab.labextensions list 2>&1 | grep -q 'jupyterlab-nnlab.*enabled.*OK'; then
    return 0
  fi
  echo "Installing the extension into the Python environment..."
  if [ ! -f jupyterlab_nnlab/labextension/static/style.js ] || [ ! -f jupyterlab_nnlab/static/widget.js ]; then
    build_labextension || return 1
  fi
  python -m pip install --quiet --root-user-action=ignore . || return 1
}

if ! ensure_chromium; then
  echo "UI: could not install Chromium" >&2
  echo "UI: 0 passed, 1 failed"
  exit 2
fi
if ! ensure_extension; then
  echo "UI: could not install the extension" >&2
  echo "UI: 0 passed, 1 failed"
  exit 2
fi

rm -f "$NNLAB_UI_JSON"
npx playwright test -c ui-tests/playwright.config.ts "$@"
status=$?

# Count from the JSON report: a test that passed on retry ("flaky") passed.
counts="$(json_counts "$NNLAB_UI_JSON" '`${r.stats.expected + r.stats.flaky} ${r.stats.unexpected}`')"

if [ "$counts" = "missing" ]; then
  echo "UI: the suite did not run (no JSON report at $NNLAB_UI_JSON)" >&2
  echo "UI: 0 passed, 1 failed"
  exit 2
fi

read -r passed failed <<<"$counts"
echo "UI: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
exit 0
