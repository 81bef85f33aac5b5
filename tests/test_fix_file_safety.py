"""What ``azureml-migrate fix`` promises about the files it writes (README, "Fix").

The real console script runs on real files, as root (how this suite usually runs) and, where
permissions decide, as ``nobody`` through ``tests/unprivileged.py``. Races are made
deterministic by the ``before_write`` callback of ``fixer.files.fix_file``, which runs in the
real write path once the file is open and locked, immediately before the last check.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from azureml_migrate.fixer.files import fix_file, write_in_place
from azureml_migrate.fixer.model import FixError
from tests import unprivileged
from tests.test_audit_support import audit_command, write

DROPPED = "import os\nfrom azureml.train.estimator import Estimator\n\nprint(os.name)\n"
FIXED = "import os\n\nprint(os.name)\n"

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="only root can give a file another owner and group")
needs_unprivileged = pytest.mark.skipif(unprivileged.REASON is not None, reason=unprivileged.REASON or "")


def run_fix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*audit_command(), "fix", *args], cwd=str(cwd), capture_output=True, text=True,
                          check=False)


def run_fix_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return unprivileged.run([*audit_command(), "fix", *args], cwd)


def owned_by_nobody(path: Path) -> Path:
    if os.geteuid() == 0:
        os.chown(path, unprivileged.UID, unprivileged.GID)
    return path


# -- what the file keeps -------------------------------------------------------------------
@needs_root
def test_owner_group_mode_inode_and_hard_links_survive(tmp_path):
    tree = tmp_path / "tree"
    target = write(tree, "train.py", DROPPED)
    os.chown(target, 1234, 5678)
    os.chmod(target, 0o640)
    (tmp_path / "other").mkdir()
    other_link = tmp_path / "other" / "same.py"
    os.link(target, other_link)
    inode = target.stat().st_ino
    result = run_fix(cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 fixed" in result.stdout
    assert target.read_text() == FIXED and other_link.read_text() == FIXED  # every link sees the fix
    status = target.stat()
    assert (status.st_ino, status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode), status.st_nlink) == \
        (inode, 1234, 5678, 0o640, 2)
    assert sorted(path.name for path in tree.iterdir()) == ["train.py"]


def test_two_hard_links_in_the_tree_are_one_file_fixed_once(tmp_path):
    first = write(tmp_path, "a.py", DROPPED)
    os.link(first, tmp_path / "b.py")
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 fixed" in result.stdout
    assert first.read_text() == FIXED and (tmp_path / "b.py").read_text() == FIXED
    assert first.stat().st_nlink == 2


def test_extended_attributes_survive(tmp_path):
    target = write(tmp_path, "train.py", DROPPED)
    try:
        os.setxattr(target, "user.origin", b"checked out by the build")
    except (OSError, AttributeError) as error:
        pytest.skip(f"this file system refuses user extended attributes: {error}")
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text() == FIXED
    assert os.getxattr(target, "user.origin") == b"checked out by the build"


@needs_unprivileged
def test_a_read_only_file_is_refused_for_a_user_who_may_write_the_directory():
    with unprivileged.directory(owned=True) as tree:
        target = write(tree, "train.py", DROPPED)
        os.chmod(target, 0o444)  # root's file when the suite runs as root
        owner = target.stat().st_uid
        result = run_fix_unprivileged(cwd=tree)
        assert result.returncode == 1
        assert "train.py: error: not written: you may not write it (Permission denied); it is left as it is " \
               "(1 fix not applied)" in result.stderr
        assert "0 fixed" in result.stdout and "1 file error" in result.stdout
        assert target.read_text() == DROPPED
        assert (target.stat().st_uid, stat.S_IMODE(target.stat().st_mode)) == (owner, 0o444)
        assert sorted(path.name for path in tree.iterdir()) == ["train.py"]


@needs_root
@needs_unprivileged
def test_a_root_file_the_user_may_not_write_is_refused_and_one_the_group_may_write_keeps_its_owner():
    with unprivileged.directory(owned=True) as tree:
        closed = write(tree, "closed.py", DROPPED)
        shared = write(tree, "shared.py", DROPPED)
        os.chmod(closed, 0o644)
        os.chown(shared, 0, unprivileged.GID)
        os.chmod(shared, 0o664)
        result = run_fix_unprivileged(cwd=tree)
        assert result.returncode == 1
        assert "closed.py: error: not written: you may not write it" in result.stderr
        assert "1 fixed" in result.stdout and "1 file error" in result.stdout
        assert closed.read_text() == DROPPED
        assert shared.read_text() == FIXED
        assert (shared.stat().st_uid, shared.stat().st_gid) == (0, unprivileged.GID)


@needs_root
def test_root_may_write_a_read_only_file_and_its_mode_stays(tmp_path):
    """Root is refused nothing by the system, and fix follows the system (as ruff and black do)."""
    target = write(tmp_path, "train.py", DROPPED)
    os.chmod(target, 0o444)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.read_text() == FIXED and stat.S_IMODE(target.stat().st_mode) == 0o444


# -- the window between reading and writing ------------------------------------------------
def _fix_with(tmp_path: Path, before_write):
    target = write(tmp_path, "train.py", DROPPED)
    return target, fix_file(target, "train.py", before_write=before_write)


def test_the_write_goes_through_when_nothing_happens_in_the_window(tmp_path):
    seen = []
    target, outcome = _fix_with(tmp_path, seen.append)
    assert outcome.written and outcome.error is None and target.read_text() == FIXED
    assert seen == [os.path.realpath(target)]


def test_an_edit_landing_just_before_the_write_is_kept(tmp_path):
    """Same size, same modification time: only the bytes tell, and they are what is compared."""
    def edit(real):
        status = os.stat(real)
        Path(real).write_text(DROPPED.replace("os.name", "os.sep!"))
        os.utime(real, ns=(status.st_atime_ns, status.st_mtime_ns))

    target, outcome = _fix_with(tmp_path, edit)
    assert not outcome.written
    assert outcome.error == "not written: it changed while it was being fixed; it is left as it is (run fix again)"
    assert target.read_text() == DROPPED.replace("os.name", "os.sep!")


def test_a_file_deleted_during_the_run_is_not_recreated(tmp_path):
    target, outcome = _fix_with(tmp_path, os.unlink)
    assert not outcome.written and "deleted" in outcome.error and "not recreated" in outcome.error
    assert list(tmp_path.iterdir()) == []


def test_a_file_deleted_before_the_write_is_not_recreated(tmp_path):
    target = write(tmp_path, "train.py", DROPPED)
    identity = (target.stat().st_dev, target.stat().st_ino)
    target.unlink()
    with pytest.raises(FixError, match="deleted while it was being fixed; it is not recreated"):
        write_in_place(str(target), identity, DROPPED.encode(), FIXED.encode())
    assert list(tmp_path.iterdir()) == []


def test_a_file_an_editor_saved_over_during_the_run_is_left_as_saved(tmp_path):
    def save(real):  # how most editors save: a new file renamed over the old one
        Path(real + ".swp").write_text("saved = True\n")
        os.replace(real + ".swp", real)

    target, outcome = _fix_with(tmp_path, save)
    assert not outcome.written and "replaced" in outcome.error
    assert target.read_text() == "saved = True\n"


def test_a_file_another_program_has_locked_is_refused_and_not_counted(tmp_path):
    """Two files locked by this test process: the real command writes neither and says so."""
    first = write(tmp_path, "a.py", DROPPED)
    second = write(tmp_path, "b.py", DROPPED)
    with open(first, "rb") as one, open(second, "rb") as two:
        fcntl.flock(one, fcntl.LOCK_EX)
        fcntl.flock(two, fcntl.LOCK_EX)
        result = run_fix(cwd=tmp_path)
    assert result.returncode == 1
    assert "a.py: error: not written: another program holds a lock on it" in result.stderr
    assert "0 fixed, 0 need manual work, 2 file errors" \
        in result.stdout
    assert first.read_text() == DROPPED and second.read_text() == DROPPED


# -- links -----------------------------------------------------------------------------------
def _tree_with_link(tmp_path: Path):
    tree = tmp_path / "tree"
    inside = write(tree / "real", "inside.py", DROPPED)
    outside = write(tmp_path, "outside.py", DROPPED)
    link = tree / "link.py"
    link.symlink_to(inside)
    return tree, inside, outside, link


def test_a_link_repointed_outside_the_tree_after_discovery_is_not_written_through(tmp_path):
    tree, inside, outside, link = _tree_with_link(tmp_path)
    link.unlink()
    link.symlink_to(outside)  # after the walk listed it, before its turn came
    outcome = fix_file(link, "link.py", within=[os.path.realpath(tree)])
    assert not outcome.written
    assert outcome.error.startswith("it now resolves outside the directory being fixed")
    assert outside.read_text() == DROPPED


def test_a_link_repointed_during_the_write_changes_nothing_about_what_is_written(tmp_path):
    tree, inside, outside, link = _tree_with_link(tmp_path)

    def repoint(real):
        link.unlink()
        link.symlink_to(outside)

    outcome = fix_file(link, "link.py", within=[os.path.realpath(tree)], before_write=repoint)
    assert outcome.written
    assert inside.read_text() == FIXED and outside.read_text() == DROPPED


def test_a_resolved_file_replaced_by_a_link_is_not_followed(tmp_path):
    tree, inside, outside, link = _tree_with_link(tmp_path)
    identity = (inside.stat().st_dev, inside.stat().st_ino)
    inside.unlink()
    inside.symlink_to(outside)
    with pytest.raises(FixError, match="replaced by a symbolic link"):
        write_in_place(str(inside), identity, DROPPED.encode(), FIXED.encode())
    assert outside.read_text() == DROPPED


def test_a_named_link_to_a_file_outside_is_fixed_and_stays_a_link(tmp_path):
    tree, inside, outside, link = _tree_with_link(tmp_path)
    named = tree / "named.py"
    named.symlink_to(outside)
    result = run_fix("named.py", cwd=tree)
    assert result.returncode == 0, result.stderr
    assert named.is_symlink() and outside.read_text() == FIXED


# -- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize("length", [222, 255])
def test_long_legal_names_are_fixed(tmp_path, length):
    if os.pathconf(tmp_path, "PC_NAME_MAX") < length:
        pytest.skip(f"this file system's names are shorter than {length} bytes")
    name = "n" * (length - 3) + ".py"
    target = write(tmp_path, name, DROPPED)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text() == FIXED and os.listdir(tmp_path) == [name]


# -- bytes -----------------------------------------------------------------------------------
def test_untouched_bytes_of_a_cp932_file_stay_as_they_were(tmp_path):
    """0x87 0x90 is NEC's form of U+2252, which Python's cp932 encoder writes as 0x81 0xE0."""
    lines = [b"# -*- coding: cp932 -*-\r\n", b"# \x87\x90 \x82\xa0\n",
             b"from azureml.train.estimator import Estimator\n", b"import os\n", b"print(os.name, '\x87\x90')\n"]
    source = b"".join(lines)
    assert source.decode("cp932").encode("cp932") != source  # the case the promise is about
    target = tmp_path / "train.py"
    target.write_bytes(source)
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == b"".join(lines[:2] + lines[3:])


def test_a_python_file_with_mixed_line_endings_keeps_them(tmp_path):
    source = b"import os\r\nfrom azureml.train.estimator import Estimator\n\r\nprint(os.name)\n"
    target = tmp_path / "train.py"
    target.write_bytes(source)
    run_fix(cwd=tmp_path)
    assert target.read_bytes() == b"import os\r\n\r\nprint(os.name)\n"


def test_a_notebook_with_mixed_line_endings_keeps_them(tmp_path):
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
            "source": ["import os\n", "from azureml.train.estimator import Estimator\n", "print(os.name)"]}
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    lines = (json.dumps(document, indent=1) + "\n").splitlines(keepends=True)
    mixed = [line.replace("\n", "\r\n") if number % 2 else line for number, line in enumerate(lines)]
    target = tmp_path / "train.ipynb"
    target.write_text("".join(mixed), newline="")
    result = run_fix(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = [line for line in mixed if "azureml" not in line]
    assert len(expected) == len(mixed) - 1
    assert target.read_bytes() == "".join(expected).encode()


# -- what cannot be read ---------------------------------------------------------------------
@needs_unprivileged
def test_an_unreadable_directory_is_a_file_error_and_the_rest_is_fixed():
    with unprivileged.directory(owned=True) as tree:
        readable = owned_by_nobody(write(tree, "ok.py", DROPPED))
        hidden = write(tree / "closed", "train.py", DROPPED)
        os.chmod(tree / "closed", 0o000)
        result = run_fix_unprivileged(cwd=tree)
        audited = unprivileged.run([*audit_command(), "audit", "."], tree)
        os.chmod(tree / "closed", 0o755)
        assert result.returncode == 1, result.stdout + result.stderr
        message = "closed: error: cannot read directory: Permission denied; the files below it are not checked"
        assert message in result.stderr
        assert "1 fixed" in result.stdout and "1 file error" in result.stdout
        assert readable.read_text() == FIXED and hidden.read_text() == DROPPED
        assert audited.returncode == 1 and "cannot read directory: Permission denied" in audited.stdout + \
            audited.stderr


@needs_unprivileged
@pytest.mark.parametrize("command", ["fix", "audit"])
@pytest.mark.parametrize("named, message", [
    ("closed", "closed: error: cannot read directory: Permission denied; the files below it are not checked"),
    ("closed/train.py", "closed/train.py: error: cannot read file: Permission denied"),
])
def test_naming_an_unreadable_directory_or_a_file_in_one_is_a_file_error(command, named, message):
    with unprivileged.directory(owned=True) as tree:
        write(tree / "closed", "train.py", DROPPED)
        os.chmod(tree / "closed", 0o000)
        result = unprivileged.run([*audit_command(), command, named], tree)
        os.chmod(tree / "closed", 0o755)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert message in result.stdout + result.stderr
        assert "1 file error" in result.stdout


@needs_root
def test_root_reads_a_directory_whose_mode_forbids_it(tmp_path):
    hidden = write(tmp_path / "closed", "train.py", DROPPED)
    os.chmod(tmp_path / "closed", 0o000)
    try:
        result = run_fix(cwd=tmp_path)
    finally:
        os.chmod(tmp_path / "closed", 0o755)
    assert result.returncode == 0, result.stderr
    assert hidden.read_text() == FIXED


@pytest.mark.parametrize("command", ["fix", "audit"])
@pytest.mark.parametrize("name", ["loop", "loop.py"])
def test_a_symlink_loop_as_the_first_path_is_a_clean_error(tmp_path, command, name):
    (tmp_path / name).symlink_to(name)
    good = write(tmp_path, "good.py", DROPPED)
    result = subprocess.run([*audit_command(), command, name, "good.py"], cwd=str(tmp_path), capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{name}: error: cannot read " in result.stdout + result.stderr
    assert "Too many levels of symbolic links" in result.stdout + result.stderr
    assert good.read_text() == (FIXED if command == "fix" else DROPPED)


# -- --diff ----------------------------------------------------------------------------------
NAMES = [b"tab\tname.py", b"new\nline.py", b"caf\xe9.py", b"caf\xc3\xa9.py", b"space name.py", b'quote".py',
         b"back\\slash.py"]


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=str(cwd), capture_output=True, check=False,
                          env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_diff_applies_with_git_apply_whatever_the_names_and_line_endings(tmp_path):
    shown, fixed = tmp_path / "shown", tmp_path / "fixed"
    shown.mkdir()
    for name in NAMES:
        (shown / os.fsdecode(name)).write_bytes(DROPPED.encode())
    (shown / "cr_only.py").write_bytes(DROPPED.replace("\n", "\r").encode())
    (shown / "crlf.py").write_bytes(DROPPED.replace("\n", "\r\n").encode())
    (shown / "cp932.py").write_bytes(b"# coding: cp932\n# \x87\x90\nfrom azureml.train.estimator import Estimator\n")
    shutil.copytree(shown, fixed, symlinks=True)
    patched = tmp_path / "patched"
    shutil.copytree(shown, patched, symlinks=True)
    assert _git("init", "-q", cwd=shown).returncode == 0
    diff = subprocess.run([*audit_command(), "fix", "--diff"], cwd=str(shown), capture_output=True, check=False)
    assert diff.returncode == 1, diff.stderr
    assert b'--- "a/tab\\tname.py"\n+++ "b/tab\\tname.py"\n' in diff.stdout
    assert b'--- "a/caf\\351.py"' in diff.stdout and b'--- "a/caf\\303\\251.py"' in diff.stdout
    assert b'--- "a/new\\nline.py"' in diff.stdout and b'--- "a/quote\\".py"' in diff.stdout
    assert b"--- a/space name.py\t\n" in diff.stdout
    written = run_fix(cwd=fixed)
    assert written.returncode == 0, written.stdout + written.stderr
    patch = tmp_path / "change.patch"
    patch.write_bytes(diff.stdout)
    applied = _git("apply", "--verbose", str(patch), cwd=shown)
    assert applied.returncode == 0, applied.stderr.decode(errors="replace")
    for path in fixed.iterdir():
        assert (shown / path.name).read_bytes() == path.read_bytes(), path.name
    if shutil.which("patch"):
        by_patch = subprocess.run(["patch", "-p1", "-i", str(patch)], cwd=str(patched), capture_output=True,
                                  check=False)
        assert by_patch.returncode == 0, by_patch.stdout + by_patch.stderr
        for path in fixed.iterdir():
            assert (patched / path.name).read_bytes() == path.read_bytes(), path.name
    assert (fixed / "cr_only.py").read_bytes() == FIXED.replace("\n", "\r").encode()
    assert len(os.listdir(fixed)) == len(NAMES) + 3


# -- a write that cannot complete -------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "posix_fallocate"), reason="no posix_fallocate to reserve space with")
def test_no_room_for_the_larger_fixed_file_leaves_the_original(tmp_path):
    """A file-size limit just above the original (RLIMIT_FSIZE, deterministic where a full disk
    is not): the space for the larger fixed text cannot be reserved, and nothing is written."""
    import resource

    from tests.test_audit_support import LEGACY_SCRIPT

    target = write(tmp_path, "train.py", LEGACY_SCRIPT)
    modified = target.stat().st_mtime_ns
    limit = len(LEGACY_SCRIPT.encode()) + 10

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([*audit_command(), "fix", "--unsafe-fixes"], cwd=str(tmp_path), capture_output=True,
                            text=True, check=False, preexec_fn=limited)
    assert result.returncode == 1
    assert "train.py: error: not written: there is no room for the fixed file (File too large); it is left as " \
           "it is" in result.stderr
    assert "0 fixed" in result.stdout
    assert target.read_text() == LEGACY_SCRIPT and target.stat().st_mtime_ns == modified
    unlimited = run_fix("--unsafe-fixes", cwd=tmp_path)
    assert "Estimator(" not in target.read_text() and len(target.read_bytes()) > limit, unlimited.stderr
