"""Unit tests of the pylint checker with pylint's ``CheckerTestCase`` (in-process linter).

Expected messages are what the shared core reports for the same code, so these tests pin the
translation to pylint (message, positions, confidence, the frame pylint names), not the rules.
"""

from __future__ import annotations

import textwrap

import astroid
import pytest
from astroid import nodes
from pylint.interfaces import HIGH
from pylint.testutils import CheckerTestCase, MessageTest

from azureml_migrate.catalog import PYLINT_CHECKER_ID, RULES, rule_for
from azureml_migrate.engine import check_source
from pylint_azureml_migrate import AzureMLMigrateChecker
from pylint_azureml_migrate.checker import INTERNAL_ERROR_MSGID, INTERNAL_ERROR_SYMBOL


def _module(code: str) -> nodes.Module:
    return astroid.parse(textwrap.dedent(code), module_name="job")


def _expected_messages(module: nodes.Module, code: str, confidence=HIGH, **options):
    """The core's findings for module-level ``code`` as pylint messages."""
    return [
        MessageTest(
            msg_id=finding.rule.symbol,
            node=module,
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

    def test_class_bound_to_a_variable_is_followed_by_the_fact_builder_with_high_confidence(self):
        """Only re-exports from the user's own modules need astroid (pylint_functional/inference_*)."""
        module = _module("""
        from azureml.train.estimator import Estimator
        factory = Estimator
        run = factory('src')
        """)
        direct = [(finding.message,) for finding in
                  check_source("from azureml.train.estimator import Estimator\nEstimator('src')\n")]
        with self.assertAddsMessages(
            MessageTest("azureml-deprecated-import", node=module, line=2, col_offset=0, end_line=2,
                        end_col_offset=45, args=direct[0], confidence=HIGH),
            MessageTest("azureml-estimator", node=module, line=4, col_offset=6, end_line=4, end_col_offset=20,
                        args=direct[1], confidence=HIGH),
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
        """Source that no longer parses as the tree did (a file changed under pylint) must not
        abort the pylint run."""
        module = _module("""
        from azureml.train.estimator import Estimator
        Estimator('src', use_gpu=True)
        """)
        module.file = "/project/job.py"
        module.file_bytes = b"from azureml.train.estimator import Estimator\nEstimator('src',\n"
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


def test_scope_level_disables_hold_for_everything_in_the_scope(tmp_path):
    """pylint reads ``disable`` comments per scope (a pragma inside a function or class covers
    the rest of it); findings are reported in their frame, which pylint names."""
    code = """
    from azureml.train.estimator import Estimator  # pylint: disable=azureml-deprecated-import


    def legacy():
        # pylint: disable=azureml-estimator
        return Estimator('src')


    class Jobs:
        # pylint: disable=azureml-estimator-environment-param
        def submit(self):
            return Estimator('src', use_gpu=True)
    """
    from pylint.lint import PyLinter
    from pylint.reporters import CollectingReporter

    linter = PyLinter(reporter=CollectingReporter())
    linter.load_plugin_modules(["pylint_azureml_migrate"])
    linter.load_plugin_configuration()
    linter.disable("all")
    linter.enable("azureml-migrate")
    path = tmp_path / "jobs.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    linter.check([str(path)])
    reported = [(m.symbol, m.line, m.obj) for m in linter.reporter.messages]
    assert reported == [("azureml-estimator", 13, "Jobs.submit")]


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


def test_docs_message_table_is_generated_from_the_catalog():
    from pathlib import Path

    from azureml_migrate.catalog import pylint_messages_markdown

    docs = (Path(__file__).parent.parent / "docs" / "pylint.md").read_text(encoding="utf-8")
    table = docs.split("<!-- pylint-table:start -->\n", 1)[1].split("\n<!-- pylint-table:end -->", 1)[0]
    assert table == pylint_messages_markdown()
    assert table.count("\n| W73") == len([rule for rule in RULES if not rule.retired])
