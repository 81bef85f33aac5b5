"""One Environment per distinct specification: estimator rewrites that would write equal
Environments in one statement list write it once, with the first of them, and pass it to
every ScriptRunConfig.

Sharing must leave each job as it was. A ScriptRunConfig keeps a reference to its
Environment (``run_config.environment = environment``), so a change made through one
ScriptRunConfig after construction would reach the others' jobs. A rewrite shares only when
nothing can make such a change: the name the estimator was bound to (the ScriptRunConfig's
name after the rewrite) is read nowhere but by ``.submit(name)`` (which submits a deep copy of
the run configuration, ``script_run_config.get_run_config_from_script_run``) and by the
HyperDrive runs that tune it (which read a deep copy the same way); the Environment's own
variable is new. Statements of one list run one after the other each time the list runs, so
the first rewrite's Environment is bound, and unchanged, when each later one passes it.

The rewrites that share form one fix group (``groups.py``): applied together or not at all.
Only rewrites whose own groups are equally applicable share, so sharing never makes a safe
rewrite unsafe, nor an applicable one manual.
"""

from __future__ import annotations

import keyword
import posixpath
import re
from collections import Counter
from typing import Callable, Dict, Hashable, List, Sequence, Set, Tuple

from .. import sdk
from ..facts import CallFact, ModuleFacts
from .environment import specification
from .usage import HYPERDRIVE_READERS

_NOT_WORD = re.compile(r"\W")


def sharing_classes(estimators: Sequence[CallFact], facts: ModuleFacts,
                    applicability: Callable[[CallFact], Hashable]) -> List[List[CallFact]]:
    """The estimator calls that share one Environment, in module order, each list's first the
    one that writes it: same statement list, same Environment specification, same
    applicability (``applicability``: of the call's own group; None for a manual one)."""
    if len(estimators) < 2:
        return []
    readers = _readers(facts)
    blocks: Dict[Hashable, List[CallFact]] = {}
    for call in sorted(estimators, key=lambda call: (call.span.line, call.span.col)):
        if _may_share(call, facts, readers):
            assert call.site is not None
            blocks.setdefault(call.site.block, []).append(call)
    classes: Dict[Tuple, List[CallFact]] = {}
    for block, calls in blocks.items():
        if len(calls) < 2:
            continue  # alone in its statement list: no Environment to render twice for comparison
        for call in calls:
            trust = applicability(call)
            spec = specification(call, facts) if trust is not None else None
            if spec is not None:
                classes.setdefault((block, spec, trust), []).append(call)
    return [members for members in classes.values() if len(members) > 1]


def _readers(facts: ModuleFacts) -> Counter:
    """How often each name is bound by an estimator call's statement or read by a HyperDrive
    run as its estimator: one pass over the module's calls."""
    found: Counter = Counter()
    for other in facts.calls:
        if other.canonical in sdk.ESTIMATORS and other.site is not None and other.site.target is not None:
            found[other.site.target] += 1
        parameters = HYPERDRIVE_READERS.get(other.canonical or "")
        value = other.argument(*parameters[0]) if parameters is not None else None
        if value is not None:
            found[value.text] += 1
    return found


def _may_share(call: CallFact, facts: ModuleFacts, readers: Counter) -> bool:
    """Whether nothing can change the rewrite's Environment through its ScriptRunConfig: a
    statement of its own, whose name is only bound by estimator calls, submitted and tuned by
    HyperDrive (``readers``: the estimator bindings and HyperDrive reads of each name)."""
    site = call.site
    if site is None:
        return False
    name = site.target
    if name is None:
        return False  # the ScriptRunConfig goes where the call was, into code not looked at here
    return facts.name_counts.get(name, 0) == readers[name] + facts.submitted_names.get(name, 0)


def shared_name(writer: CallFact, facts: ModuleFacts, taken: Set[str]) -> str:
    """The shared Environment's variable, after its name (``train-env``: ``train_environment``):
    a name the module does not use, and one no single rewrite writes (theirs end in ``_env``,
    ``_conda`` ...), so nothing binds it again before a later rewrite reads it."""
    script = writer.argument("entry_script")
    stem = "train"
    if script is not None and script.is_literal and isinstance(script.literal, str) and script.literal:
        stem = posixpath.splitext(posixpath.basename(script.literal))[0]
    base = _NOT_WORD.sub("_", stem) + "_environment"
    if not base.isidentifier() or keyword.iskeyword(base):
        base = "shared_environment"
    name, index = base, 2
    while name in taken or facts.name_counts.get(name):
        name, index = f"{base}{index}", index + 1
    taken.add(name)
    return name
