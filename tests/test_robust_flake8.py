"""Real flake8 with the plugin on hostile files: no traceback, findings where the file is readable.

flake8 reads and parses files itself and runs plugins only on what parses, so encoding and
syntax trouble reaches users as flake8's own E902/E999; the plugin's part is never to add a
traceback and to keep reporting on every file flake8 hands it.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from flake8_azureml_migrate import AzureMLMigrateChecker
from tests import unprivileged
from tests.hostile import (
    CHECKABLE_PYTHON,
    LEGACY_CODE,
    LEGACY_CODES,
    NESTED_KINDS,
    add_hostile_links,
    deepest_parseable,
    executable_payload,
    make_unreadable,
    nested,
    python_files,
    restore_readable,
    snapshot,
    write_files,
)

#: Files flake8 itself cannot survive: its own ``ast.parse`` raises RecursionError/MemoryError
#: outside any plugin, which aborts the whole run (flake8 7 catches only SyntaxError there).
CRASH_FLAKE8_ITSELF = ("deep_binary.py", "lambda_tower.py")


def run_flake8(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          check=False, timeout=600)


def codes_by_file(stdout: str):
    found = defaultdict(list)
    for line in stdout.splitlines():
        path, _, rest = line.partition(":")
        code = rest.split(" ", 2)[1] if rest.count(" ") >= 1 else ""
        found[os.path.basename(path)].append(code)
    return found


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile flake8 trée")
    outside = tmp_path_factory.mktemp("outside") / "elsewhere.py"
    outside.write_text(LEGACY_CODE, encoding="utf-8")
    files = {name: data for name, data in python_files().items() if name not in CRASH_FLAKE8_ITSELF}
    marker = root.parent / "executed-marker"
    files["payload.py"] = (executable_payload(marker) + LEGACY_CODE).encode()
    files["conftest.py"] = executable_payload(marker).encode()
    files["sub dir/setup.py"] = executable_payload(marker).encode()
    write_files(root, files)
    add_hostile_links(root, outside)
    unreadable = root / "unreadable.py"
    unreadable.write_text(LEGACY_CODE, encoding="utf-8")
    permission_enforced = make_unreadable(unreadable)
    before = snapshot(root)
    result = run_flake8("--select=AML,E9", ".", cwd=root)
    after = snapshot(root)
    restore_readable(unreadable)
    return dict(result=result, before=before, after=after, marker=marker,
                permission_enforced=permission_enforced, found=codes_by_file(result.stdout))


def test_the_run_completes_without_a_traceback(hostile_tree):
    result = hostile_tree["result"]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "AML000" not in result.stdout


@pytest.mark.parametrize("name", [*CHECKABLE_PYTHON, "payload.py", "invalid_utf8.py", "surrogate_escape.py"])
def test_findings_are_reported_in_every_file_flake8_can_read(hostile_tree, name):
    """flake8 decodes undecodable UTF-8 as latin-1, so those files are checked too."""
    assert hostile_tree["found"][name] == LEGACY_CODES


@pytest.mark.parametrize("name", ["nul_byte.py", "utf16_bom.py", "utf16_cookie.py", "python2.py",
                                  "python2_except.py", "syntax_error.py", "unterminated.py",
                                  "bad_indent.py", "tabs_spaces.py", "deep_calls.py"])
def test_files_that_do_not_parse_get_flake8s_own_clear_error(hostile_tree, name):
    assert hostile_tree["found"][name] == ["E999"]


def test_links_are_reported_or_skipped_never_fatal(hostile_tree):
    found = hostile_tree["found"]
    assert found["loop_a.py"] == ["E902"] and found["loop_b.py"] == ["E902"]
    assert found["dangling.py"] == ["E902"]
    assert found["outside.py"] == LEGACY_CODES  # flake8 checks a file link it is given


def test_unreadable_file_is_a_clear_error(hostile_tree):
    if hostile_tree["permission_enforced"]:
        assert hostile_tree["found"]["unreadable.py"] == ["E902"]
        return
    if unprivileged.REASON is not None:  # root reads every file: only another user can prove this
        pytest.skip(f"running as root, no other user to run as: {unprivileged.REASON}")
    with unprivileged.directory(owned=True) as root:
        for name, mode in (("legacy.py", 0o644), ("unreadable.py", 0)):
            (root / name).write_text(LEGACY_CODE, encoding="utf-8")
            (root / name).chmod(mode)
        result = unprivileged.run([sys.executable, "-m", "flake8", "--isolated", "--select=AML,E9", "."], root)
    assert "Traceback" not in result.stderr, result.stderr
    found = codes_by_file(result.stdout)
    assert found["unreadable.py"] == ["E902"] and found["legacy.py"] == LEGACY_CODES, result.stdout


def test_empty_files_have_no_findings(hostile_tree):
    for name in ("empty.py", "bom_only.py", "whitespace_only.py"):
        assert hostile_tree["found"][name] == []


def test_the_tree_is_unchanged_and_nothing_was_executed(hostile_tree):
    assert hostile_tree["after"] == hostile_tree["before"]
    assert not hostile_tree["marker"].exists()


@pytest.mark.parametrize("name", CRASH_FLAKE8_ITSELF)
def test_files_that_crash_flake8_itself_crash_it_before_the_plugin(tmp_path, name):
    """Pins that the traceback is flake8's own (``processor.build_ast``), not ours."""
    (tmp_path / name).write_bytes(python_files()[name])
    result = run_flake8("--select=AML", name, cwd=tmp_path)
    if "Traceback" not in result.stderr:
        assert "AML000" not in result.stdout
        return
    assert "build_ast" in result.stderr
    assert "azureml_migrate" not in result.stderr


def plugin_codes(source: str):
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    return [message.split()[0] for _, _, message, _ in AzureMLMigrateChecker(tree, lines, "deep.py").run()]


@pytest.mark.parametrize("kind", [kind for kind in NESTED_KINDS if kind not in ("calls", "lists")])
def test_the_plugin_checks_code_nested_as_deep_as_python_parses(kind):
    """pyflakes fails on these past ~330 levels; the plugin still reports, without AML000."""
    source = LEGACY_CODE + "x = " + nested(kind, deepest_parseable(kind)) + "\n"
    assert plugin_codes(source) == LEGACY_CODES


def test_starting_flake8_does_not_import_the_rules_until_a_file_needs_them(tmp_path):
    """Editors run flake8 on every save of every file; most never mention azureml. The fact
    builder, the rule modules, the shared settings and the requirement parser
    (``packaging.requirements``) wait for a file that passes the prefilter; the whole catalog
    waits for a run that needs it (none here: see the next test)."""
    (tmp_path / "plain.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "legacy.py").write_text(LEGACY_CODE, encoding="utf-8")
    probe = ("import sys\nfrom flake8.main.cli import main\n"
             "try:\n    main(['--isolated', '--jobs=1', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             "lazy = ('azureml_migrate.builder', 'azureml_migrate.rules',\n"
             "        'azureml_migrate.facts', 'azureml_migrate.vocabulary', 'azureml_migrate.settings',\n"
             "        'packaging.version',\n"
             "        'packaging.requirements')\n"
             "print('imported' if all(name in sys.modules for name in lazy) else "
             "'not imported' if not any(name in sys.modules for name in lazy) else 'partly')\n")
    for name, expected in (("plain.py", "not imported"), ("legacy.py", "imported")):
        result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / name)], capture_output=True,
                                text=True, check=False)
        assert result.stdout.splitlines()[-1] == expected, result.stdout + result.stderr


IMPORT_PROBE = ("import sys\nfrom flake8.main.cli import main\n"
                "try:\n    main(['--isolated', '--jobs=1', *sys.argv[2:], sys.argv[1]])\nexcept SystemExit:\n    pass\n"
                "print(sorted(name for name in ('azureml_migrate.rules', 'azureml_migrate.catalog',\n"
                "    'azureml_migrate.builder', 'azureml_migrate.rewrite.groups', 'azureml_migrate.rewrite.v2_fix',\n"
                "    'tomllib', 'packaging.version')\n"
                "    if name in sys.modules))\n")


@pytest.mark.parametrize("source, options, expected", [
    # azureml named without a tracked name: only the settings are read (is the v2 family on?)
    ("# trains on azureml\nx = 1\n", [], "[]"),
    # under target v2 every azureml import may be reported: the whole check runs
    ("# trains on azureml\nx = 1\n", ["--azureml-target=v2"],
     "['azureml_migrate.builder', 'azureml_migrate.catalog', 'azureml_migrate.rules']"),
    # the SDK's own code, a tracked class imported but never called: the tree prefilter clears it
    ("from azureml.core import RunConfiguration\n\n\nclass MyEstimator:\n    pass\n", [], "[]"),
    # a tracked class the builder must follow: facts and rules, no finding, so no rewrite (nor
    # the catalog) is loaded
    ("from azureml.core import RunConfiguration\n\n\nclass MyEstimator:\n    config = RunConfiguration\n", [],
     "['azureml_migrate.builder', 'azureml_migrate.rules']"),
    # a finding with a fix loads the rewrite modules, but not the SDK v2 ones (target v1);
    # whether its code is on is read from its own rule module, not from the catalog (every
    # rule module); a requirement (pip_packages) loads the version parser, which the other
    # cases never need
    (LEGACY_CODE, [],
     "['azureml_migrate.builder', 'azureml_migrate.rewrite.groups', 'azureml_migrate.rules', "
     "'packaging.version']"),
    # the same findings under target v2: their fixes are the SDK v2 rewrites
    (LEGACY_CODE, ["--azureml-target=v2"],
     "['azureml_migrate.builder', 'azureml_migrate.catalog', 'azureml_migrate.rewrite.groups', "
     "'azureml_migrate.rewrite.v2_fix', 'azureml_migrate.rules', 'packaging.version']"),
])
def test_a_file_loads_only_the_modules_its_check_needs(tmp_path, source, options, expected):
    """Each import the first checked file triggers is paid by every flake8 run (issue 19): the
    rules wait for a file that may have a finding, the rewrites for a finding with a fix (the
    SDK v2 ones for target v2 only), ``packaging.version`` for a requirement to compare, and tomllib for a
    pyproject.toml to read (there is none above tmp_path's files)."""
    (tmp_path / "module.py").write_text(source, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", IMPORT_PROBE, str(tmp_path / "module.py"), *options],
                            capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == expected, result.stdout + result.stderr
