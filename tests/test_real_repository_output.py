"""Issue 18's "Done when" on a copy of a real notebook repository (a trimmed June 2020 snapshot
of Azure/MachineLearningNotebooks, ``tests/data/mln_2020_06``, source and licence named there):
the ``full`` output shows at most one rewrite block per call, and no ``concise`` line is cut.
Both are read from the real console script's output and compared with its JSON findings."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import List, Tuple

import pytest

from azureml_migrate.audit.baseline import FINGERPRINT_NAME
from azureml_migrate.messages import LABELS
from tests.test_audit_support import run_audit

SAMPLE = Path(__file__).resolve().parent / "data" / "mln_2020_06"
#: a finding's first line in the terminal formats: ``path:line:col: CODE message`` (a notebook
#: names its cell: ``path:cell N:line:col``)
HEADER = re.compile(r"^(?P<path>[^\s:][^:]*):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<column>\d+): "
                    r"(?P<code>AML\d{3}) (?P<message>.*)$")
REWRITE = "  = rewrite:"


def _audit(*arguments: str) -> str:
    done = run_audit("--isolated", "--exit-zero", *arguments, ".", cwd=SAMPLE)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def findings() -> List[dict]:
    found = json.loads(_audit("--format", "json"))["findings"]
    assert len(found) >= 60 and len({finding["path"] for finding in found}) >= 8
    return found


def _location(finding: dict) -> Tuple[str, object, int, int]:
    return finding["path"], finding["cell"], finding["line"], finding["column"]


def _calls(findings: List[dict]) -> List[Tuple]:
    """The call each finding's rewrite belongs to: the widest finding with the same rewrite whose
    lines hold it (an estimator call's finding holds those on its parameters); a finding
    without a rewrite stands alone."""
    keys = []
    for finding in findings:
        holders = [other for other in findings
                   if other["hint"] and other["hint"] == finding["hint"] and other["path"] == finding["path"]
                   and other["cell"] == finding["cell"] and other["line"] <= finding["line"] <= other["end_line"]]
        widest = max(holders, key=lambda other: (other["end_line"] - other["line"], -other["line"]), default=finding)
        keys.append((*_location(widest), widest["end_line"]))
    return keys


def _full_blocks(output: str) -> List[Tuple[dict, bool]]:
    """(the header fields, whether a rewrite block follows) of each finding in ``full`` output."""
    blocks: List[Tuple[dict, bool]] = []
    for line in output.splitlines():
        header = HEADER.match(line)
        if header:
            blocks.append((header.groupdict(), False))
        elif line == REWRITE:
            assert blocks and not blocks[-1][1], "a rewrite block without a finding above it"
            blocks[-1] = (blocks[-1][0], True)
    return blocks


def test_full_output_shows_each_call_s_rewrite_once(findings):
    blocks = _full_blocks(_audit("--format", "full"))
    assert len(blocks) == len(findings)
    shown: Counter = Counter()
    calls = _calls(findings)
    for (header, has_rewrite), finding, call in zip(blocks, findings, calls):
        assert (header["path"], header["code"], int(header["line"])) == \
            (finding["path"], finding["code"], finding["line"]), (header, finding)
        assert header["message"] == finding["message"]
        if has_rewrite:
            assert finding["hint"], finding
            shown[call] += 1
    assert shown and max(shown.values()) == 1, [call for call, count in shown.items() if count > 1]
    # every call's rewrite is still shown, once
    assert set(shown) == {call for call, finding in zip(calls, findings) if finding["hint"]}
    per_call = Counter(call for call, finding in zip(calls, findings) if finding["hint"])
    assert max(per_call.values()) >= 5  # calls with many findings each: the case the rule is about


def test_no_concise_line_is_cut(findings):
    lines = _audit("--format", "concise").splitlines()
    finding_lines = [line for line in lines if HEADER.match(line)]
    assert len(finding_lines) == len(findings)
    for line, finding in zip(finding_lines, findings):
        cell = f"cell {finding['cell']}:" if finding["cell"] is not None else ""
        assert line == f"{finding['path']}:{cell}{finding['line']}:{finding['column']}: " \
                       f"{finding['code']} {finding['message']}"


def _balanced(text: str) -> bool:
    """Brackets and quotes close in ``text``: a message cut inside code would leave one open."""
    closing = {")": "(", "]": "[", "}": "{"}
    stack: List[str] = []
    quote = ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"" and (index == 0 or not text[index - 1].isalnum()):
            quote = char
        elif char in "([{":
            stack.append(char)
        elif char in closing and (not stack or stack.pop() != closing[char]):
            return False
    return not stack and not quote


def test_messages_are_whole_short_lines_that_say_what_fix_does(findings):
    lengths = []
    for finding in findings:
        message = finding["message"]
        assert "\n" not in message and _balanced(message), message
        assert finding["status"] in LABELS
        ending = f"{finding['status']}: {finding['reason']}" if finding["reason"] else finding["status"]
        assert message.endswith(f" ({ending})"), finding
        lengths.append(len(message))
    assert set(Counter(finding["status"] for finding in findings)) == set(LABELS)
    assert statistics.median(lengths) < 140
    assert sorted(lengths)[int(0.9 * (len(lengths) - 1))] < 170
    assert max(lengths) < 220


def test_sarif_and_json_carry_the_same_status(findings):
    results = json.loads(_audit("--format", "sarif"))["runs"][0]["results"]
    by_fingerprint = {finding["fingerprint"]: finding for finding in findings}
    assert len(results) == len(findings)
    for result in results:
        finding = by_fingerprint[result["partialFingerprints"][FINGERPRINT_NAME]]
        status = result["properties"]["status"], result["properties"]["reason"]
        assert status == (finding["status"], finding["reason"])
