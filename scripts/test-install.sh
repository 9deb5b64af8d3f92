#!/usr/bin/env bash
# The isolated-install check, as JupyterLab's extension template runs it in CI: the wheel is
# what a user installs with pip, so it must work in a fresh virtual environment where no
# Node.js is on PATH and nothing from this source tree is importable.
#
#   1. the wheel builds from the prebuilt labextension (scripts/test-all.sh builds it first)
#   2. the wheel holds the labextension once, as shared data, and check-wheel-contents is clean
#   3. with the wheel alone (no JupyterLab): `Lab(...)` builds and checks a spec
#   4. with the wheel and JupyterLab, no Node on PATH: `jupyter labextension list` reports
#      jupyterlab-nnlab enabled and OK
#   5. `python -m jupyterlab.browser_check --no-browser-test` passes: the server starts with
#      the extension and logs no error. (The in-browser half of browser_check installs
#      Playwright with npm and downloads its own Chromium, which needs Node and a download;
#      the Galata suite covers that half with Debian's Chromium.)
#
# Prints one line per check and ends with "INSTALL: N passed, N failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nnlab-install.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

PASSED=0
FAILED=0

# check NAME COMMAND...: run a check, print its verdict and, when it fails, its output.
check() {
  local name="$1"
  shift
  local log="$WORK/check.log"
  if "$@" >"$log" 2>&1; then
    PASSED=$((PASSED + 1))
    echo "ok   $name"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $name"
    sed 's/^/     /' "$log" | tail -n 40
  fi
}

finish() {
  echo "INSTALL: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit $?
}

# The environment of a fresh venv: its own bin only on PATH (so no node, npm or npx), no
# Python path from outside, and Jupyter's user folders in the scratch directory, so nothing
# installed for this user is seen. The rest (pip's own configuration) is kept.
isolated() {
  local venv="$1"
  shift
  env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV -u NODE_PATH PATH="$venv/bin" \
    JUPYTER_CONFIG_DIR="$WORK/home/config" JUPYTER_DATA_DIR="$WORK/home/data" \
    JUPYTER_RUNTIME_DIR="$WORK/home/runtime" JUPYTERLAB_SETTINGS_DIR="$WORK/home/settings" \
    JUPYTERLAB_WORKSPACES_DIR="$WORK/home/workspaces" JUPYTER_PATH="" \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off PIP_ROOT_USER_ACTION=ignore \
    PYTHONDONTWRITEBYTECODE=1 "$@"
}
mkdir -p "$WORK/home"

# ------------------------------------------------------------------- 1. the wheel

if [ ! -f jupyterlab_nnlab/labextension/static/style.js ]; then
  echo "FAIL the labextension is not built (run npm run build:lib && npm run build:labextension)"
  FAILED=$((FAILED + 1))
  finish
fi
if [ -f jupyterlab_nnlab/labextension/install.json ]; then
  # pip writes install.json into share/jupyter/labextensions/jupyterlab-nnlab; after
  # `jupyter labextension develop` that folder is a link to this one.
  echo "FAIL jupyterlab_nnlab/labextension/install.json: pip install wrote it through the link" \
    "that labextension develop made; remove it (and the link) and build again"
  FAILED=$((FAILED + 1))
  finish
fi
check "the wheel builds" "$PYTHON" -m pip wheel --quiet --no-deps . -w "$WORK/dist"
WHEEL="$(ls "$WORK"/dist/jupyterlab_nnlab-*.whl 2>/dev/null | head -n 1)"
if [ -z "$WHEEL" ]; then
  finish
fi
echo "     $(basename "$WHEEL"): $(stat -c %s "$WHEEL") bytes"

# ---------------------------------------------------------- 2. what the wheel holds

labextension_once() {
  "$PYTHON" - "$WHEEL" <<'PY'
import sys
import zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
manifests = [n for n in names if n.endswith("/package.json") and "labextension" in n]
shared = "jupyterlab_nnlab-{}.data/data/share/jupyter/labextensions/jupyterlab-nnlab/package.json"
print("labextension manifests:", manifests)
version = sys.argv[1].rsplit("/", 1)[-1].split("-")[1]
assert manifests == [shared.format(version)], "the labextension must be in the wheel once, as shared data"
assert not any(n.startswith("jupyterlab_nnlab/labextension/") for n in names), "a copy inside the package"
assert "jupyterlab_nnlab/schema/experiment.schema.json" in names, "the schema Python reads is missing"
PY
}
check "the wheel holds the labextension once, as shared data" labextension_once

python -m venv "$WORK/tools" >/dev/null 2>&1 &&
  isolated "$WORK/tools" "$WORK/tools/bin/python" -m pip install --quiet check-wheel-contents >/dev/null 2>&1
check "check-wheel-contents finds nothing" isolated "$WORK/tools" "$WORK/tools/bin/check-wheel-contents" "$WHEEL"

# ------------------------------------------------- 3. the wheel alone, no JupyterLab

bare_lab() {
  "$PYTHON" -m venv "$WORK/bare" &&
    isolated "$WORK/bare" "$WORK/bare/bin/python" -m pip install --quiet "$WHEEL" &&
    isolated "$WORK/bare" "$WORK/bare/bin/python" - <<'PY'
import importlib.util

from jupyterlab_nnlab import MIME_TYPE, Lab, SpecError

assert importlib.util.find_spec("jupyterlab") is None, "JupyterLab was installed with the wheel"
# No run-time dependencies: specs are checked by the package's own validator.
assert importlib.util.find_spec("jsonschema") is None, "jsonschema was installed with the wheel"
bundle = Lab(data="xor", layers=[2, 2, 1], activation="relu")._repr_mimebundle_()
assert bundle[MIME_TYPE]["network"]["layers"] == [2, 2, 1], bundle
try:
    Lab(data="xor", layers=[2, 2, 1], activation="no-such-function")
except SpecError as error:
    print("bad spec:", error)
else:
    raise AssertionError("an unknown activation was accepted")
PY
}
check "with the wheel alone (no JupyterLab, no jsonschema), Lab(...) builds and checks a spec" bare_lab

# ------------------------------------- 4, 5. with JupyterLab, without Node on PATH

lab_venv() {
  "$PYTHON" -m venv "$WORK/lab" &&
    isolated "$WORK/lab" "$WORK/lab/bin/python" -m pip install --quiet "$WHEEL[lab]"
}
check "the wheel installs with JupyterLab (the lab extra) into a fresh venv" lab_venv

no_node() {
  ! isolated "$WORK/lab" sh -c 'command -v node || command -v npm' 2>/dev/null
}

labextension_list() {
  no_node || {
    echo "node is on PATH"
    return 1
  }
  local out
  out="$(isolated "$WORK/lab" "$WORK/lab/bin/jupyter" labextension list 2>&1)"
  echo "$out"
  # Without colours the line reads: jupyterlab-nnlab v0.1.0 enabled OK (python, jupyterlab-nnlab)
  echo "$out" | sed 's/\x1b\[[0-9;]*m//g' | grep -Eq 'jupyterlab-nnlab v[^ ]+ enabled +OK'
}
check "jupyter labextension list: jupyterlab-nnlab enabled OK (no Node on PATH)" labextension_list

browser_check() {
  no_node || {
    echo "node is on PATH"
    return 1
  }
  (cd "$WORK/home" && isolated "$WORK/lab" "$WORK/lab/bin/python" -m jupyterlab.browser_check \
    --no-browser-test --allow-root)
}
check "python -m jupyterlab.browser_check --no-browser-test (no Node on PATH)" browser_check

finish
