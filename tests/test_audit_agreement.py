"""Done means: on a repository mixing every file kind, each finding appears once, at the right
place, in every format, and the formats agree with each other (same count, same locations).

The expected table is the fixture's own EXPECTED.md; each format's output is parsed the way
its consumer would read it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional, Tuple
from urllib.parse import unquote

import pytest

from tests.test_audit_support import run_audit

MIXED_REPO = Path(__file__).parent / "audit_fixtures" / "mixed_repo"
Location = Tuple[str, Optional[int], int, int, str]


def expected_locations() -> List[Location]:
    rows = []
    for line in (MIXED_REPO / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"AML\d{3}", cells[4]):
            path, cell, number, column, code = cells
            rows.append((path, int(cell) if cell else None, int(number), int(column), code))
    return rows


def audit(fmt: str) -> str:
    result = run_audit("--isolated", "--format", fmt, ".", cwd=MIXED_REPO)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    return result.stdout


def from_text(output: str) -> List[Location]:
    pattern = re.compile(r"^(?P<path>.+?):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<col>\d+): (?P<code>AML\d{3}) ")
    found = []
    for line in output.splitlines():
        match = pattern.match(line)
        if match:
            found.append((match["path"], int(match["cell"]) if match["cell"] else None,
                          int(match["line"]), int(match["col"]), match["code"]))
    return found


def from_json(output: str) -> List[Location]:
    return [(item["path"], item["cell"], item["line"], item["column"], item["code"])
            for item in json.loads(output)["findings"]]


def from_sarif(output: str) -> List[Location]:
    found = []
    for result in json.loads(output)["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        properties = result["properties"]
        # a notebook region is in the raw .ipynb; the position within the cell is in properties
        line, column = (properties["cellLine"], properties["cellColumn"]) if properties["cell"] else \
            (physical["region"]["startLine"], physical["region"]["startColumn"])
        found.append((unquote(physical["artifactLocation"]["uri"]), properties["cell"], line, column,
                      result["ruleId"]))
    return found


def from_junit(output: str) -> List[Location]:
    found = []
    for case in ElementTree.fromstring(output).iter("testcase"):
        failure = case.find("failure")
        if failure is None:
            continue
        code, location = case.get("name").split(" ", 1)
        match = re.fullmatch(r"(?P<path>.+?):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<col>\d+)", location)
        assert match and failure.get("type") == code, case.get("name")
        found.append((match["path"], int(match["cell"]) if match["cell"] else None,
                      int(match["line"]), int(match["col"]), code))
    return found


def _cell_from_message(message: str) -> Optional[int]:
    match = re.match(r"cell (\d+): ", message)
    return int(match.group(1)) if match else None


def from_github(output: str) -> List[Location]:
    found = []
    for line in output.splitlines():
        if not line.startswith("::warning "):
            continue
        properties_text, message = line[len("::warning "):].split("::", 1)
        properties = dict(pair.split("=", 1) for pair in properties_text.split(","))
        found.append((unquote(properties["file"]), _cell_from_message(message), int(properties["line"]),
                      int(properties["col"]), properties["title"]))
    return found


def from_azure(output: str) -> List[Location]:
    found = []
    for line in output.splitlines():
        match = re.match(r"^##vso\[task\.logissue ([^\]]*)\](.*)$", line)
        if not match:
            continue
        properties = dict(pair.split("=", 1) for pair in match.group(1).split(";"))
        if properties["type"] != "warning":
            continue
        found.append((properties["sourcepath"], _cell_from_message(match.group(2)), int(properties["linenumber"]),
                      int(properties["columnnumber"]), properties["code"]))
    return found


def from_markdown(output: str) -> List[Location]:
    table = output.split("## All findings", 1)[1]
    found = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 3 and re.fullmatch(r"AML\d{3}", cells[1]):
            location = cells[0].strip("`")
            match = re.fullmatch(r"(?P<path>.+?):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<col>\d+)", location)
            assert match, location
            found.append((match["path"], int(match["cell"]) if match["cell"] else None,
                          int(match["line"]), int(match["col"]), cells[1]))
    return found


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: List[Dict[str, Optional[str]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "tr" and "data-index" in attributes:
            self.rows.append(attributes)


def from_html(output: str) -> List[Location]:
    parser = _Rows()
    parser.feed(output)
    return [(row["data-path"], int(row["data-cell"]) if row["data-cell"] else None, int(row["data-line"]),
             int(row["data-column"]), row["data-code"]) for row in parser.rows]


PARSERS = {"text": from_text, "concise": from_text, "full": from_text, "junit": from_junit,
           "json": from_json, "sarif": from_sarif, "github": from_github,
           "azure": from_azure, "markdown": from_markdown, "html": from_html}


@pytest.fixture(scope="module")
def outputs() -> Dict[str, str]:
    return {fmt: audit(fmt) for fmt in PARSERS}


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_each_format_reports_exactly_the_expected_findings(outputs, fmt):
    found = PARSERS[fmt](outputs[fmt])
    assert len(found) == len(set(found)), f"{fmt} reports a finding twice"
    assert sorted(found, key=str) == sorted(expected_locations(), key=str)


def test_formats_agree_in_order_and_count(outputs):
    reference = from_json(outputs["json"])
    for fmt, parse in PARSERS.items():
        assert parse(outputs[fmt]) == reference, fmt
    count = len(reference)
    assert json.loads(outputs["json"])["summary"]["findings"] == count
    assert outputs["text"].splitlines()[-1].startswith(f"{count} findings in ")
    assert f"- Findings: {count}\n" in outputs["markdown"]
    assert f'data-total-rows="{count}"' in outputs["html"]


def test_end_positions_agree(outputs):
    from_json_ends = [(item["end_line"], item["end_column"]) for item in json.loads(outputs["json"])["findings"]]
    sarif_ends = [(result["locations"][0]["physicalLocation"]["region"]["endLine"],
                   result["locations"][0]["physicalLocation"]["region"]["endColumn"])
                  for result in json.loads(outputs["sarif"])["runs"][0]["results"]]
    # notebook regions are in the raw .ipynb (see test_sarif_notebook_regions_point_into_the_raw_file)
    in_notebook = [item["cell"] is not None for item in json.loads(outputs["json"])["findings"]]
    sarif_ends = [end if not notebook else json_end
                  for end, json_end, notebook in zip(sarif_ends, from_json_ends, in_notebook)]
    github_ends = [(int(re.search(r"endLine=(\d+)", line).group(1)), int(re.search(r"endColumn=(\d+)", line).group(1)))
                   for line in outputs["github"].splitlines() if line.startswith("::warning ")]
    assert from_json_ends == sarif_ends == github_ends


def test_fingerprints_agree(outputs):
    json_prints = [item["fingerprint"] for item in json.loads(outputs["json"])["findings"]]
    sarif_prints = [result["partialFingerprints"]["azuremlMigrate/v2"]
                    for result in json.loads(outputs["sarif"])["runs"][0]["results"]]
    html_prints = re.findall(r'data-fingerprint="([0-9a-f]+)"', outputs["html"])
    assert json_prints == sarif_prints == html_prints
    assert len(set(json_prints)) == len(json_prints)


def test_no_errors_on_the_fixture(outputs):
    assert json.loads(outputs["json"])["errors"] == []
    assert json.loads(outputs["sarif"])["runs"][0]["invocations"][0]["toolExecutionNotifications"] == []


def test_sarif_notebook_regions_point_into_the_raw_file(outputs):
    """Each notebook result's region is the raw .ipynb line and column of the flagged text."""
    raw_lines = (MIXED_REPO / "explore.ipynb").read_text(encoding="utf-8").splitlines()
    cells = json.loads((MIXED_REPO / "explore.ipynb").read_text(encoding="utf-8"))["cells"]
    results = [r for r in json.loads(outputs["sarif"])["runs"][0]["results"] if r["properties"]["cell"]]
    assert results
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        properties = result["properties"]
        cell_line = "".join(cells[properties["cell"] - 1]["source"]).split("\n")[properties["cellLine"] - 1]
        expected = cell_line[properties["cellColumn"] - 1:][:8]
        raw = raw_lines[region["startLine"] - 1]
        assert raw[region["startColumn"] - 1:].startswith(json.dumps(expected)[1:-1]), (raw, expected)
        assert result["message"]["text"].startswith(f"cell {properties['cell']}, line {properties['cellLine']}: ")
        assert result["locations"][0]["logicalLocations"][0]["name"] == f"cell {properties['cell']}"


def test_gitlab_code_quality_has_every_required_field_and_agrees(outputs):
    issues = json.loads(audit("gitlab"))
    reference = from_json(outputs["json"])
    assert len(issues) == len(reference)
    for issue, (path, cell, line, _, code) in zip(issues, reference):
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["check_name"] == code
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == path
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        if cell is None:
            assert issue["location"]["lines"]["begin"] == line
        else:
            assert issue["description"].startswith(f"cell {cell}, line {line}: ")
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
