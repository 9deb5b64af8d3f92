#!/usr/bin/env bash
# Build a JupyterLite site of the NN Lab lesson: a static folder anyone can serve (or open from
# a link) with JupyterLab, NN Lab and the lesson notebook in it, and no server behind it.
#
# Usage: scripts/build-lite.sh [OUTPUT_DIR]     (default: dist/lite)
#
# Needs the built labextension (npm run build:lib && npm run build:labextension) and
# jupyterlite-core, from the project's extras: pip install ".[lite]".
#
# What the site does: the lesson's saved outputs are NN Lab experiment specs, which the
# extension renders and trains in the browser with no kernel at all. Running `Lab(...)` cells
# needs a Python kernel in the browser (Pyodide). The npm `pyodide` package carries only
# Pyodide's core (no numpy, no compiled dependencies such as jsonschema's rpds-py), so no
# Pyodide ships with the site. To add one that the deployer hosts, set NNLAB_LITE_PYODIDE_URL
# to the URL of its pyodide.js (e.g. https://example.org/pyodide/v0.29.0/full/pyodide.js):
# the script then adds the Pyodide kernel (PyPI: jupyterlite-pyodide-kernel) pointed at it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/dist/lite}")"
LABEXT="$ROOT/jupyterlab_nnlab/labextension"

if [ ! -f "$LABEXT/package.json" ]; then
  echo "build-lite: no built labextension in $LABEXT; run: npm run build:lib && npm run build:labextension" >&2
  exit 1
fi
if ! python -c "import jupyterlite_core" 2>/dev/null; then
  echo "build-lite: jupyterlite-core is missing; run: python -m pip install '.[lite]'" >&2
  exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nnlab-lite.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/files"
cp "$ROOT/examples/why-activation-functions.ipynb" "$WORK/files/"

# The site's settings: no kernel by default; the Pyodide kernel only when a hosted Pyodide
# is named.
EXTENSIONS=("$LABEXT")
if [ -n "${NNLAB_LITE_PYODIDE_URL:-}" ]; then
  if ! python -c "import jupyterlite_pyodide_kernel" 2>/dev/null; then
    echo "build-lite: NNLAB_LITE_PYODIDE_URL needs jupyterlite-pyodide-kernel: pip install 'jupyterlite-pyodide-kernel>=0.8,<0.9'" >&2
    exit 1
  fi
  cp "$ROOT/examples/results-in-python.ipynb" "$WORK/files/"
  python - "$WORK/jupyter-lite.json" "$NNLAB_LITE_PYODIDE_URL" <<'PY'
import json
import sys

path, url = sys.argv[1], sys.argv[2]
settings = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "litePluginSettings": {
            "@jupyterlite/pyodide-kernel-extension:kernel": {"pyodideUrl": url}
        }
    },
}
with open(path, "w") as f:
    json.dump(settings, f, indent=2)
PY
  IGNORE_SYS_PREFIX=false
else
  # Only NN Lab: nothing else from this Python environment ends up in the site.
  IGNORE_SYS_PREFIX=true
fi

# The build's own settings: NN Lab's labextension from this tree, not from an install.
python - "$WORK/jupyter_lite_config.json" "$IGNORE_SYS_PREFIX" "${EXTENSIONS[@]}" <<'PY'
import json
import sys

path, ignore, extensions = sys.argv[1], sys.argv[2] == "true", sys.argv[3:]
config = {
    "LiteBuildConfig": {
        "federated_extensions": extensions,
        "ignore_sys_prefix": ignore,
        "no_sourcemaps": True,
    }
}
with open(path, "w") as f:
    json.dump(config, f, indent=2)
PY

cd "$WORK"
python -m jupyterlite_core build --lite-dir "$WORK" --contents "$WORK/files" --output-dir "$OUT"

if [ ! -f "$OUT/extensions/jupyterlab-nnlab/package.json" ]; then
  echo "build-lite: NN Lab is missing from the site in $OUT" >&2
  exit 1
fi
echo "build-lite: site in $OUT (serve it, e.g.: python -m http.server -d $OUT)"
