"""Re-derive the azureml SDK release train (``SDK_RELEASE_TRAIN`` in azureml_migrate/sdk.py).

Two steps, kept apart so the test suite can re-check the list without a network:

``refresh``  (network) reads every ``azureml-*`` project with its newest version and the month
             it was uploaded from a tab-separated package-index listing (columns
             ``name, version, month``, header line first, one project a line), fetches the
             release history of the two reference packages ``azureml-sdk`` and ``azureml-core``
             from the PyPI JSON API (``/pypi/<name>/json``) and writes the
             snapshot ``tests/data/azureml_release_train.json``.
``check``    (offline) applies the rule to a snapshot and prints the list, or with ``--sdk``
             compares it with ``SDK_RELEASE_TRAIN``; tests/test_release_train.py does the same.

The rule (a project is on the train when all three hold):

1. the release number (first three components: ``1.62.0.post6`` -> ``1.62.0``) of its newest
   version is a release number that ``azureml-sdk`` or ``azureml-core`` published, with
   major version 1 or more (the 0.1.x previews are left out: too many unrelated projects
   share such numbers);
2. that newest version was uploaded in the month the reference packages published that
   release number, or up to 12 months after it (post releases follow within months; a
   project on its own train that happens to reach the same number does so years apart,
   e.g. azureml-fsspec 1.4.0 in 2026 against azureml-core 1.4.0 in 2020);
3. its newest version is at least 1.15.0, the default minimum: a pin of a project whose
   train stopped earlier (azureml-contrib-datadrift 1.0.85, ...) cannot be raised to the
   minimum, so flagging it with "raise the constraint" would be a wrong hint. Such projects
   are listed in the snapshot's ``stopped_below_minimum``.

Usage::

    python scripts/refresh_release_train.py refresh INDEX_LISTING.tsv [--date YYYY-MM-DD]
    python scripts/refresh_release_train.py check [--sdk]
"""
from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
import urllib.request
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Tuple

SNAPSHOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "azureml_release_train.json"
REFERENCE_PACKAGES = ("azureml-sdk", "azureml-core")
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
MINIMUM = (1, 15, 0)
MONTHS_AFTER = 12
RULE = (
    "on the train when the release number (first three components) of the project's newest "
    "version is one that azureml-sdk or azureml-core published (major >= 1), uploaded in that "
    f"release's month or up to {MONTHS_AFTER} months later, and at least 1.15.0"
)
_RELEASE = re.compile(r"(\d+)\.(\d+)\.(\d+)")


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def release_number(version: str) -> Tuple[int, int, int] | None:
    """The first three numeric components of a final version, None for pre-releases."""
    match = _RELEASE.match(version)
    if match is None or re.search(r"(a|b|rc|dev)\d*", version[match.end():]):
        return None
    return (int(match.group(1)), int(match.group(2)), int(match.group(3)))


def months_between(earlier: str, later: str) -> int:
    """Whole months from ``YYYY-MM`` *earlier* to ``YYYY-MM`` *later*."""
    (y1, m1), (y2, m2) = (map(int, earlier.split("-")), map(int, later.split("-")))
    return (y2 - y1) * 12 + (m2 - m1)


def classify(snapshot: Mapping) -> Tuple[List[str], Dict[str, str]]:
    """The release-train projects (sorted) and, for every other project, why it is out."""
    train_months = snapshot["train_releases"]
    members: List[str] = []
    left_out: Dict[str, str] = {}
    for name, project in sorted(snapshot["projects"].items()):
        number = release_number(project["newest"])
        key = None if number is None else "%d.%d.%d" % number
        if key is None or number[0] < 1 or key not in train_months:
            left_out[name] = "newest release number is not one of the SDK's"
        elif not 0 <= months_between(train_months[key], project["month"]) <= MONTHS_AFTER:
            left_out[name] = "same number as an SDK release, uploaded in another period"
        elif number < MINIMUM:
            left_out[name] = "stopped_below_minimum"
        else:
            members.append(name)
    return members, left_out


def _train_releases(histories: Iterable[Mapping]) -> Dict[str, str]:
    """Release number -> month of its first upload, over the reference packages."""
    first: Dict[str, str] = {}
    for history in histories:
        for version, files in history["releases"].items():
            number = release_number(version)
            uploads = [f["upload_time"][:7] for f in files if f.get("upload_time")]
            if number is None or number[0] < 1 or not uploads:
                continue
            key = "%d.%d.%d" % number
            first[key] = min([first.get(key, "9999-99"), *uploads])
    return dict(sorted(first.items(), key=lambda item: release_number(item[0])))


def _read_listing(path: Path) -> Dict[str, Dict[str, str]]:
    projects: Dict[str, Dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows, None)
        for row in rows:
            if len(row) >= 3 and canonical(row[0]).startswith("azureml-"):
                projects[canonical(row[0])] = {"newest": row[1], "month": row[2]}
    return projects


def refresh(listing: Path, date: str) -> dict:
    """Build a fresh snapshot (network: two JSON API requests)."""
    histories = []
    for name in REFERENCE_PACKAGES:
        with urllib.request.urlopen(PYPI_JSON.format(name=name), timeout=60) as response:
            histories.append(json.load(response))
    snapshot = {
        "source": "azureml-* projects with newest version and upload month: the package index "
                  "listing (PyPI) of the date below; SDK release numbers and months: the PyPI JSON "
                  "API, /pypi/<name>/json, for {}".format(" and ".join(REFERENCE_PACKAGES)),
        "date": date,
        "rule": RULE,
        "train_releases": _train_releases(histories),
        "projects": _read_listing(listing),
    }
    members, left_out = classify(snapshot)
    snapshot["release_train"] = members
    snapshot["stopped_below_minimum"] = sorted(
        name for name, why in left_out.items() if why == "stopped_below_minimum")
    return snapshot


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fresh = commands.add_parser("refresh", help="re-fetch and rewrite the snapshot (network)")
    fresh.add_argument("listing", type=Path, help="TSV: name, version, month (header first)")
    fresh.add_argument("--date", default=datetime.date.today().isoformat())
    check = commands.add_parser("check", help="apply the rule to the snapshot (offline)")
    check.add_argument("--sdk", action="store_true", help="compare with SDK_RELEASE_TRAIN")
    args = parser.parse_args(argv)
    if args.command == "refresh":
        snapshot = refresh(args.listing, args.date)
        SNAPSHOT.write_text(json.dumps(snapshot, indent=1) + "\n", encoding="utf-8")
        print(f"{len(snapshot['release_train'])} projects on the train -> {SNAPSHOT}")
        return 0
    members, _ = classify(json.loads(SNAPSHOT.read_text(encoding="utf-8")))
    if not args.sdk:
        print("\n".join(members))
        return 0
    from azureml_migrate.sdk import SDK_RELEASE_TRAIN
    missing, extra = sorted(set(members) - SDK_RELEASE_TRAIN), sorted(SDK_RELEASE_TRAIN - set(members))
    print(f"missing from SDK_RELEASE_TRAIN: {missing}\nnot on the train: {extra}")
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
