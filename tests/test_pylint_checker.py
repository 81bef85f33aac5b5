"""Unit tests of the pylint checker with pylint's ``CheckerTestCase`` (in-process linter).

Expected messages are what the shared core reports for the same code through the ``ast``
path flake8 uses, so these tests pin the translation to pylint, not the rules themselves.
"""

from __future__ import annotations

import textwrap

import astroid
import pytest
from astroid import nodes
from pylint.interfaces import HIGH, INFERENCE
from pylint.testutils import CheckerTestCase, MessageTest

from azureml_migrate.catalog import PYLINT_CHECKER_ID, RULES, rule_for
from azureml_migrate.engine import check_source
from pylint_azureml_migrate import AzureMLMigrateChecker
from pylint_azureml_migrate.checker import INTERNAL_ERROR_MSGID, INTERNAL_ERROR_SYMBOL


def _module(code: str) -> nodes.Module:
    return astroid.parse(textwrap.dedent(code), module_name="job")


def _expected_messages(module: nodes.Module, code: str, confidence=HIGH, **options):
    """The core's findings for ``code`` as pylint messages on the nodes they point at."""
    by_span = {}
    for node in module.nodes_of_class((nodes.Call, nodes.Keyword, nodes.ImportFrom, nodes.Const)):
        by_span.setdefault((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset), node)
    return [
        MessageTest(
            msg_id=finding.rule.symbol,
            node=by_span[(finding.span.line, finding.span.col, finding.span.end_line, finding.span.end_col)],
            line=finding.span.line, col_offset=finding.span.col,
            end_line=finding.span.end_line, end_col_offset=finding.span.end_col,
            args=(finding.message,), confidence=confidence,
        )
        for finding in check_source(textwrap.dedent(code), **options)
    ]


class TestAzureMLMigrateChecker(CheckerTestCase):
    CHECKER_CLASS = AzureMLMigrateChecker

    def test_estimator_call_and_its_keywords(self):
        code = """
        from azureml.train.dnn import PyTorch
        est = PyTorch(source_directory='src', entry_script='train.py',
                      script_params={'--epochs': 10}, framework_version='1.6', use_gpu=True)
        """
        module = _module(code)
        expected = _expected_messages(module, code)
        assert [message.msg_id for message in expected] == [
            "azureml-deprecated-import", "azureml-estimator", "azureml-script-params",
            "azureml-estimator-environment-param", "azureml-estimator-environment-param"]
        with self.assertAddsMessages(*expected, ignore_position=False):
            self.checker.visit_module(module)

    def test_class_bound_to_a_variable_is_reported_with_inference_confidence(self):
        module = _module("""
        from azureml.train.estimator import Estimator
        factory = Estimator
        run = factory('src')
        """)
        call = next(node for node in module.nodes_of_class(nodes.Call))
        import_node = next(module.nodes_of_class(nodes.ImportFrom))
        direct = [(finding.message,) for finding in
                  check_source("from azureml.train.estimator import Estimator\nEstimator('src')\n")]
        with self.assertAddsMessages(
            MessageTest("azureml-deprecated-import", node=import_node, line=2, col_offset=0, end_line=2,
                        end_col_offset=45, args=direct[0], confidence=HIGH),
            MessageTest("azureml-estimator", node=call, line=4, col_offset=6, end_line=4, end_col_offset=20,
                        args=direct[1], confidence=INFERENCE),
            ignore_position=False,
        ):
            self.checker.visit_module(module)

    def test_module_without_markers_is_not_examined(self):
        module = _module("""
        import torch
        model = torch.nn.Linear(2, 2)
        """)
        with self.assertNoMessages():
            self.checker.visit_module(module)

    def test_user_class_named_like_an_estimator_is_not_reported(self):
        module = _module("""
        from sklearn.base import BaseEstimator
        class Estimator(BaseEstimator):
            pass
        mine = Estimator()
        """)
        with self.assertNoMessages():
            self.checker.visit_module(module)

    def test_positionless_nodes_from_transforms_are_skipped_not_fatal(self):
        """Transforms (astroid brains, other plugins) may add nodes without positions."""
        code = """
        from azureml.train.estimator import Estimator  # kept: it has a position
        """
        module = _module(code)
        expected = _expected_messages(module, code)
        synthesized = astroid.extract_node("Estimator('src')")
        for node in synthesized.nodes_of_class(nodes.NodeNG):
            node.lineno = node.col_offset = node.end_lineno = node.end_col_offset = None
        expression = nodes.Expr(lineno=None, col_offset=None, end_lineno=None, end_col_offset=None, parent=module)
        expression.postinit(synthesized)
        synthesized.parent = expression
        module.body.append(expression)
        assert [message.msg_id for message in expected] == ["azureml-deprecated-import"]
        with self.assertAddsMessages(*expected, ignore_position=False):
            self.checker.visit_module(module)

    def test_a_failure_inside_the_plugin_is_a_message_naming_the_file_not_a_crash(self):
        """A malformed tree (a keyword without a value) must not abort the pylint run."""
        module = _module("""
        from azureml.train.estimator import Estimator
        Estimator('src', use_gpu=True)
        """)
        module.file = "/project/job.py"
        next(module.nodes_of_class(nodes.Keyword)).value = None
        self.checker.visit_module(module)
        messages = self.linter.release_messages()
        assert [message.msg_id for message in messages] == [INTERNAL_ERROR_SYMBOL]
        assert messages[0].args[0] == "/project/job.py"
        assert messages[0].line == 1


class TestMinSdkVersionOption(CheckerTestCase):
    CHECKER_CLASS = AzureMLMigrateChecker
    CONFIG = {"azureml_min_sdk_version": (1, 19, 0)}

    def test_requirement_findings_use_the_configured_minimum(self):
        code = "cd.add_pip_package('azureml-core==1.17.0')\n"
        module = _module(code)
        from packaging.version import Version

        from azureml_migrate.rules import Options

        expected = _expected_messages(module, code, options=Options(min_sdk_version=Version("1.19.0")))
        assert expected and "1.19.0" in expected[0].args[0]
        with self.assertAddsMessages(*expected, ignore_position=False):
            self.checker.visit_module(module)


def test_messages_are_generated_from_the_catalog():
    messages = AzureMLMigrateChecker.msgs
    for rule in RULES:
        template, symbol, description, options = messages[rule.msgid]
        assert (template, symbol) == ("%s", rule.symbol)
        assert rule.summary in description
        assert options == {"default_enabled": rule.default_enabled}
        assert rule_for(rule.msgid) is rule
    assert INTERNAL_ERROR_MSGID == f"F{PYLINT_CHECKER_ID}00"
    assert {msgid[1:3] for msgid in messages} == {PYLINT_CHECKER_ID}


@pytest.mark.parametrize("rule", [rule for rule in RULES if not rule.default_enabled], ids=lambda r: r.code)
def test_off_by_default_rules_are_disabled_in_a_fresh_linter(rule):
    from pylint.lint import PyLinter

    linter = PyLinter()
    linter.load_plugin_modules(["pylint_azureml_migrate"])
    linter.load_plugin_configuration()
    assert not linter.is_message_enabled(rule.msgid)
    assert linter.is_message_enabled("azureml-estimator")


def test_docs_message_table_matches_the_catalog():
    from pathlib import Path

    docs = (Path(__file__).parent.parent / "docs" / "pylint.md").read_text(encoding="utf-8")
    table = docs.split("<!-- pylint-table:start -->\n", 1)[1].split("\n<!-- pylint-table:end -->", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert [(row[0].strip("| "), row[1].strip("`"), row[2], row[3], row[4].rstrip(" |")) for row in rows] == [
        (rule.msgid, rule.symbol, rule.code, "on" if rule.default_enabled else "off", rule.summary)
        for rule in RULES if not rule.retired
    ]
