"""The line length rewrites are laid out to: read from the project's ruff, black or flake8
configuration (never run), through the real console script; a broken value is a clear error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from azureml_migrate.settings import ConfigError, find_line_length

PROGRAM = ("from azureml.train.estimator import Estimator\n"
           "est = Estimator(source_directory='src', entry_script='train.py', compute_target='cpu-cluster', "
           "pip_packages=['scikit-learn==0.22.1', 'pandas'], script_params={'--epochs': 30, '--lr': 0.01})\n")

SOURCES = [
    ("pyproject.toml", "[tool.ruff]\nline-length = 60\n", "pyproject.toml [tool.ruff]"),
    ("pyproject.toml", "[tool.black]\nline-length = 60\n", "pyproject.toml [tool.black]"),
    ("ruff.toml", "line-length = 60\n", "ruff.toml"),
    ("setup.cfg", "[flake8]\nmax-line-length = 60\n", "setup.cfg [flake8]"),
    ("tox.ini", "[flake8]\nmax_line_length = 60\n", "tox.ini [flake8]"),
    (".flake8", "[flake8]\nmax-line-length = 60\n", ".flake8 [flake8]"),
]


def _fix(project: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "azureml_migrate.cli", "fix", "--diff", *options, "job.py"],
                          cwd=project, capture_output=True, text=True, timeout=120)


def _project(tmp_path: Path, name: str = "", text: str = "") -> Path:
    (tmp_path / ".git").mkdir()
    if name:
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "job.py").write_text(PROGRAM, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name, text, shown", SOURCES, ids=[source[2] for source in SOURCES])
def test_each_configuration_source_sets_the_width(tmp_path, name, text, shown):
    project = _project(tmp_path, name, text)
    found = find_line_length(project)
    assert (found.value, found.source) == (60, str(project / shown.split(" ")[0]) + shown[len(shown.split(" ")[0]):])
    added = [line[1:] for line in _fix(project).stdout.splitlines() if line.startswith("+") and
             not line.startswith(("+++", "+from "))]
    assert added and max(len(line) for line in added) <= 60, added


def test_without_configuration_the_width_is_88_and_wider_code_stays_on_one_line(tmp_path):
    project = _project(tmp_path)
    assert find_line_length(project).value == 88
    narrow = [line for line in _fix(project).stdout.splitlines() if line.startswith("+")]
    assert max(len(line) - 1 for line in narrow if not line.startswith(("+++", "+from "))) <= 88
    (project / "pyproject.toml").write_text("[tool.black]\nline-length = 300\n", encoding="utf-8")
    wide = [line for line in _fix(project).stdout.splitlines() if line.startswith("+est = ")]
    assert wide and wide[0].startswith("+est = ScriptRunConfig(source_directory='src', script='train.py', "
                                       "arguments=['--epochs', 30, '--lr', 0.01]"), wide


def test_the_nearest_directory_decides_and_ruff_comes_before_flake8(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "setup.cfg").write_text("[flake8]\nmax-line-length = 120\n", encoding="utf-8")
    inner = tmp_path / "jobs"
    inner.mkdir()
    assert find_line_length(inner).value == 120
    (inner / "tox.ini").write_text("[flake8]\nmax-line-length = 100\n", encoding="utf-8")
    (inner / "pyproject.toml").write_text("[tool.ruff]\nline-length = 79\n", encoding="utf-8")
    assert find_line_length(inner).value == 79


@pytest.mark.parametrize("value", ["'wide'", "0", "-1", "true", "1.5"])
def test_a_broken_value_is_a_clear_error_not_a_traceback(tmp_path, value):
    project = _project(tmp_path, "pyproject.toml", f"[tool.black]\nline-length = {value}\n")
    with pytest.raises(ConfigError, match=r"\[tool.black\]: line-length must be a whole number"):
        find_line_length(project)
    result = _fix(project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "line-length must be a whole number of characters" in result.stderr


def test_isolated_ignores_the_configuration(tmp_path):
    project = _project(tmp_path, "pyproject.toml", "[tool.black]\nline-length = 'wide'\n")
    assert _fix(project, "--isolated").returncode in (0, 1)


def test_a_distributed_configuration_wraps_like_the_rest_of_the_rewrite(tmp_path):
    """The distributed configuration is written as one call: too long for the line, it is
    exploded like every other call, not left as one 93-column line (seen on MLN's TensorFlow
    parameter-server notebook)."""
    project = _project(tmp_path)
    (project / "job.py").write_text(
        "from azureml.train.dnn import TensorFlow\n"
        "est = TensorFlow(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', "
        "node_count=2, worker_count=2, parameter_server_count=1, distributed_backend='ps', "
        "framework_version='1.13', use_gpu=True)\n", encoding="utf-8")
    added = [line[1:] for line in _fix(project, "--unsafe-fixes").stdout.splitlines()
             if line.startswith("+") and not line.startswith(("+++", "+from "))]
    assert "    distributed_job_config=TensorflowConfiguration(" in added, added
    assert "        parameter_server_count=1," in added, added
    assert max(len(line) for line in added) <= 88, added
