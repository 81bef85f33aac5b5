"""docs/audit.md and .pre-commit-hooks.yaml stay true to the command they describe."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from azureml_migrate.audit.config import KEYS
from azureml_migrate.audit.formats import FORMATS
from tests.test_audit_support import LEGACY_SCRIPT, run_audit, write

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")


def audit_options(tmp_path):
    """The long options ``audit --help`` lists."""
    result = run_audit("--help", cwd=tmp_path)
    assert result.returncode == 0
    return sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", result.stdout)) - {"--help"})


def test_every_option_format_and_key_is_documented(tmp_path):
    options = audit_options(tmp_path)
    assert "--write-baseline" in options and "--format" in options
    for option in options:
        assert f"`{option}" in DOCS or f"{option} " in DOCS, option
    for name in FORMATS:
        assert f"**`{name}`**" in DOCS, name
    for key in KEYS:
        assert re.search(rf"^(?:{re.escape(key)} = |\[tool\.azureml-migrate\.{re.escape(key)}\])", DOCS,
                         re.MULTILINE), key


def test_yaml_recipes_parse():
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS, re.DOTALL)
    assert len(blocks) >= 3
    for block in blocks:
        text = block if not block.startswith("  ") else "repos:\n" + block
        assert yaml.safe_load(text) is not None


def test_toml_example_is_a_valid_configuration(tmp_path):
    (block,) = re.findall(r"```toml\n(.*?)```", DOCS, re.DOTALL)
    write(tmp_path, "pyproject.toml", block)
    write(tmp_path, "legacy/old.py", LEGACY_SCRIPT)
    (tmp_path / ".azureml-migrate-baseline.json").write_text('{"version": 2, "findings": []}', encoding="utf-8")
    result = run_audit(cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "legacy/old.py" in result.stdout and "AML101" not in result.stdout


def test_pre_commit_hook_runs_the_audit_on_file_names(tmp_path):
    (hook,) = [hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
               if hook["id"] == "azureml-migrate-audit"]
    assert hook["language"] == "python"
    assert {"id", "name", "entry", "language"} <= set(hook)
    command = shlex.split(hook["entry"])
    assert command == ["azureml-migrate", "audit"]
    write(tmp_path, "submit.py", LEGACY_SCRIPT)
    write(tmp_path, "app.js", "console.log('azureml')\n")
    result = run_audit("submit.py", "app.js", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "3 findings in 1 file (1 file checked); 2 fixable with azureml-migrate fix"
