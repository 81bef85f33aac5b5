"""Helpers shared by the audit tests: run the real command, build small reports by hand."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional, Sequence

from azureml_migrate.audit import runner
from azureml_migrate.audit.model import AuditError, AuditFinding

LEGACY_SCRIPT = """\
from azureml.core import Workspace
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
est = Estimator(source_directory='src', entry_script='train.py',
                compute_target='cpu-cluster', pip_packages=['pandas'])
"""

CLEAN_SCRIPT = """\
from azureml.core import Environment, ScriptRunConfig

src = ScriptRunConfig(source_directory='src', script='train.py', environment=Environment('e'))
"""


def audit_command() -> List[str]:
    """The installed ``azureml-migrate`` script; else the same entry point without putting the
    audited directory on ``sys.path`` (``python -m`` would, and a ``copy.py`` there would shadow
    the standard library)."""
    script = shutil.which("azureml-migrate", path=str(Path(sys.executable).parent))
    if script:
        return [script]
    return [sys.executable, "-c", "import sys; del sys.path[0]; from azureml_migrate.cli import main; sys.exit(main())"]


def run_audit(*args: str, cwd: Path, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    """The real ``azureml-migrate audit`` in a fresh process, as CI runs it."""
    environment = dict(os.environ)
    environment.update(env or {})
    return subprocess.run([*audit_command(), "audit", *args],
                          cwd=str(cwd), capture_output=True, text=True, check=False, env=environment)


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def finding(code: str = "AML101", path: str = "train/submit.py", line: int = 5, column: int = 7,
            message: str = "'Estimator' is deprecated", hint: str = "", cell: Optional[int] = None,
            kind: str = "python", source: str = "Estimator(...)") -> AuditFinding:
    return AuditFinding(code=code, path=path, line=line, column=column, end_line=line, end_column=column + 10,
                        message=message, hint=hint, cell=cell, kind=kind, source=source)


def report(findings: Sequence[AuditFinding], errors: Sequence[AuditError] = (), files_checked: int = 3,
           kinds: Optional[Counter] = None) -> runner.AuditReport:
    ordered = sorted(findings, key=runner.sort_key)
    return runner.build_report(runner.RunResult(list(ordered), list(errors), files_checked,
                                                kinds or Counter(f.kind for f in ordered)))


def tree_snapshot(root: Path) -> List[str]:
    """Every path under root, to prove the audit wrote nothing there."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))
