"""One Environment per distinct specification (``rewrite/sharing.py``): estimator rewrites of one
statement list whose Environments would be equal write it once and pass it to each
ScriptRunConfig, and only where nothing can change it through one of them. The real SDK proves
the shared jobs in tests/fix_proof/groups.py (``two_estimators_share_one_environment*``) and the
refusals in tests/fix_proof/estimators.py (``same_environment_but_one_is_changed_later``); here
the notebook case is proven too."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from azureml_migrate.engine import check_source
from azureml_migrate.fixer import fix_text
from azureml_migrate.fixes import Applicability
from tests.notebook_text import notebook, program

IMPORTS = "from azureml.train.estimator import Estimator\nfrom azureml.train.dnn import PyTorch\n"
#: an estimator call whose rewrite is safe, ``{name}`` and ``{extra}`` to fill
SAFE = ("{name} = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', "
        "pip_packages=['tqdm']{extra})\n")


def _call(name: str, extra: str = "") -> str:
    return SAFE.format(name=name, extra=extra)


def _fixed(source: str, unsafe: bool = False) -> str:
    return fix_text(source, "python", unsafe=unsafe).text


def test_two_calls_of_one_specification_share_one_environment_written_before_the_first():
    source = (IMPORTS + _call("first", ", script_params={'--epochs': 1}") + "run = exp.submit(first)\n"
              + _call("second", ", script_params={'--epochs': 9}") + "run = exp.submit(second)\n")
    fixed = _fixed(source)
    assert fixed.count("Environment('train-env')") == 1
    assert fixed.count("environment=train_environment,") == 2
    assert fixed.index("train_environment = Environment(") < fixed.index("first = ScriptRunConfig(")
    assert "set_pip_requirements" in fixed and fixed.count("set_pip_requirements") == 1
    findings = [f for f in check_source(source) if f.code == "AML101"]
    assert len({f.fix.group for f in findings}) == 1 and findings[0].fix.group
    assert all(f.fix.applicability is Applicability.SAFE for f in findings)
    # the second rewrite shows which rewrite writes the Environment it passes
    assert findings[1].fix.code.startswith("# train_environment: the same Environment, written by the rewrite "
                                           "of first = Estimator(...)")
    assert _fixed(fixed) == fixed


def test_different_specifications_keep_their_own_environments():
    source = (IMPORTS + _call("first") + "run = exp.submit(first)\n"
              + _call("second", ", conda_packages=['numpy']") + "run = exp.submit(second)\n")
    fixed = _fixed(source)
    assert fixed.count("Environment('train-env')") == 2 and "train_environment" not in fixed
    assert {f.fix.group for f in check_source(source) if f.code == "AML101"} == {""}


@pytest.mark.parametrize("later", [
    "second.run_config.environment.docker.enabled = False\n",
    "second.conda_dependencies.add_pip_package('rich')\n",
    "configure(second)\n",
    "print(second)\n",
], ids=["run-config-changed", "conda-read-through", "passed-to-a-function", "read"])
def test_a_config_read_anywhere_but_by_submit_keeps_its_own_environment(later):
    source = IMPORTS + _call("first") + _call("second") + later + "exp.submit(first)\nexp.submit(second)\n"
    assert _fixed(source, unsafe=True).count("Environment('train-env')") == 2


def test_a_config_submitted_by_keyword_or_with_tags_may_share():
    source = (IMPORTS + _call("first") + "exp.submit(config=first, tags={'a': '1'})\n"
              + _call("second") + "exp.submit(second, tags={'b': '2'})\n")
    assert _fixed(source).count("Environment('train-env')") == 1


def test_calls_in_different_statement_lists_keep_their_own_environments():
    source = IMPORTS + _call("first") + "exp.submit(first)\nif longer:\n    " + _call("second") + \
        "    exp.submit(second)\n"
    assert _fixed(source).count("Environment('train-env')") == 2
    both = IMPORTS + "if longer:\n    " + _call("first") + "    exp.submit(first)\n    " + _call("second") + \
        "    exp.submit(second)\n"
    fixed = _fixed(both)
    assert fixed.count("Environment('train-env')") == 1
    assert "    train_environment = Environment('train-env')\n" in fixed


def test_a_safe_and_an_unsafe_rewrite_do_not_share_so_the_safe_one_stays_safe():
    # the string target makes the PyTorch rewrite safe, the cluster variable unsafe (prebuilt image)
    pytorch = ("{name} = PyTorch(source_directory='src', entry_script='train.py', compute_target={target}, "
               "framework_version='1.6')\n")
    source = (IMPORTS + pytorch.format(name="first", target="'gpu-cluster'") + "exp.submit(first)\n"
              + pytorch.format(name="second", target="cluster") + "exp.submit(second)\n")
    trust = {f.span.line: f.fix.applicability for f in check_source(source) if f.code == "AML101"}
    assert sorted(trust.values(), key=str) == [Applicability.SAFE, Applicability.UNSAFE]
    safe_only = _fixed(source)
    assert safe_only.count("Environment('train-env')") == 1 and "second = PyTorch(" in safe_only
    assert _fixed(source, unsafe=True).count("Environment('train-env')") == 2


def test_the_shared_name_is_one_the_module_does_not_use():
    source = (IMPORTS + "train_environment = 'mine'\n" + _call("first") + "exp.submit(first)\n"
              + _call("second") + "exp.submit(second)\nprint(train_environment)\n")
    fixed = _fixed(source)
    assert "train_environment2 = Environment('train-env')" in fixed
    assert fixed.count("environment=train_environment2,") == 2 and "train_environment = 'mine'" in fixed


def test_a_call_that_is_not_assigned_keeps_its_own_environment():
    source = IMPORTS + _call("first") + "exp.submit(first)\nrun = exp.submit(" + _call("x").split(" = ", 1)[1][:-1] + \
        ")\n"
    assert _fixed(source).count("Environment('train-env')") == 2


# -- a notebook: cells run in order, one program ------------------------------------------------
sys.path.insert(0, str(Path(__file__).parent))


def test_a_notebook_shares_one_environment_across_cells_and_submits_the_same_jobs(tmp_path):
    sdk_jobs = pytest.importorskip("sdk_jobs")
    pytest.importorskip("azureml.train.estimator")
    pytorch = ("{name} = PyTorch(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',\n"
               "              framework_version='1.6', pip_packages=['tqdm'], script_params={{'--epochs': {n}}})\n")
    cells = [("code", IMPORTS),
             ("code", pytorch.format(name="short", n=1) + "run = exp.submit(short)\n"),
             ("markdown", "## A longer run\n"),
             ("code", pytorch.format(name="long", n=30) + "run = exp.submit(long)\n")]
    before = notebook(cells)
    after = fix_text(before, "notebook").text
    sources = ["".join(cell["source"]) for cell in json.loads(after)["cells"]]
    assert "train_environment = Environment('train-env')" in sources[1]
    assert "Environment(" not in sources[3] and "environment=train_environment," in sources[3]
    jobs_before = sdk_jobs.jobs_of(program(before), tmp_path / "before")
    jobs_after = sdk_jobs.jobs_of(program(after), tmp_path / "after")
    assert {"short", "long", "submit:1", "submit:2"} <= set(jobs_before) <= set(jobs_after)
    for key in ("short", "long", "submit:1", "submit:2"):
        assert not sdk_jobs.diff_jobs(sdk_jobs.canonical(jobs_before[key], assumptions=False),
                                      sdk_jobs.canonical(jobs_after[key], assumptions=False), key)
    assert fix_text(after, "notebook").text == after


def test_a_group_with_a_suppressed_member_is_not_applied_so_no_name_is_left_undefined():
    source = ("from azureml.train.estimator import Estimator\n" + _call("first").replace("\n", "  # noqa\n")
              + "exp.submit(first)\n"
              + _call("second") + "exp.submit(second)\n")
    result = fix_text(source, "python")
    assert result.text == source and not result.applied
    assert {item.text for item in result.dropped if item.code == "AML101"} == {
        "fix not applied: it goes together with 1 more fix of this group whose findings are suppressed or not "
        "selected; the group is applied whole or not at all"}
