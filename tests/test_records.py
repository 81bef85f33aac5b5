"""``records``: the value classes behave as the frozen dataclasses they replace."""

from __future__ import annotations

import copy
import functools
import pickle
from typing import List, Optional, Tuple

import pytest

from azureml_migrate.records import FrozenRecordError, field, record, replace


@record
class Point:
    """A frozen record with defaults, one field outside equality and a cached property."""

    x: int
    y: int = 0
    label: str = field(default="", compare=False, repr=False)
    tags: Tuple[str, ...] = ()

    @functools.cached_property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


@record(frozen=False)
class Bag:
    items: List[int] = field(default_factory=list)
    name: Optional[str] = None


@record(eq=False)
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")
        object.__setattr__(self, "value", self.value * 2)


def test_construction_by_position_keyword_and_default():
    assert (Point(1, 2).x, Point(1, 2).y, Point(1).y, Point(y=3, x=4).x) == (1, 2, 0, 4)
    assert Point(1, tags=("a",)).tags == ("a",)


@pytest.mark.parametrize("arguments, keywords, error", [
    ((), {}, "missing required arguments: 'x'"),
    ((1, 2, "l", (), 5), {}, "takes 4 arguments but 5 were given"),
    ((1,), {"z": 2}, "unexpected keyword argument 'z'"),
    ((1,), {"x": 2}, "multiple values for argument 'x'"),
])
def test_wrong_arguments_are_refused_as_a_call_would_be(arguments, keywords, error):
    with pytest.raises(TypeError, match=error):
        Point(*arguments, **keywords)


def test_equality_and_hash_follow_the_compared_fields():
    assert Point(1, 2, "a") == Point(1, 2, "b")
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2)
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_frozen_records_refuse_assignment_and_deletion():
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2
    with pytest.raises(AttributeError):
        del point.y
    assert point.norm == 1 and point.norm == 1  # a cached property still caches


def test_repr_shows_the_fields_that_ask_for_it_in_order():
    assert repr(Point(1, 2, "hidden")) == "Point(x=1, y=2, tags=())"


def test_a_mutable_record_gets_fresh_factory_values_and_no_hash():
    first, second = Bag(), Bag()
    first.items.append(1)
    first.name = "changed"
    assert (second.items, first.name) == ([], "changed")
    assert first != second and Bag([1], "changed") == first
    with pytest.raises(TypeError):
        hash(first)


def test_post_init_runs_and_identity_equality_is_kept():
    assert Checked(2).value == 4
    with pytest.raises(ValueError):
        Checked(-1)
    assert Checked(1) != Checked(1)
    assert len({Checked(1), Checked(1)}) == 2


def test_replace_copies_with_changes_and_checks_them():
    point = Point(1, 2, "l", ("t",))
    moved = replace(point, y=5)
    assert (moved.x, moved.y, moved.label, moved.tags, point.y) == (1, 5, "l", ("t",), 2)
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        replace(point, z=1)
    with pytest.raises(ValueError):
        replace(Checked(1), value=-1)
    with pytest.raises(TypeError, match="takes a record"):
        replace(object())


def test_records_survive_pickle_and_deepcopy():
    point = Point(1, 2, "l", ("t",))
    for copied in (pickle.loads(pickle.dumps(point)), copy.deepcopy(point), copy.copy(point)):
        assert copied == point and copied.label == "l"


def test_a_field_without_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError, match="without a default follows"):
        @record
        class Broken:
            first: int = 0
            second: int
