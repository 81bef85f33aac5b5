"""Language server latency: from a change sent by the editor to its diagnostics (a script, not a test).

    python benchmarks/bench_server.py                # 15 paired rounds
    python benchmarks/bench_server.py --runs 30 --sdk-tree .venv/lib/python3.11/site-packages/azureml

Starts ``azureml-migrate server`` (the console script of the running interpreter's environment)
and talks to it over stdio as an editor does. It opens three buffers and a notebook and then,
round after round, changes one line of each in turn (the pairs run alternately: the order of
the buffers flips every round) and times each change until the diagnostics of that change have
arrived:

- **SDK module**: the installed azureml SDK's module whose length is closest to 2,000 lines
  (real code that imports azureml; ``--sdk-tree`` or the installed package), and the one closest
  to 2,000 lines among those with findings;
- **legacy module**: 2,000 lines of v1 training code (the bundled examples' scripts, repeated
  inside functions), a finding every few lines;
- **notebook**: a 200-cell notebook document (markdown and code cells from the bundled
  notebook, repeated) whose cells are checked as one program; the change is to one cell, and the
  time runs until that cell's diagnostics have arrived (the server checks the whole notebook and
  publishes, in one go, every cell whose diagnostics changed).

Each change is sent after the buffer has been left alone for longer than the debounce
(``--debounce-ms``, the server's default when not given; ``IDLE_SECONDS``), as a lone edit is.
A second measurement times bursts: ``BURST`` changes ``BURST_GAP_SECONDS`` apart to the same
buffer, timed from the last change sent until that change's diagnostics have arrived (a burst
is debounced: its first change may be checked at once, its last waits for the pause). The same
text is also checked in this process without the protocol (the medians of the
engine's own wall and CPU time, the collector paused as the server pauses it), so the table
shows what the protocol and debounce add, and what the engine costs when other processes share
the cores; ``--phases`` adds the engine's time per stage of its check. Medians and the
spread (min-max) are printed as a Markdown table. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "legacy_project"
TARGET_LINES = 2000
NOTEBOOK_CELLS = 200
WAIT_SECONDS = 60
#: how long a buffer is left alone before a lone change (longer than any debounce measured here)
IDLE_SECONDS = 0.1
#: a burst: this many changes, this far apart (typing faster than the debounce)
BURST = 5
BURST_GAP_SECONDS = 0.01


class Server:
    """``azureml-migrate server`` over pipes, with a reader thread that timestamps messages."""

    def __init__(self, debounce_ms: Optional[float]) -> None:
        command = [str(Path(sys.executable).parent / "azureml-migrate"), "server"]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: "queue.Queue[Tuple[float, dict]]" = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0
        options = {} if debounce_ms is None else {"debounceMs": debounce_ms}
        self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {},
                                    "initializationOptions": options})
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        stream = self.process.stdin
        assert stream is not None
        stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stream.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            _, message = self.messages.get(timeout=WAIT_SECONDS)
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def diagnostics_of(self, uris: Sequence[str], versions: Dict[str, int]) -> float:
        """The time at which every URI has had diagnostics for its version published."""
        waiting = set(uris)
        last = time.perf_counter()
        while waiting:
            stamp, message = self.messages.get(timeout=WAIT_SECONDS)
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] in waiting and params.get("version") == versions.get(params["uri"]):
                waiting.discard(params["uri"])
                last = stamp
        return last

    def close(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        self.process.wait(timeout=WAIT_SECONDS)


# -- the buffers ---------------------------------------------------------------------------------
def sdk_modules(tree: Optional[Path]) -> Tuple[Path, Path]:
    """(the SDK module closest to 2,000 lines, the closest one with findings): found on disk and
    checked by the engine, never imported."""
    from azureml_migrate.server.checking import Configuration, check, scope_for

    if tree is None:
        spec = importlib.util.find_spec("azureml")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("the azureml SDK is not installed here: pass --sdk-tree")
        tree = Path(list(spec.submodule_search_locations)[0])
    candidates = []
    for path in sorted(tree.rglob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "from azureml" in text or "import azureml" in text:
            candidates.append((abs(text.count("\n") - TARGET_LINES), str(path), text))
    candidates.sort()
    scope = scope_for(Configuration().settings_for(None), None)
    with_findings = next(path for _, path, text in candidates if check(text, "python", None, scope).findings)
    return Path(candidates[0][1]), Path(with_findings)


def legacy_module() -> str:
    """About 2,000 lines of v1 training code: the example scripts, each inside a function."""
    sources = [(EXAMPLES / name).read_text() for name in
               ("submit_pytorch.py", "submit_sklearn.py", "submit_tensorflow.py", "hyperdrive_sweep.py")]
    functions: List[str] = []
    count = 0
    while count < TARGET_LINES:
        source = sources[len(functions) % len(sources)]
        body = "".join("    " + line if line.strip() else "\n" for line in source.splitlines(keepends=True))
        functions.append(f"def job_{len(functions)}():\n{body}")
        count += body.count("\n") + 2
    return "\n\n".join(functions)


def notebook_cells() -> List[Tuple[bool, str]]:
    """200 cells: the bundled notebook's cells, repeated (markdown and code, as stored)."""
    document = json.loads((EXAMPLES / "notebooks" / "explore.ipynb").read_text())
    cells = [(cell["cell_type"] == "code", "".join(cell["source"])) for cell in document["cells"]]
    return [cells[index % len(cells)] for index in range(NOTEBOOK_CELLS)]


# -- measuring -----------------------------------------------------------------------------------
def changed_line(text: str, round_number: int) -> Tuple[int, str]:
    """(line number, new text) of an edit in the middle of the text: a comment that changes."""
    lines = text.splitlines()
    middle = len(lines) // 2
    while middle < len(lines) and lines[middle].rstrip().endswith(("(", ",", "\\")):
        middle += 1
    return middle, f"{lines[middle]}  # edit {round_number}"


def edit_range(line: int, old: str) -> dict:
    return {"start": {"line": line, "character": 0}, "end": {"line": line, "character": len(old)}}


def engine_time(text: str, kind: str, path: Optional[Path]) -> Tuple[float, float]:
    """(wall, CPU) seconds of one check of ``text`` without the protocol, with the cyclic
    garbage collector paused as the server pauses it: the CPU time of this process is what the
    engine costs when other work shares the cores."""
    from azureml_migrate.server.checking import Configuration, check, scope_for

    scope = scope_for(Configuration().settings_for(None), path)
    gc.disable()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        check(text, kind, path, scope)
        return time.perf_counter() - start, time.process_time() - cpu
    finally:
        gc.enable()


#: (module, function, what it is): the stages of a check ``--phases`` times, each around the
#: function the engine calls for it (``fill`` and ``reached_imports`` run inside ``build_facts``)
PHASES = (
    ("azureml_migrate.audit.checkers", "parse_source", "parse (`compile`)"),
    ("azureml_migrate.builder", "build_facts", "fact builder (`build_facts`)"),
    ("azureml_migrate.builder.sites", "fill", "of it fix sites (`sites.fill`)"),
    ("azureml_migrate.builder.sites", "reached_imports", "of that `reached_imports`"),
    ("azureml_migrate.rules", "check_module", "rules, fixes rendered (`check_module`)"),
    ("azureml_migrate.audit.checkers", "audit_fix", "fixes placed in the file (`audit_fix`)"),
    ("azureml_migrate.audit.checkers", "_audit_finding", "findings placed in the file (`_audit_finding`)"),
)


def engine_phases(text: str, kind: str, rounds: int = 21) -> Dict[str, float]:
    """Median wall seconds of each of ``PHASES`` and of the whole check (``"check"``) over
    ``rounds`` checks (the first three not counted), timers put around the engine's functions
    for the time of the measurement and removed after it."""
    originals = []
    spent: Dict[str, float] = {}

    def timed(label: str, function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return run

    for module_name, name, label in PHASES:
        module = importlib.import_module(module_name)
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, timed(label, getattr(module, name)))
    samples: Dict[str, List[float]] = {label: [] for *_, label in PHASES}
    samples["check"] = []
    try:
        for number in range(rounds + 3):
            spent.clear()
            spent["check"] = engine_time(text if kind == "notebook" else f"{text}\n# round {number}\n", kind,
                                         None)[0]
            if number >= 3:
                for label, values in samples.items():
                    values.append(spent.get(label, 0.0))
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return {label: statistics.median(values) for label, values in samples.items()}


def engine_medians(text: str, kind: str, rounds: int = 7) -> Tuple[float, float]:
    """Median (wall, CPU) seconds of ``engine_time``, each round with one line changed (a
    comment at the end), as the server sees a change."""
    times = [engine_time(text if kind == "notebook" else f"{text}\n# round {number}\n", kind, None)
             for number in range(rounds)]
    return statistics.median(wall for wall, _ in times), statistics.median(cpu for _, cpu in times)


def _spread(samples: Sequence[float]) -> str:
    """A median and its range in milliseconds."""
    return (f"{statistics.median(samples) * 1000:.1f} ms "
            f"({min(samples) * 1000:.1f}-{max(samples) * 1000:.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds (each changes every buffer once)")
    parser.add_argument("--sdk-tree", type=Path, help="the azureml package directory to take the SDK module from")
    parser.add_argument("--debounce-ms", type=float, help="the server's debounce (default: the server's own)")
    parser.add_argument("--phases", action="store_true",
                        help="also time the stages of the engine's check of each buffer (no protocol)")
    args = parser.parse_args()

    from azureml_migrate.server.checking import Cell, notebook_json

    sdk_path, sdk_findings_path = sdk_modules(args.sdk_tree)
    work = REPO / "benchmarks" / ".cache" / "server"
    work.mkdir(parents=True, exist_ok=True)
    buffers: Dict[str, Tuple[str, str]] = {
        "SDK module": ((work / "sdk_module.py").as_uri(), sdk_path.read_text(encoding="utf-8")),
        "SDK module with findings": ((work / "sdk_module_findings.py").as_uri(),
                                     sdk_findings_path.read_text(encoding="utf-8")),
        "legacy module": ((work / "legacy_module.py").as_uri(), legacy_module()),
    }
    cells = notebook_cells()
    notebook_uri = (work / "notebook.ipynb").as_uri()
    cell_uris = [f"vscode-notebook-cell:{work / 'notebook.ipynb'}#C{index}" for index in range(len(cells))]

    server = Server(args.debounce_ms)
    versions: Dict[str, int] = {}
    for uri, text in buffers.values():
        versions[uri] = 1
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                                "text": text}})
        server.diagnostics_of([uri], versions)
    server.notify("notebookDocument/didOpen", {
        "notebookDocument": {"uri": notebook_uri, "notebookType": "jupyter-notebook", "version": 1,
                             "cells": [{"kind": 2 if code else 1, "document": uri}
                                       for uri, (code, _) in zip(cell_uris, cells)]},
        "cellTextDocuments": [{"uri": uri, "languageId": "python" if code else "markdown", "version": 1,
                               "text": text} for uri, (code, text) in zip(cell_uris, cells)]})
    for uri in cell_uris:
        versions[uri] = 1
    server.diagnostics_of(cell_uris, versions)
    edited_cell = next(index for index in range(len(cells) // 2, len(cells)) if cells[index][0])

    names = [*buffers, "notebook (200 cells)"]
    latency: Dict[str, List[float]] = {name: [] for name in names}
    burst_latency: Dict[str, List[float]] = {name: [] for name in names}
    texts = {name: text for name, (_, text) in buffers.items()}
    cell_text = cells[edited_cell][1]
    edits = 0

    def change(name: str) -> Tuple[str, float]:
        """Send one edit of a buffer (a line of the middle commented); (its URI, when it was sent)."""
        nonlocal cell_text, edits
        edits += 1
        if name in buffers:
            uri = buffers[name][0]
            line, new = changed_line(texts[name], edits)
            old = texts[name].splitlines()[line]
            versions[uri] += 1
            sent = time.perf_counter()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": versions[uri]},
                "contentChanges": [{"range": edit_range(line, old), "text": new}]})
            lines = texts[name].splitlines(keepends=True)
            lines[line] = new + "\n"
            texts[name] = "".join(lines)
            return uri, sent
        uri = cell_uris[edited_cell]
        line, new = changed_line(cell_text, edits)
        old = cell_text.splitlines()[line]
        versions[uri] += 1
        sent = time.perf_counter()
        server.notify("notebookDocument/didChange", {
            "notebookDocument": {"uri": notebook_uri, "version": edits + 1},
            "change": {"cells": {"textContent": [{
                "document": {"uri": uri, "version": versions[uri]},
                "changes": [{"range": edit_range(line, old), "text": new}]}]}}})
        lines = cell_text.splitlines(keepends=True)
        lines[line] = new + ("\n" if lines[line].endswith("\n") else "")
        cell_text = "".join(lines)
        return uri, sent

    idle = max(IDLE_SECONDS, 2 * (args.debounce_ms or 0) / 1000)
    for round_number in range(args.runs + 1):  # round 0 warms up
        order = names if round_number % 2 == 0 else list(reversed(names))
        for name in order:  # a lone change of each buffer
            time.sleep(idle)
            uri, start = change(name)
            end = server.diagnostics_of([uri], versions)
            if round_number:
                latency[name].append(end - start)
        for name in order:  # a burst of changes of each buffer: from its last change
            time.sleep(idle)
            for number in range(BURST):
                if number:
                    time.sleep(BURST_GAP_SECONDS)
                uri, start = change(name)
            end = server.diagnostics_of([uri], versions)
            if round_number:
                burst_latency[name].append(end - start)
    server.close()

    notebook_text = notebook_json([Cell(code, "python" if code else "markdown", text) for code, text in cells])
    engine = {name: engine_medians(texts[name], "python") for name in texts}
    engine["notebook (200 cells)"] = engine_medians(notebook_text, "notebook")
    sizes = {
        "SDK module": f"{texts['SDK module'].count(chr(10))} lines ({sdk_path.name})",
        "SDK module with findings": f"{texts['SDK module with findings'].count(chr(10))} lines "
                                    f"({sdk_findings_path.name})",
        "legacy module": f"{texts['legacy module'].count(chr(10))} lines",
        "notebook (200 cells)": f"{sum(text.count(chr(10)) + 1 for _, text in cells)} lines in {len(cells)} cells",
    }
    print(f"runs: {args.runs} rounds, buffers alternately in pairs; debounce: "
          f"{'server default' if args.debounce_ms is None else f'{args.debounce_ms:g} ms'}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print()
    print(f"| buffer | size | change to diagnostics, median (min-max) | last change of a burst of {BURST} "
          f"({BURST_GAP_SECONDS * 1000:g} ms apart) to diagnostics | engine alone, median | engine CPU, median |")
    print("|---|---|---|---|---|---|")
    for name in names:
        print(f"| {name} | {sizes[name]} | {_spread(latency[name])} | {_spread(burst_latency[name])} "
              f"| {engine[name][0] * 1000:.1f} ms | {engine[name][1] * 1000:.1f} ms |")
    if args.phases:
        documents = {name: (texts[name], "python") for name in texts}
        documents["notebook (200 cells)"] = (notebook_text, "notebook")
        phases = {name: engine_phases(text, kind) for name, (text, kind) in documents.items()}
        print()
        print("Where the engine's time goes (wall, medians of 21 checks, timers around the functions named):")
        print()
        print("| stage | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for label in ["check", *(label for *_, label in PHASES)]:
            shown = "whole check (`server.checking.check`)" if label == "check" else label
            print(f"| {shown} | " + " | ".join(f"{phases[name][label] * 1000:.1f} ms" for name in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
