"""Measure ``azureml-migrate fix`` on checkouts of real repositories (issue 16, "Done when").

For every ``.py`` and ``.ipynb`` file under the given folders that constructs an estimator
(AML101), count the estimator calls found, how many ``fix`` rewrites in safe and in unsafe mode,
and why the rest are left (manual reasons, unsafe-only in safe mode). Each program the fix
changes (a rewritten estimator, or only a HyperDrive/step argument or an import) is then run
offline with the real SDK before and after the fix (``tests/whole_programs.py``: the same four
checks as the whole-program suite, with the program's own folder as its project, or the ancestor
its code climbs to with ``..``) and counted as still running the same or not. A program whose original stops early offline (it reads a file
the snapshot lacks, asks the service something the harness does not serve) is compared up to
that point and listed.

Not a test: it reads checkouts of repositories, given as folders, or exported here from a git
directory at a revision (``--git-dir DIR --rev REV``; blobs the copy lacks, such as large data
files of a shallow snapshot, are left out)::

    python scripts/measure_fix_corpus.py --git-dir /work/.mirror/Azure+MachineLearningNotebooks/repo --rev HEAD

Each program runs in a child process with a time limit, so one that hangs or pollutes the
interpreter cannot spoil the others. Nothing of the measured repositories is written back.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

ESTIMATOR_CALL = "AML101"
ESTIMATOR_NAMES = ("Estimator", "PyTorch", "TensorFlow", "SKLearn", "Chainer")
SKIPPED_DIRS = {".git", ".ipynb_checkpoints", "node_modules", "site-packages"}


def export_tree(git_dir: Path, rev: str, destination: Path) -> Path:
    """Write the files of ``rev`` that the git directory holds under ``destination``."""
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", rev],
                             capture_output=True, check=True).stdout.decode("utf-8", "surrogateescape")
    entries = []
    for record in filter(None, listing.split("\0")):
        meta, _, name = record.partition("\t")
        mode, kind, sha = meta.split()
        if kind == "blob" and mode != "120000" and Path(name).suffix in (".py", ".ipynb", ".txt", ".yml", ".yaml",
                                                                         ".json", ".cfg", ".sh", ""):
            entries.append((sha, name))
    batch = subprocess.Popen(["git", "--git-dir", str(git_dir), "cat-file", "--batch"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    for sha, name in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    batch.stdin.close()
    batch.wait()
    return destination


def candidates(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".py", ".ipynb") or not path.is_file():
            continue
        if SKIPPED_DIRS & set(path.relative_to(folder).parts):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if "azureml" in text and any(name in text for name in ESTIMATOR_NAMES):
            yield path


_CLIMB = re.compile(r"(?<![\w.])\.\.(?:[/\\]\.\.)*(?![\w.])")


def project_of(path: Path, root: Optional[Path]) -> Path:
    """The folder a program runs in, copied for each run: its own, or the ancestor its code
    climbs to with ``..`` (microsoft/AzureML-BERT's ``source_directory='../../../'``), never
    above the checkout ``root``."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        text = "\n".join("".join(cell.get("source", [])) for cell in cells if cell.get("cell_type") == "code")
    depth = max((match.group(0).count("..") for match in _CLIMB.finditer(text)), default=0)
    project = path.parent
    for _ in range(depth):
        if root is None or project == root or root not in project.parents:
            break
        project = project.parent
    return project


def measure_one(path: Path, root: Optional[Path] = None) -> dict:
    """Counts for one program (run in a child process by ``main``)."""
    from azureml_migrate.fixer import fix_text
    from azureml_migrate.fixer.model import FixError

    from whole_programs import kind_of, original_outcome, prove

    kind = kind_of(path)
    text = path.read_text(encoding="utf-8")
    result = {"path": str(path), "calls": 0, "modes": {}}
    for mode in ("safe", "unsafe"):
        try:
            report = fix_text(text, kind, unsafe=mode == "unsafe")
        except FixError as error:
            result["error"] = f"fix: {error}"
            return result
        applied = [item for item in report.applied if item.code == ESTIMATOR_CALL]
        left = ([("unsafe, not applied in safe mode", item) for item in report.unsafe]
                + [(item.text, item) for item in report.manual + report.dropped])
        reasons = [reason for reason, item in left if item.code == ESTIMATOR_CALL]
        result["calls"] = max(result["calls"], len(applied) + len(reasons))
        result["modes"][mode] = {"rewritten": len(applied), "reasons": reasons, "changed": report.changed}
    project = project_of(path, root)
    with tempfile.TemporaryDirectory() as scratch:
        before = None
        for mode in ("safe", "unsafe"):
            if not result["modes"][mode]["changed"]:
                continue
            if before is None:
                before = original_outcome(path, Path(scratch) / "before", project)
                result["original"] = {"jobs": len(before.jobs), "error": before.error and before.error[1][:300],
                                      "stood_in": sorted({name.split(".")[0] for name in before.stood_in})}
            proof = prove(path, mode, Path(scratch), before, project)
            result["modes"][mode]["problems"] = proof.problems
    return result


def _reason_key(reason: str) -> str:
    """A manual reason without the call's own text, so equal reasons are counted together."""
    return reason.split(":")[0][:90]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--git-dir", type=Path, help="measure a revision of this git directory")
    parser.add_argument("--rev", default="HEAD", help="the revision to measure with --git-dir")
    parser.add_argument("--json", type=Path, help="write every program's counts here")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per program")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.root)))
        return 0
    results = []
    scratch = tempfile.TemporaryDirectory()
    folders = list(args.folders)
    if args.git_dir:
        folders.append(export_tree(args.git_dir, args.rev, Path(scratch.name) / "checkout"))
        print(f"{args.git_dir} at {args.rev}", file=sys.stderr)
    for folder in folders:
        for path in candidates(folder):
            try:
                child = subprocess.run([sys.executable, __file__, "--one", str(path), "--root", str(folder)],
                                       capture_output=True, text=True, timeout=args.timeout)
                line = child.stdout.strip().splitlines()[-1] if child.stdout.strip() else ""
                result = json.loads(line) if line.startswith("{") else {
                    "path": str(path), "calls": 0, "modes": {}, "error": child.stderr.strip()[-300:]}
            except subprocess.TimeoutExpired:
                result = {"path": str(path), "calls": 0, "modes": {}, "error": f"timed out after {args.timeout} s"}
            if result["calls"] or result.get("error"):
                results.append(result)
                print(f"{path}: {result['calls']} call(s), "
                      + ", ".join(f"{mode} {counts['rewritten']} rewritten{' (changed)' if counts['changed'] else ''}"
                                  + (f", {len(counts['problems'])} problem(s)" if counts.get("problems") else "")
                                  for mode, counts in result["modes"].items())
                      + (f" [{result['error']}]" if result.get("error") else ""), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    _summary(results, folders)
    scratch.cleanup()
    return 0


def _summary(results, folders) -> None:
    for r in results:
        for folder in folders:
            if r["path"].startswith(str(folder)):
                r["path"] = r["path"][len(str(folder)) + 1:]
    calls = sum(r["calls"] for r in results)
    print(f"programs with estimator calls: {sum(1 for r in results if r['calls'])}; estimator calls: {calls}")
    errors = [r for r in results if r.get("error")]
    if errors:
        print(f"programs the measurement could not read: {len(errors)}")
        for r in errors:
            print(f"  {r['path']}: {r['error'][:200]}")
    for mode in ("safe", "unsafe"):
        rewritten = sum(r["modes"].get(mode, {}).get("rewritten", 0) for r in results)
        share = f"{100 * rewritten / calls:.0f}%" if calls else "n/a"
        print(f"\n[{mode}] estimator calls rewritten: {rewritten} of {calls} ({share})")
        reasons = Counter(_reason_key(reason) for r in results
                          for reason in r["modes"].get(mode, {}).get("reasons", []))
        for reason, count in reasons.most_common():
            print(f"  manual {count:3}  {reason}")
        programs = [r for r in results if r["modes"].get(mode, {}).get("changed")]
        failing = [r for r in programs if r["modes"][mode].get("problems")]
        unreached = [r for r in programs if r.get("original", {}).get("error")]
        rewritten_programs = [r for r in programs if r["modes"][mode]["rewritten"]]
        print(f"  programs changed: {len(programs)} ({len(rewritten_programs)} with a rewritten estimator call); "
              f"still run the same: {len(programs) - len(failing)}; fail: {len(failing)} "
              f"({sum(1 for r in failing if r['modes'][mode]['rewritten'])} with a rewritten estimator call); "
              f"original stops before its end offline: {len(unreached)}; "
              f"submissions compared: {sum(r.get('original', {}).get('jobs', 0) for r in programs)}")
        for r in failing:
            print(f"    FAILS {r['path']}: {r['modes'][mode]['problems'][0][:240]}")
        for r in unreached:
            print(f"    original stops: {r['path']}: {r['original']['error'][:160]} "
                  f"({r['original']['jobs']} job(s) compared before that)")


if __name__ == "__main__":
    sys.exit(main())
