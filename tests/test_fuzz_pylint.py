"""Property-based fuzzing of the pylint side: astroid inference only ever adds findings.

The pylint checker runs the one fact builder and asks astroid about callees the builder cannot
resolve, so on any module its findings are the core's (flake8's, the audit's) plus findings of
confidence INFERENCE, never different ones; and it never raises.
"""

from __future__ import annotations

import warnings

import pytest

hypothesis = pytest.importorskip("hypothesis")
hypothesmith = pytest.importorskip("hypothesmith")

import astroid  # noqa: E402
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402

from azureml_migrate.engine import check_source, parse_source  # noqa: E402
from azureml_migrate.facts import Confidence  # noqa: E402
from pylint_azureml_migrate.inference import CalleeInference  # noqa: E402
from tests.test_fuzz_core import assert_well_formed, azureml_modules  # noqa: E402

pytestmark = [pytest.mark.filterwarnings("ignore::SyntaxWarning"), pytest.mark.slow]


def _key(finding):
    return (finding.code, finding.span, finding.message, finding.hint, finding.confidence)


def assert_inference_only_adds(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = astroid.parse(source)
    core = [_key(f) for f in check_source(source)]
    with_inference = [_key(f) for f in check_source(source, resolve_callee=CalleeInference(module))]
    assert_well_formed(with_inference, source)
    high = [key for key in with_inference if key[-1] is Confidence.HIGH]
    assert high == core
    extra = [key for key in with_inference if key[-1] is not Confidence.HIGH]
    assert all(key[-1] is Confidence.INFERENCE for key in extra)


@given(azureml_modules())
def test_inference_only_adds_findings_on_azureml_code(source):
    assert_inference_only_adds(source)


@given(hypothesmith.from_grammar())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=100)
def test_inference_only_adds_findings_on_any_python(source):
    source = "from azureml.train.dnn import *\ncls = PyTorch\n" + source
    try:
        parse_source(source)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            astroid.parse(source)
    except (SyntaxError, astroid.AstroidSyntaxError, RecursionError):
        assume(False)
    assert_inference_only_adds(source)
