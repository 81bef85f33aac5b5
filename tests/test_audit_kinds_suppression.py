"""Inline suppression in every file kind that has comments."""

from __future__ import annotations

import pytest

from azureml_migrate.audit.suppression import noqa_suppresses, pylint_disables
from tests.test_audit_kinds import ESTIMATOR_IMPORT, audit, cell_positions, notebook, positions

CALL = "est = Estimator(source_directory='.', use_gpu=True)"


@pytest.mark.parametrize("comment, suppressed", [
    ("# noqa", True), ("#noqa", True), ("# NOQA", True), ("# noqa: AML101", True), ("# noqa:AML101,AML301", True),
    ("# noqa: AML1", True), ("# noqa: AML", True), ("# noqa: AML102", False), ("# noqa: E501", False),
    ("# not noqa here", False), ("", False),
])
def test_noqa_comment_forms(comment, suppressed):
    assert noqa_suppresses(f"x = 1  {comment}", "AML101") is suppressed


@pytest.mark.parametrize("comment, suppressed", [
    ("# pylint: disable=azureml-estimator", True), ("# pylint: disable=W7301", True),
    ("# pylint: disable=unused-import, azureml-estimator", True), ("# pylint: disable=all", True),
    ("# pylint: disable=azureml-deprecated-import", False), ("# pylint: enable=azureml-estimator", False),
])
def test_pylint_disable_comment_forms(comment, suppressed):
    assert pylint_disables(comment, "AML101") is suppressed


def test_python_noqa_and_pylint_on_the_line(tmp_path):
    report = audit(tmp_path, "job.py", "\n".join([
        ESTIMATOR_IMPORT.rstrip() + "  # noqa: AML102",
        CALL + "  # pylint: disable=azureml-estimator",
        CALL + "  # noqa: AML301",
        CALL + "  # pylint: disable=W7301,W7309",
        CALL + "  # noqa: E501",
        "",
    ]))
    assert positions(report) == [(2, 39, "AML301"), (3, 7, "AML101"), (5, 7, "AML101"), (5, 39, "AML301")]


def test_noqa_inside_a_string_does_not_suppress(tmp_path):
    report = audit(tmp_path, "job.py", ESTIMATOR_IMPORT + "est = Estimator(source_directory='# noqa')\n")
    assert [f.code for f in report.findings] == ["AML102", "AML101"]


def test_python_disable_next(tmp_path):
    report = audit(tmp_path, "job.py", ESTIMATOR_IMPORT
                   + "# pylint: disable-next=azureml-estimator\n" + CALL + "\n" + CALL + "\n")
    assert positions(report) == [(1, 1, "AML102"), (3, 39, "AML301"), (4, 7, "AML101"), (4, 39, "AML301")]


def test_python_module_level_disable_until_enable(tmp_path):
    report = audit(tmp_path, "job.py", "\n".join([
        ESTIMATOR_IMPORT.rstrip(),                     # 1
        "# pylint: disable=azureml-estimator",         # 2
        CALL,                                          # 3
        "def f():",                                    # 4
        "    " + CALL,                                 # 5
        "# pylint: enable=azureml-estimator",          # 6
        CALL,                                          # 7
        "",
    ]))
    assert [(f.line, f.code) for f in report.findings] == [
        (1, "AML102"), (3, "AML301"), (5, "AML301"), (7, "AML101"), (7, "AML301")]


def test_python_disable_inside_a_block_ends_with_the_block(tmp_path):
    report = audit(tmp_path, "job.py", "\n".join([
        ESTIMATOR_IMPORT.rstrip() + "  # noqa",
        "def f():",
        "    # pylint: disable=azureml-estimator",
        "    " + CALL,
        CALL,
        "",
    ]))
    assert [(f.line, f.code) for f in report.findings] == [(4, "AML301"), (5, "AML101"), (5, "AML301")]


def test_a_string_at_column_zero_does_not_end_an_indented_disable(tmp_path):
    report = audit(tmp_path, "job.py", "\n".join([
        ESTIMATOR_IMPORT.rstrip() + "  # noqa",
        "def f():",
        "    # pylint: disable=azureml-estimator",
        '    text = """',
        'a line at column zero',
        '"""',
        "    " + CALL,
        "",
    ]))
    assert [(f.line, f.code) for f in report.findings] == [(7, "AML301")]


def test_notebook_cell_suppression(tmp_path):
    report = audit(tmp_path, "n.ipynb", notebook(
        [ESTIMATOR_IMPORT.rstrip() + "  # noqa\n", "%pip install azureml-core==1.0.85  # noqa: AML401\n",
         "!pip install azureml-sdk==1.0.85\n"],
        [ESTIMATOR_IMPORT.rstrip() + "  # pylint: disable=azureml-deprecated-import\n", ESTIMATOR_IMPORT],
    ))
    assert cell_positions(report) == [(1, 3, 14, "AML401"), (2, 2, 1, "AML102")]


def test_markdown_block_suppression(tmp_path):
    report = audit(tmp_path, "README.md", "```python\n" + ESTIMATOR_IMPORT.rstrip() + "  # noqa: AML102\n"
                   + ESTIMATOR_IMPORT + "```\n```bash\npip install azureml-core==1.0.85  # noqa\n```\n")
    assert positions(report) == [(3, 1, "AML102")]


def test_requirements_suppression_per_line(tmp_path):
    report = audit(tmp_path, "requirements.txt", "azureml-core==1.0.85  # noqa: AML401\n"
                   "azureml-sdk==1.0.85 \\\n    --hash=sha256:0  # noqa\nazureml-defaults==1.0.85  # noqa: AML402\n")
    assert positions(report) == [(4, 1, "AML401")]


def test_conda_yaml_suppression(tmp_path):
    report = audit(tmp_path, "environment.yml", "dependencies:\n  - azureml-core=1.0.85  # noqa\n"
                   "  - pip:\n    - azureml-sdk==1.0.85 # noqa: AML401\n    - azureml-train==1.1.5\n")
    assert positions(report) == [(5, 7, "AML401")]


def test_toml_suppression(tmp_path):
    report = audit(tmp_path, "pyproject.toml", '[project]\ndependencies = [\n  "azureml-core==1.0.85",  # noqa\n'
                   '  "azureml-sdk==1.0.85",\n]\n[tool.poetry.dependencies]\nazureml-train = "1.1.5"  # noqa: AML4\n')
    assert positions(report) == [(4, 4, "AML401")]
    pipfile = audit(tmp_path, "Pipfile", '[packages]\nazureml-core = "==1.0"  # noqa\nazureml-sdk = "==1.0"\n')
    assert positions(pipfile) == [(3, 1, "AML401")]


def test_setup_cfg_and_setup_py_suppression(tmp_path):
    cfg = audit(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    azureml-core==1.0.85  # noqa\n"
                                       "    azureml-sdk==1.0.85\n")
    assert positions(cfg) == [(4, 5, "AML401")]
    setup = audit(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=[\n"
                                        "    'azureml-core==1.0.85',  # pylint: disable=azureml-sdk-too-old\n"
                                        "    'azureml-sdk==1.0.85',\n])\n")
    assert positions(setup) == [(4, 5, "AML401")]


def test_dockerfile_noqa_above_the_instruction_or_the_line(tmp_path):
    report = audit(tmp_path, "Dockerfile", "\n".join([
        "FROM python:3.8",                                     # 1
        "# noqa: AML401",                                      # 2
        "RUN pip install azureml-core==1.0.85 \\",            # 3
        "    azureml-sdk==1.0.85",                             # 4
        "RUN pip install \\",                                  # 5
        "    # noqa",                                          # 6
        "    azureml-train==1.1.5 \\",                         # 7
        "    azureml-defaults==1.0.85",                        # 8
        "RUN pip install azureml-widgets==1.0.85  # noqa",    # 9
        "RUN pip install azureml-pipeline==1.0.85",           # 10
        "",
    ]))
    assert positions(report) == [(8, 5, "AML401"), (10, 17, "AML401")]
