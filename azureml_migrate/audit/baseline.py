"""Baselines: accept today's findings, fail CI only on new ones.

A fingerprint is a hash of the rule code, the file's path relative to the baseline's
directory, the flagged construct's *anchor* and its occurrence index among findings with the
same three values (in source order). The anchor is what stays put while code is migrated: a
call's callee (``PyTorch`` of ``PyTorch(...)``), a keyword's name (``shm_size`` of
``shm_size='16g'``), a requirement's package name; for anything else (an import statement)
the whole whitespace-normalized source. Lines and argument text are not part of it, so
findings survive code moving around and partial migration (dropping ``pip_packages`` from an
estimator call keeps its estimator finding known). When the checker gave no construct source, the
message stands in.

Entries record the path (relative to the baseline's directory) so that a run over some
files compares only those files: a baseline finding is "gone" only when its file was checked.

Files that cannot be checked (an encoding that is not UTF-8, a notebook cell that does not
parse, a Databricks ``%sh`` cell, a ``<placeholder>`` in a cell) are recorded too, by path
and reason (the error message): a gate on a real repository passes while they stay as they
are, and fails, naming the file, when a new one appears or a known one's reason changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Callable, Dict, FrozenSet, Iterable, List, Mapping, Sequence, Tuple

from .. import __version__
from .config import ConfigError
from .model import AuditFinding

FORMAT_VERSION = 2
#: the key in SARIF ``partialFingerprints``; bump the suffix if the recipe ever changes
FINGERPRINT_NAME = "azuremlMigrate/v2"
#: a dotted name, keyword or package name at the start of a construct (one character class: linear)
_LEADING_NAME = re.compile(r"['\"]?([A-Za-z_][\w.\-]*)")
_STATEMENTS = ("from ", "import ")


def anchor(source: str) -> str:
    """The part of a flagged construct that argument edits leave alone (see module doc)."""
    text = " ".join(source.split())
    if text.startswith(_STATEMENTS):
        return text
    match = _LEADING_NAME.match(text)
    return match.group(1) if match else text


def _identity(finding: AuditFinding, path: str) -> Tuple[str, str, str]:
    construct = anchor(finding.source) if finding.source else " ".join(finding.message.split())
    return finding.code, path, construct


def fingerprints(findings: Sequence[AuditFinding], path_of: Callable[[AuditFinding], str] = lambda f: f.path
                 ) -> List[str]:
    """One fingerprint per finding, in the given (source) order; ``path_of`` gives the path
    that goes into it (relative to the baseline's directory)."""
    seen: Counter = Counter()
    result = []
    for finding in findings:
        identity = _identity(finding, path_of(finding))
        occurrence = seen[identity]
        seen[identity] += 1
        digest = hashlib.sha256("\0".join((*identity, str(occurrence))).encode("utf-8")).hexdigest()
        result.append(digest[:32])
    return result


#: (path relative to the baseline's directory, reason): one file error the baseline accepts
KnownError = Tuple[str, str]


@dataclass(frozen=True)
class Baseline:
    fingerprints: FrozenSet[str]
    #: fingerprint -> path of its file, relative to the baseline's directory
    paths: Mapping[str, str]
    #: the file errors recorded when it was written
    errors: FrozenSet[KnownError] = frozenset()

    def gone(self, current: AbstractSet[str], checked_paths: AbstractSet[str]) -> int:
        """Entries whose file was checked in this run and no longer has their finding."""
        return sum(1 for fingerprint, path in self.paths.items()
                   if path in checked_paths and fingerprint not in current)


def write(path: Path, findings: Iterable[Tuple[AuditFinding, str]],
          path_of: Callable[[AuditFinding], str] = lambda f: f.path, errors: Iterable[KnownError] = ()) -> int:
    """Record findings (with their fingerprints) and file errors (path relative to the
    baseline's directory, reason) as a stable, sorted JSON file; returns the finding count.
    ``path_of`` gives each finding's path relative to the baseline's directory."""
    entries = [{
        "fingerprint": fingerprint,
        "code": finding.code,
        "path": path_of(finding),
        "line": finding.line,
        "cell": finding.cell,
        "message": finding.message,
    } for finding, fingerprint in findings]
    entries.sort(key=lambda entry: (entry["path"], entry["cell"] or 0, entry["line"], entry["code"],
                                    entry["fingerprint"]))
    document: Dict[str, object] = {
        "tool": "azureml-migrate-lint",
        "version": FORMAT_VERSION,
        "generated_by": __version__,
        "findings": entries,
        "errors": [{"path": error_path, "reason": reason} for error_path, reason in sorted(set(errors))],
    }
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return len(entries)


def read(path: Path) -> Baseline:
    """A baseline file, or ConfigError explaining why it cannot be used."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline {path} does not exist (create it with --write-baseline {path})") from None
    except OSError as error:
        raise ConfigError(f"cannot read baseline {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"baseline {path} is not valid JSON: {error}") from None
    if isinstance(document, dict) and document.get("tool") == "azureml-migrate-lint" \
            and isinstance(document.get("version"), int) and document["version"] < FORMAT_VERSION:
        raise ConfigError(f"baseline {path} was written by an older azureml-migrate (format "
                          f"{document['version']}, now {FORMAT_VERSION}); write it again with --write-baseline {path}")
    if (not isinstance(document, dict) or document.get("version") != FORMAT_VERSION
            or not isinstance(document.get("findings"), list)):
        raise ConfigError(f"baseline {path} is not an azureml-migrate baseline (version {FORMAT_VERSION})")
    paths: Dict[str, str] = {}
    for entry in document["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) \
                or not isinstance(entry.get("path"), str):
            raise ConfigError(f"baseline {path}: every finding needs a fingerprint and a path (strings)")
        paths[entry["fingerprint"]] = entry["path"]
    errors = document.get("errors", [])  # baselines written before errors were recorded have none
    if not isinstance(errors, list) or not all(
            isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("reason"), str)
            for entry in errors):
        raise ConfigError(f"baseline {path}: every error needs a path and a reason (strings)")
    return Baseline(frozenset(paths), paths, frozenset((entry["path"], entry["reason"]) for entry in errors))
