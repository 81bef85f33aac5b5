"""Value classes that cost almost nothing to define: the facts, fixes, findings and settings.

``dataclasses`` compiles a class's generated methods when its module is imported: defining a
frozen dataclass costs about 3.4 M instructions (callgrind, Python 3.11), and the ~30 of them a
flake8 run loads once one module passes the prefilter were most of what the plugin cost on the
SDK's own code (issue 19). ``record`` reads the same class body (annotated fields in order,
defaults, ``field(...)``) and installs methods written once, here: ``__init__`` (positional or
keyword arguments, defaults and factories, then ``__post_init__``), field-wise ``__eq__`` and
``__hash__``, a dataclass-style ``__repr__`` and, when frozen, no assignment. ``replace`` is
``dataclasses.replace`` for records. Fields are a class's own (records are not subclassed).
"""

from __future__ import annotations

import sys
from operator import itemgetter
from typing import Any, Callable, Dict, List, Optional, TypeVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - exercised on Python < 3.11 only
    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda function: function

__all__ = ["FrozenRecordError", "as_dict", "field", "field_names", "record", "replace"]

_MISSING: Any = object()
_set_attribute = object.__setattr__
RecordType = TypeVar("RecordType", bound=type)


class FrozenRecordError(AttributeError):
    """An assignment to a frozen record (``dataclasses.FrozenInstanceError``'s role)."""


class _Field:
    __slots__ = ("default", "default_factory", "compare", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, repr: bool) -> None:
        self.default, self.default_factory, self.compare, self.repr = default, default_factory, compare, repr


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] = _MISSING, compare: bool = True,
          repr: bool = True) -> Any:
    """A field's options, as ``dataclasses.field``: a default or a factory of one, and whether
    it takes part in equality, hashing and ``repr``."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return _Field(default, default_factory, compare, repr)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Optional[RecordType] = None, *, frozen: bool = True, eq: bool = True) -> Any:
    """Make ``cls`` a record: ``@record`` is ``@dataclass(frozen=True)``, ``@record(frozen=False)``
    is ``@dataclass``, ``eq=False`` keeps identity equality and hashing."""
    def build(cls: RecordType) -> RecordType:
        return _build(cls, frozen, eq)

    return build if cls is None else build(cls)


def replace(obj: Any, /, **changes: Any) -> Any:
    """A copy of the record ``obj`` with ``changes`` to its fields (``__post_init__`` runs again)."""
    names = getattr(type(obj), "__record_fields__", None)
    if names is None:
        raise TypeError(f"replace() takes a record, not {type(obj).__name__}")
    values = obj.__dict__
    return type(obj)(**{**{name: values[name] for name in names}, **changes})


def field_names(cls: type) -> tuple:
    """A record class's field names, in order (``NamedTuple._fields``)."""
    return cls.__record_fields__


def as_dict(obj: Any) -> Dict[str, Any]:
    """A record's fields by name, in order (``NamedTuple._asdict``)."""
    values = obj.__dict__
    return {name: values[name] for name in type(obj).__record_fields__}


def _build(cls: RecordType, frozen: bool, eq: bool) -> RecordType:
    names: List[str] = []
    defaults: Dict[str, Any] = {}
    factories: Dict[str, Callable[[], Any]] = {}
    compared: List[str] = []
    shown: List[str] = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _Field) else _Field(value, _MISSING, True, True)
        if isinstance(value, _Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        if spec.default is not _MISSING:
            defaults[name] = spec.default
        elif spec.default_factory is not _MISSING:
            factories[name] = spec.default_factory
        elif defaults or factories:
            raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one with a default")
        names.append(name)
        if spec.compare:
            compared.append(name)
        if spec.repr:
            shown.append(name)
    cls.__record_fields__ = tuple(names)
    cls.__init__ = _init(cls.__name__, tuple(names), defaults, factories, cls.__dict__.get("__post_init__"))
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = _repr(tuple(shown))
    if eq:
        key = _key(tuple(compared))
        cls.__eq__ = _eq(key)
        cls.__hash__ = _hash(key) if frozen else None
    if frozen:
        cls.__setattr__ = _frozen_setattr
        cls.__delattr__ = _frozen_delattr
    return cls


def _init(class_name: str, names: tuple, defaults: Dict[str, Any], factories: Dict[str, Callable[[], Any]],
          post_init: Optional[Callable[[Any], None]]) -> Callable[..., None]:
    count = len(names)
    known = frozenset(names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if given == count and not kwargs:  # every field by position: the commonest call
            _set_attribute(self, "__dict__", dict(zip(names, args)))
            if post_init is not None:
                post_init(self)
            return
        if given > count:
            raise TypeError(f"{class_name}() takes {count} arguments but {given} were given")
        values = dict(defaults)
        if given:
            values.update(zip(names, args))
        if kwargs:
            if not known.issuperset(kwargs):
                unexpected = next(name for name in kwargs if name not in known)
                raise TypeError(f"{class_name}() got an unexpected keyword argument {unexpected!r}")
            if given and not kwargs.keys().isdisjoint(names[:given]):
                twice = next(name for name in names[:given] if name in kwargs)
                raise TypeError(f"{class_name}() got multiple values for argument {twice!r}")
            values.update(kwargs)
        if factories:
            for name, factory in factories.items():
                if name not in values:
                    values[name] = factory()
        if len(values) != count:
            missing = ", ".join(repr(name) for name in names if name not in values)
            raise TypeError(f"{class_name}() missing required arguments: {missing}")
        _set_attribute(self, "__dict__", values)
        if post_init is not None:
            post_init(self)

    return __init__


def _key(compared: tuple) -> Callable[[Dict[str, Any]], Any]:
    """The compared fields' values read from an instance's ``__dict__`` (a tuple, or the one
    value when one field is compared)."""
    if not compared:
        return lambda values: ()
    return itemgetter(*compared)


def _eq(key: Callable[[Dict[str, Any]], Any]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return key(self.__dict__) == key(other.__dict__)

    return __eq__


def _hash(key: Callable[[Dict[str, Any]], Any]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self.__dict__))

    return __hash__


def _repr(shown: tuple) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        values = self.__dict__
        return f"{type(self).__qualname__}({', '.join(f'{name}={values[name]!r}' for name in shown)})"

    return __repr__


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")
