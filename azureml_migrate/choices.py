"""Closed sets of named values, as ``enum`` writes them, at the cost of a plain class.

Defining an ``enum.Enum`` runs its metaclass over every member (~0.5 M instructions per class),
and a flake8 run that checks one module with a finding defined seven of them. A subclass of
``Choice`` (or ``StrChoice``, whose members are strings equal to their values) lists its
members as upper-case class attributes holding their values; each becomes the one instance
for that value. Members behave as the enum members they replace on Python 3.11: ``.name``,
``.value``, ``Cls(value)`` (the member, or ValueError), ``str()``/``format()`` give
``Cls.NAME``, ``repr()`` gives ``<Cls.NAME: value>``, a ``Choice`` hashes as its name and a
``StrChoice`` as its value, and copying or pickling one gives the member itself.
``tests/test_choices.py`` holds them to ``enum``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, Tuple


class _Member:
    """What the members of a ``Choice`` and of a ``StrChoice`` share."""

    __slots__ = ()
    _by_value: ClassVar[Dict[Any, Any]] = {}
    name: str
    value: Any

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._by_value = {}
        for name, value in [(name, value) for name, value in vars(cls).items()
                            if name.isupper() and not name.startswith("_")]:
            member = str.__new__(cls, value) if issubclass(cls, str) else object.__new__(cls)
            object.__setattr__(member, "name", name)
            object.__setattr__(member, "value", value)
            cls._by_value[value] = member
            setattr(cls, name, member)

    def __new__(cls, value: Any) -> Any:
        try:
            return cls._by_value[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not a valid {cls.__name__}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__}.{self.name} cannot be changed")

    def __reduce__(self) -> Tuple[type, Tuple[Any]]:
        return type(self), (self.value,)

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"

    def __str__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class Choice(_Member):
    """A member of a closed set; members are the only instances, so ``is`` and ``==`` agree."""

    __slots__ = ("name", "value")


class StrChoice(_Member, str):
    """A member that is also its value as a string (``RequirementKind.PIP == "pip"``)."""

    __hash__ = str.__hash__
