"""Every report format on one hand-built report: parseable, complete, correctly escaped."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import pytest

from azureml_migrate.audit.baseline import FINGERPRINT_NAME
from azureml_migrate.audit.formats import FORMATS, render
from azureml_migrate.audit.formats.ci_annotations import azure_data, azure_property, github_data, github_property
from azureml_migrate.audit.formats.common import TOP_LEVEL, top_level_directory
from azureml_migrate.audit.model import AuditError
from azureml_migrate.catalog import RULES, RULES_BY_CODE
from tests.test_audit_support import finding, report

SNIPPET = ("from azureml.core import Environment, ScriptRunConfig\n"
           "env = Environment('train-env')\n"
           "src = ScriptRunConfig(source_directory='src', script='train.py', environment=env)")


def sample_report():
    return report([
        finding("AML101", "train/submit.py", 5, 7, "'Estimator' is deprecated: use ScriptRunConfig(...)", hint=SNIPPET),
        finding("AML301", "train/submit.py", 6, 17, "'pip_packages' on Estimator belongs to the environment"),
        finding("AML102", "notebooks/explore.ipynb", 2, 1, "'PyTorch' from azureml.train.dnn is deprecated",
                cell=3, kind="notebook"),
        finding("AML401", "requirements.txt", 1, 1, "'azureml-core==1.0.85' keeps the azureml SDK below 1.15.0",
                kind="requirements", source="azureml-core==1.0.85"),
        finding("AML203", "odd dir/<script>&%;],:.py", 9, 3,
                "legacy data reference </td><script>alert(1)</script> 100%; a]b,c:d\r\nnext",
                source="ds.as_mount()"),
    ], errors=[AuditError("broken.ipynb", "not a notebook: Expecting value: line 1 column 1", "notebook")],
        files_checked=9)


def rendered(name: str, the_report=None) -> str:
    stream = io.StringIO()
    render(name, the_report or sample_report(), stream)
    return stream.getvalue()


def test_every_format_is_offered():
    assert set(FORMATS) == {"text", "concise", "full", "json", "sarif", "github", "azure", "gitlab", "junit",
                            "markdown", "html"}


def test_text_is_flake8_style_with_cells_errors_and_a_summary():
    lines = rendered("text").splitlines()
    assert lines[0] == "notebooks/explore.ipynb:cell 3:2:1: AML102 'PyTorch' from azureml.train.dnn is deprecated"
    assert "train/submit.py:5:7: AML101 'Estimator' is deprecated: use ScriptRunConfig(...)" in lines
    assert ("broken.ipynb: error: not a notebook: Expecting value: line 1 column 1"
            " (to skip it: --extend-exclude broken.ipynb)") in lines
    assert lines[-1] == "5 findings in 4 files (9 files checked); 1 file error"


def test_json_has_every_field_and_the_summary():
    document = json.loads(rendered("json"))
    assert set(document) == {"findings", "errors", "summary"}
    first = document["findings"][0]
    assert set(first) >= {"code", "symbol", "message", "hint", "path", "line", "column", "end_line",
                          "end_column", "cell", "fingerprint"}
    assert (first["path"], first["cell"], first["line"], first["code"]) == ("notebooks/explore.ipynb", 3, 2, "AML102")
    assert first["symbol"] == RULES_BY_CODE["AML102"].symbol
    estimator = next(item for item in document["findings"] if item["code"] == "AML101")
    assert estimator["hint"] == SNIPPET and estimator["cell"] is None
    assert document["errors"] == [
        {"path": "broken.ipynb", "message": "not a notebook: Expecting value: line 1 column 1", "kind": "notebook"}]
    summary = document["summary"]
    assert (summary["findings"], summary["errors"]) == (5, 1)
    assert (summary["files_checked"], summary["files_with_findings"]) == (9, 4)
    assert summary["by_rule"] == {"AML101": 1, "AML102": 1, "AML203": 1, "AML301": 1, "AML401": 1}
    assert len({item["fingerprint"] for item in document["findings"]}) == 5


def test_sarif_has_the_required_structure():
    document = json.loads(rendered("sarif"))
    assert document["version"] == "2.1.0" and document["$schema"].endswith("sarif-2.1.0.json")
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "azureml-migrate-lint" and driver["version"]
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in RULES if not rule.retired]
    for descriptor in rules:
        catalog_rule = RULES_BY_CODE[descriptor["id"]]
        assert descriptor["help"]["text"] == catalog_rule.docs()
        assert descriptor["shortDescription"]["text"] == catalog_rule.summary
        assert descriptor["defaultConfiguration"]["enabled"] is catalog_rule.default_enabled
    assert len(run["results"]) == 5
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "warning" and result["message"]["text"]
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert all(isinstance(region[key], int) and region[key] >= 1 for key in region)
        assert location["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"][FINGERPRINT_NAME])
    notebook = next(result for result in run["results"] if result["ruleId"] == "AML102")
    assert notebook["properties"]["cell"] == 3
    assert notebook["locations"][0]["logicalLocations"][0]["name"] == "cell 3"
    odd = next(result for result in run["results"] if result["ruleId"] == "AML203")
    assert unquote(odd["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == "odd dir/<script>&%;],:.py"
    assert " " not in odd["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    (invocation,) = run["invocations"]
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.ipynb"


def test_github_commands_escape_as_the_runner_unescapes():
    lines = rendered("github").splitlines()
    estimator = next(line for line in lines if "title=AML101" in line)
    assert estimator == ("::warning file=train/submit.py,line=5,col=7,endLine=5,endColumn=17,title=AML101::"
                         "'Estimator' is deprecated: use ScriptRunConfig(...)")
    odd = next(line for line in lines if "title=AML203" in line)
    assert "file=odd dir/<script>&%25;]%2C%3A.py," in odd
    assert odd.endswith("::legacy data reference </td><script>alert(1)</script> 100%25; a]b,c:d%0D%0Anext")
    assert any(line.startswith("::warning file=notebooks/explore.ipynb,line=2,col=1,") and "::cell 3: " in line
               for line in lines)
    assert "::error file=broken.ipynb,title=azureml-migrate::not a notebook: Expecting value: line 1 column 1" in lines
    assert sum(line.startswith("::warning ") for line in lines) == 5


def test_azure_logging_commands_escape_as_the_task_lib_does():
    lines = rendered("azure").splitlines()
    estimator = next(line for line in lines if "code=AML101" in line)
    assert estimator == ("##vso[task.logissue type=warning;sourcepath=train/submit.py;linenumber=5;columnnumber=7;"
                         "code=AML101]'Estimator' is deprecated: use ScriptRunConfig(...)")
    odd = next(line for line in lines if "code=AML203" in line)
    assert "sourcepath=odd dir/<script>&%AZP25%3B%5D,:.py;" in odd
    assert odd.endswith("]legacy data reference </td><script>alert(1)</script> 100%AZP25; a]b,c:d%0D%0Anext")
    assert ("##vso[task.logissue type=error;sourcepath=broken.ipynb]"
            "not a notebook: Expecting value: line 1 column 1") in lines
    assert sum(line.startswith("##vso[task.logissue type=warning;") for line in lines) == 5


@pytest.mark.parametrize("text", ["plain", "50%", "a\nb", "x\r\ny", "k:v,w", "a;b]c", "%0A literal"])
def test_annotation_escaping_round_trips(text):
    def github_unescape(value: str) -> str:
        for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            value = value.replace(escaped, raw)
        return value

    def azure_unescape(value: str) -> str:
        for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%3B", ";"), ("%AZP25", "%")):
            value = value.replace(escaped, raw)
        return value

    assert github_unescape(github_data(text)) == text
    assert github_unescape(github_property(text)) == text
    assert azure_unescape(azure_data(text)) == text
    assert azure_unescape(azure_property(text)) == text
    assert not set(github_property(text)) & set(":,\r\n")
    assert not set(azure_property(text)) & set(";]\r\n")


def test_markdown_report_for_a_team_lead():
    text = rendered("markdown")
    assert text.startswith("# Azure ML SDK v1 migration audit\n")
    for heading in ("## Findings per rule", "## Findings per top-level directory", "## Findings per file kind",
                    "## Files with the most findings", "## Suggested rewrites of Estimator calls",
                    "## Files that could not be checked", "## All findings"):
        assert f"\n{heading}\n" in text
    assert f"| AML101 | {RULES_BY_CODE['AML101'].symbol} | 1 |" in text
    assert "| train | 2 |" in text and "| notebooks | 1 |" in text
    assert "| requirements | 1 | 1 |" in text
    assert "### `train/submit.py:5:7`\n" in text
    assert f"```python\n{SNIPPET}\n```" in text
    assert "legacy data reference \\</td\\>\\<script\\>alert(1)\\</script\\>" in text
    assert "| `broken.ipynb` | not a notebook: Expecting value: line 1 column 1 |" in text
    assert "| `notebooks/explore.ipynb:cell 3:2:1` | AML102 |" in text
    assert "| `odd dir/<script>&%;],:.py:9:3` | AML203 |" in text


def test_markdown_fence_outlasts_backticks_in_a_snippet():
    tricky = report([finding(hint="x = '```'\ny = 1")])
    assert "````python\nx = '```'\ny = 1\n````" in rendered("markdown", tricky)


def test_html_is_self_contained_and_escaped():
    page = rendered("html")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<tr data-index=") == 5
    assert "<svg" in page and 'id="chart-rules"' in page and 'id="chart-directories"' in page
    assert "ScriptRunConfig(source_directory=&#x27;src&#x27;" in page


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_an_empty_report_renders_in_every_format(name):
    output = rendered(name, report([], files_checked=4))
    assert output.endswith("\n")
    if name in ("json", "sarif"):
        document = json.loads(output)
        assert document.get("findings", []) == [] and document.get("runs", [{"results": []}])[0]["results"] == []
    if name == "text":
        assert output == "0 findings in 0 files (4 files checked)\n"


def test_top_level_directories_are_counted_below_the_audited_directory():
    assert top_level_directory("examples/app/pipelines/nightly.py", ("examples/app",)) == "pipelines"
    assert top_level_directory("examples/app/submit.py", ("examples/app",)) == TOP_LEVEL
    assert top_level_directory("examples/app/submit.py", (".",)) == "examples"
    assert top_level_directory("other/x/y.py", ("examples/app", "other")) == "x"
    assert top_level_directory("examples/application/z/y.py", ("examples/app",)) == "examples"


def test_markdown_code_spans_survive_backticks_and_pipes():
    odd = report([finding(path="a|b`c.py")])
    assert "| ``a\\|b`c.py:5:7`` | AML101 |" in rendered("markdown", odd)
