"""The v1 side of a submission proof: a program that connects with ``Workspace.from_config()``,
submits through ``Experiment(ws, name).submit(job)`` and waits on the returned run, run offline
with the real SDK.

``v1_events`` runs the program as ``sdk_jobs.jobs_of`` does, with two SDK entry points
replaced for the run: ``Workspace.from_config()`` (no arguments: the only form the v2 rewrite
takes) gives the offline workspace, and ``azureml.core.Experiment(ws, name)`` gives a real
Experiment of that name whose ``submit`` serializes the job as the SDK would send it and
returns a stand-in run (the experiment is built as ``sdk_offline.recording_experiment`` builds
one). The run offers ``wait_for_completion`` only (recorded with its ``show_output``); any other
use of it fails the program, so a proof never rests on a run API
the harness does not model. Returns the events in order: ``("submit", experiment name, job)``
and ``("wait", show_output)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from sdk_jobs import JOB_FILE, _plain, _serialize
from sdk_offline import (OfflineViolation, datastore_service, no_network, quiet, workspace_objects,
                         working_directory, write_project)


class _Run:
    __slots__ = ("_events",)

    def __init__(self, events: list) -> None:
        self._events = events

    def wait_for_completion(self, show_output=False, wait_post_processing=False, raise_on_error=True):
        if wait_post_processing or not raise_on_error:
            raise TypeError("wait_for_completion arguments the harness does not model")
        self._events.append(("wait", show_output))
        return {"status": "Completed"}


def v1_events(code: str, workdir: Path) -> List[Tuple]:
    import azureml.core
    from azureml.core import Workspace

    real_experiment = azureml.core.Experiment
    workdir = Path(workdir)
    write_project(workdir)
    events: List[Tuple] = []
    with quiet(), no_network() as attempts, working_directory(workdir):
        env = workspace_objects()
        datastores = {d.name: d for d in (env["ds"], env["ds2"], env["default_ds"])}

        def from_config(cls, *args, **kwargs):
            if args or kwargs:
                raise TypeError("Workspace.from_config arguments the harness does not model")
            return env["ws"]

        def experiment(workspace, name):
            if workspace is not env["ws"]:
                raise TypeError("an Experiment of another workspace")
            own = dict(env)

            def record(config, tags, kwargs):
                job = _serialize(config, own, kwargs)
                if job is None:
                    raise TypeError(f"submit({type(config).__name__}) is not a job kind the harness knows")
                events.append(("submit", name, job))

            own["exp"] = found = object.__new__(real_experiment)  # as sdk_offline.recording_experiment
            found._workspace, found._name, found._id, found._archived_time = workspace, name, None, None

            def submit(config, tags=None, **kwargs):
                if tags is not None or kwargs:
                    raise TypeError("submit arguments the harness does not model")
                record(config, tags, kwargs)
                return _Run(events)

            found.submit = submit
            return found

        saved = (Workspace.__dict__["from_config"], azureml.core.Experiment)
        Workspace.from_config = classmethod(from_config)
        try:
            with datastore_service(datastores):
                namespace = {"__name__": "__job__"}
                compiled = compile(code, str(workdir / JOB_FILE), "exec")
                azureml.core.Experiment = experiment
                try:
                    exec(compiled, namespace)  # the test's own program
                finally:
                    azureml.core.Experiment = saved[1]
        finally:
            Workspace.from_config = saved[0]
    if attempts:
        raise OfflineViolation(f"the job build tried to use the network: {attempts}")
    return [(kind, *(_plain(part) for part in rest)) for kind, *rest in events]
