"""``azureml-migrate fix`` keeps whole programs working, in safe and in unsafe mode (issue 16).

Every Python and notebook file under ``examples/`` and every program of
``tests/program_corpus/`` (realistic programs shaped like public Azure ML code, each naming the
source it imitates) is fixed on a temporary copy with the real console script and run offline
with the real SDK before and after (``tests/whole_programs.py``): no new exception, the same
whole jobs submitted, no new undefined name or unused import, and a second fix changes nothing.

The same programs are fixed with ``--target v2`` too (issue 17): each ends v2-rewritten and
proven by the same four checks, its azure-ai-ml part replayed with the real azure-ai-ml in its
own environment (the rule for programs left with v1 parts is in ``tests/whole_programs.py``),
and a v1 submission left has findings that say why.

Every defect issue 16 lists has a case here; none is marked as expected to fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.estimator")
pytest.importorskip("azureml.pipeline.steps")

sys.path.insert(0, str(Path(__file__).parent))
from whole_programs import (MODES, compare, materialize, original_outcome, prove, prove_v2,  # noqa: E402
                            raise_for_offline, run_program, with_v2_jobs)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).resolve().parent / "program_corpus"


def _examples():
    return sorted(str(path.relative_to(ROOT)) for path in EXAMPLES.rglob("*")
                  if path.suffix in (".py", ".ipynb") and path.is_file())


def _corpus():
    return sorted(path.name for path in CORPUS.iterdir() if path.suffix in (".py", ".nbpy"))


PROGRAMS = _examples() + _corpus()


def _cases():
    for name in PROGRAMS:
        for mode in MODES:
            yield pytest.param(name, mode, id=f"{name}-{mode}")


_ORIGINALS: dict = {}


def _program(name: str, tmp_path: Path):
    """The program as a user has it, the project folder it runs in, and its original outcome."""
    if name.startswith("examples/"):
        path, project = ROOT / name, EXAMPLES / Path(name).parts[1]
    else:
        path, project = materialize(CORPUS / name, tmp_path / "program"), None
    if name not in _ORIGINALS:
        _ORIGINALS[name] = original_outcome(path, tmp_path / "before", project)
    return path, project, _ORIGINALS[name]


def test_the_corpus_is_large_enough_and_names_its_sources():
    assert len(_corpus()) >= 30
    for name in _corpus():
        first = (CORPUS / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Imitates: ") and len(first) > 30, f"{name} does not name its public source"


@pytest.mark.slow  # about 2 minutes on one core
@pytest.mark.parametrize("name,mode", list(_cases()))
def test_fix_keeps_the_program_working(name, mode, tmp_path):
    path, project, before = _program(name, tmp_path)
    if not name.startswith("examples/"):
        raise_for_offline(before, name)
        assert before.error is None, f"{name}: the corpus program itself fails: {before.error}"
        assert before.jobs, f"{name}: the corpus program submits nothing, so it proves nothing"
    proof = prove(path, mode, tmp_path, before, project)
    print(f"{name} [{mode}]: {proof.fixed} fixed, {proof.unsafe} unsafe not applied, {proof.manual} manual; "
          f"{proof.jobs} submission(s) compared")
    assert not proof.problems, f"{name} [{mode}]:\n  " + "\n  ".join(proof.problems)


@pytest.mark.slow  # about 3 minutes on one core
@pytest.mark.parametrize("name,mode", list(_cases()))
def test_fix_target_v2_rewrites_and_proves_the_program_or_says_why_not(name, mode, tmp_path):
    """Every program ends v2-rewritten and proven (the four checks, its azure-ai-ml part run
    by the real azure-ai-ml), and a v1 submission it still makes has findings left that say
    why (manual; in safe mode an unsafe fix held back, with its assumption, counts too)."""
    path, project, before = _program(name, tmp_path)
    proof = prove_v2(path, mode, tmp_path, before, project)
    print(f"{name} [v2 {mode}]: changed {proof.changed}, wholly v2 {proof.wholly_v2}, "
          f"{proof.v2_submissions} v2 submission(s), {len(proof.manual_reasons)} manual")
    assert not proof.problems, f"{name} [v2 {mode}]:\n  " + "\n  ".join(proof.problems)
    if proof.v1_submissions:
        assert proof.manual_reasons or mode == "safe" and proof.remaining, \
            f"{name} [v2 {mode}]: {proof.v1_submissions} v1 submission(s) left and no finding says why"


# --------------------------------------------------------------------------- the harness can fail

_PROGRAM = """\
from azureml.core import Workspace, Experiment
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster',
                pip_packages=['numpy'])
run = Experiment(ws, 'harness').submit(est)
run.wait_for_completion(show_output=True)
"""


def _fixed() -> str:
    from azureml_migrate.fixer import fix_text

    fixed = fix_text(_PROGRAM, "python", unsafe=True).text
    assert "ScriptRunConfig(" in fixed and "Estimator(" not in fixed
    return fixed


def _problems(fixed: str, tmp_path: Path):
    before = run_program(_PROGRAM, "python", tmp_path / "before")
    after = run_program(fixed, "python", tmp_path / "after")
    return compare(_PROGRAM, fixed, "python", "unsafe", before, after)


def test_the_harness_accepts_the_real_fix(tmp_path):
    assert _problems(_fixed(), tmp_path) == []


def test_the_harness_sees_a_changed_job(tmp_path):
    changed = _fixed().replace("'numpy'", "'numpy', 'pandas'")
    assert any("pip" in line or "dependencies" in line for line in _problems(changed, tmp_path))


def test_the_harness_sees_a_missing_submission(tmp_path):
    dropped = _fixed().replace("run = Experiment(ws, 'harness').submit(est)\n", "run = None\n")
    assert any(line.startswith("submissions differ") for line in _problems(dropped, tmp_path))


def test_the_harness_sees_a_new_failure_and_a_new_undefined_name(tmp_path):
    broken = _fixed().replace("est = ScriptRunConfig(", "est = ScriptRunConfigs(")
    problems = _problems(broken, tmp_path)
    assert any("NameError" in line for line in problems)
    assert any("UndefinedName 'ScriptRunConfigs'" in line for line in problems)


def test_the_harness_sees_a_new_unused_import(tmp_path):
    unused = "from azureml.core import Dataset\n" + _fixed()
    assert any("UnusedImport" in line for line in _problems(unused, tmp_path))


def test_the_harness_sees_a_program_a_second_fix_changes(tmp_path):
    assert "a second fix changes the program" in _problems(_PROGRAM, tmp_path)


def test_the_harness_keeps_the_network_out(tmp_path):
    reaching = _PROGRAM + "import socket\nsocket.create_connection(('example.invalid', 443))\n"
    outcome = run_program(reaching, "python", tmp_path / "run")
    assert outcome.error and outcome.error[1].startswith("OfflineViolation")
    assert len(outcome.jobs) == 1


def _v2_problems(fixed: str, tmp_path: Path):
    before = run_program(_PROGRAM, "python", tmp_path / "before")
    after = with_v2_jobs(run_program(fixed, "python", tmp_path / "after", v2=True))
    # compare's last check fixes again for the ScriptRunConfig target: not this program's target
    return [line for line in compare(_PROGRAM, fixed, "python", "unsafe", before, after)
            if line != "a second fix changes the program"]


def _fixed_v2(tmp_path: Path) -> str:
    from whole_programs import fix_with_console_script

    copy = tmp_path / "fix" / "job.py"
    copy.parent.mkdir(parents=True)
    copy.write_text(_PROGRAM)
    fix_with_console_script(copy, "unsafe", "--target", "v2")
    fixed = copy.read_text()
    assert "command(" in fixed and "from azureml.core import Workspace" not in fixed, fixed
    return fixed


@pytest.fixture(scope="module")
def v2_fixed(tmp_path_factory):
    return _fixed_v2(tmp_path_factory.mktemp("v2"))


def _job_lines(problems):
    return [line for line in problems if not line.startswith(("a second fix", "pyflakes"))]


def test_the_v2_harness_accepts_the_real_fix_and_replays_it_in_azure_ai_ml(v2_fixed, tmp_path):
    after = with_v2_jobs(run_program(v2_fixed, "python", tmp_path / "after", v2=True))
    assert after.error is None, after.error
    [(what, experiment, job)] = after.jobs
    assert (what, experiment) == ("v2", "harness") and job["properties"]["jobType"] == "Command"
    assert _job_lines(_v2_problems(v2_fixed, tmp_path)) == []


def test_the_v2_harness_sees_a_changed_v2_job(v2_fixed, tmp_path):
    changed = v2_fixed.replace("'numpy'", "'numpy', 'pandas'")
    assert changed != v2_fixed
    assert any("conda" in line for line in _job_lines(_v2_problems(changed, tmp_path)))


def test_the_v2_harness_sees_a_v2_job_that_is_not_submitted(v2_fixed, tmp_path):
    dropped = "\n".join(line for line in v2_fixed.splitlines() if "create_or_update" not in line) + "\n"
    assert any(line.startswith("submissions differ") for line in _v2_problems(dropped, tmp_path))


def test_the_v2_harness_sees_a_stream_that_is_lost(v2_fixed, tmp_path):
    assert "ml_client.jobs.stream(run.name)\n" in v2_fixed
    lost = v2_fixed.replace("ml_client.jobs.stream(run.name)\n", "")
    assert any(line.startswith("the logs followed differ") for line in _v2_problems(lost, tmp_path))


def test_the_v2_harness_refuses_a_v1_object_in_a_v2_job(v2_fixed, tmp_path):
    crossing = v2_fixed.replace("compute='cpu-cluster'", "compute=ws.compute_targets['cpu-cluster']")
    crossing = "from azureml.core import Workspace\nws = Workspace.from_config()\n" + crossing
    assert crossing.count("ws.compute_targets") == 1
    problems = _v2_problems(crossing, tmp_path)
    assert any("BoundaryError" in line and "AmlCompute" in line for line in problems), problems
    plain = crossing.replace("compute=ws.compute_targets['cpu-cluster']",
                             "compute=ws.compute_targets['cpu-cluster'].name")
    assert _job_lines(_v2_problems(plain, tmp_path)) == []


def test_the_v2_harness_sees_a_job_azure_ai_ml_refuses(v2_fixed, tmp_path):
    import re

    refused = re.sub(r"Environment\(image='[^']*', ", "Environment(", v2_fixed)  # neither image nor build
    assert refused != v2_fixed
    problems = _v2_problems(refused, tmp_path)
    assert any("azure-ai-ml replay" in line for line in problems), problems


def test_notebook_cells_run_as_ipython_runs_them(tmp_path):
    from whole_programs import notebook_from_percent

    notebook = notebook_from_percent(
        "# header\n# %%\n%pip install numpy\nimport os\nfolder = 'scripts'\nos.makedirs(folder, exist_ok=True)\n"
        "# %% [markdown]\n# text\n# %%\n%%writefile $folder/train.py\nprint('hi')\n"
        "# %%\n    from azureml.core import Workspace, Experiment, ScriptRunConfig\n"
        "    ws = Workspace.from_config()\n"
        "# %%\nsrc = ScriptRunConfig(source_directory=folder, script='train.py', compute_target='cpu-cluster')\n"
        "!ls\nrun = Experiment(ws, 'nb').submit(src)\n")
    outcome = run_program(notebook, "notebook", tmp_path / "run")
    assert outcome.error is None, outcome.error
    assert (tmp_path / "run" / "scripts" / "train.py").read_text() == "print('hi')"
    assert [(what, experiment) for what, experiment, _ in outcome.jobs] == [("script_run_config", "nb")]


# --------------------------------------------------------------------------- what the programs ship beside them

DOCKERFILE = CORPUS / "docker" / "Dockerfile"
SHELLS = ("/bin/bash", "/bin/sh", "bash", "sh")


def _exec_form_shell_commands(text: str):
    """The command strings of ``RUN ["/bin/bash", "-c", "..."]`` lines."""
    import json

    for line in text.splitlines():
        if line.startswith("RUN [") and line.rstrip().endswith("]"):
            words = json.loads(line[len("RUN "):])
            if len(words) == 3 and words[0] in SHELLS and words[1] == "-c":
                yield words[2]


def _pip_arguments(command: str, folder: Path):
    """What ``pip`` receives when bash runs ``command`` (pip, conda and source are recorders)."""
    import shutil
    import subprocess

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed: the Dockerfile's shell cannot be run")
    folder.mkdir(parents=True)
    recorders = "pip() { printf '%s\\n' \"$@\"; }; conda() { :; }; source() { :; }; "
    done = subprocess.run([bash, "-c", recorders + command], cwd=folder, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines(), sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("mode", ["safe", "unsafe"])
def test_a_fixed_dockerfile_installs_what_it_says(mode, tmp_path):
    from whole_programs import fix_with_console_script

    copy = tmp_path / "image" / "Dockerfile"
    copy.parent.mkdir()
    copy.write_text(DOCKERFILE.read_text(encoding="utf-8"), encoding="utf-8")
    fix_with_console_script(copy, mode)
    fixed = copy.read_text(encoding="utf-8")
    assert list(_exec_form_shell_commands(fixed)), "the Dockerfile lost its exec-form RUN lines"
    for number, command in enumerate(_exec_form_shell_commands(fixed)):
        received, created = _pip_arguments(command, tmp_path / f"run{number}")
        assert created == [], f"{command!r} created {created}: the shell read part of a requirement as a redirection"
        for argument in received:
            if argument.startswith("azureml-") and argument not in ("azureml-defaults",):
                assert any(op in argument for op in ("==", ">=", "~=")), \
                    f"pip received {argument!r} without its version constraint from {command!r}"


def _notebook_cases():
    for name in PROGRAMS:
        if name.endswith((".nbpy", ".ipynb")):
            for mode in MODES:
                yield pytest.param(name, mode, id=f"{name}-{mode}")


@pytest.mark.parametrize("name,mode", list(_notebook_cases()))
def test_no_code_cell_gains_a_blank_first_line(name, mode, tmp_path):
    import json

    from azureml_migrate.fixer import fix_text

    path = ROOT / name if name.startswith("examples/") else materialize(CORPUS / name, tmp_path)
    original = path.read_text(encoding="utf-8")
    fixed = fix_text(original, "notebook", unsafe=mode == "unsafe").text

    def first_lines(text):
        return ["".join(cell["source"]).split("\n")[0] for cell in json.loads(text)["cells"]
                if cell["cell_type"] == "code"]

    gained = [index for index, (before, after) in enumerate(zip(first_lines(original), first_lines(fixed)))
              if before.strip() and not after.strip()]
    assert not gained, f"{name} [{mode}]: code cells {gained} now start with a blank line"


def test_a_library_that_is_not_installed_is_a_stand_in_with_a_version(tmp_path):
    """danielsc/azureml-workshop-2019's notebooks print ``sklearn.__version__`` before anything else."""
    program = "import offline_absent_library as lib\nprint(lib.__version__)\nlib.plot(1)\n"
    outcome = run_program(program, "python", tmp_path)
    assert outcome.error is None and outcome.stood_in == ["offline_absent_library"], outcome
