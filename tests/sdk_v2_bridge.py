"""The SDK boundary of a program that ``fix --target v2`` left with v1 parts: its azure-ai-ml
calls recorded in the test environment, to be replayed with the real azure-ai-ml in its own.

azureml-core and azure-ai-ml cannot share one environment (``sdk_v2_env``), but a fixed
program may still use both (``ws.compute_targets[...]`` left beside a ``command(...)``). It runs
in the test environment, with the real azureml-core for its v1 parts; every module under
``azure.ai.ml`` and ``azure.identity`` is served by :class:`V2Recorder`: an import, attribute,
call or subscript of the v2 SDK becomes one step of a log (``steps``), and its result a
recorder standing for the value the real SDK would give. ``sdk_v2_replay.py`` performs the log
with the real azure-ai-ml, offline, and serializes each ``ml_client.jobs.create_or_update``.

What may cross the boundary, in the log: plain data (``str``, numbers, ``bool``, ``None``,
lists, tuples and dicts of them) and recorders (the v2 SDK's own values). Anything else, a v1
SDK object above all, raises :class:`BoundaryError` into the program: the job would depend on
an object of the other SDK. A recorder read by the program's own logic (``if job:``, ``for x in
job``, ``job == x``, ``len(job)``) raises too: its value is only known in the other environment.
Printing one shows ``<azure-ai-ml value>`` (printing is no part of a job).
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import sys
import types
from typing import Iterator, List, Optional

#: the modules served by recorders in the test environment
V2_PACKAGES = ("azure.ai.ml", "azure.identity")
SUBMIT = ("jobs", "create_or_update")
STREAM = ("jobs", "stream")


class BoundaryError(TypeError):
    """A value crossed between azureml-core and azure-ai-ml that the replay cannot carry."""


class V2Log:
    """The steps in order: ``{"op": "import"|"getattr"|"call"|"getitem", ...}``, each defining
    the value numbered by its index; ``on_submit(step, experiment_name)`` hears each
    ``<client>.jobs.create_or_update`` call as it is made, ``on_stream(step)`` each
    ``<client>.jobs.stream(<returned>.name)`` with the step of the submission that returned it
    (None when the name is not read from one)."""

    def __init__(self, on_submit=None, on_stream=None) -> None:
        self.steps: List[dict] = []
        self._paths: List[tuple] = []  # attribute names from the last call or import, per step
        self._on_submit = on_submit
        self._on_stream = on_stream

    def add(self, step: dict, path: tuple = ()) -> "V2Recorder":
        self.steps.append(step)
        self._paths.append(path)
        return V2Recorder(self, len(self.steps) - 1)

    def path_of(self, ref: int) -> tuple:
        return self._paths[ref]

    def returned_by(self, name) -> Optional[int]:
        """The step whose result ``name`` is the ``.name`` of, if it is one."""
        if not isinstance(name, V2Recorder):
            return None
        step = self.steps[object.__getattribute__(name, "_ref")]
        return step["of"] if step["op"] == "getattr" and step["name"] == "name" else None

    def encode(self, value, where: str):
        if isinstance(value, V2Recorder):
            return {"ref": object.__getattribute__(value, "_ref")}
        if value is None or type(value) in (str, bool, int, float):
            return {"value": value}
        if type(value) in (list, tuple):
            return {type(value).__name__: [self.encode(item, where) for item in value]}
        if type(value) is dict and all(isinstance(key, str) for key in value):
            return {"dict": {key: self.encode(item, where) for key, item in value.items()}}
        raise BoundaryError(f"{where} receives a {type(value).__module__}.{type(value).__qualname__}: only plain "
                            "data and azure-ai-ml's own values cross to the v2 SDK")


class V2Recorder:
    """One value of the v2 SDK, known by the step that made it."""

    __slots__ = ("_log", "_ref")

    def __init__(self, log: V2Log, ref: int) -> None:
        object.__setattr__(self, "_log", log)
        object.__setattr__(self, "_ref", ref)

    def __getattr__(self, name: str) -> "V2Recorder":
        if name.startswith("__"):
            raise AttributeError(name)
        log, ref = object.__getattribute__(self, "_log"), object.__getattribute__(self, "_ref")
        return log.add({"op": "getattr", "of": ref, "name": name}, log.path_of(ref) + (name,))

    def __setattr__(self, name, value):
        raise BoundaryError(f"setting {name!r} on an azure-ai-ml value is not modelled by the replay")

    def __call__(self, *args, **kwargs) -> "V2Recorder":
        log, ref = object.__getattribute__(self, "_log"), object.__getattribute__(self, "_ref")
        path = log.path_of(ref)
        where = ".".join(path) or "an azure-ai-ml call"
        step = {"op": "call", "of": ref, "args": [log.encode(arg, where) for arg in args],
                "kwargs": {key: log.encode(value, f"{where}({key}=)") for key, value in kwargs.items()}}
        result = log.add(step)
        if path[-2:] == SUBMIT and log._on_submit is not None:
            experiment = kwargs.get("experiment_name")
            log._on_submit(object.__getattribute__(result, "_ref"), experiment if isinstance(experiment, str) else None)
        if path[-2:] == STREAM and log._on_stream is not None:
            log._on_stream(log.returned_by(args[0] if len(args) == 1 and not kwargs else None))
        return result

    def __getitem__(self, key) -> "V2Recorder":
        log, ref = object.__getattribute__(self, "_log"), object.__getattribute__(self, "_ref")
        return log.add({"op": "getitem", "of": ref, "key": log.encode(key, "a subscript")})

    def _read(self, *args, **kwargs):
        raise BoundaryError("the program's own logic reads an azure-ai-ml value, known only where azure-ai-ml runs")

    __bool__ = __iter__ = __len__ = __eq__ = __ne__ = __lt__ = __gt__ = __contains__ = __hash__ = _read

    def __repr__(self) -> str:
        return "<azure-ai-ml value>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "<azure-ai-ml value>"


class _V2Module(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        log, ref = self.__dict__["_v2_log"], self.__dict__["_v2_ref"]
        return log.add({"op": "getattr", "of": ref, "name": name}, (name,))


class _V2Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, log: V2Log) -> None:
        self.log = log
        self.made: List[str] = []

    def find_spec(self, name, path=None, target=None):
        if any(name == package or name.startswith(package + ".") for package in V2_PACKAGES):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        if name in ("azure.ai",):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _V2Module(spec.name)
        module.__path__ = []
        recorder = self.log.add({"op": "import", "module": spec.name})
        module.__dict__["_v2_log"], module.__dict__["_v2_ref"] = self.log, object.__getattribute__(recorder, "_ref")
        self.made.append(spec.name)
        return module

    def exec_module(self, module):
        return None


@contextlib.contextmanager
def v2_recorded(log: V2Log) -> Iterator[V2Log]:
    """Serve ``azure.ai.ml*`` and ``azure.identity*`` imports with recorders while the program
    runs (the real azure.identity of the test environment is put back afterwards)."""
    finder = _V2Finder(log)
    shadowed = {name: module for name, module in sys.modules.items()
                if any(name == package or name.startswith(package + ".") for package in V2_PACKAGES + ("azure.ai",))}
    for name in shadowed:
        del sys.modules[name]
    sys.meta_path.insert(0, finder)
    try:
        yield log
    finally:
        sys.meta_path.remove(finder)
        for name in finder.made:
            sys.modules.pop(name, None)
            parent, _, child = name.rpartition(".")
            owner = sys.modules.get(parent)
            if owner is not None and isinstance(owner.__dict__.get(child), _V2Module):
                delattr(owner, child)
        sys.modules.update(shadowed)
        for name, module in shadowed.items():  # the import system bound them on their parents
            parent, _, child = name.rpartition(".")
            if parent in sys.modules:
                setattr(sys.modules[parent], child, module)


def replayable(log: V2Log) -> Optional[dict]:
    """The log as ``sdk_v2_replay.py`` reads it, or None when the program used no v2 SDK."""
    return {"steps": log.steps} if log.steps else None


__all__ = ["BoundaryError", "V2Log", "V2Recorder", "V2_PACKAGES", "replayable", "v2_recorded"]
