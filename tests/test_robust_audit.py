"""The real ``azureml-migrate audit`` command on one repository full of hostile files.

The readers' own tests (test_audit_kinds*.py) cover each kind file by file; this runs the
installed command end to end, serially and on all cores, over everything at once — every hostile
Python module, notebooks and manifests the readers' tests do not build (huge outputs, unknown
cell types, integers too long for ``int()``, nesting bombs), payloads that would leave a marker
if executed, FIFOs, links, unreadable files, and a hostile pyproject.toml at the root where the
command looks for its configuration.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest

from azureml_migrate.audit.formats.ci_annotations import azure_property, github_property

from tests import unprivileged
from tests.hostile import (
    CHECKABLE_PYTHON,
    LEGACY_CODE,
    LEGACY_CODES,
    add_hostile_links,
    booby_trapped_git_repository,
    executable_payload,
    make_too_long_path,
    make_unreadable,
    nested,
    python_files,
    restore_readable,
    shadowing_packages,
    snapshot,
    write_files,
)

TOO_LONG_INTEGER = "9" * 5000  # valid JSON/TOML; int() refuses more than 4,300 digits since 3.11


def code_cell(source, cell_type="code", **extra):
    return {"cell_type": cell_type, "metadata": {}, "source": source, "outputs": [], "execution_count": None,
            **extra}


def notebook(cells, **extra) -> bytes:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5, **extra}).encode()


def hostile_repository(marker: Path):
    """(files, what each must give): a list of codes, or "error" for a clear per-file error."""
    files = dict(python_files())
    expected = {name: LEGACY_CODES for name in CHECKABLE_PYTHON}
    expected.update({name: "error" for name in set(files) - set(CHECKABLE_PYTHON)
                     - {"empty.py", "bom_only.py", "whitespace_only.py"}})
    expected.update({"empty.py": [], "bom_only.py": [], "whitespace_only.py": []})
    payload = executable_payload(marker)
    huge_output = {"output_type": "stream", "name": "stdout", "text": ["x" * 1000 + "\n"] * 20_000}
    files.update({
        "deep_2900.py": (LEGACY_CODE + "x = " + nested("binary", 2900) + "\n").encode(),
        "payload.py": (payload + LEGACY_CODE).encode(),
        "conftest.py": payload.encode(),
        "sub dir/setup.py": (payload + "from setuptools import setup\n"
                             "setup(install_requires=['azureml-core==1.0.85'])\n").encode(),
        "notebooks/huge_outputs.ipynb": notebook([code_cell(LEGACY_CODE, outputs=[huge_output])]),
        "notebooks/unknown_cell_types.ipynb": notebook([code_cell(LEGACY_CODE, "weird"), code_cell(LEGACY_CODE, None),
                                                        {"source": LEGACY_CODE}, 7, code_cell(LEGACY_CODE)]),
        "notebooks/no_cells.ipynb": json.dumps({"nbformat": 4, "metadata": {"azureml": True}}).encode(),
        "notebooks/not_json.ipynb": b"azureml \x00\xff{",
        "notebooks/payload.ipynb": notebook([code_cell(payload + LEGACY_CODE)]),
        "notebooks/cell_magics.ipynb": notebook([code_cell("%%writefile x.py\n" + LEGACY_CODE),
                                                 code_cell("%%bash\npip install azureml-core==1.0.85\n"),
                                                 code_cell(["%%time\n", *LEGACY_CODE.splitlines(keepends=True)])]),
        "notebooks/long_integer.ipynb": (b'{"cells": [{"cell_type": "code", "source": "import azureml", '
                                         b'"execution_count": ' + TOO_LONG_INTEGER.encode() + b'}], "nbformat": 4}'),
        "notebooks/nbformat3.ipynb": json.dumps({"nbformat": 3, "worksheets": [None, "sheet", {"cells": [
            5, {"cell_type": "code", "input": None},
            {"cell_type": "code", "input": LEGACY_CODE.splitlines(keepends=True)}]}]}).encode(),
        "notebooks/json_bomb.ipynb": b'{"azureml": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "env/environment.yml": (f"dependencies:\n  - !!python/object/apply:os.system ['touch {marker}']\n"
                                "  - azureml-core==1.0.85\n").encode(),
        "env_bomb/environment.yml": b"a: &a [azureml, azureml]\n" + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
            for i in range(20)) + b"dependencies:\n  - azureml-core==1.0.85\n",
        "toml_long_integer/pyproject.toml": (f"[project]\nversion = {TOO_LONG_INTEGER}\n"
                                             "dependencies = ['azureml-core==1.0.85']\n").encode(),
        "toml_deep/pyproject.toml": b"[project]\ndependencies = ['azureml-core==1.0.85', " + b"[" * 50_000
                                    + b"]" * 50_000 + b"]\n",
        "cfg/setup.cfg": (b"[options]\ninstall_requires =\n    azureml-core==1.0.85 %(undefined)s\n"
                          b"    azureml-sdk==1.0\n"),
        "requirements/requirements.txt": (b"-r requirements.txt\n-c requirements.txt\n-e .\n"
                                          b"-e git+https://example.invalid/x.git#egg=azureml-core\n"
                                          b"azureml-core @ https://example.invalid/azureml_core-1.0-py3-none-any.whl\n"
                                          b"--index-url https://example.invalid\n"
                                          + "\u2603 garbage ]]] ;;; == @ \x1b[31m\n".encode()
                                          + b"a" * 2_000_000 + b"\nazureml-core==1.0.85\n"),
        "requirements/latin1/requirements.txt": b"caf\xe9\nazureml-core==1.0.85\n",
    })
    expected.update({
        "deep_2900.py": LEGACY_CODES, "payload.py": LEGACY_CODES, "conftest.py": [],
        "sub dir/setup.py": ["AML401"],
        "notebooks/huge_outputs.ipynb": LEGACY_CODES, "notebooks/unknown_cell_types.ipynb": LEGACY_CODES,
        "notebooks/no_cells.ipynb": "error", "notebooks/not_json.ipynb": "error",
        "notebooks/payload.ipynb": LEGACY_CODES, "notebooks/long_integer.ipynb": "error",
        "notebooks/json_bomb.ipynb": "error", "env/environment.yml": ["AML401"],
        "notebooks/nbformat3.ipynb": LEGACY_CODES,
        "toml_long_integer/pyproject.toml": "error", "toml_deep/pyproject.toml": "error",
        "cfg/setup.cfg": ["AML401"], "requirements/requirements.txt": ["AML401"],
        "requirements/latin1/requirements.txt": "error",
    })
    return files, expected


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile audit trée")
    outside_dir = tmp_path_factory.mktemp("outside")
    outside = outside_dir / "elsewhere.py"
    outside.write_text(LEGACY_CODE, encoding="utf-8")
    marker = outside_dir / "executed-marker"
    files, expected = hostile_repository(marker)
    files["pyproject.toml"] = f"[project]\nname = 'x'\nversion = {TOO_LONG_INTEGER}\n".encode()
    write_files(root, files)
    add_hostile_links(root, outside)
    os.mkfifo(root / "fifo.py")
    os.mkfifo(root / "requirements.txt")
    (root / "notebook_dir.ipynb").mkdir()
    unreadable = root / "unreadable.py"
    unreadable.write_text(LEGACY_CODE, encoding="utf-8")
    permission_enforced = make_unreadable(unreadable)
    before = snapshot(root)
    runs = {}
    for jobs in ("1", "2"):
        report = outside_dir / f"report-{jobs}.json"
        result = subprocess.run(
            [sys.executable, "-m", "azureml_migrate.cli", "audit", "--format=json", f"--jobs={jobs}", "--output",
             str(report), "."], cwd=root, capture_output=True, text=True, check=False, timeout=600)
        runs[jobs] = (result, json.loads(report.read_text(encoding="utf-8")) if report.exists() else None)
    after = snapshot(root)
    restore_readable(unreadable)
    return dict(runs=runs, expected=expected, before=before, after=after, marker=marker,
                permission_enforced=permission_enforced)


def outcome(document):
    found = defaultdict(list)
    for finding in document["findings"]:
        found[finding["path"]].append(finding["code"])
    errors = {error["path"]: error["message"] for error in document["errors"]}
    return found, errors


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_run_completes_without_a_traceback(audited, jobs):
    result, document = audited["runs"][jobs]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert document is not None
    assert not [message for message in outcome(document)[1].values() if "internal error" in message]


def test_serial_and_parallel_runs_report_the_same(audited):
    assert audited["runs"]["1"][1]["findings"] == audited["runs"]["2"][1]["findings"]
    assert audited["runs"]["1"][1]["errors"] == audited["runs"]["2"][1]["errors"]


def test_every_file_gives_its_findings_or_one_clear_error(audited):
    found, errors = outcome(audited["runs"]["2"][1])
    wrong = {}
    for path, want in audited["expected"].items():
        if want == "error":
            if path not in errors or found.get(path):
                wrong[path] = (found.get(path), errors.get(path))
        elif sorted(found.get(path, [])) != sorted(want) or path in errors:
            wrong[path] = (found.get(path), errors.get(path), want)
    assert wrong == {}


def test_links_fifos_and_directories_are_never_followed_nor_read(audited):
    """A FIFO would block a reader for ever; a link out of the tree is someone else's code."""
    found, errors = outcome(audited["runs"]["2"][1])
    reported = set(found) | set(errors)
    for name in ("fifo.py", "requirements.txt", "notebook_dir.ipynb", "outside.py", "loop_a.py", "loop_b.py"):
        assert name not in found, name
    assert not [path for path in reported if path.startswith("linked_dir/")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unreadable_file_is_a_clear_error(audited, jobs):
    if audited["permission_enforced"]:
        assert "unreadable.py" in outcome(audited["runs"][jobs][1])[1]
        return
    if unprivileged.REASON is not None:  # root reads every file: only another user can prove this
        pytest.skip(f"running as root, no other user to run as: {unprivileged.REASON}")
    with unprivileged.directory(owned=True) as root:
        for name, mode in (("legacy.py", 0o644), ("unreadable.py", 0)):
            (root / name).write_text(LEGACY_CODE, encoding="utf-8")
            (root / name).chmod(mode)
        result = unprivileged.run([sys.executable, "-m", "azureml_migrate.cli", "audit", "--format=json",
                                   f"--jobs={jobs}", "."], root)
        document = json.loads(result.stdout)
    assert "Traceback" not in result.stderr, result.stderr
    found, errors = outcome(document)
    assert "unreadable.py" in errors and "unreadable.py" not in found, document
    assert sorted(found["legacy.py"]) == sorted(LEGACY_CODES), document


def test_the_tree_is_unchanged_and_nothing_was_executed(audited):
    assert audited["after"] == audited["before"]
    assert not audited["marker"].exists()


# -- entry points: nothing the audited tree configures or contains runs -------------------------
CONSOLE_SCRIPT = str(Path(sys.executable).with_name("azureml-migrate"))
ENTRY_POINTS = {
    "console script": [CONSOLE_SCRIPT],
    "python -m": [sys.executable, "-m", "azureml_migrate.cli"],
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run_audit(entry, *arguments, cwd, env=None, timeout=120):
    """The real command; (completed process, JSON report or None)."""
    report = Path(cwd).parent / f"report-{os.getpid()}.json"
    report.unlink(missing_ok=True)
    result = subprocess.run([*ENTRY_POINTS[entry], "audit", "--format=json", "--output", str(report), *arguments],
                            cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout,
                            env={**os.environ, **(env or {})})
    return result, (json.loads(report.read_text(encoding="utf-8")) if report.exists() else None)


def legacy_repository(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "train.py").write_text(LEGACY_CODE, encoding="utf-8")
    return root, tmp_path / "executed-marker"


@needs_git
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_hostile_git_config_runs_nothing(tmp_path, entry):
    root, marker = legacy_repository(tmp_path)
    booby_trapped_git_repository(root, marker)
    result, document = run_audit(entry, ".", cwd=root)
    assert result.returncode == 1, result.stderr
    assert sorted(outcome(document)[0]["train.py"]) == sorted(LEGACY_CODES)
    assert not marker.exists(), "the audited repository's git configuration ran a program"


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("pythonpath", [None, os.pathsep], ids=["plain", "empty PYTHONPATH entry"])
def test_packages_of_the_audited_repository_never_shadow_ours(tmp_path, entry, pythonpath):
    """``python -m`` puts the current directory first on the import path, and so does an empty
    ``PYTHONPATH`` entry for the console script: the repository's ``yaml/`` must not be imported."""
    root, marker = legacy_repository(tmp_path)
    shadowing_packages(root, marker)
    (root / "environment.yml").write_text("dependencies:\n  - pip:\n    - azureml-core==1.0.85\n", encoding="utf-8")
    result, document = run_audit(entry, ".", cwd=root, env={"PYTHONPATH": pythonpath} if pythonpath else None)
    assert result.returncode == 1, result.stderr
    assert outcome(document)[0]["environment.yml"] == ["AML401"]
    assert not marker.exists(), "a package of the audited repository was imported"


# -- only regular files are read, within bounds ----------------------------------------------
@pytest.mark.parametrize("name", ["fifo.py", "fifo.ipynb", "requirements.txt", "environment.yml", "workflow.yml",
                                  "Dockerfile"])
def test_a_fifo_named_on_the_command_line_is_a_clear_error(tmp_path, name):
    os.mkfifo(tmp_path / name)
    (tmp_path / "train.py").write_text(LEGACY_CODE, encoding="utf-8")
    result, document = run_audit("console script", name, "train.py", cwd=tmp_path, timeout=60)
    found, errors = outcome(document)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "FIFO" in errors[name]
    assert sorted(found["train.py"]) == sorted(LEGACY_CODES)


@pytest.mark.parametrize("name, device", [("zero.py", "/dev/zero"), ("zero.yml", "/dev/zero"),
                                          ("null-requirements.txt", "/dev/null"), ("null.ipynb", "/dev/null")])
def test_a_link_to_a_device_is_a_clear_error_not_an_endless_read(tmp_path, name, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    (tmp_path / name).symlink_to(device)
    result, document = run_audit("console script", name, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "character device" in outcome(document)[1][name]


def test_a_file_over_the_size_bound_is_a_clear_error(tmp_path):
    from azureml_migrate.audit.files import MAX_FILE_BYTES

    (tmp_path / "train.py").write_text(LEGACY_CODE, encoding="utf-8")
    with open(tmp_path / "huge.py", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    result, document = run_audit("console script", ".", cwd=tmp_path, timeout=60)
    found, errors = outcome(document)
    assert result.returncode == 1 and "too large" in errors["huge.py"]
    assert sorted(found["train.py"]) == sorted(LEGACY_CODES)


def test_a_path_longer_than_the_system_allows_is_reported_not_skipped(tmp_path):
    from azureml_migrate.audit.files import PATH_MAX

    root = tmp_path / "repo"
    root.mkdir()
    (root / "train.py").write_text(LEGACY_CODE, encoding="utf-8")
    make_too_long_path(root, "deep.py", LEGACY_CODE.encode(), PATH_MAX)
    result, document = run_audit("console script", ".", cwd=root)
    found, errors = outcome(document)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert sorted(found["train.py"]) == sorted(LEGACY_CODES)
    assert [message for message in errors.values() if "path too long" in message], errors


# -- every file name is printable and reportable ---------------------------------------------
ESTIMATOR_CALL = b"from azureml.train.dnn import PyTorch\nPyTorch('.')\n"
ODD_NAMES = {b"\xff.py": "\\xff.py", b"caf\xe9-latin1.py": "caf\\xe9-latin1.py",
             b"fake.py:1:1: AML999 injected\nreal.py": "fake.py:1:1: AML999 injected\\nreal.py",
             b"esc\x1b[31m.py": "esc\\x1b[31m.py"}


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the file system must accept any bytes in names")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "azure", "markdown", "html"])
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_file_names_that_are_not_utf8_or_hold_control_characters_are_reported_escaped(tmp_path, fmt, entry):
    root = tmp_path / "repo"
    root.mkdir()
    for name in ODD_NAMES:
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(ESTIMATOR_CALL)
    with open(os.path.join(os.fsencode(root), b"broken\xfe.ipynb"), "wb") as handle:
        handle.write(b'{"cells": [azureml')
    report = tmp_path / "report"
    result = subprocess.run([*ENTRY_POINTS[entry], "audit", f"--format={fmt}", "--output", str(report), "."],
                            cwd=root, capture_output=True, check=False, timeout=120)
    assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
    text = report.read_text(encoding="utf-8")
    for shown in [*ODD_NAMES.values(), "broken\\xfe.ipynb"]:
        written = {"json": json.dumps(shown)[1:-1], "sarif": quote(shown, safe="/"),
                   "github": github_property(shown), "azure": azure_property(shown)}.get(fmt, shown)
        assert written in text, (shown, fmt)
    if fmt == "text":
        # one line per finding (two per file), one for the broken notebook, the summary: nothing injected
        assert len(text.splitlines()) == 2 * len(ODD_NAMES) + 2
        assert not [line for line in text.splitlines() if line.startswith("real.py")]


def test_baseline_fingerprints_take_any_file_name(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    for name in ODD_NAMES:
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(ESTIMATOR_CALL)
    command = [CONSOLE_SCRIPT, "audit", "--isolated"]
    written = subprocess.run([*command, "--write-baseline", "baseline.json", "."], cwd=root, capture_output=True,
                             text=True, check=False, timeout=120)
    assert written.returncode == 0 and "Traceback" not in written.stderr, written.stderr
    assert len(json.loads((root / "baseline.json").read_text(encoding="utf-8"))["findings"]) == 2 * len(ODD_NAMES)
    again = subprocess.run([*command, "--baseline", "baseline.json", "."], cwd=root, capture_output=True, text=True,
                           check=False, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
