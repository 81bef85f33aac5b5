"""Real pylint with the plugin on hostile files: no traceback of ours, findings where pylint reads.

pylint (through astroid) reads, decodes and parses each file itself and hands the plugin only
modules it could build; what it cannot read becomes its own E0001/F0001/F0002/F0010 message and
the run goes on. The plugin's part: never an internal error, and findings in every file it gets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from azureml_migrate.catalog import RULES, rule_for
from tests import unprivileged
from tests.hostile import (
    CHECKABLE_PYTHON,
    LEGACY_CODE,
    LEGACY_CODES,
    add_hostile_links,
    executable_payload,
    make_unreadable,
    nested,
    python_files,
    restore_readable,
    snapshot,
    write_files,
)

OUR_SYMBOLS = ",".join([*(rule.symbol for rule in RULES if not rule.retired), "azureml-migrate-internal-error"])
#: Our messages, and pylint's own: syntax-error, and every fatal (F0001 no module, F0002
#: astroid-error, F0010 parse-error).
ENABLED = f"--enable={OUR_SYMBOLS},syntax-error,F"


def pylint_command(*paths: str):
    return [sys.executable, "-m", "pylint", "--load-plugins=pylint_azureml_migrate", "--disable=all", ENABLED,
            "--persistent=n", "--score=n", "--recursive=y", "--output-format=json2", *paths]


def run_pylint(*paths: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        pylint_command(*paths),
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False, timeout=900,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def messages_by_file(stdout: str):
    found = defaultdict(list)
    for message in json.loads(stdout)["messages"]:
        symbol = message["symbol"]
        code = rule_for(symbol).code if symbol.startswith("azureml-") and symbol != "azureml-migrate-internal-error" \
            else symbol
        found[os.path.basename(message["path"])].append(code)
    return found


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile pylint trée")
    outside = tmp_path_factory.mktemp("outside") / "elsewhere.py"
    outside.write_text(LEGACY_CODE, encoding="utf-8")
    marker = root.parent / "executed-marker"
    files = dict(python_files())
    files["payload.py"] = (executable_payload(marker) + LEGACY_CODE).encode()
    files["conftest.py"] = executable_payload(marker).encode()
    files["user_of_payload.py"] = b"from payload import Estimator\nEstimator('src')\n"
    files["nested_400.py"] = (LEGACY_CODE + "x = " + nested("binary", 400) + "\n").encode()
    write_files(root, files)
    add_hostile_links(root, outside)
    unreadable = root / "unreadable.py"
    unreadable.write_text(LEGACY_CODE, encoding="utf-8")
    permission_enforced = make_unreadable(unreadable)
    before = snapshot(root)
    result = run_pylint(".", cwd=root)
    after = snapshot(root)
    restore_readable(unreadable)
    return dict(result=result, before=before, after=after, marker=marker, permission_enforced=permission_enforced,
                found=messages_by_file(result.stdout))


def test_the_run_completes_and_no_traceback_is_ours(hostile_tree):
    """pylint prints astroid's own traceback for F0002; none may pass through the plugin."""
    result = hostile_tree["result"]
    assert result.returncode != 0 and result.returncode & 32 == 0, result.stderr  # 32: usage error
    assert "azureml_migrate" not in result.stderr and "pylint_azureml_migrate" not in result.stderr
    assert not any("azureml-migrate-internal-error" in codes for codes in hostile_tree["found"].values())


@pytest.mark.parametrize("name", sorted({*CHECKABLE_PYTHON, "payload.py", "nested_400.py"} - {"outside.py"}))
def test_findings_are_reported_in_every_file_pylint_can_read(hostile_tree, name):
    assert hostile_tree["found"][name] == LEGACY_CODES


@pytest.mark.parametrize("name", ["invalid_utf8.py", "surrogate_escape.py", "nul_byte.py", "utf16_bom.py",
                                  "utf16_cookie.py", "python2.py", "python2_except.py", "syntax_error.py",
                                  "unterminated.py", "bad_indent.py", "tabs_spaces.py", "deep_calls.py",
                                  "lambda_tower.py", "deep_binary.py"])
def test_files_pylint_cannot_build_get_its_own_clear_message(hostile_tree, name):
    """Unlike flake8, pylint reads undecodable bytes as an error, and reports astroid's
    RecursionError on 5,000-deep code as astroid-error, then goes on."""
    [message] = hostile_tree["found"][name]
    assert message in ("syntax-error", "parse-error", "astroid-error")


def test_links_and_directories_are_reported_or_skipped(hostile_tree):
    found = hostile_tree["found"]
    for name in ("loop_a.py", "loop_b.py", "dangling.py"):
        assert found[name] == ["fatal"]
    assert "package_dir.py" not in found


def test_unreadable_file_is_a_clear_error(hostile_tree):
    if hostile_tree["permission_enforced"]:
        assert hostile_tree["found"]["unreadable.py"] in (["fatal"], ["parse-error"])
        return
    if unprivileged.REASON is not None:  # root reads every file: only another user can prove this
        pytest.skip(f"running as root, no other user to run as: {unprivileged.REASON}")
    with unprivileged.directory(owned=True) as root:
        for name, mode in (("legacy.py", 0o644), ("unreadable.py", 0)):
            (root / name).write_text(LEGACY_CODE, encoding="utf-8")
            (root / name).chmod(mode)
        result = unprivileged.run(pylint_command("."), root)
    assert "Traceback" not in result.stderr, result.stderr
    found = messages_by_file(result.stdout)
    assert found["unreadable.py"] in (["fatal"], ["parse-error"]), result.stdout
    assert "AML101" in found["legacy.py"], result.stdout


def test_inference_across_files_does_not_execute_them(hostile_tree):
    assert hostile_tree["found"]["user_of_payload.py"] == ["AML101"]
    assert not hostile_tree["marker"].exists()


def test_the_tree_is_unchanged(hostile_tree):
    assert hostile_tree["after"] == hostile_tree["before"]
