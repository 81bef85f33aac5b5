"""JUnit XML, as CI test reports read it (GitLab, Jenkins, Azure Pipelines' PublishTestResults).

One ``testsuite`` per file with findings, one failing ``testcase`` per finding (the failure
text carries the location and the rewrite), one ``testcase`` with an ``error`` per file that
could not be checked. A run with neither has one passing test case, so the report is never
empty. Characters XML 1.0 cannot carry (control characters from odd source text) become
U+FFFD instead of making the document unreadable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from typing import Dict, List, TextIO

from ..runner import AuditReport, FingerprintedFinding
from .common import TOOL_NAME, location, summary_line

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ElementTree.Element, name: str, classname: str) -> ElementTree.Element:
    return ElementTree.SubElement(suite, "testcase", name=xml_text(name), classname=xml_text(classname))


def document(report: AuditReport) -> ElementTree.Element:
    by_file: Dict[str, List[FingerprintedFinding]] = defaultdict(list)
    for item in report.findings:
        by_file[item.finding.path].append(item)
    root = ElementTree.Element("testsuites", name=TOOL_NAME, tests=str(len(report.findings) + len(report.errors)),
                               failures=str(len(report.findings)), errors=str(len(report.errors)))
    for path, items in by_file.items():
        suite = ElementTree.SubElement(root, "testsuite", name=xml_text(path), tests=str(len(items)),
                                       failures=str(len(items)), errors="0")
        for item in items:
            finding = item.finding
            case = _case(suite, f"{finding.code} {location(finding)}", path)
            failure = ElementTree.SubElement(case, "failure", message=xml_text(finding.message), type=finding.code)
            failure.text = xml_text(f"{location(finding)}: {finding.code} {finding.message}"
                                    + (f"\n\n{finding.hint}" if finding.hint else ""))
    if report.errors:
        suite = ElementTree.SubElement(root, "testsuite", name="files that could not be checked",
                                       tests=str(len(report.errors)), failures="0", errors=str(len(report.errors)))
        for error in report.errors:
            case = _case(suite, f"check {error.path}", error.path)
            ElementTree.SubElement(case, "error", message=xml_text(error.message), type="file-error")
    if not report.findings and not report.errors:
        suite = ElementTree.SubElement(root, "testsuite", name=TOOL_NAME, tests="1", failures="0", errors="0")
        _case(suite, xml_text(summary_line(report)), TOOL_NAME)
    return root


def render(report: AuditReport, stream: TextIO) -> None:
    root = document(report)
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="unicode"))
    stream.write("\n")
