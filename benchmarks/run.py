"""Reproducible speed and memory measurements of azureml-migrate-lint (a script, not a test).

    python3 benchmarks/run.py            # everything, 5 paired runs each (~30 min on 2 cores)
    python3 benchmarks/run.py --runs 3 --only flake8,editor
    python3 benchmarks/run.py --runs 3 --only sdk --sdk-tree .venv/lib/python3.11/site-packages/azureml
    python3 benchmarks/run.py --ref 2db9d57 ...   # measure an older commit the same way

Builds everything it needs under benchmarks/.cache/ (git-ignored; nothing downloaded is ever
committed): a corpus of public code from PyPI (the azureml SDK's own wheels, and Django as a
large project that never uses the SDK), two virtual environments with the same pinned tools,
one with this plugin installed and one without, and copies of the corpus for the scaling run.

Every comparison runs its two commands alternately, in pairs, after a warm-up run of each, and
reports medians and the ratio of medians; the pairwise ratios show the spread. Every timed run
must succeed (its exit code, no traceback, the output it is expected to write: see Expect),
or the benchmark stops: a command that fails fast would otherwise look like a fast tool. The Markdown
tables are printed and written to benchmarks/.cache/results-<benchmarks>.md (figures kept in
RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import instructions  # benchmarks/instructions.py, next to this script
from report import markdown  # benchmarks/report.py, next to this script

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "benchmarks" / ".cache"
WHEELS = CACHE / "wheels"
CORPUS = CACHE / "corpus"
SCALE = CACHE / "scale"
WITH_PLUGIN = CACHE / "venv-with"
WITHOUT_PLUGIN = CACHE / "venv-without"

#: Pinned so a fresh machine measures the same code.
CORPUS_WHEELS = {
    "azureml-sdk": ["azureml-core==1.61.0.post4", "azureml-train-core==1.62.0",
                    "azureml-pipeline-core==1.62.0", "azureml-pipeline-steps==1.62.0"],
    "django": ["Django==5.1.4"],
}
TOOLS = ["flake8==7.5.0", "pylint==4.1.4", "ruff==0.17.6"]
#: pylint is ~100x slower than flake8 per file: it runs on this part of the corpus.
PYLINT_SUBSET = ["azureml-sdk/azureml/train/estimator", "azureml-sdk/azureml/pipeline/steps",
                 "django/django/core/management/commands", "legacy-project"]
#: The SDK-heavy pylint case (where the plugin's cost shows most): the HyperDrive package.
PYLINT_SDK_HEAVY = "azureml-sdk/azureml/train/hyperdrive"
#: The editor case: one module of about 2,000 lines that does use the SDK.
EDITOR_MODULE_LINES = 2000


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(command: Sequence[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], check=True, **kwargs)


def bin_of(venv: Path, name: str) -> Path:
    return venv / "bin" / name


# -- setting up ----------------------------------------------------------------------------------
def build_venvs(python: str, ref: str = "HEAD") -> None:
    """Two environments with identical tools; only one has this project (commit ``ref``) installed."""
    for venv in (WITH_PLUGIN, WITHOUT_PLUGIN):
        if not bin_of(venv, "python").exists():
            log(f"creating {venv.name}")
            run([python, "-m", "venv", venv])
            run([bin_of(venv, "python"), "-m", "pip", "install", "-q", *TOOLS])
    log(f"installing this checkout's {ref} (not editable) into venv-with")
    source = CACHE / "source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir()
    archive = run(["git", "-C", REPO, "archive", ref], capture_output=True).stdout
    run(["tar", "-x", "-C", source], input=archive)
    run([bin_of(WITH_PLUGIN, "python"), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", source])
    run([bin_of(WITH_PLUGIN, "python"), "-m", "pip", "install", "-q", source])
    freeze = {venv: run([bin_of(venv, "python"), "-m", "pip", "freeze"], capture_output=True,
                        text=True).stdout for venv in (WITH_PLUGIN, WITHOUT_PLUGIN)}
    tools = {line for line in freeze[WITH_PLUGIN].splitlines()
             if line.split("==")[0].lower() in ("flake8", "pyflakes", "pycodestyle", "mccabe", "pylint", "astroid")}
    missing = tools - set(freeze[WITHOUT_PLUGIN].splitlines())
    if missing:
        run([bin_of(WITHOUT_PLUGIN, "python"), "-m", "pip", "install", "-q", *sorted(missing)])
    plugins = run([bin_of(WITHOUT_PLUGIN, "flake8"), "--version"], capture_output=True, text=True).stdout
    assert "azureml" not in plugins, plugins


def build_corpus() -> None:
    WHEELS.mkdir(parents=True, exist_ok=True)
    for name, requirements in CORPUS_WHEELS.items():
        target = CORPUS / name
        if target.exists():
            continue
        log(f"downloading {', '.join(requirements)}")
        run([bin_of(WITH_PLUGIN, "python"), "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
             "-d", WHEELS, *requirements])
        staging = CORPUS / f".{name}"
        shutil.rmtree(staging, ignore_errors=True)
        for requirement in requirements:
            project, version = requirement.split("==")
            prefix = f"{project.replace('-', '_').lower()}-{version}-"
            [wheel] = [path for path in WHEELS.glob("*.whl") if path.name.lower().startswith(prefix)]
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(staging)
        staging.rename(target)
    legacy = CORPUS / "legacy-project"
    if not legacy.exists():
        shutil.copytree(REPO / "examples", legacy / "examples")
        shutil.copytree(REPO / "tests" / "samples", legacy / "samples")


def corpus_stats(root: Path) -> Dict[str, int]:
    files = [path for path in root.rglob("*") if path.is_file()]
    python = [path for path in files if path.suffix == ".py"]
    lines = sum(path.read_bytes().count(b"\n") for path in python)
    return {"files": len(files), "python_files": len(python), "python_lines": lines,
            "bytes": sum(path.stat().st_size for path in files)}


def build_scaled_trees() -> Dict[int, Path]:
    trees = {}
    for factor in (1, 2, 4):
        tree = SCALE / f"{factor}x"
        if not tree.exists():
            log(f"copying the corpus {factor} times")
            for copy in range(factor):
                shutil.copytree(CORPUS, tree / f"copy{copy}", ignore=shutil.ignore_patterns(".*"))
        trees[factor] = tree
    return trees


def editor_module() -> Path:
    """The SDK module whose length is closest to 2,000 lines among those importing azureml."""
    candidates = []
    for path in sorted((CORPUS / "azureml-sdk").rglob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "from azureml" in text or "import azureml" in text:
            candidates.append((abs(text.count("\n") - EDITOR_MODULE_LINES), str(path)))
    return Path(min(candidates)[1])


# -- measuring -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expect:
    """What a timed command must do to count: exit with one of ``codes``, write no traceback,
    and write what ``output`` accepts (a check of stdout that returns a problem, or None)."""
    codes: Tuple[int, ...] = (0,)
    output: Optional[Callable[[str], Optional[str]]] = None


_REPORT_LINE = re.compile(r"^.+:\d+:\d+: [A-Z]+[0-9]+ ")


def report_lines(stdout: str) -> Optional[str]:
    """flake8: every line is ``path:line:col: CODE message``."""
    bad = [line for line in stdout.splitlines() if line.strip() and not _REPORT_LINE.match(line)]
    return f"unexpected output line {bad[0]!r}" if bad else None


def nothing(stdout: str) -> Optional[str]:
    return f"unexpected output {stdout[:200]!r}" if stdout.strip() else None


def some_lines(stdout: str) -> Optional[str]:
    return None if stdout.strip() else "no output"


def json_report(stdout: str) -> Optional[str]:
    """The audit's JSON report: a document with its findings and errors."""
    try:
        document = json.loads(stdout)
    except ValueError as error:
        return f"not a JSON report ({error}): {stdout[:200]!r}"
    return None if {"findings", "errors"} <= set(document) else f"no findings/errors in {sorted(document)}"


def pylint_report(stdout: str) -> Optional[str]:
    """No plugin that failed to load (pylint reports it as a message, not an exit code)."""
    for symptom in ("bad-plugin-value", "E0013", "No module named", "astroid-error", "fatal"):
        if symptom in stdout:
            return f"pylint reported {symptom!r}"
    return None


FLAKE8 = Expect(output=report_lines)
AUDIT = Expect(output=json_report)
GREP = Expect(output=some_lines)


def a_diff(stdout: str) -> Optional[str]:
    return None if stdout.startswith("--- ") else f"no diff: {stdout[:200]!r}"


#: ``fix --diff`` exits 1 when it would change something, as ruff's does
FIX_DIFF = Expect(codes=(1,), output=a_diff)


def checked(command: Sequence[str], completed: subprocess.CompletedProcess, expect: Expect) -> None:
    """Stop the benchmark when a timed run did not do its job."""
    problem = None
    if completed.returncode not in expect.codes:
        problem = f"exit code {completed.returncode}, expected {expect.codes}"
    elif "Traceback (most recent call last)" in completed.stderr:
        problem = "a traceback"
    elif expect.output is not None:
        problem = expect.output(completed.stdout)
    if problem:
        raise SystemExit(f"benchmark command failed ({problem}): {' '.join(map(str, command))}\n"
                         f"stderr: {completed.stderr[-2000:]}")


def timed(command: Sequence[str], cwd: Optional[Path] = None, expect: Expect = Expect()) -> Tuple[float, float]:
    """(wall seconds, CPU seconds of the command and all its processes and threads).

    CPU time is what a plugin adds and is far steadier than wall time on a shared machine;
    wall time is what a user waits, and what parallelism improves. Output goes to files (not
    pipes a reader must drain while the clock runs) and is checked after the run.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as stdout, \
            tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as stderr:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.run([str(part) for part in command], cwd=cwd, stdout=stdout, stderr=stderr,
                                 check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stdout.seek(0)
        stderr.seek(0)
        checked(command, subprocess.CompletedProcess(process.args, process.returncode, stdout.read(),
                                                     stderr.read()), expect)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(name: str, subject: Sequence[str], baseline: Sequence[str], runs: int,
           cwd: Optional[Path] = None, expect: Expect = Expect(),
           expect_baseline: Optional[Expect] = None) -> Dict[str, object]:
    """Alternate subject and baseline (ABBA...) after one warm-up each; medians and ratios."""
    expect_baseline = expect_baseline or expect
    timed(subject, cwd, expect)
    timed(baseline, cwd, expect_baseline)
    subject_times: List[Tuple[float, float]] = []
    baseline_times: List[Tuple[float, float]] = []
    for index in range(runs):
        order = [(subject, subject_times, expect), (baseline, baseline_times, expect_baseline)]
        for command, times, expected in (order if index % 2 == 0 else order[::-1]):
            times.append(timed(command, cwd, expected))
    result: Dict[str, object] = {
        "name": name, "runs": runs,
        "subject_command": " ".join(str(part) for part in subject),
        "baseline_command": " ".join(str(part) for part in baseline),
        "subject_times": subject_times, "baseline_times": baseline_times,
    }
    for measure, index in (("wall", 0), ("cpu", 1)):
        subject_median = statistics.median(t[index] for t in subject_times)
        baseline_median = statistics.median(t[index] for t in baseline_times)
        pairwise = sorted(s[index] / b[index] for s, b in zip(subject_times, baseline_times))
        result[measure] = {"subject": subject_median, "baseline": baseline_median,
                           "ratio": subject_median / baseline_median,
                           "pairwise_min": pairwise[0], "pairwise_max": pairwise[-1]}
    log(f"{name}: wall {result['wall']['subject']:.3f}s vs {result['wall']['baseline']:.3f}s "
        f"(x{result['wall']['ratio']:.3f}); cpu {result['cpu']['subject']:.3f}s vs "
        f"{result['cpu']['baseline']:.3f}s (x{result['cpu']['ratio']:.3f})")
    return result


def tree_rss_kib(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: Dict[int, List[int]] = {}
    rss: Dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat_file:
                fields = stat_file.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as statm_file:
                pages = int(statm_file.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def peak_memory(command: Sequence[str]) -> Dict[str, float]:
    """Peak RSS of the largest process (GNU time) and of the whole process tree (sampled)."""
    time_binary = shutil.which("time") or "/usr/bin/time"
    report = CACHE / "time.txt"
    process = subprocess.Popen([time_binary, "-f", "%M %e", "-o", str(report), *map(str, command)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_total = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_total
        while not done.is_set():
            peak_total = max(peak_total, tree_rss_kib(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed (exit code {process.returncode}): {' '.join(map(str, command))}")
    largest_kib, seconds = report.read_text().split()[-2:]
    return {"largest_process_mib": int(largest_kib) / 1024, "process_tree_mib": peak_total / 1024,
            "seconds": float(seconds)}


def median_of(command: Sequence[str], runs: int, cwd: Optional[Path] = None,
              expect: Expect = Expect()) -> Dict[str, float]:
    timed(command, cwd, expect)
    samples = [timed(command, cwd, expect) for _ in range(runs)]
    return {"wall": statistics.median(s[0] for s in samples), "cpu": statistics.median(s[1] for s in samples)}


def in_process_cost(module: Path, repeats: int = 30) -> Dict[str, float]:
    """What the plugin itself adds per file once flake8 has parsed it: median milliseconds."""
    script = f"""
import ast, io, json, statistics, time
from flake8_azureml_migrate import AzureMLMigrateChecker
source = open({str(module)!r}, encoding="utf-8").read()
lines = io.StringIO(source).readlines()
parse, plugin = [], []
for _ in range({repeats}):
    start = time.perf_counter(); tree = ast.parse(source); parse.append(time.perf_counter() - start)
    start = time.perf_counter(); list(AzureMLMigrateChecker(tree, lines, "m.py").run())
    plugin.append(time.perf_counter() - start)
print(json.dumps({{"ast_parse_ms": statistics.median(parse) * 1000,
                  "plugin_run_ms": statistics.median(plugin) * 1000}}))
"""
    output = run([bin_of(WITH_PLUGIN, "python"), "-c", script], capture_output=True, text=True).stdout
    return json.loads(output)


def import_cost() -> Dict[str, float]:
    """CPU time to import the plugin modules in a fresh interpreter that has loaded its host,
    and what ``python -X importtime`` reports for them inside a real flake8 start."""
    def median_ms(host: str, module: str) -> float:
        script = (f"import time, {host}\nstart = time.process_time()\nimport {module}\n"
                  "print((time.process_time() - start) * 1000)")
        return statistics.median(
            float(run([bin_of(WITH_PLUGIN, "python"), "-c", script], capture_output=True, text=True).stdout)
            for _ in range(15))

    flake8_host = "flake8.main.application, flake8.checker, pyflakes.checker, pycodestyle"
    return {"flake8_plugin_import_ms": median_ms(flake8_host, "flake8_azureml_migrate"),
            "flake8_plugin_and_rules_import_ms": median_ms(
                flake8_host, "flake8_azureml_migrate, azureml_migrate.rules, azureml_migrate.builder"),
            "pylint_plugin_import_ms": median_ms("pylint.lint, astroid", "pylint_azureml_migrate"),
            **flake8_start_imports()}


def flake8_start_imports(runs: int = 9) -> Dict[str, float]:
    """``python -X importtime -m flake8`` on a file without azureml, in both venvs: the self
    time of every module only the run with the plugin imports (``azureml_migrate.*``,
    ``packaging``...), median ms. The plugin module's own line is not reported by
    ``-X importtime`` when flake8 loads it, so the difference of module sets is summed."""
    sample = CACHE / "no-azureml.py"
    sample.write_text("import os\n\nprint(os.getcwd())\n")

    def self_times(venv: Path) -> Dict[str, int]:
        report = subprocess.run([str(bin_of(venv, "python")), "-X", "importtime", "-m", "flake8", "--isolated",
                                 "--exit-zero", str(sample)], capture_output=True, text=True, check=False).stderr
        times = {}
        for line in report.splitlines():
            if line.startswith("import time:") and "|" in line and "self [us]" not in line:
                self_us, _, name = line[len("import time:"):].split("|")
                times[name.strip()] = int(self_us)
        return times

    extra, modules = [], set()
    for _ in range(runs):
        with_plugin, without = self_times(WITH_PLUGIN), self_times(WITHOUT_PLUGIN)
        only_plugin = set(with_plugin) - set(without)
        modules |= only_plugin
        extra.append(sum(with_plugin[name] for name in only_plugin) / 1000)
    if not modules:  # seen once under heavy load: a figure of 0 ms that measured nothing
        raise SystemExit("flake8 -X importtime: the run with the plugin imported no module the run without "
                         "it did not; the plugin was not loaded, or the report was not read")
    return {"flake8_start_plugin_modules_self_ms": statistics.median(extra),
            "flake8_start_plugin_modules": len(modules)}


# -- the benchmarks ------------------------------------------------------------------------------
def bench_flake8(runs: int, sdk_only: bool = False) -> List[Dict[str, object]]:
    """The whole corpus on all cores, then its two halves on one core: Django never mentions
    azureml (the prefilter's best case), every SDK module does (the full check, worst case).
    ``sdk_only``: just the one-core rows on SDK packages."""
    results = []
    for jobs, tree, label in (("auto", CORPUS, "whole corpus"), ("1", CORPUS / "django", "Django"),
                              ("1", CORPUS / "azureml-sdk" / "azureml" / "train", "azureml SDK: azureml.train"),
                              ("1", CORPUS / PYLINT_SDK_HEAVY, "azureml SDK: azureml.train.hyperdrive"),
                              ("1", CORPUS / "azureml-sdk" / "azureml" / "pipeline", "azureml SDK: azureml.pipeline")):
        if sdk_only and "azureml SDK" not in label:
            continue
        arguments = ["--isolated", "--exit-zero", f"--jobs={jobs}", tree]
        results.append(paired(f"flake8 --jobs={jobs}, {label}", [bin_of(WITH_PLUGIN, "flake8"), *arguments],
                              [bin_of(WITHOUT_PLUGIN, "flake8"), *arguments], runs, expect=FLAKE8))
    return results


def bench_pylint(runs: int) -> List[Dict[str, object]]:
    rcfile = CACHE / "empty-pylintrc"
    rcfile.write_text("")
    targets = [CORPUS / part for part in PYLINT_SUBSET]
    common = [bin_of(WITH_PLUGIN, "pylint"), f"--rcfile={rcfile}", "--persistent=n", "--score=n",
              "--exit-zero", "--jobs=1", "--recursive=y", *targets]
    heavy = [*common[:-len(targets)], CORPUS / PYLINT_SDK_HEAVY]
    pylint = Expect(output=pylint_report)
    return [paired("pylint --jobs=1, subset", [*common, "--load-plugins=pylint_azureml_migrate"], common, runs,
                   cwd=CACHE, expect=pylint),
            paired("pylint --jobs=1, azureml.train.hyperdrive", [*heavy, "--load-plugins=pylint_azureml_migrate"],
                   heavy, runs, cwd=CACHE, expect=pylint)]


def bench_audit(runs: int) -> Dict[str, object]:
    audit = [bin_of(WITH_PLUGIN, "azureml-migrate"), "audit", "--isolated", "--exit-zero", "--format=json"]
    ruff = [bin_of(WITH_PLUGIN, "ruff"), "check", "--isolated", "--no-cache", "--exit-zero", "--quiet"]
    grep = ["grep", "-r", "-l", "azureml"]
    ruff_expect = Expect(output=some_lines)  # its diagnostics span several lines; exit 2 is its own failure
    results: Dict[str, object] = {
        "vs_ruff": paired("audit vs ruff check, whole corpus", [*audit, CORPUS], [*ruff, CORPUS], runs,
                          expect=AUDIT, expect_baseline=ruff_expect),
        "vs_grep": paired("audit vs grep -rl azureml, whole corpus", [*audit, CORPUS], [*grep, CORPUS], runs,
                          expect=AUDIT, expect_baseline=GREP),
        "ruff_vs_grep": paired("ruff vs grep, whole corpus", [*ruff, CORPUS], [*grep, CORPUS], runs,
                               expect=ruff_expect, expect_baseline=GREP),
    }
    trees = build_scaled_trees()
    scaling = {}
    for factor, tree in trees.items():
        scaling[factor] = {"audit": median_of([*audit, tree], runs, expect=AUDIT),
                           "ruff": median_of([*ruff, tree], runs, expect=ruff_expect),
                           "files": corpus_stats(tree)["files"]}
        log(f"scale {factor}x: audit {scaling[factor]['audit']} ruff {scaling[factor]['ruff']}")
    results["scaling"] = scaling
    to_null = ["--output", os.devnull]  # peak memory: the report itself is checked by the timed runs
    results["memory"] = {f"{factor}x": peak_memory([*audit, *to_null, tree]) for factor, tree in trees.items()}
    results["memory_ruff_1x"] = peak_memory([*ruff, trees[1]])
    log(f"memory: {results['memory']}")
    return results


#: the linear-time shapes are measured at this multiple of the size their tests use (and 10 times it),
#: except where that is too little work to time apart from start-up: N given here
LINEAR_SCALE = 4
LINEAR_SIZES = {"requirements_spaces": 1_000_000, "setup_cfg_spaces": 1_000_000}
#: estimator calls in the smaller module ``fix --diff`` is timed on (and 10 times as many)
FIX_CALLS = 500


def bench_linear(runs: int) -> Dict[str, object]:
    """The audit on each hostile plain-text shape at sizes N and 10N (CPU medians, start-up removed).

    The shapes are the tests' (tests/hostile): once quadratic, the 10N/N ratio must stay near 10.
    Start-up is the CPU time of auditing an empty directory, subtracted from both sizes.
    """
    sys.path.insert(0, str(REPO))
    from tests.hostile import linear_time_shapes

    audit = [bin_of(WITH_PLUGIN, "azureml-migrate"), "audit", "--isolated", "--exit-zero", "--jobs=1",
             "--format=json"]
    root = CACHE / "linear"
    shutil.rmtree(root, ignore_errors=True)
    (root / "empty").mkdir(parents=True)
    startup = median_of([*audit, root / "empty"], runs, expect=AUDIT)["cpu"]
    rows: Dict[str, object] = {"startup_cpu": startup}
    for shape, (file_name, make, size) in sorted(linear_time_shapes().items()):
        seconds = []
        size = LINEAR_SIZES.get(shape, size * LINEAR_SCALE)
        for count in (size, size * 10):
            directory = root / f"{shape}-{count}"
            directory.mkdir()
            (directory / file_name).write_bytes(make(count))
            seconds.append(max(median_of([*audit, directory / file_name], runs, expect=AUDIT)["cpu"] - startup,
                               1e-3))
        rows[shape] = {"n": size, "cpu_n": seconds[0], "cpu_10n": seconds[1],
                       "ratio": seconds[1] / seconds[0]}
        log(f"linear {shape}: {rows[shape]}")
    # ``fix --diff`` of a module of N top-level estimator calls (tests/test_fix_linear.py's shape)
    from tests.test_fix_linear import estimator_module

    fix = [bin_of(WITH_PLUGIN, "azureml-migrate"), "fix", "--isolated", "--diff", "--quiet"]
    seconds = []
    for count in (FIX_CALLS, FIX_CALLS * 10):
        module = root / f"fix_estimator_calls-{count}" / "calls.py"
        module.parent.mkdir()
        module.write_text(estimator_module(count), encoding="utf-8")
        seconds.append(max(median_of([*fix, module], runs, expect=FIX_DIFF)["cpu"] - startup, 1e-3))
    rows["fix_estimator_calls"] = {"n": FIX_CALLS, "cpu_n": seconds[0], "cpu_10n": seconds[1],
                                   "ratio": seconds[1] / seconds[0]}
    log(f"linear fix_estimator_calls: {rows['fix_estimator_calls']}")
    return rows


def bench_sdk(runs: int, tree: Optional[Path] = None) -> Dict[str, object]:
    """The audit of a whole azureml SDK package tree vs ``grep -rl azureml`` over it, paired."""
    tree = tree or CORPUS / "azureml-sdk" / "azureml"
    audit = [bin_of(WITH_PLUGIN, "azureml-migrate"), "audit", "--isolated", "--exit-zero", "--format=json", tree]
    stats = corpus_stats(tree)
    result = paired(f"audit vs grep -rl azureml, azureml SDK ({stats['python_files']} .py files)", audit,
                    ["grep", "-r", "-l", "azureml", tree], runs, expect=AUDIT, expect_baseline=GREP)
    return {"tree": str(tree), "stats": stats, "vs_grep": result}


def bench_editor(runs: int) -> Dict[str, object]:
    module = editor_module()
    lines = module.read_text(encoding="utf-8").count("\n")
    flake8_args = ["--isolated", "--exit-zero", module]
    rcfile = CACHE / "empty-pylintrc"
    rcfile.write_text("")
    pylint = [bin_of(WITH_PLUGIN, "pylint"), f"--rcfile={rcfile}", "--persistent=n", "--score=n", "--exit-zero",
              module]
    small = CACHE / "no-azureml.py"
    small.write_text("import os\n\nprint(os.getcwd())\n")
    small_args = ["--isolated", "--exit-zero", small]
    return {
        "module": str(module.relative_to(CORPUS)), "lines": lines,
        "flake8_start": paired("flake8 start, a 3-line file without azureml",
                               [bin_of(WITH_PLUGIN, "flake8"), *small_args],
                               [bin_of(WITHOUT_PLUGIN, "flake8"), *small_args], max(runs, 15),
                               expect=Expect(output=nothing)),
        "flake8": paired(f"flake8, one {lines}-line module", [bin_of(WITH_PLUGIN, "flake8"), *flake8_args],
                         [bin_of(WITHOUT_PLUGIN, "flake8"), *flake8_args], max(runs, 15), expect=FLAKE8),
        "pylint": paired(f"pylint, one {lines}-line module", [*pylint, "--load-plugins=pylint_azureml_migrate"],
                         pylint, max(runs, 5), cwd=CACHE, expect=Expect(output=pylint_report)),
        "in_process": in_process_cost(module),
        "imports": import_cost(),
    }


def bench_instructions(runs: int, sdk_tree: Optional[Path], tools: str) -> Dict[str, object]:
    """Callgrind instruction counts (issue 19's measure): one count per run, not paired timings."""
    rcfile = CACHE / "empty-pylintrc"
    rcfile.write_text("")
    sdk = sdk_tree.resolve() if sdk_tree else CORPUS / "azureml-sdk" / "azureml"
    return instructions.bench_instructions(sdk, WITH_PLUGIN, WITHOUT_PLUGIN, lambda venv: bin_of(venv, "python"),
                                           rcfile, runs, tools.split(","))


# -- reporting -----------------------------------------------------------------------------------
def machine(ref: str = "HEAD") -> Dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        memory_gib = f"{int(memory) / 2**20:.1f} GiB"
    except OSError:
        memory_gib = "unknown"
    versions = run([bin_of(WITH_PLUGIN, "python"), "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    tools = [line for line in versions.splitlines()
             if line.split("==")[0].lower() in ("flake8", "pylint", "ruff", "astroid", "pyflakes", "pycodestyle")]
    grep_version = run(["grep", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    load = os.getloadavg()
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": memory_gib, "os": platform.platform(),
            "python": platform.python_version(), "tools": ", ".join(tools + [grep_version]),
            "load_average_at_start": f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
            "commit": run(["git", "-C", REPO, "rev-parse", "--short", ref], capture_output=True,
                          text=True).stdout.strip()}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired runs per comparison (default 5)")
    parser.add_argument("--only", default="flake8,pylint,audit,linear,sdk,editor",
                        help="comma list of: flake8, pylint, audit, linear, sdk, editor, instructions "
                             "(callgrind counts; not in the default)")
    parser.add_argument("--instructions-tools", default="flake8,pylint",
                        help="instructions: which of flake8, pylint to count")
    parser.add_argument("--flake8-sdk-only", action="store_true",
                        help="flake8: only the one-core rows on azureml SDK packages")
    parser.add_argument("--ref", default="HEAD", help="commit of this repository to install and measure")
    parser.add_argument("--sdk-tree", type=Path, default=None,
                        help="azureml package tree for the sdk benchmark (default: the corpus's azureml-sdk/azureml; "
                             "e.g. an installed site-packages/azureml)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the two venvs")
    args = parser.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    build_venvs(args.python, args.ref)
    build_corpus()
    results: Dict[str, object] = {"machine": machine(args.ref),
                                  "corpus": {path.name: corpus_stats(path) for path in sorted(CORPUS.iterdir())}}
    benches = {"flake8": lambda runs: bench_flake8(runs, args.flake8_sdk_only), "pylint": bench_pylint,
               "audit": bench_audit, "linear": bench_linear, "editor": bench_editor,
               "sdk": lambda runs: bench_sdk(runs, args.sdk_tree.resolve() if args.sdk_tree else None),
               "instructions": lambda runs: bench_instructions(runs, args.sdk_tree, args.instructions_tools)}
    for name in args.only.split(","):
        log(f"benchmark: {name}")
        results[name] = benches[name.strip()](args.runs)
    results["children_max_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    stem = "results-" + args.only.replace(",", "-") + ("" if args.ref == "HEAD" else f"-{args.ref}")
    (CACHE / f"{stem}.json").write_text(json.dumps(results, indent=2, default=str))
    report = markdown(results)
    if "instructions" in results:
        report += "\n".join(instructions.markdown(results["instructions"])) + "\n"
    (CACHE / f"{stem}.md").write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
