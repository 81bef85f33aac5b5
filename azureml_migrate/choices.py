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

from typing import Any, ClassVar, Dict, Iterator, Tuple


def _members(cls: type) -> Iterator[Tuple[str, Any]]:
    for name, value in list(vars(cls).items()):
        if name.isupper() and not name.startswith("_"):
            yield name, value


class Choice:
    """A member of a closed set; members are the only instances, so ``is`` and ``==`` agree."""

    __slots__ = ("name", "value")
    _by_value: ClassVar[Dict[Any, "Choice"]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._by_value = {}
        for name, value in _members(cls):
            member = object.__new__(cls)
            object.__setattr__(member, "name", name)
            object.__setattr__(member, "value", value)
            cls._by_value[value] = member
            setattr(cls, name, member)

    def __new__(cls, value: Any) -> "Choice":
        return _lookup(cls, value)

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


class StrChoice(str):
    """A member that is also its value as a string (``RequirementKind.PIP == "pip"``)."""

    _by_value: ClassVar[Dict[str, "StrChoice"]] = {}
    name: str
    value: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._by_value = {}
        for name, value in _members(cls):
            member = str.__new__(cls, value)
            member.__dict__.update(name=name, value=value)
            cls._by_value[value] = member
            setattr(cls, name, member)

    def __new__(cls, value: str) -> "StrChoice":
        return _lookup(cls, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__}.{self.name} cannot be changed")

    def __reduce__(self) -> Tuple[type, Tuple[str]]:
        return type(self), (self.value,)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"

    def __str__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _lookup(cls: type, value: Any) -> Any:
    try:
        return cls._by_value[value]
    except (KeyError, TypeError):
        raise ValueError(f"{value!r} is not a valid {cls.__name__}") from None
