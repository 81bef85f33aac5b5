"""The fix of the requirement rules: raise an azureml SDK constraint to the minimum.

Version policy. Only the version specifier changes; the name as spelled, extras, environment
markers, a conda channel and the file's quoting are kept. Clause by clause:

- a lower bound below the minimum (``>=1.0``, ``>1.0``) is dropped;
- ``~=V`` below the minimum becomes ``~=<minimum cut to V's length>`` when that is exactly the
  minimum (``~=1.1`` -> ``~=1.15``), else the upper bound it implied (``~=1.1`` with minimum
  1.15.1 -> ``<2``);
- an exact pin below the minimum (``==1.0.85``, ``===1.0.85``, conda ``=1.0.85`` and bare
  ``1.0.85``) stays an exact pin, of the same operator, on the pin release: the first release of
  the train at or above the minimum (``sdk.SDK_TRAIN_RELEASES``: a version azureml-sdk or
  azureml-core published, and the train packages release in step), or the release another
  train package in the same list is pinned to when that is later, so the pins beside it
  keep matching; with no known release at or above the minimum it becomes ``>=<minimum>``;
- every other clause (prefixes ``==1.0.*``, upper bounds ``<1.15``, exclusions ``!=``) is kept
  when it allows some version at or above the minimum, and dropped when it allows none;
- ``>=<minimum>`` is put first when what is left still allows a version below the minimum.

So ``==1.0.85`` -> ``==1.15.0``, ``<1.15`` -> ``>=1.15.0``, ``~=1.12.0`` -> ``>=1.15.0``,
``>=1.0,<2`` -> ``>=1.15.0,<2``, conda ``azureml-core=1.0.85`` -> ``azureml-core=1.15.0``;
``['azureml-core==1.0.85', 'azureml-defaults==1.20.0']`` -> ``azureml-core==1.20.0``. The
train's other packages pinned in the same list are raised the same way, by their own findings;
the fix's reason names the azureml pins beside it that it cannot move (a package on its own
train such as azureml-dataprep, or a train pin that excludes the pin release).

The fix is unsafe: it changes what installs. It is manual when the text cannot be rewritten
faithfully (a URL, a conda build string or bracket spec, a Poetry table, a file in pip's
hash-checking mode, text spelled with escapes or over several lines), and says why.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from typing import List, NamedTuple, Optional, Tuple

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from . import sdk
from .facts import RequirementKind, RequirementList, RequirementString, RequirementSyntax
from .fixes import Applicability, Edit, Fix, manual
from .requirements import Verdict, admits, check_requirement, parse_conda, parse_pip

_PIP_NAME = re.compile(r"\s*[A-Za-z0-9][A-Za-z0-9._\-]*")
_CONDA_NAME = re.compile(r"\s*(?:[\w.\-/]+::)?[A-Za-z0-9][A-Za-z0-9._\-]*")
_PIP_CLAUSE = re.compile(r"(~=|===|==|!=|<=|>=|<|>)\s*(\S+)")
#: an exact pin: ``==1.0.85``, ``===1.0.85``, conda ``=1.0.85`` or a bare ``1.0.85``
_EXACT_PIN = re.compile(r"(===|==|=|)(\s*)([0-9][0-9A-Za-z.+!_\-]*)")
_PYTHON_LITERAL = re.compile(r"([rRuU]?)('''|\"\"\"|'|\")")
#: characters a shell (or IPython's ``!``) would read specially in an unquoted word
_SHELL_SPECIAL = frozenset(" \t<>|&;()$`\\\"'*?[]#~!{}")
_TOML_KEY_VALUE = re.compile(r"""(["']?[^"'=\s\[]+["']?\s*=\s*)(["'])([^"'\\]*)(["'])\s*""")


class _Manual(Exception):
    """The requirement cannot be raised faithfully; the message says why."""


class Flagged(NamedTuple):
    """A requirement one of the SDK-pin rules reports: how to show it, its raise, and the fix."""

    requirement: str
    raised: str
    fix: Fix


def flagged(requirement: RequirementString, minimum: Version, verdict: Verdict) -> Flagged:
    """The finding data for a requirement the rule's verdict flags (``requirements.verdict_on``:
    no allowed version reaches the minimum, or some allowed ones fall below it)."""
    fix, raised = raise_fix(requirement, minimum)
    return Flagged(requirement.shown or verdict.requirement, raised or verdict.fixed, fix)


def raise_fix(requirement: RequirementString, minimum: Version) -> Tuple[Fix, Optional[str]]:
    """(the fix raising ``requirement`` to ``minimum``, the raised requirement or None).

    The fix is unsafe with one edit replacing the span, or manual when it cannot be written.
    """
    target = f">={minimum}"
    pin, left = _list_context(requirement.beside, minimum)
    try:
        if requirement.blocker:
            raise _Manual(requirement.blocker)
        new_text, problem = _raised_once(requirement.text, requirement.kind, minimum, pin)
        if problem is not None:
            raise _Manual(problem)
        new_raw = _written(requirement, new_text)
    except _Manual as problem:
        return manual(f"raise the constraint to {target}",
                      f"{problem}; change it by hand so that it allows {target} only"), None
    name = _name_of(requirement.text, requirement.kind)
    installs = new_text.strip()[len(name):].strip() if new_text.strip().startswith(name) else target
    reason = (f"raising the constraint changes what installs: test the job with {name}{installs} "
              f"(the azureml SDK packages release in step and resolve together)")
    others = [text for text in left if text != requirement.text]
    if others:
        reason += f"; it leaves the azureml pins beside it as they are: {', '.join(others)}"
    title = f"raise '{' '.join(requirement.text.split())}' to '{new_text.strip()}'"
    return Fix(Applicability.UNSAFE, title, (Edit(requirement.span, new_raw),), reason=reason, code=new_raw), \
        new_text.strip()


def pin_release(minimum: Version) -> Optional[Version]:
    """The first release of the SDK train at or above ``minimum``, or None when none is known."""
    for release in _train_releases():
        if release >= minimum:
            return release
    return None


@functools.lru_cache(maxsize=1)
def _train_releases() -> Tuple[Version, ...]:
    return tuple(Version(release) for release in sdk.SDK_TRAIN_RELEASES)


def _list_context(beside: Optional[RequirementList], minimum: Version) -> Tuple[Optional[Version], Tuple[str, ...]]:
    """(the release exact pins of the list are raised to, the azureml pins beside them the
    raise cannot move), worked out once per list."""
    if beside is None:
        return pin_release(minimum), ()
    if minimum not in beside.derived:
        beside.derived[minimum] = _read_list(beside.entries, minimum)
    return beside.derived[minimum]


@functools.lru_cache(maxsize=256)
def _read_list(entries, minimum: Version) -> Tuple[Optional[Version], Tuple[str, ...]]:
    pin = pin_release(minimum)
    if pin is None:
        return None, ()
    releases = set(_train_releases())
    parsed = [(text, kind, _parsed(text, kind)) for text, kind in entries]
    for text, kind, requirement in parsed:
        if requirement is None or not sdk.is_sdk_package(canonicalize_name(requirement.name)):
            continue
        pinned = _exact_version(requirement.specifier)
        if pinned is not None and pinned >= pin and pinned in releases:
            pin = pinned
    left = []
    for text, kind, requirement in parsed:
        if requirement is None or not canonicalize_name(requirement.name).startswith("azureml"):
            continue
        if not any(clause.operator != "!=" for clause in requirement.specifier):
            continue
        if not sdk.is_sdk_package(canonicalize_name(requirement.name)):
            if not requirement.specifier.contains(_NEWEST, prereleases=True):
                left.append(" ".join(text.split()))  # a pin or upper bound of a package on its own train
            continue
        raised, problem = _raised_once(text, kind, minimum, pin) \
            if check_requirement(text, kind, minimum) is not None else (text, None)
        after = _parsed(raised, kind) if problem is None else None
        if after is None or not after.specifier.contains(pin, prereleases=True):
            left.append(" ".join(text.split()))
    return pin, tuple(left)


def _exact_version(specifier: SpecifierSet) -> Optional[Version]:
    """The release number a specifier pins exactly (``==1.20.0``, ``==1.20.0.post1``), or None."""
    items = list(specifier)
    if len(items) != 1 or items[0].operator not in ("==", "===") or items[0].version.endswith("*"):
        return None
    try:
        version = Version(items[0].version)
    except InvalidVersion:
        return None
    return Version(".".join(map(str, (version.release + (0, 0))[:3])))


@functools.lru_cache(maxsize=1024)
def _raised_once(text: str, kind: str, minimum: Version, pin: Optional[Version] = None) -> Tuple[str, Optional[str]]:
    """``raised_text`` remembered: one requirement text recurs across a repository's files."""
    try:
        return raised_text(text, kind, minimum, pin), None
    except _Manual as problem:
        return "", str(problem)


_DEFAULT_PIN = object()
#: past any release: a constraint that allows it pins nothing the raise could leave behind
_NEWEST = Version("999999")


def raised_text(text: str, kind: str, minimum: Version, pin=_DEFAULT_PIN) -> str:
    """``text`` with its version specifier raised to the minimum, an exact pin below it pinned
    to ``pin`` (by default the first train release at or above the minimum; None: no exact pin
    is written, ``>=<minimum>`` instead); raises _Manual."""
    if pin is _DEFAULT_PIN:
        pin = pin_release(minimum)
    if kind == RequirementKind.CONDA:
        head, spec, tail, clauses = _conda_parts(text)
    else:
        head, spec, tail, clauses = _pip_parts(text)
    kept = _raised_clauses(clauses, minimum, pin)
    new_spec = ",".join(kept)
    new_text = text[:head] + new_spec + text[tail:]
    if _still_below(new_text, kind, minimum):
        new_spec = ",".join([f">={minimum}", *kept])
        new_text = text[:head] + new_spec + text[tail:]
    _verify(text, new_text, kind, minimum)
    return new_text


# -- reading the specifier -------------------------------------------------------------------
Clause = Tuple[str, SpecifierSet]


def _pip_parts(text: str) -> Tuple[int, str, int, List[Clause]]:
    """(where the specifier starts, the specifier, where it ends, its clauses) of PEP 508 text."""
    name = _PIP_NAME.match(text)
    if name is None:
        raise _Manual(f"cannot read '{text}' as a requirement")
    position = name.end()
    position = _skip_space(text, position)
    if text.startswith("[", position):
        close = text.find("]", position)
        if close < 0:
            raise _Manual(f"cannot read the extras of '{text}'")
        position = _skip_space(text, close + 1)
    if text.startswith("@", position):
        raise _Manual("a URL requirement names no version to raise")
    marker = text.find(";", position)
    end = len(text) if marker < 0 else marker
    end = position + len(text[position:end].rstrip())
    spec = text[position:end]
    if spec.startswith("(") and spec.endswith(")"):
        position, end = position + 1, end - 1
        spec = text[position:end]
    clauses = []
    for part in spec.split(","):
        clause = _PIP_CLAUSE.fullmatch(part.strip())
        if clause is None:
            raise _Manual(f"cannot read the version specifier '{spec.strip()}'")
        clauses.append((part.strip(), _specifier(part.strip())))
    return position, spec, end, clauses


def _conda_parts(text: str) -> Tuple[int, str, int, List[Clause]]:
    """The same for a conda match spec (``name=1.0``, ``name 1.0``, ``name>=1.0,<2``)."""
    name = _CONDA_NAME.match(text)
    if name is None:
        raise _Manual(f"cannot read '{text}' as a conda match spec")
    position = _skip_space(text, name.end())
    end = position + len(text[position:].rstrip())
    spec = text[position:end]
    if spec.startswith("["):
        raise _Manual("a conda bracket spec ([version=...]) is not rewritten")
    if "|" in spec:
        raise _Manual("alternatives (|) are not one range to raise")
    if len(spec.split()) > 1 or (spec.startswith("=") and not spec.startswith("==") and "=" in spec[1:]):
        raise _Manual("a conda build string pins a build of the old version")
    clauses = []
    for part in spec.split(","):
        parsed = parse_conda(f"x {part.strip()}")
        if parsed is None or not part.strip():
            raise _Manual(f"cannot read the conda version spec '{spec}'")
        clauses.append((part.strip(), parsed.specifier))
    return position, spec, end, clauses


def _skip_space(text: str, position: int) -> int:
    rest = text[position:]
    return position + len(rest) - len(rest.lstrip())


def _specifier(clause: str) -> SpecifierSet:
    try:
        return SpecifierSet(clause)
    except InvalidSpecifier:
        raise _Manual(f"cannot read the version clause '{clause}'") from None


# -- raising ---------------------------------------------------------------------------------
def _raised_clauses(clauses: List[Clause], minimum: Version, pin: Optional[Version]) -> List[str]:
    kept: List[str] = []
    for text, specifier in clauses:
        operator, version = _only_clause(specifier)
        exact = _EXACT_PIN.fullmatch(text)
        if exact is not None and pin is not None and not admits(specifier, minimum)[0]:
            kept.append(f"{exact.group(1)}{exact.group(2)}{pin}")
            continue
        if operator in (">=", ">", "!=") and version is not None and version < minimum:
            continue  # a lower bound the minimum replaces, or an exclusion of nothing it allows
        if operator == "~=" and version is not None and version < minimum:
            kept.extend(_compatible_raised(version, minimum))
            continue
        if admits(specifier, minimum)[0]:
            kept.append(text)
    return kept


def _only_clause(specifier: SpecifierSet) -> Tuple[Optional[str], Optional[Version]]:
    items = list(specifier)
    if len(items) != 1 or items[0].version.endswith("*"):
        return None, None
    try:
        return items[0].operator, Version(items[0].version)
    except InvalidVersion:
        return items[0].operator, None


def _compatible_raised(version: Version, minimum: Version) -> List[str]:
    """``~=V`` below the minimum: the same form at the minimum, or only its upper bound."""
    length = len(version.release)
    upper = list(version.release[:length - 1])
    upper[-1] += 1
    if Version(".".join(map(str, upper))) <= minimum:
        return []  # its upper bound excludes the minimum: the whole clause goes
    cut = ".".join(map(str, minimum.release[:length]))
    if length >= 2 and Version(cut) == minimum and not minimum.pre and not minimum.dev:
        return [f"~={cut}"]
    return [f"<{'.'.join(map(str, upper))}"]


def _parsed(text: str, kind: str):
    return parse_conda(text) if kind == RequirementKind.CONDA else parse_pip(text)


def _still_below(text: str, kind: str, minimum: Version) -> bool:
    parsed = _parsed(text, kind)
    return parsed is None or not any(c.operator != "!=" for c in parsed.specifier) \
        or admits(parsed.specifier, minimum)[1]


def _verify(old: str, new: str, kind: str, minimum: Version) -> None:
    """The raised text reads as the same package, extras and marker, allowing the minimum only."""
    before, after = _parsed(old, kind), _parsed(new, kind)
    if after is None or before is None or (before.name, before.extras, before.marker) != \
            (after.name, after.extras, after.marker):
        raise _Manual(f"'{new}' would not read as the same requirement")
    if check_requirement(new, kind, minimum) is not None:
        raise _Manual(f"what is left of '{old.strip()}' allows no version >={minimum}")


def _name_of(text: str, kind: str) -> str:
    parsed = _parsed(text, kind)
    return parsed.name if parsed is not None else text.strip()


# -- writing it the way the file does --------------------------------------------------------
def _written(requirement: RequirementString, new_text: str) -> str:
    """The text replacing the span: ``new_text`` quoted as the file writes the requirement."""
    raw, text = requirement.raw, requirement.text
    if raw is None or requirement.span.line != requirement.span.end_line:
        raise _Manual("the requirement is not written on one line the fix can locate")
    syntax = requirement.syntax
    if syntax is RequirementSyntax.PYTHON:
        return _python_literal(raw, text, new_text)
    if syntax is RequirementSyntax.SHELL:
        return _shell_word(raw, text, new_text)
    if syntax is RequirementSyntax.TOML_KEY:
        return _toml_key_value(raw, text, new_text)
    if syntax is RequirementSyntax.JSON:
        if _json_content(raw) != text:
            raise _Manual(f"the JSON string '{raw}' does not read as the requirement")
        return _json_escaped(new_text)
    if syntax is RequirementSyntax.JSON_SHELL:
        return _json_escaped(_shell_word(_json_content(raw), text, new_text, json_string=True))
    if raw != text:
        raise _Manual(f"the file writes the requirement as '{raw}', not as the text it means")
    return new_text


def _python_literal(raw: str, text: str, new_text: str) -> str:
    opening = _PYTHON_LITERAL.match(raw)
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = None
    if opening is None or value != text:
        raise _Manual("the string is not one plain literal")
    prefix, quote = opening.groups()
    if raw.endswith(quote) and raw[len(prefix) + len(quote):-len(quote)] == text:
        quote_char = quote[0]
    else:  # escapes or implicit concatenation: write one literal in the first part's quotes
        prefix, quote, quote_char = "", quote[0], quote[0]
    if quote_char in new_text or "\\" in new_text or "\n" in new_text:
        raise _Manual("the raised requirement cannot be written in the literal's quotes")
    return f"{prefix}{quote}{new_text}{quote}"


def _json_content(raw: str) -> Optional[str]:
    """What the content of a JSON string means, or None when it is not one."""
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _json_escaped(text: str) -> str:
    """``text`` as the content of a JSON string."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _shell_word(raw: Optional[str], text: str, new_text: str, json_string: bool = False) -> str:
    """``new_text`` as one shell word, quoted as ``raw`` is when it can be; inside a JSON
    string an unquoted word gets single quotes (no escapes to read)."""
    from .audit.manifests.shell import shell_words

    words = shell_words(raw) if raw is not None else []
    if len(words) != 1 or words[0][0] != text or (words[0][1], words[0][2]) != (0, len(raw)):
        raise _Manual(f"the shell word '{raw}' does not read as the requirement")
    quote = raw[0] if raw[:1] in ("'", '"') and raw[-1:] == raw[0] and len(raw) > 1 else ""
    if not quote and not _SHELL_SPECIAL.intersection(new_text):
        return new_text
    if quote == '"' or (not quote and not json_string):
        order = ('"', "'")
    else:
        order = ("'", '"')
    for candidate in order:
        if candidate not in new_text and (candidate == "'" or not set('$`\\!').intersection(new_text)):
            return f"{candidate}{new_text}{candidate}"
    raise _Manual("the raised requirement cannot be quoted for the shell")


def _toml_key_value(raw: str, text: str, new_text: str) -> str:
    """``name = "constraint"`` of Poetry or a Pipfile: the constraint becomes the raised specifier."""
    match = _TOML_KEY_VALUE.fullmatch(raw)
    if match is None or match.group(2) != match.group(4):
        raise _Manual("the constraint is written as a table or a list: edit its version by hand")
    key = match.group(1).split("=")[0].strip().strip("'\"")
    if not text.startswith(key) or not new_text.startswith(key):
        raise _Manual(f"the key '{key}' does not name the requirement")
    quote = match.group(2)
    return f"{match.group(1)}{quote}{new_text[len(key):]}{quote}"
