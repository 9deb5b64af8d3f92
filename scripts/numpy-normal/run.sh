#!/usr/bin/env bash
# Regenerate NumPy's normal draws and the C library's logs on this machine, and compare them
# bit for bit with the core (scripts/numpy-normal/generate.py, compare.ts).
# Usage: bash scripts/numpy-normal/run.sh [--fixture]   (--fixture also rewrites the jest fixture)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${TMPDIR:-/tmp}/nnlab-numpy-normal"
python3 scripts/numpy-normal/generate.py --out "$OUT"
npx tsc -p scripts/numpy-normal/tsconfig.json
node scripts/numpy-normal/out/scripts/numpy-normal/compare.js "$OUT" || status=$?
if [ "${1:-}" = "--fixture" ]; then
  python3 scripts/numpy-normal/generate.py --out "$OUT" --fixture
fi
exit "${status:-0}"
