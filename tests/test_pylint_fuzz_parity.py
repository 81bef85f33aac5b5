"""Differential fuzzing of name resolution: astroid facts (pylint) against ast facts (flake8).

Programs are generated from a small pool of names (SDK classes, their aliases, variables that
hold a RunConfiguration or a datastore) bound and rebound in every way Python allows — imports,
star imports, fallbacks, assignments, ``del``, loops, ``with``, ``except ... as``, functions,
classes, lambdas, comprehensions — and used in calls. On each program the pylint path must
report every finding the flake8 path reports (same code, position and message), and anything
more only with confidence INFERENCE.
"""

from __future__ import annotations

import warnings
from dataclasses import astuple

import pytest

hypothesis = pytest.importorskip("hypothesis")

import astroid  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from azureml_migrate.engine import check_source  # noqa: E402
from azureml_migrate.facts import HIGH  # noqa: E402
from azureml_migrate.rules import check_module  # noqa: E402
from pylint_azureml_migrate.astroid_facts import build_facts  # noqa: E402

NAMES = ("PyTorch", "Estimator", "Mpi", "RunConfiguration", "PythonScriptStep", "ScriptRunConfig",
         "rc", "ds", "cls", "dnn", "Datastore", "DataReference")
IMPORTS = (
    "from azureml.train.dnn import PyTorch, Mpi",
    "from azureml.train.dnn import *",
    "from azureml.train.estimator import Estimator as {name}",
    "import azureml.train.dnn as dnn",
    "import azureml.train.dnn as {name}",
    "from azureml.core import RunConfiguration, ScriptRunConfig, Datastore",
    "from azureml.core import *",
    "from azureml.pipeline.steps import PythonScriptStep",
    "from azureml.data.data_reference import DataReference",
    "from azureml.core.runconfig import RunConfiguration as {name}",
    "from . import {name}",
    "from mypackage import {name}",
)
VALUES = ("{other}", "{other}()", "RunConfiguration()", "ws.get_default_datastore()", "{other}.path('p')",
          "Datastore.get(ws, 'x')", "None", "dnn.PyTorch", "{other}('src', use_gpu=True)")
CALLS = (
    "{name}('src', entry_script='t.py', node_count=2)",
    "{name}()",
    "{name}.as_mount()",
    "{name}.path('data').as_download()",
    "dnn.{name}('src')",
    "PythonScriptStep(script_name='a.py', runconfig={name})",
    "ScriptRunConfig('.', run_config={name})",
    "keep({name})",
    "{name}.environment",
    "{name}.data_references = {{}}",
)

names = st.sampled_from(NAMES)


@st.composite
def simple_statements(draw):
    kind = draw(st.integers(0, 4))
    name, other = draw(names), draw(names)
    if kind == 0:
        return draw(st.sampled_from(IMPORTS)).format(name=name)
    if kind == 1:
        return f"{name} = " + draw(st.sampled_from(VALUES)).format(other=other)
    if kind == 2:
        return f"del {name}"
    return draw(st.sampled_from(CALLS)).format(name=name)


@st.composite
def blocks(draw, depth=0):
    statements = draw(st.lists(simple_statements(), min_size=1, max_size=4))
    lines = list(statements)
    if depth < 2:
        for _ in range(draw(st.integers(0, 2))):
            inner = ["    " + line for line in draw(blocks(depth + 1))]
            name, other = draw(names), draw(names)
            header = draw(st.sampled_from((
                f"def f_{depth}({draw(st.sampled_from(('', name, f'x={other}')))}):",
                f"class K_{depth}:",
                "if flag:",
                f"for {name} in items:",
                f"with ctx as {name}:",
                "try:",
            )))
            lines.append(header)
            lines.extend(inner)
            if header == "try:":
                handler = draw(st.sampled_from(("except ImportError:", f"except Exception as {name}:",
                                                "except (ValueError, ModuleNotFoundError):", "finally:")))
                lines.append(handler)
                lines.extend("    " + line for line in draw(blocks(depth + 1)))
        expression = draw(st.sampled_from((
            "lam = lambda: {name}('src')",
            "values = [{name}('src') for _ in range(2)]",
            "values = [{name} for {name} in range(2)]",
            "({name} := {other}())",
            "{name}: object = {other}()",
            "global {name}",
        ))).format(name=draw(names), other=draw(names))
        if not expression.startswith("global") or depth:
            lines.append(expression)
    return lines


@st.composite
def programs(draw):
    return "\n".join(draw(blocks())) + "\n"


def _findings(source: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<fuzz>", "exec")
        except SyntaxError:
            return None
        flake8 = check_source(source)
    facts, _ = build_facts(astroid.parse(source), source)
    return flake8, check_module(facts)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(programs())
def test_pylint_facts_agree_with_flake8_facts(source):
    result = _findings(source)
    if result is None:
        return
    flake8, pylint = result
    from_flake8 = sorted((f.code, astuple(f.span), f.message) for f in flake8)
    high = sorted((f.code, astuple(f.span), f.message) for f in pylint if f.confidence == HIGH)
    assert high == from_flake8, source
    assert {(f.code, f.span) for f in flake8} <= {(f.code, f.span) for f in pylint}, source
