"""Run inside the SDK v2 environment: build azure-ai-ml jobs offline and print their REST bodies.

Reads ``{"programs": [{"code": ..., "files": {relative: text}}], "workdir": ...}`` on stdin and
prints one JSON document: for each program either ``{"jobs": {key: job}}`` or
``{"error": "..."}``. Each program runs in its own directory (``workdir/<index>``) holding its
files, with a namespace that offers ``ml_client``: its ``jobs.create_or_update(job, ...)``
records a submission (``submit:1``, ...) as the SDK would send it. Every module-level variable
holding a command or sweep job is serialized too, by name.

A job is serialized through the SDK's own submission path, ``JobOperations.create_or_update``,
up to the service call: a node becomes its job (``_to_job``), ``compute='local'`` gets the SDK's
common-runtime variable, ``JobOperations._validate`` (which calls ``job._validate``) must pass,
then ``to_rest_job_object`` builds the body that is sent. The one step that needs a workspace,
``_resolve_arm_id_or_upload_dependencies``, is replaced offline: an inline Environment is sent
as its own anonymous environment body (``Environment._to_rest_object``, recorded under
``environments``) and named ``anonymous-environment:<n>`` in the job; a code directory stays
its local path (the SDK uploads it as it is). Any network access is an error.

Imports nothing from the project: it runs under another interpreter.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import socket
import sys
import traceback
import warnings

ANONYMOUS_ENVIRONMENT = "anonymous-environment:{}"


class OfflineViolation(Exception):
    """Building a job tried to reach the network."""


@contextlib.contextmanager
def no_network(attempts):
    def refuse(what):
        def refused(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what == 'connect' else args}")
            raise OfflineViolation(f"network access during an offline job build: {what} {args!r}")
        return refused

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo)
    socket.socket.connect = socket.socket.connect_ex = refuse("connect")
    socket.create_connection = refuse("create_connection")
    socket.getaddrinfo = refuse("getaddrinfo")
    try:
        yield
    finally:
        (socket.socket.connect, socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo) = saved


def _plain(value):
    return json.loads(json.dumps(value, default=lambda o: f"<unserializable {type(o).__name__}: {o}>"))


def _resolve_offline(job, environments):
    """What ``_resolve_arm_id_or_upload_dependencies`` does to the environment, without a
    workspace; returns the (target, environment) pairs to put back after serializing."""
    from azure.ai.ml.entities import Environment

    replaced = []
    targets = [job]
    trial = getattr(job, "trial", None)
    if trial is not None:
        targets.append(trial)
    for target in targets:
        environment = getattr(target, "environment", None)
        if isinstance(environment, Environment):
            name = ANONYMOUS_ENVIRONMENT.format(len(environments) + 1)
            environments[name] = environment._to_rest_object().as_dict()["properties"]
            target.environment = name
            replaced.append((target, environment))
    return replaced


def serialize(job, *, experiment_name=None):
    """The body ``ml_client.jobs.create_or_update(job, experiment_name=...)`` sends, offline.

    Like ``create_or_update`` it changes the job it is given (experiment name, the local
    runtime variable); jobs cannot be deep-copied (their input dicts refuse ``__deepcopy__``).
    """
    from azure.ai.ml.constants._common import COMMON_RUNTIME_ENV_VAR, LOCAL_COMPUTE_TARGET
    from azure.ai.ml.entities._builders import Command, Spark
    from azure.ai.ml.entities._builders.base_node import BaseNode
    from azure.ai.ml.entities._job.to_rest_functions import to_rest_job_object
    from azure.ai.ml.operations._job_operations import JobOperations

    if isinstance(job, BaseNode) and not isinstance(job, (Command, Spark)):
        job = job._to_job()
    if experiment_name is not None:
        job.experiment_name = experiment_name
    if job.compute == LOCAL_COMPUTE_TARGET:
        job.environment_variables[COMMON_RUNTIME_ENV_VAR] = "true"
    JobOperations._validate(None, job, raise_on_failure=True)  # uses no workspace for these kinds
    environments = {}
    replaced = _resolve_offline(job, environments)
    try:
        body = to_rest_job_object(job).as_dict()["properties"]
    finally:
        for target, environment in replaced:
            target.environment = environment
    for generated in ("displayName",):  # generate_defaults: a random name when none was given
        if not getattr(job, "display_name", None):
            body.pop(generated, None)
    return _plain({"properties": body, "environments": environments})


class SubmittedJob:
    """What ``create_or_update`` returns, as far as the harness models it: the job's name."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


class _RecordingJobs:
    def __init__(self, record, events):
        self._record = record
        self._events = events

    def create_or_update(self, job, *, experiment_name=None, **kwargs):
        if kwargs:
            raise TypeError(f"create_or_update keywords the harness does not model: {sorted(kwargs)}")
        body = serialize(job, experiment_name=experiment_name)
        self._record(body)
        name = f"submitted-{sum(event[0] == 'submit' for event in self._events) + 1}"
        self._events.append(("submit", experiment_name, body))
        return SubmittedJob(name)

    def stream(self, name):
        if not any(event[0] == "submit" for event in self._events) or not isinstance(name, str):
            raise TypeError(f"stream({name!r}) of no submitted job")
        self._events.append(("stream", name))


class RecordingMLClient:
    """Stands in for ``MLClient``: only ``jobs.create_or_update`` and ``jobs.stream`` are
    offered, and they record."""

    def __init__(self, record, events=None):
        self.jobs = _RecordingJobs(record, events if events is not None else [])


@contextlib.contextmanager
def client_from_config(client):
    """``MLClient.from_config(credential=...)`` gives ``client``: the real class method's
    signature is checked (``inspect.signature(...).bind``), and the credential must be a
    TokenCredential (it has ``get_token``)."""
    import inspect

    from azure.ai.ml import MLClient

    real = MLClient.__dict__["from_config"]
    signature = inspect.signature(real.__func__)

    def from_config(cls, *args, **kwargs):
        bound = signature.bind(cls, *args, **kwargs)
        if not callable(getattr(bound.arguments.get("credential"), "get_token", None)):
            raise TypeError("MLClient.from_config needs a TokenCredential")
        return client

    MLClient.from_config = classmethod(from_config)
    try:
        yield
    finally:
        MLClient.from_config = real


def _job_kinds():
    from azure.ai.ml.entities import CommandJob
    from azure.ai.ml.entities._builders import Command, Sweep
    from azure.ai.ml.entities._job.sweep.sweep_job import SweepJob

    return (Command, Sweep, CommandJob, SweepJob)


def build(code, files, workdir, events=None):
    """The jobs of one program, or raises (the harness reports the error); ``events`` gets
    each submission and stream in order."""
    for relative, text in files.items():
        path = os.path.join(workdir, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(text)
    jobs = {}

    def record(job):
        jobs[f"submit:{sum(key.startswith('submit:') for key in jobs) + 1}"] = job

    client = RecordingMLClient(record, events)
    namespace = {"__name__": "__job__", "ml_client": client}
    previous = os.getcwd()
    os.chdir(workdir)
    try:
        with client_from_config(client):
            exec(compile(code, os.path.join(workdir, "job.py"), "exec"), namespace)  # the test's own program
        kinds = _job_kinds()
        for name, value in list(namespace.items()):
            if not name.startswith("__") and isinstance(value, kinds):
                jobs[name] = serialize(value)
    finally:
        os.chdir(previous)
    return jobs


def main():
    request = json.load(sys.stdin)
    results = []
    logging.disable(logging.CRITICAL)
    for index, program in enumerate(request["programs"]):
        workdir = os.path.join(request["workdir"], str(index))
        os.makedirs(workdir, exist_ok=True)
        attempts = []
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()), no_network(attempts):
                warnings.simplefilter("ignore")
                events = []
                jobs = build(program["code"], program.get("files", {}), workdir, events)
            result = {"jobs": jobs, "events": _plain(events)}
        except Exception as error:  # the program's own failure is its result
            result = {"error": f"{type(error).__name__}: {error}",
                      "traceback": traceback.format_exc(limit=-3)}
        if attempts:
            result = {"error": f"OfflineViolation: the job build tried to use the network: {attempts}"}
        results.append(result)
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
