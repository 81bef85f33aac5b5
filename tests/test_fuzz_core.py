"""Property-based fuzzing of the core and the flake8 checker: they never raise, and line endings
never change what they report.

Two sources of programs: hypothesmith's grammar-generated Python (every construct, nonsense
names), and a generator of Azure ML v1 code (real class names, keywords and value shapes in
every syntactic position), which is what actually drives the rules. Example counts come from the
profiles in conftest.py (``HYPOTHESIS_PROFILE=thorough`` for a long run).
"""

from __future__ import annotations

import ast
import importlib.util
import io
import re
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
hypothesmith = pytest.importorskip("hypothesmith")

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from azureml_migrate import sdk  # noqa: E402
from azureml_migrate.builder import build_facts  # noqa: E402
from azureml_migrate.builder.scopes import local_names  # noqa: E402
from azureml_migrate.catalog import RULES  # noqa: E402
from azureml_migrate.engine import check_source, check_tree, parse_source  # noqa: E402
from flake8_azureml_migrate import AzureMLMigrateChecker  # noqa: E402

RULE_CODES = {rule.code for rule in RULES}

#: hypothesmith compiles what it generates; Python's warnings about that code are not ours.
pytestmark = [pytest.mark.filterwarnings("ignore::SyntaxWarning"), pytest.mark.slow]

IMPORT_LINES = (
    "from azureml.train.estimator import Estimator, Mpi, Gloo, Nccl",
    "from azureml.train.dnn import *",
    "import azureml.train.dnn as dnn",
    "import azureml.train.estimator",
    "from azureml.core import ScriptRunConfig, RunConfiguration, Environment, Datastore, Workspace",
    "from azureml.core.runconfig import RunConfiguration as RC, DataReferenceConfiguration",
    "from azureml.train.hyperdrive import HyperDriveConfig, HyperDriveRunConfig",
    "from azureml.pipeline.steps import EstimatorStep, MpiStep, PythonScriptStep, CommandStep",
    "from azureml.data.data_reference import DataReference",
    "from azureml.core.conda_dependencies import CondaDependencies",
    "from azureml.train.automl import AutoMLConfig",
    "from sklearn.base import BaseEstimator as Estimator",
    "try:\n    from azureml.train.estimator import Estimator\nexcept ImportError:\n    Estimator = None",
    "from . import Estimator",
)
CALLEES = (
    "Estimator", "PyTorch", "TensorFlow", "Chainer", "SKLearn", "dnn.PyTorch", "dnn.TensorFlow",
    "azureml.train.estimator.Estimator", "RunConfiguration", "RC", "ScriptRunConfig",
    "HyperDriveConfig", "HyperDriveRunConfig", "EstimatorStep", "MpiStep", "PythonScriptStep",
    "CommandStep", "Mpi", "Gloo", "Nccl", "ParameterServer", "DataReference", "AutoMLConfig",
    "CondaDependencies.create", "cd.add_pip_package", "cd.add_conda_package", "Environment",
    "ws.get_default_datastore().path", "Datastore.get(ws, 'x').as_mount", "ds.path('p').as_download",
    "ds.as_mount", "rc.data_references.update", "print", "f().g", "(lambda: Estimator)()",
)
KEYWORDS = sorted({
    *sdk.ENVIRONMENT_PARAMETERS, *sdk.DISTRIBUTED_PARAMETERS, *sdk.DATA_PARAMETERS,
    *sdk.RUN_BASED_COMPUTE_PARAMETERS, *sdk.REQUIREMENT_KEYWORDS, sdk.SCRIPT_PARAMS_PARAMETER,
    "source_directory", "entry_script", "compute_target", "script", "arguments", "estimator",
    "run_config", "runconfig", "run_configuration", "environment", "hyperparameter_sampling",
    "primary_metric_name", "unknown_keyword",
})
REQUIREMENT_TEXTS = (
    "azureml-core==1.0.85", "azureml-sdk<1.15", "azureml-defaults~=1.12.0", "azureml-core>=1.0",
    "azureml-train-core", "azureml-dataprep==1.0", "numpy==1.19", "azureml-core===1.2", "azureml-core @ x",
    "azureml-sdk[notebooks]==1.1.5.3", "", "-e .", "azureml-core==", "azureml-core>=1.20,<1.10",
    "azureml-core==1.*", "azureml-core!=1.0", "\x00", "azureml-core==1.0;python_version<'3'",
)

identifiers = st.sampled_from(["x", "src", "rc", "ds", "ws", "est", "cd", "env", "params", "_", "é"])
#: Text written into a string literal as is: unusual characters that are not line breaks to
#: Python but are to ``str.splitlines`` (U+2028, U+0085, form feed, file separator).
raw_strings = st.text(alphabet=st.sampled_from("ab é\u2028\u2029\x85\x0c\x0b\x1c\x1d\x1e\t\ufeff"),
                      max_size=6).map(lambda text: f"'{text}'")
literals = st.one_of(
    st.one_of(st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), st.text(max_size=20),
              st.sampled_from(REQUIREMENT_TEXTS), st.binary(max_size=8)).map(repr),
    raw_strings,
)


#: Argument values: literals, names, displays, calls, and the odd syntax in between.
EXPRESSIONS = st.recursive(
    st.one_of(literals, identifiers, st.sampled_from(["...", "-1", "1j", "f'{x}'", "x.y", "x[0]"])),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(inner, max_size=3).map(lambda items: "(" + "".join(item + ", " for item in items) + ")"),
        st.lists(st.tuples(inner, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
        st.tuples(inner, inner).map(lambda pair: f"{{**{pair[0]}, 'k': {pair[1]}}}"),
        st.tuples(st.sampled_from(CALLEES), st.lists(inner, max_size=2)).map(
            lambda call: f"{call[0]}({', '.join(call[1])})"),
        st.lists(inner, min_size=1, max_size=3).map(lambda items: "[*" + ", *".join(items) + "]"),
        st.tuples(inner, inner).map(lambda pair: f"({pair[0]} + {pair[1]})"),
        inner.map(lambda item: f"[v for v in {item}]"),
        inner.map(lambda item: f"(lambda: {item})"),
    ),
    max_leaves=12,
)


@st.composite
def calls(draw):
    callee = draw(st.sampled_from(CALLEES))
    positional = draw(st.lists(EXPRESSIONS, max_size=2))
    keywords = draw(st.lists(st.tuples(st.sampled_from(KEYWORDS), EXPRESSIONS), max_size=5,
                             unique_by=lambda pair: pair[0]))
    parts = [*positional, *(f"{name}={value}" for name, value in keywords)]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["*args", "**kwargs", "**{'use_gpu': True}"])))
    separator = draw(st.sampled_from([", ", ",\n    ", ",  # comment\n    "]))
    return f"{callee}({separator.join(parts)})"


@st.composite
def statements(draw):
    call = draw(calls())
    name = draw(identifiers)
    shapes = [
        call,
        f"{name} = {call}",
        f"{name}: object = {call}",
        f"({name} := {call})",
        f"rc.data_references[{draw(literals)}] = {call}",
        f"rc.data_references = {{'d': {call}}}",
        f"src.run_config.environment_variables = {draw(EXPRESSIONS)}",
        f"def fn({name}={call}):\n    return {call}",
        f"class C:\n    attr = {call}",
        f"for {name} in [{call}]:\n    pass",
        f"with {call} as {name}:\n    pass",
        f"if x:\n    {name} = {call}\nelse:\n    {name} = None",
        f"try:\n    {call}\nexcept ImportError:\n    pass",
        f"async def g():\n    await {call}",
        f"{name} = [{call} for _ in range(2)]",
        f"global {name}\n{name} = {call}",
        f"del {name}",
    ]
    return draw(st.sampled_from(shapes))


@st.composite
def azureml_modules(draw):
    """A module of Azure ML v1 code; valid Python by construction (bad syntax is tested apart)."""
    imports = draw(st.lists(st.sampled_from(IMPORT_LINES), max_size=4))
    body = draw(st.lists(statements(), min_size=1, max_size=6))
    setup = ["ws = Workspace.from_config()", "ds = ws.get_default_datastore()",
             "cd = CondaDependencies()", "rc = RunConfiguration()"]
    chosen = draw(st.lists(st.sampled_from(setup), max_size=4))
    return "\n".join([*imports, *chosen, *body]) + "\n"


def findings_of(source: str):
    return [(f.code, f.span, f.message, f.hint, f.confidence)
            for f in check_tree(parse_source(source), source)]


def assert_well_formed(findings, source: str):
    line_count = max(1, len(re.split(r"\r\n|\r|\n", source)))
    for code, span, message, _, _ in findings:
        assert code in RULE_CODES
        assert message and "\n" not in message
        assert 1 <= span.line <= span.end_line <= line_count
        assert span.col >= 0


@given(azureml_modules())
def test_core_never_raises_on_azureml_code(source):
    assert_well_formed(findings_of(source), source)


@given(azureml_modules().map(lambda source: source.replace("\n", "\r\n", 1)))
def test_argument_text_quoted_in_hints_is_the_arguments_own_source(source):
    """What a hint quotes back is exactly the code written (Python's own get_source_segment)."""
    tree = parse_source(source)
    written = {(node.arg, node.lineno, node.col_offset): ast.get_source_segment(source, node.value)
               for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg}
    for call in build_facts(tree, source).calls:
        for keyword in call.keywords:
            assert keyword.value.text == written[(keyword.name, keyword.span.line, keyword.span.col)]


@given(hypothesmith.from_grammar())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=100)
def test_core_never_raises_on_any_python(source):
    """The full builder (prefilter skipped): every construct the grammar allows."""
    try:
        tree = parse_source(source)
    except SyntaxError:
        assume(False)
    assert_well_formed([(f.code, f.span, f.message, f.hint, f.confidence) for f in check_tree(tree, source)],
                       source)


@given(st.text(max_size=300))
def test_check_source_raises_nothing_but_syntax_error_on_any_text(text):
    try:
        check_source("import azureml\n" + text)
    except SyntaxError:
        pass


@given(azureml_modules(), st.sampled_from(["", "\x00", "\ufeff", "é", "\\", "'", '"""', "(", "\t", "\x0c", "\u2028"]),
       st.integers(min_value=0))
def test_core_survives_a_corrupted_module(source, junk, position):
    """Real files are half-edited: a stray byte anywhere gives findings or SyntaxError."""
    position %= len(source) + 1
    try:
        check_source(source[:position] + junk + source[position:])
    except SyntaxError:
        pass


def flake8_run(source: str):
    """The plugin's output on one file, given what flake8 gives it (lines read in text mode)."""
    tree = parse_source(source)
    lines = io.StringIO(source).readlines()
    return [(line, col, message) for line, col, message, _ in AzureMLMigrateChecker(tree, lines, "f.py").run()]


@given(azureml_modules())
def test_flake8_checker_never_raises_nor_reports_an_internal_error(source):
    for _, _, message in flake8_run(source):
        assert not message.startswith("AML000"), message


@given(hypothesmith.from_grammar())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=100)
def test_flake8_checker_never_raises_on_any_python(source):
    try:
        parse_source(source)
    except SyntaxError:
        assume(False)
    for _, _, message in flake8_run("import azureml\n" + source):
        assert not message.startswith("AML000"), message


@given(azureml_modules())
def test_crlf_line_endings_give_the_same_findings(source):
    """Windows checkouts: same codes, positions, messages and hints as the LF file."""
    assert findings_of(source.replace("\n", "\r\n")) == findings_of(source)


@given(azureml_modules())
def test_cr_only_line_endings_give_the_same_findings(source):
    assert findings_of(source.replace("\n", "\r")) == findings_of(source)


@given(hypothesmith.from_grammar())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=100)
def test_crlf_line_endings_give_the_same_findings_on_any_python(source):
    source = "from azureml.train.dnn import *\n" + source
    try:
        parse_source(source)
    except SyntaxError:
        assume(False)
    assert findings_of(source.replace("\n", "\r\n")) == findings_of(source)


def scoped_nodes(tree):
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
             ast.GeneratorExp)
    return [node for node in ast.walk(tree) if isinstance(node, kinds)]


def assert_samelocal_names(source: str):
    """In every scope free of ``:=``, the pruned walk and the full walk agree."""
    tree = parse_source(source)
    for node in scoped_nodes(tree):
        if not any(isinstance(inner, ast.NamedExpr) for inner in ast.walk(node)):
            assert local_names(node, expressions_may_bind=False) == local_names(node, expressions_may_bind=True)


@given(hypothesmith.from_grammar())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=100)
def test_the_fast_local_names_walk_finds_the_same_names_without_walrus(source):
    """Skipping expressions is only sound when no ``:=`` can bind inside one."""
    try:
        parse_source(source)
    except SyntaxError:
        assume(False)
    assert_samelocal_names(source)


@pytest.mark.parametrize("module", ["argparse", "typing", "dataclasses", "inspect", "ast"])
def test_the_fast_local_names_walk_finds_the_same_names_in_the_standard_library(module):
    source = Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")
    assert_samelocal_names(source)
