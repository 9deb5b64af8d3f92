# shellcheck shell=bash
# Steps shared by scripts/test-all.sh and scripts/test-ui.sh. Sourced by both, not run:
#
#   source "$ROOT/scripts/test-common.sh"
#
# It defines functions and CHROMIUM only; the caller has already changed to the repository root.

CHROMIUM="${NNLAB_CHROMIUM:-/usr/bin/chromium}"

# Playwright cannot download its own browsers here: when $CHROMIUM is missing, install
# Debian's Chromium package with apt-get (through sudo unless we are root).
ensure_chromium() {
  if [ -x "$CHROMIUM" ]; then
    return 0
  fi
  echo "Installing Chromium with apt-get..."
  local sudo=""
  if [ "$(id -u)" != "0" ]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# The TypeScript build and the prebuilt labextension. The labextension builder is a Python
# command (also a build requirement in pyproject.toml), installed here when it is missing.
build_labextension() {
  if ! command -v jupyter-builder >/dev/null 2>&1; then
    python -m pip install --quiet "jupyter-builder>=1.3.0" || return 1
  fi
  npm run build:lib && npm run build:labextension && npm run build:widget
}

# Print "PASSED FAILED" from a JSON test report: $1 is the report file, $2 a JavaScript
# expression over the parsed report `r` that yields that text. Prints "missing" when the
# suite left no report, so that a caller can tell "did not run" from "ran and failed".
json_counts() {
  node -e '
    const fs = require("fs");
    const [file, expression] = process.argv.slice(1);
    if (!fs.existsSync(file)) { process.stdout.write("missing"); process.exit(0); }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    process.stdout.write(String(new Function("r", `return (${expression});`)(r)));
  ' "$1" "$2"
}
