"""The tree prefilter (``azureml_migrate.prefilter``) is exact: a module it clears has no finding.

Held to the real fact builder and rules on every corpus this project has (the installed SDK,
examples, samples, the program corpus) and on generated programs that put tracked names and
requirement strings in every position; and held to what the rules register on, so that a new
rule the prefilter does not know about fails here rather than losing findings.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from azureml_migrate import sdk
from azureml_migrate.builder import build_facts
from azureml_migrate.engine import DATA_REFERENCE_MARKERS, check_tree, may_have_findings, parse_source
from azureml_migrate.prefilter import CHECKED_CLASSES, tree_may_have_findings
from azureml_migrate.rules import RULES, Options, check_module

ROOT = Path(__file__).resolve().parent.parent
SDK_SPEC = importlib.util.find_spec("azureml.train")
SDK_TREE = Path(SDK_SPEC.submodule_search_locations[0]).parent if SDK_SPEC else None


def full_findings(source: str):
    """Every finding of the default families, facts built whatever the prefilter says."""
    tree = parse_source(source)
    return [(f.code, f.span, f.message) for f in check_module(build_facts(tree, source), Options())]


def assert_exact(source: str) -> bool:
    """The prefilter clears a module only when it has no finding; returns what it said."""
    tree = parse_source(source)
    may = tree_may_have_findings(tree, source)
    full = full_findings(source)
    if not may:
        assert full == [], source
    assert [(f.code, f.span, f.message) for f in check_tree(tree, source)] == full
    return may


def corpus_files():
    roots = [ROOT / "examples", ROOT / "tests" / "samples", ROOT / "tests" / "program_corpus",
             ROOT / "tests" / "realistic", ROOT / "tests" / "audit_fixtures"]
    if SDK_TREE is not None:
        roots.append(SDK_TREE)
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            yield path


def test_every_corpus_module_it_clears_has_no_finding():
    """The installed SDK (all of it), examples, samples and the program corpus; and it clears
    most of the SDK's own modules, or it would prove nothing."""
    cleared = passed = 0
    for path in corpus_files():
        try:
            source = path.read_text(encoding="utf-8")
            parse_source(source)
        except (UnicodeDecodeError, SyntaxError):
            continue
        if not may_have_findings(source):
            continue
        passed += 1
        cleared += not assert_exact(source)
    assert passed > 100 and cleared > passed // 3, (passed, cleared)


@pytest.mark.skipif(SDK_TREE is None, reason="the azureml SDK is not installed")
@pytest.mark.parametrize("module", [
    "train/estimator/_estimator.py", "train/estimator/_framework_base_estimator.py", "train/dnn/_chainer.py",
    "train/dnn/_pytorch.py", "train/dnn/_tensorflow.py", "train/hyperdrive/_search.py",
    "train/hyperdrive/policy.py", "train/hyperdrive/run.py", "train/hyperdrive/runconfig.py",
    "train/hyperdrive/sampling.py",
])
def test_it_clears_the_sdk_modules_of_issue_19_that_have_no_finding(module):
    """The SDK's own code names every tracked class and requirement keyword; none of it is a
    finding (issue 19's flake8 trees)."""
    source = (SDK_TREE / module).read_text(encoding="utf-8")
    assert may_have_findings(source)
    assert not assert_exact(source)


#: Tracked classes whose import alone is no finding (not deprecated names).
IMPORTS = "from azureml.core.runconfig import RunConfiguration as RC\nimport azureml.train.hyperdrive as hd\n"


@pytest.mark.parametrize("use", [
    "RC()", "x = RC", "x: type = hd.HyperDriveConfig", "def f(c=RC):\n    return c()",
    "class C(hd.HyperDriveConfig):\n    pass", "def make(c):\n    return c()\nmake(RC)",
    "def make(c):\n    return c()\nmake(c=hd.HyperDriveConfig)", "(x := RC)", "y = (lambda c=RC: c())",
    "@RC\ndef g():\n    pass\ng = RC()", "self.kind = RC", "if RC():\n    pass",
    "with hd.HyperDriveConfig() as h:\n    pass",
])
def test_a_tracked_name_where_the_builder_resolves_it_passes(use):
    assert assert_exact(IMPORTS + use + "\n")


@pytest.mark.parametrize("use", [
    "isinstance(x, RC)", "x = [RC, hd]", "def f(c: RC) -> hd.HyperDriveConfig:\n    pass",
    "print(RC.__doc__)", "x = RC.mro()", "try:\n    pass\nexcept hd.HyperDriveConfig:\n    pass",
    "'''RC() in a docstring'''", "# RC() in a comment", "x = {'k': RC}",
])
def test_a_tracked_name_only_read_where_the_builder_never_resolves_it_is_cleared(use):
    assert not assert_exact(IMPORTS + use + "\n")


REQUIREMENT_SITE = "from azureml.core.conda_dependencies import CondaDependencies\n"


@pytest.mark.parametrize("module, may", [
    ("CondaDependencies.create(pip_packages=packages)\n", False),
    ("CondaDependencies.create(pip_packages=['numpy', 'azureml-core==1.0'])\n", True),
    ("CondaDependencies.create(pip_packages=['numpy'] + extra)\nextra = ['AzureML-SDK<1.1']\n", True),
    ("base = ('conda-forge::azureml-core=1.0',)\npkgs = base\nx.add_conda_package(pkgs)\n", True),
    ("base = ('conda-forge::azureml-core=1.0',)\npkgs = base\nx.add_conda_package(*pkgs)\n", False),
    ("class E:\n    def __init__(self):\n        self.p = ['azureml-sdk==1.0']\n"
     "    def go(self):\n        return CondaDependencies.create(conda_packages=self.p)\n", True),
    ("x.add_pip_package(name)\nname = 'see https://pypi.org/project/azureml-core'\n", False),
    ("x.add_pip_package(name)\nname = '\\x61zureml-core==1.0'\n", True),
    ("x.add_pip_package(name)\nname = ('azure'\n        'ml-core==1.0')\n", True),
    ("x.set_pip_requirements(list(names))\nnames = ['azureml-core<1']\n", True),
    ("if (name := 'azureml-core<1'):\n    x.add_pip_package(name)\n", True),
])
def test_requirement_strings_that_may_name_an_sdk_package_pass(module, may):
    assert assert_exact(REQUIREMENT_SITE + module) is may


@pytest.mark.parametrize("source", [
    "from azureml.train.estimator import Estimator\n",
    "from azureml.train.dnn import *\n",
    "from azureml.core import Run\nrun.data_references = {}\n",
    "import azureml.core\nds.path('x').as_mount()\n",
    "from azureml.core import Run\nx = 1  # \u00e9\n",
    "from azureml.core import Run\r# Torch\rimport azureml.train.dnn as d\rd.PyTorch()\r",
])
def test_imports_of_deprecated_names_markers_and_non_ascii_text_pass(source):
    assert assert_exact(source)


def test_the_default_rules_register_only_on_what_the_prefilter_knows():
    """Calls of ``CHECKED_CLASSES``, data-reference methods and attributes, AML102's imports and
    requirement strings; the target families (v2) run without the prefilter."""
    for rule in RULES:
        if rule.retired or rule.target is not None:
            continue
        assert set(rule.checks) <= {"call", "method", "import", "assignment", "requirement"}, rule.code
        for keys, _ in rule.checks.get("call", ()):
            assert set(keys) <= CHECKED_CLASSES, rule.code
        for keys, _ in rule.checks.get("method", ()):
            assert keys and all(key in DATA_REFERENCE_MARKERS for key in keys), rule.code
        if "import" in rule.checks:
            assert rule.code == "AML102"
        if "assignment" in rule.checks:
            assert sdk.DATA_REFERENCES_ATTRIBUTE in DATA_REFERENCE_MARKERS
    assert set(sdk.DEPRECATED_IMPORTS) <= CHECKED_CLASSES


def test_every_sdk_package_is_named_azureml_dash():
    """What makes a requirement string's first letters enough to tell."""
    assert all(name.startswith("azureml-") for name in sdk.SDK_RELEASE_TRAIN)


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

from tests.test_fuzz_core import azureml_modules  # noqa: E402

NAMES = ("Torch", "RC", "hd.HyperDriveConfig", "hd", "azureml.train.dnn.PyTorch", "pkgs", "self.p")
POSITIONS = (
    "{n}()", "x = {n}", "isinstance(x, {n})", "f({n})", "def f(c={n}):\n    return c()",
    "def f(c):\n    return c()", "class K({n}):\n    pass", "y: {n} = None", "print({n}.a)",
    "CondaDependencies.create(pip_packages={n})", "x.add_pip_package({n})", "{n} = {s}",
    "{n} = [{s}, 'numpy']", "{n} = list({n}) + [{s}]", "try:\n    {n}()\nexcept ImportError:\n    pass",
    "for v in [{n}]:\n    v()", "with open(x) as {m}:\n    pass", "'''{n}()'''", "lambda: {n}",
)
STRINGS = ("'azureml-core==1.0'", "'numpy'", "' AzureML-SDK<1.1'", "'ch::azureml-defaults=1.0'",
           "'x azureml-core'", "'azure' 'ml-core<1'", "'\\x61zureml-core<1'")
HEADERS = ("from azureml.train.dnn import PyTorch as Torch", "import azureml.train.hyperdrive as hd",
           "from azureml.core.runconfig import RunConfiguration as RC", "import azureml.train.dnn",
           "from azureml.core.conda_dependencies import CondaDependencies", "from . import Torch",
           "from azureml.core import Workspace")


@st.composite
def near_misses(draw):
    """Modules that name tracked classes and requirement keywords in every position, most of
    them without a finding: what the prefilter must tell apart."""
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=4))
    body = []
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.sampled_from(POSITIONS))
        body.append(position.format(n=draw(st.sampled_from(NAMES)), m="pkgs", s=draw(st.sampled_from(STRINGS))))
    if draw(st.booleans()):
        methods = ("    def m%d(self):\n        %s" % (i, line.replace("\n", "\n        "))
                   for i, line in enumerate(body))
        body = ["class E:", *methods]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ending.join([*headers, *body]) + ending


@given(near_misses())
def test_generated_near_misses_lose_no_finding(source):
    assert_exact(source)


@given(azureml_modules())
def test_the_fuzz_corpus_of_azureml_code_loses_no_finding(source):
    """``test_fuzz_core``'s generator: real class names, keywords and value shapes everywhere."""
    assert_exact(source)


def test_the_text_prefilter_groups_no_marker_away():
    """``may_have_findings`` scans ``_package`` once for the markers that contain it: every
    name marker is still in one group, and each alone (with azureml) lets a module through."""
    from azureml_migrate import engine

    assert sorted(engine._PACKAGE_MARKERS + engine._OTHER_NAME_MARKERS) == sorted(engine._NAME_MARKERS)
    assert engine._PACKAGE_MARKERS and all(engine._PACKAGE_PART in name for name in engine._PACKAGE_MARKERS)
    for name in engine._NAME_MARKERS:
        assert engine.may_have_findings(f"import azureml\nx.{name}\n"), name
        assert not engine.may_have_findings(f"import azureml\nx.{name[:-1]}\n") or name[:-1] in engine._NAME_MARKERS


#: Text around ``def`` and ``import``: whitespace of every kind (Unicode too), identifier and
#: other characters, the keywords themselves and near spellings.
SCANNED_TEXT = st.lists(st.sampled_from(
    ["def", "import", "*", " ", "\t", "\n", "\r", "\x0b", "\u3000", "\x85", "_", "f", "x1", "9", "(", ":", "de",
     "ef", "imp", "ort", "é"]), max_size=30).map("".join)


@given(SCANNED_TEXT)
def test_the_star_import_scan_answers_as_its_pattern(text):
    """``engine.spells_star_import`` replaced ``re.search(r"import\\s*\\*")`` (whose compile
    cost more than the scans): the same answer on any text."""
    import re

    from azureml_migrate.engine import spells_star_import

    assert spells_star_import(text) == (re.search(r"import\s*\*", text) is not None)


@given(SCANNED_TEXT.filter(str.isascii))
def test_the_function_name_scan_answers_as_its_pattern(text):
    """``prefilter.function_names`` replaced ``re.findall(r"def\\s+([A-Za-z_]\\w*)")`` on the
    ASCII text the tree prefilter reads: the same names."""
    import re

    from azureml_migrate.prefilter import function_names

    assert function_names(text) == set(re.findall(r"def\s+([A-Za-z_]\w*)", text))


def test_the_scans_on_written_cases():
    from azureml_migrate.engine import spells_star_import
    from azureml_migrate.prefilter import function_names

    assert spells_star_import("from azureml.core import  \\\n*") is False
    assert spells_star_import("from azureml.core import\n  *") is True
    assert spells_star_import("important *") is False and spells_star_import("reimport*") is True
    assert function_names("def f(): pass\nasync def _g2():\nundef  h\ndefine x\ndef\n\tk\ndef 9z") == {"f", "_g2", "h", "k"}
