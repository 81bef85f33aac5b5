"""``choices.Choice``/``StrChoice`` replace ``enum.Enum``/``(str, enum.Enum)`` on the flake8 path:
every member behaves as the enum member it replaces (on the running Python)."""

from __future__ import annotations

import copy
import enum
import json
import pickle
import sys

import pytest

from azureml_migrate.choices import Choice, StrChoice
from azureml_migrate.fixes import Applicability
from azureml_migrate.vocabulary import Confidence, RequirementKind, RequirementSyntax, ValueKind


class Kind(Choice):
    FIRST = "first"
    SECOND = "second"


class EnumKind(enum.Enum):
    FIRST = "first"
    SECOND = "second"


class Text(StrChoice):
    PIP = "pip"
    CONDA = "conda"


class EnumText(str, enum.Enum):
    PIP = "pip"
    CONDA = "conda"


PAIRS = [(Kind.FIRST, EnumKind.FIRST), (Kind.SECOND, EnumKind.SECOND), (Text.PIP, EnumText.PIP),
         (Text.CONDA, EnumText.CONDA)]


def _spelled(text: str) -> str:
    return text.replace("EnumKind", "Kind").replace("EnumText", "Text")


@pytest.mark.parametrize("member, enum_member", PAIRS, ids=lambda member: repr(member))
def test_a_member_behaves_as_its_enum_member(member, enum_member):
    assert (member.name, member.value) == (enum_member.name, enum_member.value)
    assert type(member)(member.value) is member
    assert str(member) == _spelled(str(enum_member))
    if sys.version_info >= (3, 11):  # before, format() of a str-mixin enum member gave its value
        assert f"{member}" == _spelled(f"{enum_member}")
    assert (f"{member:>20}" == f"{str(member):>20}") == (f"{enum_member:>20}" == f"{str(enum_member):>20}")
    assert repr(member) == _spelled(repr(enum_member))
    assert hash(member) == hash(enum_member)
    assert (member == member.value) == (enum_member == enum_member.value)
    assert isinstance(member, str) == isinstance(enum_member, str)
    assert copy.copy(member) is member and copy.deepcopy(member) is member
    assert pickle.loads(pickle.dumps(member)) is member
    assert member != next(other for other, _ in PAIRS if type(other) is type(member) and other is not member)


def test_a_string_member_is_its_value_in_json():
    assert json.dumps({"kind": Text.PIP}) == json.dumps({"kind": EnumText.PIP}) == '{"kind": "pip"}'


@pytest.mark.parametrize("choice", [Kind, Text])
def test_an_unknown_value_is_a_value_error(choice):
    for value in ("third", None, ["first"]):
        with pytest.raises(ValueError, match="is not a valid"):
            choice(value)


def test_members_cannot_change():
    with pytest.raises(AttributeError):
        Kind.FIRST.value = "x"
    with pytest.raises(AttributeError):
        Text.PIP.name = "x"


def test_the_project_choices_have_their_members():
    assert Confidence("HIGH") is Confidence.HIGH and Confidence.INFERENCE.value == "INFERENCE"
    assert RequirementKind("conda") is RequirementKind.CONDA and RequirementSyntax.PYTHON == "python"
    assert ValueKind("datastore") is ValueKind.DATASTORE and Applicability("unsafe") is Applicability.UNSAFE
