"""Can an azureml SDK requirement reach the minimum version? (read by the requirement rules)

Works on one requirement string, pip syntax (PEP 508) or a conda match spec, wherever it was
found: a string literal in code, a requirements file line, a conda environment entry. The
manifest readers of the audit reuse ``check_requirement`` unchanged.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from . import sdk
from .choices import Choice

_CONDA_SPEC = re.compile(r"^\s*(?:[\w.\-/]+::)?([A-Za-z0-9][A-Za-z0-9._\-]*)(\[[^\]]*\])?\s*(.*?)\s*$")
_CONDA_CLAUSE = re.compile(r"^(==|>=|<=|!=|~=|>|<|=)?\s*([0-9A-Za-z.*+!_\-]+)$")


@dataclass(frozen=True)
class ParsedRequirement:
    name: str
    extras: Tuple[str, ...]
    specifier: SpecifierSet
    marker: Optional[str] = None


class Reach(Choice):
    """How a requirement's versions relate to the minimum SDK version."""

    #: no allowed version reaches the minimum (``==1.0.85``)
    NEVER = "never"
    #: newer versions are allowed, and so are versions below the minimum (``>=1.0``)
    ALSO_BELOW = "also_below"


@dataclass(frozen=True)
class Verdict:
    reach: Reach
    requirement: str
    #: the requirement to write instead
    fixed: str


def parse_pip(text: str) -> Optional[ParsedRequirement]:
    try:
        requirement = Requirement(text.strip())
    except (InvalidRequirement, ValueError):
        return None
    marker = str(requirement.marker) if requirement.marker is not None else None
    return ParsedRequirement(requirement.name, tuple(sorted(requirement.extras)),
                             requirement.specifier, marker)


def parse_conda(text: str) -> Optional[ParsedRequirement]:
    """A conda match spec (``name``, ``name=1.0``, ``name>=1.0,<2``, ``name 1.0.*``)."""
    match = _CONDA_SPEC.match(text)
    if match is None:
        return None
    name, _, rest = match.groups()
    if not rest:
        return ParsedRequirement(name, (), SpecifierSet())
    if "|" in rest:
        return None  # alternatives: not a single range we can judge
    version_part = rest.split()[0] if not rest.startswith(("=", "<", ">", "!", "~")) else rest
    if version_part.startswith("=") and not version_part.startswith("=="):
        version_part = version_part[1:].split("=")[0]  # name=1.0=build: fuzzy 1.0.*
        if not version_part.endswith("*"):
            version_part += ".*" if version_part[-1:].isdigit() else ""
        version_part = "=" + version_part
    clauses: List[str] = []
    for clause in version_part.split(","):
        clause_match = _CONDA_CLAUSE.match(clause.strip())
        if clause_match is None:
            return None
        operator, version = clause_match.groups()
        if operator in (None, "="):
            operator = "=="
        if version.endswith("*") and not version.endswith(".*"):
            version = version[:-1].rstrip(".") + ".*"
        clauses.append(f"{operator}{version}")
    try:
        return ParsedRequirement(name, (), SpecifierSet(",".join(clauses)))
    except InvalidSpecifier:
        return None


def _candidates(specifier: SpecifierSet, minimum: Version) -> Iterable[Version]:
    """Versions where the admitted set may start: the bounds, just past them, and extremes."""
    yield minimum
    yield Version("0")
    yield Version("999999")
    for clause in specifier:
        raw = clause.version.rstrip("*").rstrip(".")
        try:
            version = Version(raw)
        except InvalidVersion:
            continue
        yield version
        yield Version(".".join(str(part) for part in version.release) + ".0.0.0.1")
    release = minimum.release
    yield Version(".".join(str(part) for part in release) + ".0.0.0.1")


def admits(specifier: SpecifierSet, minimum: Version) -> Tuple[bool, bool]:
    """(admits some version >= minimum, admits some version < minimum)."""
    above = below = False
    for candidate in _candidates(specifier, minimum):
        if specifier.contains(candidate, prereleases=True):
            if candidate >= minimum:
                above = True
            else:
                below = True
    return above, below


def verdict_on(text: str, kind: str, minimum: Version, reach: Reach) -> Optional[Verdict]:
    """The verdict on a requirement when it is of the given reach (one rule per reach)."""
    verdict = check_requirement(text, kind, minimum)
    return verdict if verdict is not None and verdict.reach is reach else None


@functools.lru_cache(maxsize=4096)
def check_requirement(text: str, kind: str, minimum: Version) -> Optional[Verdict]:
    """The verdict on one requirement string, or None when it is fine or unknown."""
    parsed = parse_conda(text) if kind == "conda" else parse_pip(text)
    if parsed is None or not sdk.is_sdk_package(canonicalize_name(parsed.name)):
        return None
    specifier = parsed.specifier
    if not any(clause.operator != "!=" for clause in specifier):
        return None  # unconstrained: the resolver picks a current version
    above, below = admits(specifier, minimum)
    extras = f"[{','.join(parsed.extras)}]" if parsed.extras else ""
    fixed = f"{parsed.name}{extras}>={minimum}"
    if parsed.marker:
        fixed += f"; {parsed.marker}"
    shown = " ".join(text.split())
    if not above:
        return Verdict(Reach.NEVER, shown, fixed)
    if below:
        return Verdict(Reach.ALSO_BELOW, shown, fixed)
    return None
