"""A user without the azureml SDK installed gets exactly the findings of a user with it.

Runs only where the SDK is installed: pylint runs twice over the same files, once seeing the
real SDK, once with an empty ``azureml`` package put first on the path so that astroid cannot
find a single SDK module (the test checks both premises), and the findings must be identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.annotations import sample_files
from tests.test_pylint_plugin import pylint_messages

pytest.importorskip("azureml.core")
pytest.importorskip("azureml.train.dnn")

FUNCTIONAL_FILES = sorted((Path(__file__).parent / "pylint_functional").glob("*.py"))
_ASTROID_FINDS_SDK = (
    "import astroid\n"
    "try:\n"
    "    astroid.MANAGER.file_from_module_name('azureml.train.dnn', None)\n"
    "    print('found')\n"
    "except astroid.AstroidError:\n"
    "    print('missing')\n"
)


def _astroid_sees_sdk(env) -> str:
    result = subprocess.run([sys.executable, "-c", _ASTROID_FINDS_SDK], capture_output=True, text=True,
                            check=True, env=env)
    return result.stdout.strip()


def _comparable(messages):
    return sorted((m["path"], m["line"], m["column"], m["endLine"], m["endColumn"], m["symbol"],
                   m["message"], m["confidence"]) for m in messages)


def test_findings_do_not_depend_on_the_sdk_being_installed(tmp_path):
    shadow = tmp_path / "shadow"
    (shadow / "azureml").mkdir(parents=True)
    (shadow / "azureml" / "__init__.py").write_text("", encoding="utf-8")
    with_sdk = dict(os.environ)
    search_path = [str(shadow), *filter(None, [os.environ.get("PYTHONPATH")])]
    without_sdk = {**os.environ, "PYTHONPATH": os.pathsep.join(search_path)}
    assert _astroid_sees_sdk(with_sdk) == "found"
    assert _astroid_sees_sdk(without_sdk) == "missing"

    paths = [*sample_files(), *FUNCTIONAL_FILES]
    installed = _comparable(pylint_messages(paths, env=with_sdk))
    not_installed = _comparable(pylint_messages(paths, env=without_sdk))
    assert len(installed) > 150
    assert not_installed == installed
    assert any(confidence == "INFERENCE" for *_, confidence in installed)
