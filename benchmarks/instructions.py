"""Instruction counts (callgrind) of flake8 and pylint with and without the plugin.

Wall and CPU time on a shared 2-core machine spread by ±15%; the number of instructions
callgrind collects is the same from run to run, so a ratio of a few percent can be measured.
Used by ``benchmarks/run.py --only instructions`` (kept apart so run.py stays short).
"""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path
from typing import Callable, Dict, List, Sequence

#: The SDK-heavy trees of issue 19 (every module uses the SDK), under an ``azureml`` package.
FLAKE8_TREES = ("train/estimator", "train/dnn", "train/hyperdrive")
PYLINT_TREE = "train/hyperdrive"
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def callgrind_instructions(command: Sequence[object], cwd: Path) -> int:
    """Instructions the command (and only it: no children are traced) executes, after one run
    outside valgrind (which writes any bytecode cache still missing)."""
    subprocess.run([str(part) for part in command], capture_output=True, check=False, cwd=cwd)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *[str(part) for part in command]], capture_output=True, text=True, check=False, cwd=cwd)
    match = _COLLECTED.search(done.stderr)
    if match is None:
        raise SystemExit(f"callgrind gave no count for {command}: {done.stderr[-2000:]}")
    return int(match.group(1))


def same_site_packages(with_plugin: Path, without_plugin: Path, python: Callable[[Path], Path]) -> List[str]:
    """Install into the bare venv every distribution the plugin's venv has except the plugin
    itself (its dependencies: packaging, pathspec, pyyaml), so the two differ by the plugin
    only; flake8 scans every installed distribution's entry points at start."""
    def freeze(venv: Path) -> List[str]:
        return subprocess.run([str(python(venv)), "-m", "pip", "freeze"], capture_output=True, text=True,
                              check=True).stdout.splitlines()

    bare = set(freeze(without_plugin))
    plugin = ("azureml-migrate-lint", "azureml_migrate_lint")
    missing = sorted(line for line in freeze(with_plugin) if line not in bare and not line.lower().startswith(plugin))
    if missing:
        subprocess.run([str(python(without_plugin)), "-m", "pip", "install", "-q", "--no-deps", *missing], check=True)
    return missing


def bench_instructions(sdk: Path, with_plugin: Path, without_plugin: Path, python: Callable[[Path], Path],
                       rcfile: Path, runs: int = 1,
                       tools: Sequence[str] = ("flake8", "pylint")) -> Dict[str, object]:
    """flake8 (two venvs) on the three SDK trees and pylint (one venv, plugin loaded or not) on
    HyperDrive, ``runs`` counts of each (they should agree)."""
    added = same_site_packages(with_plugin, without_plugin, python)
    # ``python -m`` puts the working directory first on sys.path: run in the repository, the bare
    # venv found the checkout's egg-info and ran the plugin too (ratio 1.001 instead of 1.07)
    cwd = rcfile.parent / "instructions-cwd"
    cwd.mkdir(exist_ok=True)
    plugins = subprocess.run([str(python(without_plugin)), "-m", "flake8", "--version"], capture_output=True,
                             text=True, check=True, cwd=cwd).stdout
    if "azureml" in plugins:
        raise SystemExit(f"the venv without the plugin has it: {plugins}")
    trees = [sdk / tree for tree in FLAKE8_TREES]
    flake8 = ["-m", "flake8", "-j1", "--isolated", "--exit-zero", *trees]
    pylint = ["-m", "pylint", f"--rcfile={rcfile}", "--persistent=n", "--score=n", "--exit-zero", "--jobs=1",
              "--recursive=y", sdk / PYLINT_TREE]
    rows = {
        "flake8": ([python(with_plugin), *flake8], [python(without_plugin), *flake8]),
        "pylint": ([python(with_plugin), *pylint, "--load-plugins=pylint_azureml_migrate"],
                   [python(with_plugin), *pylint]),
    }
    results: Dict[str, object] = {"sdk": str(sdk), "added_to_bare_venv": added}
    for name, (subject, baseline) in rows.items():
        if name not in tools:
            continue
        # hash randomization moves a count by a few million from run to run (set and dict order,
        # when the collector runs): runs alternate, and the figure is the ratio of medians
        counts: Dict[str, List[int]] = {"subject": [], "baseline": []}
        for _ in range(runs):
            counts["subject"].append(callgrind_instructions(subject, cwd))
            counts["baseline"].append(callgrind_instructions(baseline, cwd))
        pairs = [with_plugin / without for with_plugin, without in zip(counts["subject"], counts["baseline"])]
        results[name] = {
            "command": " ".join(str(part) for part in subject),
            "baseline_command": " ".join(str(part) for part in baseline),
            "subject": statistics.median(counts["subject"]), "baseline": statistics.median(counts["baseline"]),
            "samples": counts, "ratio": statistics.median(counts["subject"]) / statistics.median(counts["baseline"]),
            "pair_ratios": [min(pairs), max(pairs)],
        }
    return results


def markdown(results: Dict[str, object]) -> List[str]:
    targets = {"flake8": 1.02, "pylint": 1.03}
    out = ["", "## Instructions (callgrind), with the plugin vs without", "",
           f"SDK tree: `{results['sdk']}`", "",
           "| tool | runs | with, median | without, median | ratio of medians (pairs) | target |",
           "|---|---|---|---|---|---|"]
    for name, target in targets.items():
        if name not in results:
            continue
        row = results[name]
        verdict = "met" if row["ratio"] <= target else "missed"
        low, high = row["pair_ratios"]
        out.append(f"| {name} | {len(row['samples']['subject'])} | {row['subject']:,.0f} | {row['baseline']:,.0f} | "
                   f"{row['ratio']:.4f} ({low:.4f}-{high:.4f}) | ≤ {target} ({verdict}) |")
    for name in targets:
        if name in results:
            out += ["", f"- {name}: `{results[name]['command']}` vs `{results[name]['baseline_command']}`"]
    return out
