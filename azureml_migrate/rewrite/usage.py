"""What a module does with a rewritten call, read from its facts: the call's own record, and
the HyperDrive run that tunes some of an estimator's arguments."""

from __future__ import annotations

from typing import Optional, Set

from .. import sdk
from ..facts import CallFact, ModuleFacts, Value


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


def tuned_parameters(call: CallFact, facts: ModuleFacts) -> Optional[Set[str]]:
    """The parameters a HyperDriveConfig tunes when it is the only reader of the name the
    estimator ``call`` is assigned to: HyperDrive removed those from the estimator's arguments,
    and so does the rewrite. None when another reader may see the arguments whole."""
    call = recorded(call, facts)
    target = call.site.target if call.site is not None else None
    if target is None or facts.name_counts.get(target, 0) != 2:
        return None
    for consumer in facts.calls:
        keyword = consumer.keyword("estimator") if consumer.canonical == "HyperDriveConfig" else None
        if keyword is not None and keyword.value.text == target:
            return parameter_space(consumer.argument("hyperparameter_sampling", 0))
    return None
