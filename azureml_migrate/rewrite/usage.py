"""What a module does with a rewritten call, read from its facts: the call's own record, and
the HyperDrive run that tunes some of an estimator's arguments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Set, Tuple

from .. import sdk
from ..facts import CallFact, ModuleFacts, Value
from .plan import Names


def recorded(call: CallFact, facts: ModuleFacts) -> CallFact:
    """The module's own record of a call reached through a name (a value keeps the record as it
    was when the name was bound, before statement sites were added)."""
    if call.site is not None:
        return call
    for record in facts.calls:
        if record.span == call.span and record.canonical == call.canonical:
            return record
    return call


def stripped(value: Value) -> Optional[str]:
    """A parameter name as HyperDrive compares them (leading dashes dropped), or None."""
    return value.literal.lstrip("-") if value.is_literal and isinstance(value.literal, str) else None


def parameter_space(sampling: Optional[Value]) -> Optional[Set[str]]:
    """The tuned parameter names of a sampling written in this module; None if unknown."""
    if sampling is None or sampling.call is None or sampling.call.canonical not in sdk.PARAMETER_SAMPLINGS:
        return None
    space = sampling.call.argument("parameter_space", 0)
    if space is None or space.items is None:
        return None
    names = {stripped(key) for key, _ in space.items}
    return None if None in names else names


#: the calls HyperDrive reads an estimator through: (estimator parameter, sampling parameter),
#: each as (keyword, position)
HYPERDRIVE_READERS = {
    "HyperDriveConfig": (("estimator", None), ("hyperparameter_sampling", 0)),
    "HyperDriveRunConfig": (("estimator", 0), ("hyperparameter_sampling", 1)),
}


@dataclass(frozen=True)
class Tuning:
    """How one HyperDrive run reads an estimator bound to a name. HyperDrive removed the tuned
    parameters from its copy of the estimator's arguments (``HyperDriveConfig.
    _remove_duplicate_arguments``, for estimators only), so the rewrite leaves them out of the
    ScriptRunConfig HyperDrive reads: of the only one when HyperDrive is the name's only reader
    (``variant`` None), else of a second ScriptRunConfig named ``variant`` that shares the first
    one's run configuration, as HyperDrive's copy shared the estimator's."""

    space: FrozenSet[str]
    variant: Optional[str] = None


def script_param_names(params: Optional[Value]) -> Optional[Set[str]]:
    """The argument names of a script_params dict, as HyperDrive compared them; None if unknown."""
    if params is None or params.items is None:
        return None
    names = {stripped(key) for key, _ in params.items}
    return None if None in names else names


def hyperdrive_readers(call: CallFact, facts: ModuleFacts) -> List[CallFact]:
    """The HyperDriveConfig/HyperDriveRunConfig calls that read the estimator ``call`` through
    the name it is assigned to."""
    call = recorded(call, facts)
    target = call.site.target if call.site is not None else None
    if target is None:
        return []
    return [consumer for consumer, value in _estimator_reads(facts)
            if value.text == target and value.call is not None and value.call.span == call.span]


#: the last module's HyperDrive calls and the estimator each passes, in module order
_last_reads: List[Tuple[ModuleFacts, List[Tuple[CallFact, Value]]]] = []


def _estimator_reads(facts: ModuleFacts) -> List[Tuple[CallFact, Value]]:
    """Each HyperDrive call of the module with the value it passes as its estimator, listed once
    per module while rules check its facts: every estimator's rewrite asks which of them read
    it, and a scan of all the module's calls per estimator grew with the square of the module."""
    if _last_reads and _last_reads[0][0] is facts:
        return _last_reads[0][1]
    reads = []
    for consumer in facts.calls:
        parameters = HYPERDRIVE_READERS.get(consumer.canonical or "")
        value = consumer.argument(*parameters[0]) if parameters is not None else None
        if value is not None:
            reads.append((consumer, value))
    _last_reads[:] = [(facts, reads)]
    return reads


def tuning(call: CallFact, facts: ModuleFacts) -> Optional[Tuning]:
    """The tuning of the estimator ``call`` by the one HyperDrive run that reads it, when the
    rewrite must leave tuned arguments out; None when no argument is tuned, the parameter space
    or the arguments cannot be read, or more than one HyperDrive run reads it."""
    call = recorded(call, facts)
    readers = hyperdrive_readers(call, facts)
    if len(readers) != 1:
        return None
    reader = readers[0]
    space = parameter_space(reader.argument(*HYPERDRIVE_READERS[reader.canonical or ""][1]))
    if space is None:
        return None
    target = call.site.target if call.site is not None else None
    assert target is not None
    if facts.name_counts.get(target, 0) == 2:
        return Tuning(frozenset(space))
    names = script_param_names(call.argument("script_params"))
    if not names or not names & space:
        return None
    return Tuning(frozenset(space), Names(target, facts).new("hyperdrive"))


def tuned_parameters(call: CallFact, facts: ModuleFacts) -> Optional[Set[str]]:
    """The parameters a HyperDrive run tunes when it is the only reader of the name the
    estimator ``call`` is assigned to: HyperDrive removed those from the estimator's arguments,
    and so does the rewrite. None when another reader may see the arguments whole."""
    found = tuning(call, facts)
    return set(found.space) if found is not None and found.variant is None else None
