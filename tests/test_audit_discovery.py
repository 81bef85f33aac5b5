"""Which files the audit looks at: git's view of the tree, skipped directories, excludes, symlinks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from azureml_migrate.audit.discovery import discover

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("import azureml\n", encoding="utf-8")


def found(paths, root: Path, **options):
    return [Path(os.path.relpath(path, root)).as_posix() for path in discover(paths, root=root, **options)]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def outside_any_work_tree(path: Path) -> bool:
    if shutil.which("git") is None:
        return True
    result = subprocess.run(["git", "-C", str(path), "rev-parse", "--is-inside-work-tree"],
                            capture_output=True, check=False)
    return result.returncode != 0


SKIPPED = ("venv/lib/python3.11/site-packages/azureml/core.py", "odd_name/pyvenv.cfg", "odd_name/lib/x.py",
           "pkg/site-packages/y.py", "node_modules/lib/z.py", "build/lib/a.py", "dist/b.py",
           "demo.egg-info/c.py", "__pycache__/d.py", ".tox/e.py", ".nox/f.py", ".mypy_cache/g.py",
           ".pytest_cache/h.py", "conda_env/conda-meta/history.md", "conda_env/lib/python3.8/os.py")


def make_tree(root: Path) -> None:
    touch(root, "src/job.py", "src/notes.txt", "README.md", "requirements.txt", "nb.ipynb", *SKIPPED)
    (root / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")


def test_walk_skips_environments_packages_and_build_output(tmp_path):
    if not outside_any_work_tree(tmp_path):
        pytest.skip("the temporary directory is inside a git work tree")
    make_tree(tmp_path)
    assert found([tmp_path], tmp_path) == ["README.md", "nb.ipynb", "requirements.txt", "src/job.py"]


@needs_git
def test_git_work_tree_respects_gitignore_and_still_skips_build_output(tmp_path):
    make_tree(tmp_path)
    touch(tmp_path, "ignored/secret.py", "logs/run.py", "tracked.py", "untracked.md", "staged_then_deleted.py")
    (tmp_path / ".gitignore").write_text("ignored/\n*.log\nlogs/run.py\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "tracked.py", "staged_then_deleted.py", "build/lib/a.py")
    (tmp_path / "staged_then_deleted.py").unlink()
    assert found([tmp_path], tmp_path) == [
        "README.md", "nb.ipynb", "requirements.txt", "src/job.py", "tracked.py", "untracked.md"]


@needs_git
def test_tracked_files_are_audited_even_when_gitignore_matches_them(tmp_path):
    touch(tmp_path, "legacy/old.py")
    (tmp_path / ".gitignore").write_text("legacy/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-f", "legacy/old.py")
    touch(tmp_path, "legacy/new.py")
    assert found([tmp_path], tmp_path) == ["legacy/old.py"]


@needs_git
def test_subdirectory_of_a_work_tree_and_an_explicitly_named_ignored_directory(tmp_path):
    touch(tmp_path, "a/x.py", "a/gen/y.py", "b/z.py")
    (tmp_path / ".gitignore").write_text("gen/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    assert found([tmp_path / "a"], tmp_path) == ["a/x.py"]
    assert found([tmp_path / "a" / "gen"], tmp_path) == ["a/gen/y.py"]


@pytest.mark.parametrize("exclude, expected", [
    (["legacy"], ["src/job.py", "src/nb.ipynb"]),
    (["src/legacy/*"], ["src/job.py", "src/nb.ipynb"]),
    (["*.ipynb"], ["src/job.py", "src/legacy/old.py"]),
    (["src/legacy/old.py", "nb.ipynb"], ["src/job.py"]),
    (["./src/legacy/"], ["src/job.py", "src/nb.ipynb"]),
    (["nomatch*"], ["src/job.py", "src/legacy/old.py", "src/nb.ipynb"]),
])
def test_exclude_globs_match_the_relative_path_or_any_component(tmp_path, exclude, expected):
    touch(tmp_path, "src/job.py", "src/legacy/old.py", "src/nb.ipynb")
    assert found([tmp_path], tmp_path, exclude=exclude) == expected


def test_exclude_applies_to_explicitly_named_files(tmp_path):
    touch(tmp_path, "src/legacy/old.py")
    assert found([tmp_path / "src/legacy/old.py"], tmp_path, exclude=["legacy"]) == []


def test_named_files_are_yielded_only_when_their_kind_is_known(tmp_path):
    touch(tmp_path, "build/generated.py", "notes.txt")
    assert found([tmp_path / "build/generated.py", tmp_path / "notes.txt"], tmp_path) == ["build/generated.py"]


def test_a_missing_path_is_a_usage_error(tmp_path):
    touch(tmp_path, "present.py")
    with pytest.raises(FileNotFoundError, match="no such file or directory: .*missing.py"):
        discover([tmp_path / "present.py", tmp_path / "missing.py"], root=tmp_path)


def test_relative_paths_stay_relative_sorted_and_deduplicated(tmp_path, monkeypatch):
    touch(tmp_path, "b.py", "a/z.py", "a/b.md")
    monkeypatch.chdir(tmp_path)
    result = list(discover(["a", ".", "a/z.py"], root=tmp_path))
    assert [path.as_posix() for path in result] == ["a/b.md", "a/z.py", "b.py"]
    assert not any(path.is_absolute() for path in result)


def test_symlink_loops_and_links_out_of_the_root_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    touch(outside, "escaped.py", "also.md")
    root = tmp_path / "repo"
    touch(root, "src/job.py")
    (root / "src" / "loop").symlink_to(root, target_is_directory=True)
    (root / "src" / "self").symlink_to(root / "src", target_is_directory=True)
    (root / "out_dir").symlink_to(outside, target_is_directory=True)
    (root / "out_file.py").symlink_to(outside / "escaped.py")
    (root / "alias.py").symlink_to(root / "src" / "job.py")
    assert found([root], root) == ["src/job.py"]


@needs_git
def test_symlinks_in_a_git_work_tree(tmp_path):
    outside = tmp_path / "outside"
    touch(outside, "escaped.py")
    root = tmp_path / "repo"
    touch(root, "src/job.py")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "out_file.py").symlink_to(outside / "escaped.py")
    (root / "alias.py").symlink_to(root / "src" / "job.py")
    git(root, "init", "-q")
    assert found([root], root) == ["src/job.py"]


def test_a_symlinked_file_inside_the_root_counts_once_under_its_real_path(tmp_path):
    touch(tmp_path, "docs/real.md")
    (tmp_path / "a_link.md").symlink_to(tmp_path / "docs" / "real.md")
    assert found([tmp_path], tmp_path) == ["docs/real.md"]


def test_yaml_files_are_found_by_content_when_not_named_like_environments(tmp_path):
    (tmp_path / "job.yaml").write_text("name: x\ndependencies:\n  - azureml-core=1.0.85\n", encoding="utf-8")
    (tmp_path / "workflow.yml").write_text("on: push\n", encoding="utf-8")
    assert found([tmp_path], tmp_path) == ["job.yaml"]


@needs_git
def test_discovery_in_a_git_work_tree_writes_nothing_not_even_in_dot_git(tmp_path):
    from azureml_migrate.audit.checkers import check_file
    from azureml_migrate.rules import Options
    from tests.test_audit_kinds import tree_snapshot, write_booby_trapped_tree

    marker = write_booby_trapped_tree(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "job.py", "setup.py")
    before = tree_snapshot(tmp_path)
    reports = [check_file(path, path.name, Options()) for path in discover([tmp_path], root=tmp_path)]
    assert len(reports) == 6 and all(report.findings for report in reports)
    assert not marker.exists()
    assert tree_snapshot(tmp_path) == before


@needs_git
def test_gitignore_rules_are_read_as_git_reads_them(tmp_path):
    """Nested files override higher ones, ``!`` re-includes, ``dir/`` matches directories only,
    ``info/exclude`` applies, and the result is exactly git's own listing."""
    touch(tmp_path, "keep.py", "drop.py", "gen/a.py", "src/gen.py/x.py", "src/gen.md", "src/local.py",
          "src/sub/again.py", "src/sub/kept_here.py", "docs/x.md", "docs/private/y.md", "notes/z.md")
    (tmp_path / ".gitignore").write_text("drop.py\ngen/\n*.md\n!docs/**\n", encoding="utf-8")
    (tmp_path / "src" / ".gitignore").write_text("local.py\n!gen.md\nsub/*\n!sub/kept_here.py\n", encoding="utf-8")
    (tmp_path / "docs" / ".gitignore").write_text("private/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("notes/\n", encoding="utf-8")
    listed = subprocess.run(["git", "-C", str(tmp_path), "ls-files", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.split()
    expected = sorted(name for name in listed if name.endswith((".py", ".md")))
    assert expected == ["docs/x.md", "keep.py", "src/gen.md", "src/gen.py/x.py", "src/sub/kept_here.py"]
    assert found([tmp_path], tmp_path) == expected


@needs_git
@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_tracked_files_are_read_from_every_index_version(tmp_path, version):
    touch(tmp_path, "legacy/deep/old.py", "legacy/new.py", "a/b/c/long_name_first.py", "a/b/c/long_name_second.py")
    (tmp_path / ".gitignore").write_text("legacy/\na/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-f", "legacy/deep/old.py", "a/b/c/long_name_first.py", "a/b/c/long_name_second.py")
    git(tmp_path, "update-index", "--index-version", version)
    if version == "3":
        git(tmp_path, "update-index", "--skip-worktree", "a/b/c/long_name_first.py")  # an extended entry
    assert found([tmp_path], tmp_path) == ["a/b/c/long_name_first.py", "a/b/c/long_name_second.py",
                                           "legacy/deep/old.py"]


@needs_git
def test_nested_repositories_and_a_broken_index_are_handled(tmp_path):
    touch(tmp_path, "top.py", "vendor/lib/inner.py")
    git(tmp_path, "init", "-q")
    git(tmp_path / "vendor" / "lib", "init", "-q")
    (tmp_path / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x02\x00\x00\xff\xff" + b"\x01" * 100)
    assert found([tmp_path], tmp_path) == ["top.py"]
    assert found([tmp_path / "vendor" / "lib"], tmp_path) == ["vendor/lib/inner.py"]


def test_hostile_ignore_files_neither_block_nor_backtrack(tmp_path):
    """A .gitignore that is a FIFO is not read; a pattern with many ``*`` (polynomial to match
    against a long name) is not applied, so the file it would hide is audited, never skipped."""
    long_name = "a" * 200 + ".py"
    touch(tmp_path, long_name, "sub/x.py", "sub/y.py")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*a*a*a*a*a*a*a*a*a*a*a*b\ny.py\n", encoding="utf-8")
    os.mkfifo(tmp_path / "sub" / ".gitignore")
    assert found([tmp_path], tmp_path) == [long_name, "sub/x.py"]
