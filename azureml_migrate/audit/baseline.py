"""Baselines: accept today's findings, fail CI only on new ones.

A fingerprint is a hash of the rule code, the file's path, the normalized source of the
flagged construct and its occurrence index among findings with the same three values (in
source order). Lines are not part of it, so findings survive code moving around; editing
the construct changes its source and makes it a new finding. When the checker gave no
construct source, the message (computed from the construct's own arguments) stands in.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Sequence, Tuple

from .. import __version__
from .config import ConfigError
from .model import AuditFinding

FORMAT_VERSION = 1
#: the key in SARIF ``partialFingerprints``; bump the suffix if the recipe ever changes
FINGERPRINT_NAME = "azuremlMigrate/v1"


def _identity(finding: AuditFinding) -> Tuple[str, str, str]:
    construct = " ".join((finding.source or finding.message).split())
    return finding.code, finding.path, construct


def fingerprints(findings: Sequence[AuditFinding]) -> List[str]:
    """One fingerprint per finding, in the given (source) order."""
    seen: Counter = Counter()
    result = []
    for finding in findings:
        identity = _identity(finding)
        occurrence = seen[identity]
        seen[identity] += 1
        digest = hashlib.sha256("\0".join((*identity, str(occurrence))).encode("utf-8")).hexdigest()
        result.append(digest[:32])
    return result


@dataclass(frozen=True)
class Baseline:
    fingerprints: FrozenSet[str]


def write(path: Path, findings: Iterable[Tuple[AuditFinding, str]]) -> int:
    """Record findings (with their fingerprints) as a stable, sorted JSON file; returns the count."""
    entries = [{
        "fingerprint": fingerprint,
        "code": finding.code,
        "path": finding.path,
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
    if (not isinstance(document, dict) or document.get("version") != FORMAT_VERSION
            or not isinstance(document.get("findings"), list)):
        raise ConfigError(f"baseline {path} is not an azureml-migrate baseline (version {FORMAT_VERSION})")
    known = set()
    for entry in document["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise ConfigError(f"baseline {path}: every finding needs a fingerprint string")
        known.add(entry["fingerprint"])
    return Baseline(frozenset(known))
