"""The separability reference file says what SciPy says.

src/core/__tests__/separation.test.ts checks the core's exact separability verdicts (the
sentence "no straight line separates these classes" on the charts) against the answers in
src/core/__tests__/fixtures/separability_scipy.json. Here those answers are recomputed with
SciPy's linear programming, independently of NN Lab's code, and the formulation itself is
checked on cases decided by hand.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "src" / "core" / "__tests__" / "fixtures" / "separability_scipy.json"

pytest.importorskip("scipy")
sys.path.insert(0, str(ROOT / "scripts"))
from make_separability_reference import scipy_separable, verdicts  # noqa: E402


def test_the_formulation_on_cases_decided_by_hand():
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    # XOR: the diagonals cross, so no line has both ends of one diagonal on one side.
    assert not scipy_separable(corners, np.array([False, True, True, False]))
    # AND: x1 + x2 = 1.5 separates (1, 1) from the rest.
    assert scipy_separable(corners, np.array([False, False, False, True]))
    # The same point in both classes: nothing separates it from itself.
    assert not scipy_separable(np.array([[2.0, 3.0], [2.0, 3.0]]), np.array([True, False]))
    # 1-D: 0, 1, 2 labelled 0, 1, 0 needs two thresholds.
    assert not scipy_separable(np.array([[0.0], [1.0], [2.0]]), np.array([False, True, False]))
    # XOR with the product x1 * x2 as a third coordinate becomes separable.
    lifted = np.c_[corners, corners[:, 0] * corners[:, 1]]
    assert scipy_separable(lifted, np.array([False, True, True, False]))


def test_every_reference_verdict_is_scipys():
    cases = json.loads(FIXTURE.read_text())["cases"]
    assert len(cases) >= 15
    for case in cases:
        points = np.array(case["points"], dtype=float)
        labels = np.array(case["labels"], dtype=int)
        assert verdicts(points, labels, case["nClasses"]) == case["separable"], case["name"]
    # Both answers occur, also in many dimensions, so the comparison can fail either way.
    flat = [v for case in cases for v in case["separable"]]
    assert True in flat and False in flat
    wide = [case["separable"][0] for case in cases if len(case["points"][0]) == 64]
    assert wide == [False, True]
