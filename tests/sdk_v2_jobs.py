"""SDK v2 jobs for the proof harness: azure-ai-ml run offline in its own environment.

:func:`v2_jobs_of` hands programs to ``sdk_v2_build.py`` under the v2 interpreter
(``sdk_v2_env.v2_python``) in one subprocess and returns, per program, its jobs as the SDK
would send them (``{"properties": <REST job>, "environments": {...}}``) by variable name or
``submit:N``, or raises :class:`V2BuildError` with the SDK's own message. Each program's
directory holds the same project as the v1 harness (``sdk_offline.PROJECT_FILES``).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Dict, List, Sequence, Union

from sdk_offline import PROJECT_FILES
from sdk_v2_env import v2_python

BUILDER = Path(__file__).with_name("sdk_v2_build.py")


class V2BuildError(AssertionError):
    """A v2 program did not build a valid job (or tried to use the network)."""


def v2_results(programs: Sequence[str], workdir: Path) -> List[dict]:
    """The builder's raw result for each program: ``{"jobs": ...}`` or ``{"error": ...}``."""
    request = {"workdir": str(Path(workdir).resolve()),
               "programs": [{"code": code, "files": PROJECT_FILES} for code in programs]}
    Path(workdir).mkdir(parents=True, exist_ok=True)
    done = subprocess.run([str(v2_python()), str(BUILDER)], input=json.dumps(request),
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the SDK v2 builder failed (status {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)["results"]


def v2_jobs_of(programs: Union[str, Sequence[str]], workdir: Path) -> Union[Dict[str, dict], List[Dict[str, dict]]]:
    """Jobs of one program (a str) or of each program (a list), raising V2BuildError on any failure."""
    single = isinstance(programs, str)
    results = v2_results([programs] if single else list(programs), workdir)
    jobs = []
    for index, result in enumerate(results):
        if "error" in result:
            raise V2BuildError(f"program {index}: {result['error']}\n{result.get('traceback', '')}")
        jobs.append(result["jobs"])
    return jobs[0] if single else jobs


REPLAYER = Path(__file__).with_name("sdk_v2_replay.py")


def v2_replays(replays: Sequence[dict]) -> List[dict]:
    """Perform each ``{"steps": ..., "cwd": ...}`` (``sdk_v2_bridge``) with the real azure-ai-ml
    in its own environment: per replay ``{"events": ...}`` or ``{"error": ...}``."""
    if not replays:
        return []
    done = subprocess.run([str(v2_python()), str(REPLAYER)], input=json.dumps({"replays": list(replays)}),
                          capture_output=True, text=True, timeout=600, cwd=str(REPLAYER.parent))
    if done.returncode != 0:
        raise RuntimeError(f"the SDK v2 replay failed (status {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)["results"]
