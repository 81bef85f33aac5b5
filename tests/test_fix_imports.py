"""Imports a fix adds land before their first use in the order the program runs, and names
already bound to the same SDK object are reused, in scripts and notebooks, in safe and unsafe
mode. Each fixed program is checked with pyflakes (no new undefined name, no new unused import)
and, where it builds offline, with the real SDK (the same whole jobs, tests/sdk_jobs.py)."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest
from pyflakes import messages
from pyflakes.checker import Checker

from azureml_migrate.engine import check_source
from azureml_migrate.fixer import fix_text

sys.path.insert(0, str(Path(__file__).parent))
from fix_proving import read_cases  # noqa: E402

HERE = Path(__file__).parent
#: pyflakes messages that say a name is used unbound, or an import is unused
_FLAGGED = (messages.UndefinedName, messages.UnusedImport, messages.RedefinedWhileUnused,
            messages.UndefinedLocal)


def flakes(source: str):
    """("undefined" | "unused", name) for each undefined name and unused import pyflakes
    reports (an import redefined while unused is an unused import)."""
    found = set()
    for message in Checker(ast.parse(source), filename="program.py").messages:
        if isinstance(message, _FLAGGED):
            kind = "unused" if isinstance(message, (messages.UnusedImport, messages.RedefinedWhileUnused)) else (
                "undefined")
            found.add((kind, message.message_args[0].rsplit(".", 1)[-1]))
    return found


def notebook(*cells) -> str:
    """A notebook of ("code" | "markdown", source) cells, as Jupyter writes it."""
    written = []
    for kind, source in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        written.append(cell)
    return json.dumps({"cells": written, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def code_cells(text: str):
    return ["".join(cell["source"]) for cell in json.loads(text)["cells"] if cell["cell_type"] == "code"]


_KERNEL_MAGICS = ("%%capture", "%%time")


def kernel_program(text: str) -> str:
    """What the kernel runs: the code cells in order, line magics and shell lines dropped, a
    cell magic's body kept only when it runs in the kernel (``%%writefile`` writes a file)."""
    program = []
    for source in code_cells(text):
        lines = source.splitlines()
        if lines and lines[0].startswith("%%"):
            if not lines[0].startswith(_KERNEL_MAGICS):
                continue
            lines = lines[1:]
        program.extend(line for line in lines if not line.lstrip().startswith(("%", "!")))
    return "\n".join(program) + "\n"


def fixed(text: str, kind: str, unsafe: bool) -> str:
    after = fix_text(text, kind, unsafe=unsafe).text
    assert fix_text(after, kind, unsafe=unsafe).text == after, "a second run changed the file"
    return after


def assert_no_new_flakes(before: str, after: str) -> None:
    new = flakes(after) - flakes(before)
    assert not new, f"the fix left {sorted(new)}:\n{after}"


def assert_same_jobs(before: str, after: str, tmp_path: Path, unsafe: bool) -> None:
    pytest.importorskip("azureml.train.estimator")
    from sdk_jobs import canonical, diff_jobs, jobs_of

    jobs_before = jobs_of(before, tmp_path / "before")
    jobs_after = jobs_of(after, tmp_path / "after")
    assert jobs_before and set(jobs_before) <= set(jobs_after)
    differences = [line for key in sorted(jobs_before) for line in diff_jobs(
        canonical(jobs_before[key], assumptions=unsafe), canonical(jobs_after[key], assumptions=unsafe), key)]
    assert not differences, "\n".join(differences)


def estimator_findings(source: str):
    return [f for f in check_source(source) if f.code.startswith(("AML101", "AML103", "AML104", "AML3"))]


MODES = pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])


# -- scripts ---------------------------------------------------------------------------------
LATE_IMPORT = """\
from azureml.core import Workspace
from azureml.train.estimator import Estimator
ws = Workspace.from_config()
est = Estimator(source_directory='.', entry_script='train.py', compute_target='cpu', pip_packages=['numpy'])
from azureml.core import Dataset
ds = Dataset.get_by_name(ws, 'x')
"""


@MODES
def test_the_issue_script_gets_its_imports_before_the_call(unsafe):
    after = fixed(LATE_IMPORT, "python", unsafe)
    assert not estimator_findings(after)
    assert "from azureml.core import Dataset\nds = " in after  # the late import is left as it was
    lines = after.splitlines()
    call = next(index for index, line in enumerate(lines) if "ScriptRunConfig(" in line and "import" not in line)
    imported = {name.strip() for line in lines[:call] if line.startswith("from ")
                for name in line.split(" import ", 1)[1].split(",")}
    assert {"Environment", "ScriptRunConfig", "CondaDependencies", "DockerConfiguration"} <= imported
    assert_no_new_flakes(LATE_IMPORT, after)


LATE_IMPORT_OFFLINE = """\
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local', pip_packages=['numpy'])
run = exp.submit(est)
from azureml.core import Environment, ScriptRunConfig
from azureml.core.runconfig import DockerConfiguration
later = ScriptRunConfig(source_directory='src', script='train.py', environment=Environment('later'),
                        docker_runtime_config=DockerConfiguration(use_docker=False))
"""


@MODES
def test_a_script_with_late_imports_of_the_same_names_submits_the_same_job(unsafe, tmp_path):
    after = fixed(LATE_IMPORT_OFFLINE, "python", unsafe)
    assert not estimator_findings(after)
    assert after.index("import Environment") < after.index("est_env = Environment(")
    assert_no_new_flakes(LATE_IMPORT_OFFLINE, after)
    assert_same_jobs(LATE_IMPORT_OFFLINE, after, tmp_path, unsafe)


OWN_ENVIRONMENT = """\
import os
from azureml.train.estimator import Estimator

Environment = os.environ.get('STAGE', 'dev')
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local', pip_packages=['numpy'])
run = exp.submit(est, tags={'stage': Environment})
"""


@MODES
def test_a_name_bound_to_something_else_gets_an_alias_and_the_same_job(unsafe, tmp_path):
    after = fixed(OWN_ENVIRONMENT, "python", unsafe)
    assert not estimator_findings(after)
    assert "from azureml.core import Environment as AzureMLEnvironment, ScriptRunConfig\n" in after
    assert "est_env = AzureMLEnvironment('train-env')" in after
    assert "Environment = os.environ.get('STAGE', 'dev')" in after and "'stage': Environment}" in after
    assert_no_new_flakes(OWN_ENVIRONMENT, after)
    assert_same_jobs(OWN_ENVIRONMENT, after, tmp_path, unsafe)


def test_the_alias_hint_says_what_the_fix_writes():
    (finding,) = [f for f in check_source(OWN_ENVIRONMENT) if f.code == "AML101"]
    assert "from azureml.core import Environment as AzureMLEnvironment" in finding.fix.hint()
    assert "AzureMLEnvironment('train-env')" in finding.fix.hint()


def test_an_alias_already_imported_for_the_same_class_is_reused():
    source = OWN_ENVIRONMENT + ("est2 = Estimator(source_directory='src', entry_script='b.py', compute_target='local',"
                                " pip_packages=['scipy'])\n")
    after = fixed(source, "python", unsafe=False)
    assert after.count("import Environment as AzureMLEnvironment") == 1 and "AzureMLEnvironment2" not in after
    assert "est2_env = AzureMLEnvironment('b-env')" in after
    assert_no_new_flakes(source, after)


@pytest.mark.parametrize("binding, alias", [
    ("from azureml.core.runconfig import RunConfiguration as ScriptRunConfig\n", "AzureMLScriptRunConfig"),
    ("from gym.envs import *\nworld = Environment()\n", "AzureMLEnvironment"),  # may come from the star
    ("def Environment():\n    return 1\n", "AzureMLEnvironment"),
    ("for Environment in range(2):\n    pass\n", "AzureMLEnvironment"),
    ("AzureMLEnvironment = 1\nEnvironment = 2\n", "AzureMLEnvironment2"),
])
def test_a_rewrite_aliases_a_name_the_module_binds_otherwise(binding, alias):
    source = binding + ("from azureml.train.estimator import Estimator\n"
                        "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n")
    (finding,) = [f for f in check_source(source) if f.code == "AML101"]
    assert any(item.asname == alias for item in finding.fix.imports)
    after = fixed(source, "python", unsafe=False)
    assert f"{alias}(" in after and not estimator_findings(after)
    assert_no_new_flakes(source, after)


SAME_CLASS_OTHER_PATHS = """\
from azureml.core.runconfig import CondaDependencies
from azureml.core.environment import Environment as Env
from azureml.train.estimator import Estimator
conda = CondaDependencies()
est = Estimator(source_directory='src', entry_script='train.py', compute_target='local', pip_packages=['numpy'])
from azureml.core.environment import Environment
env = Environment('serving')
"""


@MODES
def test_the_same_class_under_another_import_path_is_reused(unsafe, tmp_path):
    after = fixed(SAME_CLASS_OTHER_PATHS, "python", unsafe)
    assert not estimator_findings(after)
    assert "AzureML" not in after
    assert "from azureml.core.conda_dependencies import" not in after  # runconfig's is the same class
    assert after.index("import Environment, ScriptRunConfig") < after.index("est_env = Environment(")
    assert_no_new_flakes(SAME_CLASS_OTHER_PATHS, after)
    assert_same_jobs(SAME_CLASS_OTHER_PATHS + "run = exp.submit(est)\n",
                     fixed(SAME_CLASS_OTHER_PATHS + "run = exp.submit(est)\n", "python", unsafe), tmp_path, unsafe)


IN_A_FUNCTION = """\
import os


def make_estimator():
    from azureml.train.estimator import Estimator
    return Estimator(source_directory='src', entry_script='train.py', compute_target='local')


from azureml.core import Environment
run = exp.submit(make_estimator())
serving = Environment('serving')
"""


@MODES
def test_a_function_that_imports_the_sdk_itself_gets_the_new_imports_beside_its_own(unsafe, tmp_path):
    after = fixed(IN_A_FUNCTION, "python", unsafe)
    assert not estimator_findings(after)
    function = next(node for node in ast.parse(after).body if isinstance(node, ast.FunctionDef))
    leading = [node for node in function.body if isinstance(node, ast.ImportFrom)]
    assert {alias.name for node in leading for alias in node.names} >= {"Environment", "ScriptRunConfig"}
    assert after.count("from azureml.core import Environment\n") == 1  # the module's own, untouched
    assert_no_new_flakes(IN_A_FUNCTION, after)
    assert_same_jobs(IN_A_FUNCTION, after, tmp_path, unsafe)


IN_A_FUNCTION_MODULE_IMPORTS = """\
\"\"\"Submit a training run.\"\"\"
from azureml.train.estimator import Estimator


@staticmethod
def make_estimator():
    return Estimator(source_directory='src', entry_script='train.py', compute_target='local')


run = exp.submit(make_estimator.__func__())
"""


@MODES
def test_a_function_using_module_imports_gets_module_imports_above_it(unsafe, tmp_path):
    after = fixed(IN_A_FUNCTION_MODULE_IMPORTS, "python", unsafe)
    assert not estimator_findings(after)
    tree = ast.parse(after)
    function = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    added = [node for node in tree.body if isinstance(node, ast.ImportFrom) and node.lineno < function.lineno]
    assert {alias.name for node in added for alias in node.names} >= {"Environment", "ScriptRunConfig"}
    assert after.startswith('"""Submit a training run."""\nfrom azureml.core import')
    assert "\n\n\n@staticmethod\ndef make_estimator" in after
    assert_no_new_flakes(IN_A_FUNCTION_MODULE_IMPORTS, after)
    assert_same_jobs(IN_A_FUNCTION_MODULE_IMPORTS, after, tmp_path, unsafe)


def test_a_function_that_binds_the_name_itself_is_left_alone():
    source = ("from azureml.train.estimator import Estimator\n"
              "def submit():\n"
              "    est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n"
              "    from azureml.core import ScriptRunConfig\n"
              "    return est, ScriptRunConfig\n")
    result = fix_text(source, "python", unsafe=True)
    assert "est = Estimator(" in result.text
    assert any("ScriptRunConfig is already bound" in item.text for item in result.manual)


# -- notebooks -------------------------------------------------------------------------------
PIPELINE_NOTEBOOK = notebook(
    ("markdown", "# Use EstimatorStep\nImports come where they are first needed."),
    ("code", "%matplotlib inline\nimport os\nfrom azureml.core import Workspace, Experiment"),
    ("code", "%%writefile $script_folder/train.py\nimport argparse\nfrom azureml.core import Run\n"
             "run = Run.get_context()"),
    ("markdown", "## The estimator"),
    ("code", "from azureml.train.estimator import Estimator\n\n"
             "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local',\n"
             "                pip_packages=['numpy'])"),
    ("code", "run = exp.submit(est)"),
    ("markdown", "## Deploy"),
    ("code", "from azureml.core import Environment, ScriptRunConfig\n"
             "from azureml.core.conda_dependencies import CondaDependencies\n"
             "serving = Environment('serving')"),
)


@MODES
def test_notebook_imports_go_before_the_first_use_never_into_a_later_or_magic_cell(unsafe, tmp_path):
    after = fixed(PIPELINE_NOTEBOOK, "notebook", unsafe)
    before_cells, after_cells = code_cells(PIPELINE_NOTEBOOK), code_cells(after)
    assert not estimator_findings(kernel_program(after))
    assert after_cells[1] == before_cells[1]  # the %%writefile cell writes the same script
    assert after_cells[4] == before_cells[4]  # the later cell keeps its own imports
    assert "Environment, ScriptRunConfig" in after_cells[0]  # joined to the first cell's import
    assert not after_cells[2].startswith("\n")  # the removed import left no blank first line
    assert [cell["cell_type"] for cell in json.loads(after)["cells"]] == [
        cell["cell_type"] for cell in json.loads(PIPELINE_NOTEBOOK)["cells"]]
    assert_no_new_flakes(kernel_program(PIPELINE_NOTEBOOK), kernel_program(after))
    assert_same_jobs(kernel_program(PIPELINE_NOTEBOOK), kernel_program(after), tmp_path, unsafe)


CAPTURE_FIRST = notebook(
    ("code", "%%capture\nfrom azureml.core import Workspace"),
    ("code", "from azureml.train.dnn import PyTorch\n"
             "est = PyTorch(source_directory='src', entry_script='train.py', compute_target='local',\n"
             "              framework_version='1.6', pip_packages=['tqdm'])\n"
             "run = exp.submit(est)"),
    ("markdown", "Between"),
    ("code", "from azureml.core.environment import Environment\nenv = Environment('x')"),
)


@MODES
def test_a_notebook_whose_first_cell_is_a_cell_magic_gets_imports_in_the_using_cell(unsafe, tmp_path):
    after = fixed(CAPTURE_FIRST, "notebook", unsafe)
    cells = code_cells(after)
    assert cells[0] == code_cells(CAPTURE_FIRST)[0] and cells[2] == code_cells(CAPTURE_FIRST)[2]
    assert not estimator_findings(kernel_program(after))
    assert cells[1].index("import Environment") < cells[1].index("est_env = Environment(")
    assert_no_new_flakes(kernel_program(CAPTURE_FIRST), kernel_program(after))
    assert_same_jobs(kernel_program(CAPTURE_FIRST), kernel_program(after), tmp_path, unsafe)


# MachineLearningNotebooks train-hyperparameter-tune-deploy-with-pytorch (2020): the estimator a
# HyperDriveConfig tunes, and Environment imported again from azureml.core.environment to deploy
HYPERDRIVE_NOTEBOOK = notebook(
    ("markdown", "# Train, tune and deploy with PyTorch"),
    ("code", "import azureml\nfrom azureml.core import Workspace\nprint(azureml.core.VERSION)"),
    ("code", "%%writefile $project_folder/pytorch_train.py\nimport torch\nfrom azureml.core.run import Run\n"
             "run = Run.get_context()"),
    ("code", "from azureml.train.dnn import PyTorch\n\n"
             "estimator = PyTorch(source_directory='src',\n"
             "                    script_params={'--num_epochs': 30, '--output_dir': './outputs'},\n"
             "                    compute_target=cluster,\n"
             "                    entry_script='train.py',\n"
             "                    use_gpu=True,\n"
             "                    pip_packages=['pillow==5.4.1'])"),
    ("code", "run = exp.submit(estimator)"),
    ("code", "from azureml.train.hyperdrive import RandomParameterSampling, BanditPolicy, HyperDriveConfig, uniform, "
             "PrimaryMetricGoal\n\n"
             "param_sampling = RandomParameterSampling({'learning_rate': uniform(0.0005, 0.005),\n"
             "                                          'momentum': uniform(0.9, 0.99)})\n"
             "early_termination_policy = BanditPolicy(slack_factor=0.15, evaluation_interval=1, delay_evaluation=10)\n"
             "hyperdrive_config = HyperDriveConfig(estimator=estimator,\n"
             "                                     hyperparameter_sampling=param_sampling,\n"
             "                                     policy=early_termination_policy,\n"
             "                                     primary_metric_name='best_val_acc',\n"
             "                                     primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,\n"
             "                                     max_total_runs=8,\n"
             "                                     max_concurrent_runs=4)"),
    ("code", "hyperdrive_run = exp.submit(hyperdrive_config)"),
    ("markdown", "## Deploy"),
    ("code", "from azureml.core.conda_dependencies import CondaDependencies\n\n"
             "myenv = CondaDependencies.create(pip_packages=['azureml-defaults', 'torch'])"),
    ("code", "from azureml.core.environment import Environment\n\n"
             "serving = Environment('pytorch-inference')\nserving.python.conda_dependencies = myenv"),
)


@MODES
def test_an_environment_imported_later_from_another_path_does_not_stop_the_rewrite(unsafe, tmp_path):
    after = fixed(HYPERDRIVE_NOTEBOOK, "notebook", unsafe)
    before_cells, cells = code_cells(HYPERDRIVE_NOTEBOOK), code_cells(after)
    assert not estimator_findings(kernel_program(after))
    assert "HyperDriveConfig(run_config=estimator," in cells[4]
    assert cells[1] == before_cells[1] and cells[-2:] == before_cells[-2:]
    assert "Environment, ScriptRunConfig" in cells[0] and "AzureML" not in after
    assert_no_new_flakes(kernel_program(HYPERDRIVE_NOTEBOOK), kernel_program(after))
    assert_same_jobs(kernel_program(HYPERDRIVE_NOTEBOOK), kernel_program(after), tmp_path, unsafe)


def test_a_writefile_script_that_needs_an_import_gets_it_below_its_magic_line():
    text = notebook(
        ("code", "from azureml.core import Workspace"),
        ("code", "%%writefile submit.py\nfrom azureml.train.estimator import Estimator\n"
                 "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')"),
    )
    cells = code_cells(fixed(text, "notebook", unsafe=False))
    assert cells[0] == "from azureml.core import Workspace"
    assert cells[1].startswith("%%writefile submit.py\nfrom azureml.core import")
    script = cells[1].split("\n", 1)[1]
    assert not estimator_findings(script) and not {kind for kind, _ in flakes(script)} & {"undefined"}


def test_a_cell_whose_removed_import_was_its_first_line_starts_with_code():
    text = notebook(("code", "from azureml.core import Workspace\nworkspace_name = 'ml'"),
                    ("code", "from azureml.train.estimator import Estimator\n\n\n"
                             "est = Estimator(source_directory='src', entry_script='train.py', "
                             "compute_target='local')"))
    cells = code_cells(fixed(text, "notebook", unsafe=False))
    assert cells[0].startswith("from azureml.core import Workspace, ")
    assert cells[1].startswith("est_env = ")


# -- whole modules ---------------------------------------------------------------------------
@MODES
@pytest.mark.parametrize("path", ["fix_proof/estimators.py", "realistic/estimator_calls.py"])
def test_a_whole_module_of_cases_gets_no_new_undefined_name_or_unused_import(path, unsafe):
    source = (HERE / path).read_text(encoding="utf-8")
    after = fixed(source, "python", unsafe)
    assert after != source
    assert_no_new_flakes(source, after)


def test_the_case_files_still_read_as_cases():
    assert len(read_cases(HERE / "fix_proof" / "estimators.py")) > 20


# -- an import a later import of the same name replaces ---------------------------------------
def _deprecated_import_fixes(source: str):
    return [f for f in check_source(source) if f.code == "AML102" and f.fix is not None]


def test_an_import_nothing_reads_before_the_name_is_imported_again_is_deleted():
    source = ("from azureml.train.estimator import Estimator\n"
              "x = 1\n"
              "from azureml.train.estimator import Estimator\n"
              "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n"
              "print(Estimator)\n")
    (finding,) = _deprecated_import_fixes(source)
    assert finding.span.line == 1
    after = fix_text(source, "python").text
    assert after.count("from azureml.train.estimator import Estimator\n") == 1
    assert "x = 1\nfrom azureml.train.estimator import Estimator\n" in after  # the one print reads
    assert_no_new_flakes(source, after)


@pytest.mark.parametrize("reader", [
    "x = Estimator\n",                              # read before the second import
    "def later():\n    return Estimator\n",          # a function may run while either holds
    "for i in range(2):\n    y = Estimator\n",       # read in a loop, before the second import
])
def test_an_import_read_before_its_name_is_imported_again_is_kept(reader):
    source = ("from azureml.train.estimator import Estimator\n" + reader +
              "from azureml.train.estimator import Estimator\n"
              "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n")
    assert not _deprecated_import_fixes(source)


@pytest.mark.parametrize("function_first", [True, False])
def test_a_function_defined_after_the_name_is_imported_again_cannot_read_the_first_import(function_first):
    function = "def later():\n    return Estimator\n"
    source = ((function if function_first else "") + "from azureml.train.estimator import Estimator\n"
              "x = 1\n"
              "from azureml.train.estimator import Estimator\n" + ("" if function_first else function) +
              "est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n")
    first_import = 3 if function_first else 1
    fixes = [finding.span.line for finding in _deprecated_import_fixes(source)]
    assert fixes == ([] if function_first else [first_import])


def test_an_import_in_a_loop_is_kept():
    source = ("for stage in range(2):\n"
              "    from azureml.train.estimator import Estimator\n"
              "    from azureml.train.estimator import Estimator\n"
              "    est = Estimator(source_directory='src', entry_script='train.py', compute_target='local')\n")
    assert not _deprecated_import_fixes(source)


# -- import lines laid out to the project's line length ---------------------------------------
_ESTIMATOR = ("est = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',\n"
              "                pip_packages=['tqdm'])\n")


def _fix(source: str, line_length: int, kind: str = "python") -> str:
    from azureml_migrate.rules import Options

    return fix_text(source, kind, Options(line_length=line_length)).text


def test_a_joined_import_line_past_the_line_length_is_wrapped_as_black_wraps_it():
    source = ("from azureml.core import Experiment, Workspace, Dataset  # the workspace\n"
              "from azureml.train.estimator import Estimator\n" + _ESTIMATOR)
    fixed = _fix(source, 60)
    assert fixed.startswith("from azureml.core import (\n    Experiment,\n    Workspace,\n    Dataset,\n"
                            "    Environment,\n    ScriptRunConfig,\n)  # the workspace\n")
    assert max(len(line) for line in fixed.splitlines() if line.startswith(("from", "    ", ")"))) <= 60
    assert not flakes(fixed) - flakes(source)
    assert _fix(fixed, 60) == fixed
    # wide enough: one line, as before
    assert _fix(source, 120).startswith("from azureml.core import Experiment, Workspace, Dataset, Environment, "
                                        "ScriptRunConfig  # the workspace\n")


def test_a_new_import_line_past_the_line_length_is_wrapped_and_one_that_fits_is_not():
    source = "import os\nfrom azureml.train.estimator import Estimator\n" + _ESTIMATOR
    fixed = _fix(source, 50)
    assert "from azureml.core import Environment, ScriptRunConfig\n" not in fixed
    assert "from azureml.core import (\n    Environment,\n    ScriptRunConfig,\n)\n" in fixed
    assert "from azureml.core.runconfig import (\n    DockerConfiguration,\n)\n" in fixed
    assert "from azureml.core import Environment, ScriptRunConfig\n" in _fix(source, 88)


def test_an_import_line_the_fix_did_not_change_stays_as_written():
    long_line = "from azureml.core import Experiment, Workspace, Dataset, Datastore, ComputeTarget, Model\n"
    source = long_line + "from azureml.train.estimator import Estimator\nfrom azureml.core import Run\n" + _ESTIMATOR
    fixed = _fix(source, 70)
    # the fix joins its names to the last azureml.core import before the use, which fits; the
    # first is longer than 70 characters, and stays as the user wrote it
    assert fixed.startswith(long_line)
    assert "\nfrom azureml.core import Run, Environment, ScriptRunConfig\n" in fixed


def test_a_notebook_cells_import_line_is_wrapped_too():
    cells = ["from azureml.core import Experiment, Workspace, Dataset\n"
             "from azureml.train.estimator import Estimator\n", _ESTIMATOR]
    notebook = json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                      "source": source.splitlines(keepends=True)} for source in cells],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    fixed = _fix(notebook, 60, "notebook")
    first = "".join(json.loads(fixed)["cells"][0]["source"])
    assert first.startswith("from azureml.core import (\n    Experiment,\n")
    assert _fix(fixed, 60, "notebook") == fixed
