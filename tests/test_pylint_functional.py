"""pylint's own functional-test harness on tests/pylint_functional, for what only pylint does
(inference, disable comments, its option); every rule's samples run through all front ends in
test_sample_corpus. ``# [symbol]`` markers give the expected messages per line, ``.txt`` files
the full expected output (positions, end positions, message text, confidence), ``.rc`` files
the configuration.

To regenerate the ``.txt`` files after a deliberate change, run pytest on this file with
``PYLINT_UPDATE_FUNCTIONAL=1`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pylint.testutils import FunctionalTestFile, LintModuleTest
from pylint.testutils.functional import LintModuleOutputUpdate

FUNCTIONAL_DIR = Path(__file__).parent / "pylint_functional"
TEST_FILES = [FunctionalTestFile(str(FUNCTIONAL_DIR), path.name) for path in sorted(FUNCTIONAL_DIR.glob("*.py"))]


@pytest.mark.parametrize("test_file", TEST_FILES, ids=lambda test_file: test_file.base)
def test_functional(test_file: FunctionalTestFile) -> None:
    updating = os.environ.get("PYLINT_UPDATE_FUNCTIONAL") == "1"
    lint_test = (LintModuleOutputUpdate if updating else LintModuleTest)(test_file)
    lint_test.setUp()
    lint_test.runTest()
