"""The HTML report in a real headless browser: it renders, its script runs, sorting and filtering work.

The page reads an initial sort and filter from its URL fragment, so a DOM dumped after the
scripts ran shows the effect of each without clicking. Skipped only when no Chromium or
Chrome binary is installed (CI installs Debian's ``chromium``).
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from azureml_migrate.audit.formats import render
from azureml_migrate.audit.model import AuditError
from tests.test_audit_support import finding, report

BROWSER = next((found for found in (shutil.which(name) for name in
                                    ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
                if found), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium/chrome binary installed")

SNIPPET = "from azureml.core import Environment, ScriptRunConfig\nsrc = ScriptRunConfig(source_directory='src')"


def browser_command(user_data: Path, *extra: str) -> List[str]:
    return [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={user_data}", *extra]


class RowCollector(HTMLParser):
    """The body's attributes and every findings-table row's attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.body: Dict[str, Optional[str]] = {}
        self.tables: Dict[str, Dict[str, Optional[str]]] = {}
        self.rows: List[Dict[str, Optional[str]]] = []
        self.details: List[Dict[str, Optional[str]]] = []
        self.tag_counts: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tag_counts[tag] += 1
        if tag == "body":
            self.body = attributes
        elif tag == "table" and attributes.get("id"):
            self.tables[attributes["id"]] = attributes
        elif tag == "tr" and "data-index" in attributes:
            self.rows.append(attributes)
        elif tag == "details":
            self.details.append(attributes)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("html")
    findings = [
        finding("AML101", "train/submit.py", 5, 7, "'Estimator' is deprecated", hint=SNIPPET),
        finding("AML301", "train/submit.py", 6, 17, "'pip_packages' on Estimator belongs to the environment"),
        finding("AML102", "notebooks/explore.ipynb", 2, 1, "'PyTorch' is deprecated", cell=3, kind="notebook"),
        finding("AML401", "requirements.txt", 1, 1, "'azureml-core==1.0.85' is too old", kind="requirements"),
        finding("AML301", "pipelines/nightly.py", 21, 21, "'custom_docker_image' on Estimator"),
        finding("AML203", "pipelines/<img src=x onerror=alert(1)>.py", 3, 1,
                "</td></tr></table><script>alert(1)</script>"),
    ]
    the_report = report(findings, errors=[AuditError("broken.ipynb", "not a notebook", "notebook")], files_checked=12)
    stream = io.StringIO()
    render("html", the_report, stream)
    path = directory / "report.html"
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def dump_dom(page: Path, fragment: str, tmp_path: Path) -> RowCollector:
    result = subprocess.run(browser_command(tmp_path / "profile", "--dump-dom", page.as_uri() + fragment),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    collector = RowCollector()
    collector.feed(result.stdout)
    return collector


def visible(rows):
    return [row for row in rows if "hidden" not in row]


def test_script_runs_and_every_row_is_there(page, tmp_path):
    dom = dump_dom(page, "", tmp_path)
    assert dom.body.get("data-ready") == "true"
    assert dom.tables["findings"]["data-visible-rows"] == "6"
    assert dom.tables["findings"]["data-sorted-by"] == "location:asc"
    assert [row["data-path"] for row in dom.rows] == sorted(row["data-path"] for row in dom.rows)
    assert "errors" in dom.tables
    assert dom.tag_counts["script"] == 1 and dom.tag_counts["img"] == 0


def test_sorting_by_rule_descending(page, tmp_path):
    dom = dump_dom(page, "#sort=code&dir=desc", tmp_path)
    codes = [row["data-code"] for row in dom.rows]
    assert codes == sorted(codes, reverse=True)
    assert dom.tables["findings"]["data-sorted-by"] == "code:desc"


def test_filtering_by_rule_and_by_text(page, tmp_path):
    by_rule = dump_dom(page, "#rule=AML301", tmp_path)
    assert by_rule.tables["findings"]["data-visible-rows"] == "2"
    assert {row["data-code"] for row in visible(by_rule.rows)} == {"AML301"}
    assert len(by_rule.rows) == 6
    by_text = dump_dom(page, "#q=explore.ipynb", tmp_path)
    assert [row["data-path"] for row in visible(by_text.rows)] == ["notebooks/explore.ipynb"]
    by_kind = dump_dom(page, "#kind=requirements", tmp_path)
    assert [row["data-code"] for row in visible(by_kind.rows)] == ["AML401"]


def png_size(path: Path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_screenshot_renders(page, tmp_path):
    shot = tmp_path / "report.png"
    result = subprocess.run(browser_command(tmp_path / "profile", "--window-size=1280,1600",
                                            f"--screenshot={shot}", page.as_uri()),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert png_size(shot) == (1280, 1600)
    assert shot.stat().st_size > 20_000


def test_suggested_code_opens_on_request(page, tmp_path):
    closed = dump_dom(page, "", tmp_path)
    assert len(closed.details) == 1 and "open" not in closed.details[0]
    opened = dump_dom(page, "#code=open", tmp_path)
    assert "open" in opened.details[0]
