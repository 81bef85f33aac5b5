"""Run inside the SDK v2 environment: perform the azure-ai-ml steps a program made in the test
environment (``sdk_v2_bridge``) with the real azure-ai-ml, offline, and print what it submitted.

Reads ``{"replays": [{"steps": [...], "cwd": ...}]}`` on stdin and prints, per replay,
``{"events": [...]}`` (``("submit", experiment name, job)`` and ``("stream", name)`` in order,
as ``sdk_v2_build`` records them) or ``{"error": ...}``. Each step is performed as the program
made it: ``import`` imports the module, ``getattr``/``getitem`` read, ``call`` calls with the
recorded plain data and earlier values. ``MLClient.from_config(credential=...)`` gives
``sdk_v2_build``'s recording client (its real signature checked, the credential a
TokenCredential), whose ``jobs.create_or_update`` serializes the job through the SDK's own
submission path. Runs in ``cwd``, where the program ran (its ``code=`` folders are there). Any
network access is an error.

Imports nothing from the project but ``sdk_v2_build`` beside it: it runs under another interpreter.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import logging
import os
import sys
import traceback
import warnings

from sdk_v2_build import RecordingMLClient, _plain, client_from_config, no_network


def _decode(value, values):
    if "ref" in value:
        return values[value["ref"]]
    if "value" in value:
        return value["value"]
    if "list" in value:
        return [_decode(item, values) for item in value["list"]]
    if "tuple" in value:
        return tuple(_decode(item, values) for item in value["tuple"])
    return {key: _decode(item, values) for key, item in value["dict"].items()}


def replay(steps, events):
    """Perform ``steps`` in order; ``events`` gets each submission and stream."""
    client = RecordingMLClient(lambda job: None, events)
    values = []
    with client_from_config(client):
        for step in steps:
            op = step["op"]
            if op == "import":
                values.append(importlib.import_module(step["module"]))
            elif op == "getattr":
                values.append(getattr(values[step["of"]], step["name"]))
            elif op == "getitem":
                values.append(values[step["of"]][_decode(step["key"], values)])
            elif op == "call":
                args = [_decode(arg, values) for arg in step["args"]]
                kwargs = {key: _decode(value, values) for key, value in step["kwargs"].items()}
                values.append(values[step["of"]](*args, **kwargs))
            else:
                raise ValueError(f"unknown replay step {step!r}")


def main():
    request = json.load(sys.stdin)
    results = []
    logging.disable(logging.CRITICAL)
    for item in request["replays"]:
        attempts = []
        previous = os.getcwd()
        try:
            os.chdir(item["cwd"])
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()), no_network(attempts):
                warnings.simplefilter("ignore")
                events = []
                replay(item["steps"], events)
            result = {"events": _plain(events)}
        except Exception as error:  # the replayed program's failure is its result
            result = {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc(limit=-3)}
        finally:
            os.chdir(previous)
        if attempts:
            result = {"error": f"OfflineViolation: the replay tried to use the network: {attempts}"}
        results.append(result)
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
