"""The README's v2 diff of the bundled example is the real command's output, and what that
command leaves in the example is manual work that says why.

When a v2 rewrite changes the output, regenerate the block with
``python scripts/readme_v2_diff.py --write`` and review it.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("readme_v2_diff", ROOT / "scripts" / "readme_v2_diff.py")
readme_v2_diff = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(readme_v2_diff)


def test_the_readme_v2_diff_is_the_commands_output():
    before = {path: path.read_bytes() for path in readme_v2_diff.PROJECT.rglob("*") if path.is_file()}
    diff, summary = readme_v2_diff.command_output()
    readme = readme_v2_diff.README.read_text(encoding="utf-8")
    assert readme_v2_diff.shown(readme) == readme_v2_diff.block(diff, summary)
    assert "ml_client = MLClient.from_config(credential=DefaultAzureCredential())" in diff
    assert {path: path.read_bytes() for path in before} == before, "--diff wrote to the example"


def test_what_fix_target_v2_leaves_in_the_example_is_manual_and_says_why(tmp_path):
    project = tmp_path / "legacy_project"
    shutil.copytree(readme_v2_diff.PROJECT, project)
    script = Path(sys.executable).parent / "azureml-migrate"
    done = subprocess.run([str(script), "fix", "--target", "v2", "--unsafe-fixes", "."], cwd=project,
                          capture_output=True, text=True, check=False)
    left = [line for line in done.stdout.splitlines()[:-1] if not line.startswith("README.md:")]
    assert left and done.stdout.splitlines()[-1].endswith("need manual work"), done.stdout
    # nothing held back as unsafe, dropped, or left without a fix for a reason it does not give
    assert not [line for line in left if "not applied" in line or "dropped" in line], done.stdout
    again = subprocess.run([str(script), *readme_v2_diff.COMMAND], cwd=project,
                           capture_output=True, text=True, check=False)
    assert again.stdout == "", again.stdout
    # the notebook submits through azure-ai-ml now, with no v1 import left
    notebook = (project / "notebooks" / "explore.ipynb").read_text()
    assert "ml_client.jobs.create_or_update(est, experiment_name='explore')" in notebook
    assert "from azureml" not in notebook and "ml_client.jobs.stream(run.name)" in notebook
