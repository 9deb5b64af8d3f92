#!/usr/bin/env bash
# The one command that installs what the tests need and runs every suite:
#
#   1. npm dependencies: npm ci, exactly the lockfile (when node_modules is missing or older)
#   2. the TypeScript build and the prebuilt labextension
#   3. the Python package with its test extra: pip install ".[test]"
#   4. Chromium from apt (Playwright cannot download browsers here)
#   5. the suites: lint (stylelint, prettier, eslint), jest, pytest, the isolated install of
#      the wheel (scripts/test-install.sh) and the Galata browser tests
#
# A failing suite does not stop the others. The last line printed is
# "N passed, N failed" over all suites; a suite or an install step that could not
# run (or crashed without a failing test) counts there as one failure, so the line
# never reads "0 failed" when something did not run. The exit status is non-zero
# whenever that count is.
#
# Environment:
#   NNLAB_NPM_CI=1     always run npm ci, even when node_modules looks current
#   NNLAB_SKIP_BUILD=1 skip step 2 (use the labextension already built)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Quiet, non-interactive tools: no progress bars, prompts or update notices.
export CI="${CI:-true}"
export npm_config_progress=false
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_PROGRESS_BAR=off
export PIP_NO_INPUT=1
export PIP_ROOT_USER_ACTION=ignore
export PIP_NO_COLOR=1
export DEBIAN_FRONTEND=noninteractive
export PYTHONDONTWRITEBYTECODE=1
export FORCE_COLOR=0

# shellcheck source=scripts/test-common.sh
source "$ROOT/scripts/test-common.sh"

REPORTS="$(mktemp -d "${TMPDIR:-/tmp}/nnlab-tests.XXXXXX")"

TOTAL_PASSED=0
TOTAL_FAILED=0
BROKEN=()      # steps or suites that could not run
SUMMARY=()     # one line per suite, printed at the end

# Run "$@" as a named step, print how long it took; returns its status.
timed() {
  local name="$1"
  shift
  echo
  echo "=== $name ==="
  local start=$SECONDS
  "$@"
  local status=$?
  echo "--- $name: $((SECONDS - start)) s (exit $status)"
  return $status
}

# Record a suite's counts in the totals and the summary.
record() {
  local name="$1" passed="$2" failed="$3" seconds="$4"
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  SUMMARY+=("$(printf '%-7s %4d passed, %4d failed  (%d s)' "$name" "$passed" "$failed" "$seconds")")
}

# Record a finished suite from its counts "PASSED FAILED", or "missing" when it left no
# report (then it could not run). A non-zero exit without a failed test also means the
# suite broke, e.g. a crash after the report was written.
record_counts() {
  local name="$1" status="$2" counts="$3" start="$4"
  if [ "$counts" = "missing" ]; then
    BROKEN+=("$name")
    record "$name" 0 1 $((SECONDS - start))
    return
  fi
  local passed failed
  read -r passed failed <<<"$counts"
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    BROKEN+=("$name (exit $status)")
    failed=1
  fi
  record "$name" "$passed" "$failed" $((SECONDS - start))
}

# ---------------------------------------------------------------- installs

install_npm() {
  if [ "${NNLAB_NPM_CI:-0}" = "1" ] || [ ! -f node_modules/.package-lock.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    if [ -L node_modules ]; then
      # npm ci empties node_modules first: never through a link to an install shared with
      # other checkouts.
      echo "node_modules is a link to a shared install: not replacing it (remove the link to install here)"
      return 1
    fi
    # npm ci, not npm install: exactly what package-lock.json records, and an error (not a
    # silent rewrite) when package.json and the lockfile disagree.
    npm ci --no-audit --no-fund
  else
    echo "node_modules is up to date with package-lock.json"
  fi
}

build_extension() {
  if [ "${NNLAB_SKIP_BUILD:-0}" = "1" ]; then
    echo "skipped (NNLAB_SKIP_BUILD=1)"
    return 0
  fi
  build_labextension
}

install_python() {
  python -m pip install --quiet ".[test]"
}

install_chromium() {
  if [ -x "$CHROMIUM" ]; then
    echo "$("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed"
    return 0
  fi
  ensure_chromium
}

timed "npm dependencies" install_npm || BROKEN+=("npm install")
timed "build" build_extension || BROKEN+=("build")
timed "python package" install_python || BROKEN+=("pip install")
timed "chromium" install_chromium || BROKEN+=("chromium")

# ------------------------------------------------------------------ lint

# One test per tool: stylelint, prettier, eslint, and tsc over the sources with their tests
# (jest compiles each test file alone, without type errors; the checks of npm run lint:check).
run_lint() {
  local start=$SECONDS passed=0 failed=0 tool
  echo
  echo "=== lint ==="
  for tool in stylelint prettier eslint typecheck; do
    if npm run --silent "$tool:check"; then
      passed=$((passed + 1))
      echo "ok   $tool"
    else
      failed=$((failed + 1))
      echo "FAIL $tool (npm run lint fixes what it can)"
    fi
  done
  echo "--- lint: $((SECONDS - start)) s"
  record lint "$passed" "$failed" $((SECONDS - start))
}

# ------------------------------------------------------------------ jest

run_jest() {
  local report="$REPORTS/jest.json" start=$SECONDS
  timed "jest" npx jest --ci --silent --json --outputFile="$report"
  local status=$?
  local counts
  # Suites that failed without a failing test (e.g. did not compile) count as one failure each.
  counts="$(json_counts "$report" '`${r.numPassedTests} ${r.numFailedTests + r.testResults.filter(
    (s) => s.status === "failed" && s.assertionResults.every((t) => t.status !== "failed")).length}`')"
  record_counts jest "$status" "$counts" "$start"
}

# ---------------------------------------------------------------- pytest

run_pytest() {
  local report="$REPORTS/pytest.xml" start=$SECONDS
  timed "pytest" python -m pytest -q --color=no -p no:cacheprovider --junitxml="$report"
  local status=$?
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests"
    record pytest 0 0 $((SECONDS - start))
    return
  fi
  local counts
  counts="$(python - "$report" <<'PY'
import os
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
if not os.path.exists(path):
    print("missing")
    sys.exit(0)
root = ET.parse(path).getroot()
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
tests = failures = errors = skipped = 0
for suite in suites:
    tests += int(suite.get("tests", 0))
    failures += int(suite.get("failures", 0))
    errors += int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(tests - failures - errors - skipped, failures + errors)
PY
)"
  record_counts pytest "$status" "$counts" "$start"
}

# ---------------------------------------------------- isolated install

run_install() {
  local log="$REPORTS/install.log" start=$SECONDS
  timed "install (isolated wheel)" bash "$ROOT/scripts/test-install.sh" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  # test-install.sh ends with "INSTALL: N passed, N failed".
  local counts
  counts="$(sed -nE 's/^INSTALL: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -n 1)"
  record_counts install "$status" "${counts:-missing}" "$start"
}

# ------------------------------------------------------ example solve rates

# Every example (README, docstring, defaults, demos, panel) trained from 100 seeds; one test per
# example, failed when fewer than 95 seeds show its point (scripts/solve-rates/main.ts).
run_examples() {
  local log="$REPORTS/examples.log" start=$SECONDS
  timed "examples (100 seeds)" npm run -s solve-rates 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local passed failed
  passed="$(grep -c '^ok ' "$log")"
  failed="$(grep -c '^FAIL ' "$log")"
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    record_counts examples "$status" missing "$start"
  else
    record_counts examples "$status" "$passed $failed" "$start"
  fi
}

# ---------------------------------------------------------------- Galata

run_ui() {
  local log="$REPORTS/ui.log" start=$SECONDS
  export NNLAB_UI_JSON="$REPORTS/ui.json"
  timed "ui (Galata)" bash "$ROOT/scripts/test-ui.sh" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  # test-ui.sh ends with "UI: N passed, N failed"; without that line the suite did not run.
  local counts
  counts="$(sed -nE 's/^UI: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -n 1)"
  record_counts ui "$status" "${counts:-missing}" "$start"
}

run_lint
run_jest
run_pytest
run_install
run_examples
run_ui

# --------------------------------------------------------------- summary

echo
echo "=== summary (reports in $REPORTS) ==="
for line in "${SUMMARY[@]}"; do
  echo "$line"
done
if [ "${#BROKEN[@]}" -gt 0 ]; then
  echo "could not run: ${BROKEN[*]}"
fi
# Install steps that failed are not suites: each still counts as one failure here.
for step in "${BROKEN[@]}"; do
  case "$step" in
    "npm install" | build | "pip install" | chromium) TOTAL_FAILED=$((TOTAL_FAILED + 1)) ;;
  esac
done
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"

if [ "$TOTAL_FAILED" -ne 0 ] || [ "${#BROKEN[@]}" -ne 0 ]; then
  exit 1
fi
exit 0
