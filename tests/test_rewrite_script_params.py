"""A ``script_params`` dict that only the rewritten call read is deleted with the rewrite (the
same fix, so the same fix group); a dict anything else may read is kept. The real SDK proves
both in tests/fix_proof/estimators.py (``script_params_read_only_by_the_call_is_deleted``,
``script_params_read_after_the_call_is_kept``) and in whole notebooks
(tests/program_corpus/script_params_rebound.nbpy)."""

from __future__ import annotations

import json

import pytest

from azureml_migrate.engine import check_source
from azureml_migrate.fixer import fix_text

IMPORTS = "from azureml.train.estimator import Estimator\n"
PARAMS = "script_params = {'--epochs': 10, '--layers': [64, 32]}\n"
CALL = ("est = Estimator(source_directory='src', entry_script='train.py', script_params=script_params,\n"
        "                compute_target='gpu-cluster', pip_packages=['tqdm'])\n")
SUBMIT = "run = exp.submit(est)\n"


def _fixed(source: str) -> str:
    fixed = fix_text(source, "python").text
    assert fix_text(fixed, "python").text == fixed
    return fixed


def test_a_dict_only_the_call_read_is_deleted_with_the_rewrite():
    source = IMPORTS + "# the parameters\n" + PARAMS + "\n" + CALL + SUBMIT
    fixed = _fixed(source)
    assert "script_params" not in fixed and "arguments=['--epochs', 10, '--layers', 64, 32]" in fixed
    [fix] = {f.fix for f in check_source(source) if f.code in ("AML101", "AML302")}
    assert any(edit.optional and edit.text == "" for edit in fix.edits)
    assert fix.code.endswith("# ... and script_params = {...}, which only the call read, is deleted")


def test_a_dict_right_above_the_call_is_deleted_too():
    fixed = _fixed(IMPORTS + PARAMS + CALL + SUBMIT)
    assert "script_params" not in fixed and "\nest = ScriptRunConfig(" in fixed


@pytest.mark.parametrize("later", [
    "print(script_params)\n",
    "script_params['--epochs'] = 1\n",
    "if again:\n    script_params = {}\nprint(script_params)\n",
    "script_params = dict(script_params, extra=1)\n",
    "def again():\n    return script_params\n",
    "__all__ = ['script_params']\n",
], ids=["read", "changed", "rebound-conditionally", "rebound-from-itself", "read-in-a-function", "exported"])
def test_a_dict_something_else_may_read_is_kept(later):
    fixed = _fixed(IMPORTS + PARAMS + CALL + SUBMIT + later)
    assert PARAMS in fixed
    # a function may read the dict at any time: the call itself is left to the user then
    assert ("est = ScriptRunConfig(" in fixed) is ("def again" not in later)


@pytest.mark.parametrize("params", [
    "script_params = {'--epochs': epochs()}\n",  # evaluating it calls epochs(): the call stays
    "script_params = {'--epochs': 10}; other = 1\n",  # not a statement of its own lines
], ids=["computed-value", "shares-its-line"])
def test_a_dict_that_is_not_only_literals_on_lines_of_its_own_is_kept(params):
    fixed = fix_text(IMPORTS + params + CALL + SUBMIT, "python", unsafe=True).text
    assert params in fixed and "est = ScriptRunConfig(" in fixed


def test_a_dict_bound_again_before_any_read_is_deleted_and_the_last_one_kept():
    source = (IMPORTS + PARAMS + CALL + SUBMIT + "script_params = {'--epochs': 20}\n" + CALL.replace("est", "est2")
              + "run = exp.submit(est2)\nscript_params = {'--epochs': 30}\nprint(script_params)\n")
    fixed = _fixed(source)
    assert PARAMS not in fixed and "script_params = {'--epochs': 20}" not in fixed
    assert "script_params = {'--epochs': 30}\nprint(script_params)\n" in fixed


def _notebook(cells):
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": source.splitlines(keepends=True)} for source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def _cells(text):
    return ["".join(cell["source"]) for cell in json.loads(text)["cells"]]


def test_a_notebook_dict_in_the_calls_cell_is_deleted_and_a_later_cells_read_keeps_it():
    fixed = fix_text(_notebook([IMPORTS, PARAMS + CALL + SUBMIT]), "notebook").text
    assert "script_params" not in _cells(fixed)[1] and not _cells(fixed)[1].startswith("\n")
    kept = fix_text(_notebook([IMPORTS, PARAMS + CALL + SUBMIT, "print(script_params)\n"]), "notebook").text
    assert _cells(kept)[1].startswith(PARAMS)


def test_a_notebook_dict_in_an_earlier_cell_stays_and_the_call_is_rewritten_all_the_same():
    fixed = fix_text(_notebook([IMPORTS, PARAMS, CALL + SUBMIT]), "notebook").text
    cells = _cells(fixed)
    assert cells[1] == PARAMS.rstrip("\n") or cells[1] == PARAMS
    assert "est = ScriptRunConfig(" in cells[2]
