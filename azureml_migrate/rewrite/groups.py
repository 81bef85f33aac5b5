"""Fix groups: fixes that only work together are trusted, labelled and applied together.

An estimator's rewrite turns the name it is bound to into a ScriptRunConfig. Every call that
reads that name as an estimator must change with it, and each of those changes is wrong
without the rewrite: ``HyperDriveConfig(estimator=est)`` becomes ``run_config=est`` (the SDK
rejects an Estimator there), ``EstimatorStep(estimator=est)`` becomes a PythonScriptStep over
``est.run_config`` (the SDK rejects a ScriptRunConfig there), and ``HyperDriveRunConfig(est,
...)`` becomes ``HyperDriveConfig(run_config=est, ...)``. So the estimator's fix and its
consumers' fixes form one group:

- the group's applicability is the weakest of its members': one unsafe member makes every
  member unsafe, one manual member makes every member manual;
- each member's fix says why, naming the member that decides it (``it goes together with
  HyperDriveConfig(estimator=est) ..., which is not rewritten: ...``);
- every member carries the group's id (``Fix.group``), and ``azureml-migrate fix`` applies a
  group whole or not at all (``fixer/loop.py``).

The rules render their messages from the settled fixes, so the "(fixable)" / "(manual: ...)"
label flake8, pylint and the audit show is the group's, which is what ``fix`` does. The
imports a member needs are part of that member's fix, and so of the group. Groups are read
from the module's facts once per module (one pass over its calls).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from .. import sdk
from ..facts import CallFact, ModuleFacts, Span
from ..fixes import Applicability, Fix, manual, weakest
from ..messages import needs_manual_work_first
from ..settings import DEFAULT_LINE_LENGTH
from .estimator import estimator_fix
from .hyperdrive import keyword_fix, run_config_fix
from .plan import SharedEnvironment
from .sharing import shared_name, sharing_classes
from .steps import step_fix
from ..records import replace

V2 = "v2"
#: what a consumer of an estimator becomes under target v2
_V2_FORM = {"HyperDriveConfig": "sweep job (command(...).sweep(...))", "HyperDriveRunConfig": "sweep job"}

#: the calls that read an estimator, and the parameter (keyword, position) they read it from
CONSUMERS = {
    "HyperDriveConfig": ("estimator", None),
    "EstimatorStep": ("estimator", None),
    "HyperDriveRunConfig": ("estimator", 0),
}

_Key = Tuple[Span, Optional[str]]


@dataclass(frozen=True)
class Member:
    """One fix of a group: the call it rewrites, how messages name it, and its own fix (before
    the group settles it)."""

    call: CallFact
    role: str
    fix: Fix
    #: the call as a message names it briefly (``est = PyTorch(...)``)
    name: str = ""


@dataclass(frozen=True)
class FixGroup:
    """An estimator call and the calls that read it as an estimator, with their settled fixes."""

    #: the id every member's settled fix carries (``Fix.group``); "" for a fix that stands alone
    key: str
    #: the estimator first, then its consumers in module order
    members: Tuple[Member, ...]
    applicability: Applicability
    #: the settled fix of each member, in ``members`` order
    fixes: Tuple[Fix, ...]

    def fix_of(self, call: CallFact) -> Optional[Fix]:
        return self._by_call.get(_key(call))

    @property
    def _by_call(self) -> Dict[_Key, Fix]:
        """Each member's settled fix by its call, made once (a group of many rewrites sharing
        one Environment is asked once per finding)."""
        found = self.__dict__.get("_fixes_by_call")
        if found is None:
            found = {}
            for member, fix in zip(self.members, self.fixes):
                found.setdefault(_key(member.call), fix)
            object.__setattr__(self, "_fixes_by_call", found)
        return found


def estimator_of(call: CallFact) -> Optional[CallFact]:
    """The estimator call a consumer reads (``HyperDriveConfig(estimator=est)`` where ``est`` is
    bound to ``PyTorch(...)`` in the module), or None."""
    reads = CONSUMERS.get(call.canonical or "")
    if reads is None:
        return None
    value = call.argument(*reads)
    if value is None or value.call is None or value.call.canonical not in sdk.ESTIMATORS:
        return None
    return value.call


def group_of(call: CallFact, facts: ModuleFacts, line_length: int = DEFAULT_LINE_LENGTH) -> Optional[FixGroup]:
    """The group of an estimator call or of a call that reads one, its rewrites laid out to
    ``line_length``; None for any other call."""
    index = _index(facts)
    if call.canonical in sdk.ESTIMATORS:
        estimator = call
    else:
        estimator = estimator_of(call)
        if estimator is None:
            return None
    key = _key(estimator)
    groups = index.groups.get(line_length)
    if groups is None:
        groups = index.groups[line_length] = _module_groups(index, facts, line_length)
    group = groups.get(key)
    if group is None:
        group = groups[key] = _settle(estimator, index.consumers.get(key, []), facts, line_length)
    return group


def fix_for_estimator(call: CallFact, facts: ModuleFacts, target: str = "scriptrunconfig",
                      line_length: int = DEFAULT_LINE_LENGTH) -> Fix:
    """The fix every finding on an estimator call carries: its rewrite, as its group settles it;
    under target v2 its ``command(...)`` rewrite (``v2_fix``), manual when anything reads it."""
    if target == V2:
        from .v2_fix import estimator_v2_fix  # the SDK v2 rewrites load only for target v2

        return estimator_v2_fix(call, facts)
    group = group_of(call, facts, line_length)
    fix = group.fix_of(call) if group is not None else None
    return fix if fix is not None else estimator_fix(call, facts, line_length)


def fix_for_consumer(call: CallFact, facts: ModuleFacts, target: str = "scriptrunconfig",
                     line_length: int = DEFAULT_LINE_LENGTH) -> Optional[Fix]:
    """The fix of ``HyperDriveConfig(estimator=...)`` or ``EstimatorStep(...)``/``MpiStep(...)``:
    the group's when the call reads an estimator of the module, its own otherwise; under target
    v2 a HyperDriveConfig becomes a sweep job (``v2_fix.sweep_fix``), and pipelines are not
    rendered for v2 yet."""
    if target == V2 and call.canonical == "HyperDriveConfig":
        from .v2_fix import sweep_fix

        return sweep_fix(call, facts)
    if target == V2:
        return manual(f"rewrite {call.canonical}(...) for SDK v2",
                      f"target v2: {call.canonical} becomes a v2 {_V2_FORM.get(call.canonical, 'pipeline job')}, "
                      "which is not rendered yet")
    group = group_of(call, facts, line_length)
    fix = group.fix_of(call) if group is not None else None
    return fix if fix is not None else _own_consumer_fix(call, facts, line_length)


# -- building and settling -------------------------------------------------------------------
@dataclass
class _Index:
    facts: ModuleFacts
    #: the module's own record of each call (with its statement site)
    calls: Dict[_Key, CallFact]
    #: estimator -> the calls that read it, in module order
    consumers: Dict[_Key, List[CallFact]]
    #: by line length, each estimator's group
    groups: Dict[int, Dict[_Key, FixGroup]] = dataclasses.field(default_factory=dict)


_indexes: Dict[int, _Index] = {}


def _index(facts: ModuleFacts) -> _Index:
    """One pass over the module's calls, kept while rules check the same facts."""
    index = _indexes.get(id(facts))
    if index is not None and index.facts is facts:
        return index
    if len(_indexes) > 32:
        _indexes.clear()
    calls: Dict[_Key, CallFact] = {}
    consumers: Dict[_Key, List[CallFact]] = {}
    for call in facts.calls:
        if call.canonical in sdk.ESTIMATORS:
            calls.setdefault(_key(call), call)
        estimator = estimator_of(call)
        if estimator is not None:
            consumers.setdefault(_key(estimator), []).append(call)
    index = _Index(facts, calls, consumers)
    _indexes[id(facts)] = index
    return index


def _key(call: CallFact) -> _Key:
    return call.span, call.canonical


def _module_groups(index: _Index, facts: ModuleFacts, line_length: int) -> Dict[_Key, FixGroup]:
    """Every estimator's group: its own, or, when it shares an Environment with other
    estimator rewrites (``sharing.py``), the one group of all of them and their readers."""
    groups = {key: _settle(call, index.consumers.get(key, []), facts, line_length)
              for key, call in index.calls.items()}

    def applicability(call: CallFact) -> Optional[Applicability]:
        trust = groups[_key(call)].applicability
        return None if trust is Applicability.MANUAL else trust

    taken: Set[str] = set()
    for members in sharing_classes(list(index.calls.values()), facts, applicability):
        merged = _shared(members, groups, facts, line_length, shared_name(members[0], facts, taken))
        if merged is not None:
            groups.update((_key(call), merged) for call in members)
    return groups


def _shared(estimators: List[CallFact], groups: Dict[_Key, FixGroup], facts: ModuleFacts, line_length: int,
            name: str) -> Optional[FixGroup]:
    """One group of the estimators sharing the Environment ``name`` (the first writes it) and
    their readers; None if a rewrite is not as applicable as it was alone. Each estimator's
    own readers still name it where it decides their trust; the rewrites sharing the
    Environment are equally trusted, so none decides another's."""
    writer = _estimator_role(estimators[0])
    span = estimators[0].span
    key = f"{estimators[0].canonical}@{span.line}:{span.col}"
    expected = groups[_key(estimators[0])].applicability
    members: List[Member] = []
    fixes: List[Fix] = []
    for position, call in enumerate(estimators):
        shared = SharedEnvironment(name, position == 0, writer)
        own = [Member(call, _estimator_role(call), estimator_fix(call, facts, line_length, shared),
                      _estimator_name(call))]
        own.extend(groups[_key(call)].members[1:])
        if weakest(member.fix.applicability for member in own) is not expected:
            return None
        members.extend(own)
        fixes.extend(_settled_all(own, expected, key))
    return FixGroup(key, tuple(members), expected,
                    tuple(replace(fix, group_size=len(members)) for fix in fixes))


def _settled_all(members: List[Member], applicability: Applicability, key: str) -> Tuple[Fix, ...]:
    """Every member's settled fix; the deciding members are found once (a group of many
    rewrites sharing one Environment must not cost the square of its size)."""
    manual_members = [member for member in members if member.fix.applicability is Applicability.MANUAL][:2]
    unsafe_members = [member for member in members if member.fix.applicability is Applicability.UNSAFE]
    return tuple(_settled(member, manual_members, unsafe_members, len(members), applicability, key)
                 for member in members)


def _settle(estimator: CallFact, consumers: List[CallFact], facts: ModuleFacts, line_length: int) -> FixGroup:
    members = [Member(estimator, _estimator_role(estimator), estimator_fix(estimator, facts, line_length),
                      _estimator_name(estimator))]
    for consumer in consumers:
        own = _own_consumer_fix(consumer, facts, line_length)
        assert own is not None
        members.append(Member(consumer, _consumer_role(consumer), own, _consumer_name(consumer)))
    applicability = weakest(member.fix.applicability for member in members)
    if len(members) == 1:
        return FixGroup("", tuple(members), applicability, (members[0].fix,))
    span = estimator.span
    key = f"{estimator.canonical}@{span.line}:{span.col}"
    return FixGroup(key, tuple(members), applicability, _settled_all(members, applicability, key))


def _settled(member: Member, manual_members: List[Member], unsafe_members: List[Member], size: int,
             applicability: Applicability, key: str) -> Fix:
    """A member's fix at the group's applicability, saying which other members decide it
    (``manual_members``: the group's first manual members, ``unsafe_members``: its unsafe
    ones; ``size``: how many members it has)."""
    own = member.fix
    if applicability is Applicability.MANUAL:
        if own.applicability is Applicability.MANUAL:
            return replace(own, group=key, group_size=size)
        deciding = next(other for other in manual_members if other is not member)
        return replace(
            manual(own.title, f"it goes together with {deciding.role}, which needs a manual rewrite first: "
                              f"{deciding.fix.reason}", own.code, key, needs_manual_work_first(deciding.name)),
            group_size=size)
    reasons = [own.reason] if own.reason else []
    reasons += [f"it goes together with {other.role}, which is unsafe: {other.fix.reason}"
                for other in unsafe_members if other is not member]
    return replace(own, applicability=applicability, reason="; ".join(reasons), group=key,
                               group_size=size)


def _own_consumer_fix(call: CallFact, facts: ModuleFacts, line_length: int = DEFAULT_LINE_LENGTH) -> Optional[Fix]:
    if call.canonical == "HyperDriveConfig":
        keyword = call.keyword("estimator")
        return keyword_fix(call, keyword, facts) if keyword is not None else None
    if call.canonical in sdk.DEPRECATED_STEPS:
        return step_fix(call, facts, line_length)
    if call.canonical == "HyperDriveRunConfig":
        return run_config_fix(call, facts, line_length)
    return None


def _estimator_name(call: CallFact) -> str:
    target = call.site.target if call.site is not None else None
    return f"{target} = {call.canonical}(...)" if target else f"{call.canonical}(...)"


def _estimator_role(call: CallFact) -> str:
    return f"the rewrite of {_estimator_name(call)}"


def _consumer_name(call: CallFact) -> str:
    value = call.argument(*CONSUMERS[call.canonical or ""])
    assert value is not None
    if call.canonical == "HyperDriveRunConfig":
        return f"HyperDriveRunConfig({value.text}, ...)"
    return f"{call.canonical}(estimator={value.text})"


def _consumer_role(call: CallFact) -> str:
    reads = CONSUMERS[call.canonical or ""]
    value = call.argument(*reads)
    assert value is not None
    if call.canonical == "HyperDriveConfig":
        return f"HyperDriveConfig(estimator={value.text}) becoming run_config={value.text}"
    if call.canonical == "EstimatorStep":
        return f"the rewrite of EstimatorStep(estimator={value.text}, ...)"
    return f"{call.canonical}({value.text}, ...)"
