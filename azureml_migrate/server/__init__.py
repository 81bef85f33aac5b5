"""``azureml-migrate server``: a Language Server (stdio) for editors.

It publishes the audit's findings as diagnostics for every kind of file the audit reads,
offers each finding's fix as a quick fix and the file's safe fixes as
``source.fixAll.azureml-migrate``, and explains rules on hover. pygls is an optional
dependency (the ``[server]`` extra, ``pip install ".[server]"`` from a clone): it is imported
only here, when the server starts.
"""

from __future__ import annotations

import gc
import os
import sys

MISSING_PYGLS = ("azureml-migrate server: the language server needs pygls, which is not installed; "
                 "install it into this environment with: pip install \"pygls>=2,<3\" "
                 "(or install azureml-migrate-lint from its clone with the server extra: pip install \".[server]\")")


def serve() -> int:
    """Run the server on stdin/stdout until the editor shuts it down; 2 without pygls."""
    try:
        from .protocol import build_server
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        print(MISSING_PYGLS, file=sys.stderr)
        return 2
    server = build_server()
    # what is alive now (the modules, the protocol's types) lives as long as the server: out of
    # the collector's way, a full collection walks only what the checks keep
    gc.freeze()
    server.start_io()
    sys.stdout = open(os.devnull, "w")  # the server closed stdout as it shut down
    return 0
