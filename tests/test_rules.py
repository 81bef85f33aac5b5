"""Fast unit tests of the core: name resolution, facts, rules and the hints they compute."""

from __future__ import annotations

import textwrap

import pytest
from packaging.version import Version

from azureml_migrate.engine import check_source
from azureml_migrate.facts import ModuleFacts, RequirementString, Span
from azureml_migrate.requirements import parse_conda
from azureml_migrate.rules import Options, check_module
from tests.annotations import sample_files


def findings(code: str, options: Options = Options()):
    return check_source(textwrap.dedent(code), options)


def messages(code: str, rule: str):
    return [f.message for f in findings(code) if f.code == rule]


# -- name resolution -------------------------------------------------------------------------
@pytest.mark.parametrize("code, expected", [
    ("from azureml.train.dnn import PyTorch as P\nP('s')", ["AML102", "AML101"]),
    ("import azureml.train.dnn as dnn\ndnn.PyTorch('s')", ["AML101"]),
    ("import azureml.train.dnn\nazureml.train.dnn.PyTorch('s')", ["AML101"]),
    ("from azureml.train import dnn\ndnn.TensorFlow('s')", ["AML101"]),
    ("from azureml.train.dnn._pytorch import PyTorch\nPyTorch('s')", ["AML102", "AML101"]),
    ("from azureml.train.estimator import *\nEstimator('s')", ["AML102", "AML101"]),
    ("from azureml.core import *\nEstimator('s')", []),
    ("from azureml.train.estimator import Estimator\nEstimator = object\nEstimator()", ["AML102"]),
    ("from azureml.train.estimator import Estimator\ndef f(Estimator):\n    Estimator('s')", ["AML102"]),
    ("from azureml.train.estimator import Estimator\nclass C:\n    Estimator = 1\n    def m(self):\n"
     "        return Estimator('s')", ["AML102", "AML101"]),
    ("def f():\n    return Estimator('s')\nfrom azureml.train.estimator import Estimator", ["AML101", "AML102"]),
    ("try:\n    from azureml.core import ScriptRunConfig as R\nexcept ImportError:\n"
     "    from azureml.train.estimator import Estimator as R\nR('s')", []),
    ("try:\n    import x\nexcept ModuleNotFoundError:\n    from azureml.train.dnn import PyTorch\n"
     "    PyTorch('s')", []),
    ("from .azureml import PyTorch\nPyTorch('s')", []),
    ("'''from azureml.train.dnn import PyTorch\nPyTorch('s')'''", []),
    ("from azureml.train.dnn import PyTorch\n[PyTorch('s') for PyTorch in range(3)]", ["AML102"]),
    ("from azureml.train.dnn import PyTorch\nlambda PyTorch: PyTorch('s')", ["AML102"]),
])
def test_names_resolve_like_python_binds_them(code, expected):
    assert [f.code for f in findings(code)] == expected


def test_no_work_and_no_findings_without_any_marker():
    assert findings("Estimator(pip_packages=['x'], use_gpu=True)\nPyTorch('src')") == []


# -- hints computed from the call's arguments ------------------------------------------------
ESTIMATOR = "from azureml.train.estimator import Estimator\nfrom azureml.train.dnn import PyTorch, TensorFlow\n"


def test_hints_never_suggest_the_sdks_own_deprecated_setters():
    deprecated = ("env.docker.enabled", "env.docker.shm_size", "env.environment_variables",
                  "docker.arguments", "docker.shared_volumes", "CondaDependencies.create(pip")
    for path in sample_files():
        for finding in check_source(path.read_text(encoding="utf-8")):
            for text in deprecated:
                if text == "CondaDependencies.create(pip":
                    continue  # named only to warn against it
                assert text not in finding.message and text not in finding.hint, (path.name, finding)


def test_runconfiguration_passed_to_script_run_config_warns_about_ignored_parameters():
    code = ("from azureml.core import RunConfiguration, ScriptRunConfig\n"
            "rc = RunConfiguration()\nScriptRunConfig('.', run_config=rc)")
    [finding] = [f for f in findings(code) if f.code == "AML201"]
    assert "with run_config= ScriptRunConfig ignores compute_target" in finding.hint
    assert finding.message.endswith("(manual: move its settings to a ScriptRunConfig and its Environment)")


# -- requirements ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, expected", [
    ("azureml-core==1.0.85", "pip", "AML401"),
    ("azureml-core<1.15", "pip", "AML401"),
    ("azureml-core~=1.12.0", "pip", "AML401"),
    ("azureml-core==1.1.5.3", "pip", "AML401"),
    ("azureml-core<=1.14.9", "pip", "AML401"),
    ("azureml_Core[extra]==1.0", "pip", "AML401"),
    ("azureml-core==1.0; python_version < '3.8'", "pip", "AML401"),
    ("azureml-core>=1.0", "pip", "AML402"),
    ("azureml-core>1.14", "pip", "AML402"),
    ("azureml-core==1.*", "pip", "AML402"),
    ("azureml-core~=1.0", "pip", "AML402"),
    ("azureml-core>=1.15.0", "pip", None),
    ("azureml-core==1.15.0", "pip", None),
    ("azureml-core~=1.15", "pip", None),
    ("azureml-core", "pip", None),
    ("azureml-core!=1.0", "pip", None),
    ("azureml-dataprep==1.1.0", "pip", None),
    ("pandas==0.25", "pip", None),
    ("not a requirement ===", "pip", None),
    ("azureml-core=1.12.0", "conda", "AML401"),
    ("azureml-core 1.0.85", "conda", "AML401"),
    ("conda-forge::azureml-core=1.0", "conda", "AML401"),
    ("azureml-core>=1.0,<2", "conda", "AML402"),
    ("azureml-core=1.19", "conda", None),
    ("azureml-core", "conda", None),
])
def test_requirement_verdicts(text, kind, expected):
    assert _requirement_codes(text, kind, Version("1.15.0")) == ([expected] if expected else [])


def _requirement_findings(text, kind, minimum):
    fact = RequirementString(Span(1, 0, 1, len(text)), text, kind)
    return check_module(ModuleFacts(requirements=[fact]), Options(min_sdk_version=minimum))


def _requirement_codes(text, kind, minimum):
    return [finding.code for finding in _requirement_findings(text, kind, minimum)]


def test_minimum_is_configurable_and_named_in_the_fix():
    [finding] = _requirement_findings("azureml-sdk[notebooks]==1.17.0", "pip", Version("1.19.0"))
    assert finding.code == "AML401"
    assert "below 1.19.0: require 'azureml-sdk[notebooks]>=1.19.0' (" in finding.message


def test_conda_fuzzy_version_is_a_prefix_match():
    assert str(parse_conda("azureml-core=1.12").specifier) == "==1.12.*"


def test_an_estimator_held_by_a_name_is_rewritten_where_it_is_used():
    code = (ESTIMATOR + "from azureml.train.hyperdrive import HyperDriveConfig\n"
            "from azureml.pipeline.steps import EstimatorStep\n"
            "est = Estimator('src', entry_script='t.py', script_params={'--a': 1}, compute_target='local')\n"
            "HyperDriveConfig(estimator=est)\n"
            "step_est = Estimator('src', entry_script='t.py', compute_target='local')\n"
            "EstimatorStep(name='s', estimator=step_est, estimator_entry_script_arguments=['--b', 2],"
            " compute_target='cpu')\n"
            "est = make()\nHyperDriveConfig(estimator=est)\n")
    [traced, untraced] = [f for f in findings(code) if f.code == "AML104"]
    assert traced.fix.applies and "use run_config=est, its ScriptRunConfig" in traced.message
    assert not untraced.fix.applies and "not an estimator call of this module" in untraced.fix.reason
    [step] = [f for f in findings(code) if f.code == "AML103"]
    assert step.fix.applies
    assert ("PythonScriptStep(\n    script_name='t.py',\n    arguments=['--b', 2],\n    name='s',\n"
            "    compute_target='cpu',\n    runconfig=step_est.run_config,\n"
            "    source_directory='src',\n)") in step.hint


@pytest.mark.parametrize("code, expected", [
    ("from azureml.train.dnn import*\nx = 1", ["AML102"]),
    ("from azureml.train.estimator import  *\nx = 1", ["AML102"]),
    ("import azureml.train.dnn as d\nd.Chainer('s')", ["AML101"]),
    ("cd.add_conda_package('azureml-core=1.0')", ["AML401"]),
    ("ws.get_default_datastore().as_download()", ["AML203"]),
])
def test_the_stricter_prefilter_keeps_every_way_to_a_finding(code, expected):
    from azureml_migrate.engine import may_have_findings

    assert may_have_findings(code)
    assert [f.code for f in findings(code)] == expected


@pytest.mark.parametrize("code", [
    "import azureml.core\nws = azureml.core.Workspace.from_config()",
    "from azureml.core import Run\nrun = Run.get_context()\nrun.log('x', 1)",
    "x = 'no sdk here'",
])
def test_sdk_code_without_a_tracked_name_is_not_parsed(code):
    from azureml_migrate.engine import may_have_findings

    assert not may_have_findings(code)


# -- each rule's own cases -----------------------------------------------------------------
from azureml_migrate.rules import RULES  # noqa: E402


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rule_reports_its_invalid_cases_and_not_its_valid_ones(rule):
    assert rule.cases.invalid and rule.cases.valid
    options = Options(target=rule.target, target_rules=(rule.target,)) if rule.target else Options()
    for snippet in rule.cases.invalid:
        assert rule.code in [f.code for f in check_source(snippet, options)], snippet
    for snippet in rule.cases.valid:
        assert rule.code not in [f.code for f in check_source(snippet, options)], snippet
    if rule.target:  # a target's family is silent until the host turns it on
        for snippet in rule.cases.invalid:
            assert rule.code not in [f.code for f in check_source(snippet)], snippet


# -- match captures, SDK-less data references, throwaway RunConfiguration ------------------
@pytest.mark.parametrize("pattern", [
    "case PyTorch:", "case [PyTorch, *rest]:", "case [first, *PyTorch]:", "case {'k': 1, **PyTorch}:",
    "case str() as PyTorch:", "case {'k': PyTorch}:", "case Point(x=PyTorch):",
])
def test_a_match_capture_rebinds_the_name_at_module_level(pattern):
    code = f"from azureml.train.dnn import PyTorch\nmatch command:\n    {pattern}\n        pass\nPyTorch('src')\n"
    assert [f.code for f in findings(code)] == ["AML102"]


def test_a_class_pattern_reads_the_name_without_rebinding_it():
    code = "from azureml.train.dnn import PyTorch\nmatch command:\n    case PyTorch():\n        pass\nPyTorch('src')\n"
    assert [f.code for f in findings(code)] == ["AML102", "AML101"]


@pytest.mark.parametrize("code", [
    "self.data_references = refs",
    "doc.data_references = []",
    "doc.data_references['x'] = 1",
    "disk.path('a').as_download()",
    "disk.path('a').as_mount()",
])
def test_data_reference_spellings_need_azureml_in_the_module(code):
    assert findings(code) == []
    assert [f.code for f in findings("import azureml.core\n" + code)] == ["AML203"]
    assert [f.code for f in findings("from azureml.core import Workspace\n" + code)] == ["AML203"]


def test_a_known_datastore_needs_no_azureml_import():
    assert [f.code for f in findings("ws.get_default_datastore().as_mount()")] == ["AML203"]


@pytest.mark.parametrize("code, expected", [
    ("defaults = RunConfiguration().environment.python.conda_dependencies", []),
    ("print(RunConfiguration().target)", []),
    ("RunConfiguration().save('rc.yml')", ["AML201"]),
    ("rc = RunConfiguration()", ["AML201"]),
    ("src = ScriptRunConfig('.', run_config=RunConfiguration())", ["AML201"]),
])
def test_a_throwaway_run_configuration_that_is_only_read_is_not_hand_built(code, expected):
    header = "from azureml.core import RunConfiguration, ScriptRunConfig\n"
    assert [f.code for f in findings(header + code)] == expected


# -- one finding per problem, the SDK's quirks said, defaults not reported ----------------


@pytest.mark.parametrize("argument", [
    "user_managed=False", "use_gpu=False", "node_count=1", "process_count_per_node=1", "pip_packages=None",
    "shm_size=None", "inputs=None", "script_params=None", "vm_size=None",
])
def test_an_argument_equal_to_its_default_is_not_a_finding(argument):
    code = f"from azureml.train.dnn import TensorFlow\nest = TensorFlow('src', {argument})\n"
    assert [f.code for f in findings(code)] == ["AML102", "AML101"]


def test_use_docker_true_is_reported_because_script_run_config_defaults_differ():
    code = "from azureml.train.dnn import TensorFlow\nest = TensorFlow('src', use_docker=True)\n"
    assert "AML301" in [f.code for f in findings(code)]


def test_the_table_of_what_default_rules_read_is_what_they_register_on():
    """``check_module`` imports a default rule's module only for facts it reads (``DEFAULT_READS``):
    a check registered on something the table leaves out would never run."""
    from azureml_migrate import rules as package

    modules = dict(zip(package._MODULE_NAMES, package.RULES))
    assert [module for module, rule in modules.items() if rule.target is None] == list(package.DEFAULT_READS)
    for module, reads in package.DEFAULT_READS.items():
        registered = {}
        for fact, checks in modules[module].checks.items():
            for keys, _ in checks:
                registered.setdefault(fact, set()).update(keys)
        assert registered == {fact: set(keys) for fact, keys in reads.items()}, module
