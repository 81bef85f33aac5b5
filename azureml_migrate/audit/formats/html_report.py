"""One self-contained HTML page: summary cards, bar charts, a sortable, filterable table.

Everything is inline (CSS, JavaScript, SVG) and a Content-Security-Policy forbids any network
access, so the file can be mailed or attached to a CI run. Every piece of text from the
audited code is escaped; the table is complete without JavaScript, which only adds sorting
and filtering. The initial sort and filter can come from the URL fragment
(``report.html#sort=code&dir=desc&q=train&rule=<code>&kind=notebook&code=open``), which makes
a report link shareable.
When the script has run, ``<body data-ready="true">`` and the table carries the number of
visible rows in ``data-visible-rows``.
"""

from __future__ import annotations

from html import escape
from typing import List, Sequence, TextIO, Tuple

from ... import __version__
from ...catalog import RULES_BY_CODE
from ..runner import AuditReport, FingerprintedFinding
from .common import (ESTIMATOR_CODE, TOOL_NAME, by_directory, by_rule, files_with_findings, location, plural,
                     summary_line, symbol)

CHART_BARS = 20

STYLE = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; --accent:#0969da; --warn:#9a6700; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg);
       margin: 0 auto; padding: 24px; max-width: 1280px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 10px; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; min-width: 150px;
        background: var(--bg); }
.card .value { font-size: 26px; font-weight: 600; } .card .label { color: var(--muted); }
.card.bad .value { color: #cf222e; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 24px; }
svg text { font: 12px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: var(--fg); }
svg .bar { fill: var(--accent); } svg .bar.dir { fill: var(--warn); }
.controls { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
.controls input, .controls select { font: inherit; padding: 4px 8px; border: 1px solid var(--line);
                                    border-radius: 6px; }
.controls input[type=search] { flex: 1; min-width: 240px; }
.controls label { align-self: center; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; }
th[data-sort] { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
td.loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: nowrap; font-size: 12px; }
td.code { white-space: nowrap; } .symbol { color: var(--muted); font-size: 12px; }
pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px;
      overflow-x: auto; font-size: 12px; margin: 6px 0 0; }
tr[hidden] { display: none; }
.empty { padding: 16px; color: var(--muted); }
"""

SCRIPT = r"""
(function () {
  var table = document.getElementById("findings");
  if (!table) { document.body.setAttribute("data-ready", "true"); return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("search");
  var ruleFilter = document.getElementById("rule-filter");
  var kindFilter = document.getElementById("kind-filter");
  var counter = document.getElementById("visible-count");
  var headers = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
  var state = { sort: "location", dir: "asc" };

  function value(row, key) {
    if (key === "location") { return Number(row.getAttribute("data-index")); }
    if (key === "line") { return Number(row.getAttribute("data-line")); }
    return (row.getAttribute("data-" + key) || "").toLowerCase();
  }
  function sortRows() {
    var sign = state.dir === "desc" ? -1 : 1;
    rows.sort(function (a, b) {
      var x = value(a, state.sort), y = value(b, state.sort);
      if (x < y) { return -sign; }
      if (x > y) { return sign; }
      return Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (th) {
      th.setAttribute("aria-sort", th.getAttribute("data-sort") === state.sort
        ? (state.dir === "desc" ? "descending" : "ascending") : "none");
    });
    table.setAttribute("data-sorted-by", state.sort + ":" + state.dir);
  }
  function filterRows() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rule = ruleFilter.value, kind = kindFilter.value, visible = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var show = (!rule || row.getAttribute("data-code") === rule) &&
                 (!kind || row.getAttribute("data-kind") === kind) &&
                 words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    table.setAttribute("data-visible-rows", String(visible));
    counter.textContent = visible + " of " + rows.length + " shown";
  }
  rows.forEach(function (row) { row.setAttribute("data-search", row.textContent.toLowerCase()); });
  var showCode = document.getElementById("show-code");
  function toggleCode() {
    Array.prototype.forEach.call(table.querySelectorAll("details"), function (details) {
      details.open = showCode.checked;
    });
  }
  showCode.addEventListener("change", toggleCode);
  headers.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      state.dir = state.sort === key && state.dir === "asc" ? "desc" : "asc";
      state.sort = key;
      sortRows();
    });
  });
  [search, ruleFilter, kindFilter].forEach(function (control) {
    control.addEventListener("input", filterRows);
    control.addEventListener("change", filterRows);
  });
  var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  if (params.get("sort")) { state.sort = params.get("sort"); }
  if (params.get("dir") === "desc") { state.dir = "desc"; }
  if (params.get("q")) { search.value = params.get("q"); }
  if (params.get("rule")) { ruleFilter.value = params.get("rule"); }
  if (params.get("kind")) { kindFilter.value = params.get("kind"); }
  if (params.get("code") === "open") { showCode.checked = true; toggleCode(); }
  sortRows();
  filterRows();
  document.body.setAttribute("data-ready", "true");
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def bar_chart(title: str, counts: Sequence[Tuple[str, int]], css_class: str, chart_id: str) -> str:
    """Horizontal bars as inline SVG; labels longer than the gutter are cut, full text in a tooltip."""
    shown = list(counts[:CHART_BARS])
    label_width, bar_width, row_height = 270, 240, 22
    height = max(1, len(shown)) * row_height + 8
    largest = max((count for _, count in shown), default=1) or 1
    parts = [f'<svg id="{chart_id}" role="img" aria-label="{escape(title)}" width="100%" '
             f'viewBox="0 0 {label_width + bar_width + 60} {height}" preserveAspectRatio="xMinYMin meet">',
             f"<title>{escape(title)}</title>"]
    for index, (label, count) in enumerate(shown):
        y = 4 + index * row_height
        width = max(2, round(bar_width * count / largest))
        short = label if len(label) <= 40 else label[:38] + "\u2026"
        parts.append(
            f'<g class="row" data-label="{escape(label)}" data-count="{count}"><title>{escape(label)}: {count}</title>'
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
            f'<rect class="bar {css_class}" x="{label_width}" y="{y + 3}" width="{width}" '
            f'height="{row_height - 6}" rx="3"/>'
            f'<text x="{label_width + width + 6}" y="{y + 15}">{count}</text></g>')
    if len(counts) > CHART_BARS:
        parts.append(f'<text x="0" y="{height - 2}" class="muted">and {len(counts) - CHART_BARS} more</text>')
    parts.append("</svg>")
    return "".join(parts)


def card(label: str, value: object, bad: bool = False) -> str:
    return (f'<div class="card{" bad" if bad else ""}"><div class="value">{escape(str(value))}</div>'
            f'<div class="label">{escape(label)}</div></div>')


def finding_row(index: int, item: FingerprintedFinding) -> str:
    finding = item.finding
    rule = RULES_BY_CODE.get(finding.code)
    title = escape(rule.summary) if rule is not None else ""
    hint = (f"<details><summary>suggested code</summary><pre><code>{escape(finding.hint)}</code></pre></details>"
            if finding.hint else "")
    attributes = {
        "data-index": index, "data-path": finding.path, "data-line": finding.line, "data-column": finding.column,
        "data-cell": "" if finding.cell is None else finding.cell, "data-code": finding.code,
        "data-kind": finding.kind, "data-message": finding.message, "data-fingerprint": item.fingerprint,
    }
    rendered = " ".join(f'{name}="{escape(str(value))}"' for name, value in attributes.items())
    return (f"<tr {rendered}><td class=\"loc\">{escape(location(finding))}</td>"
            f"<td class=\"code\" title=\"{title}\">{escape(finding.code)}<br>"
            f"<span class=\"symbol\">{escape(symbol(finding.code))}</span></td>"
            f"<td>{escape(finding.kind)}</td><td>{escape(finding.message)}{hint}</td></tr>")


def options(values: Sequence[str], everything: str) -> str:
    return f'<option value="">{escape(everything)}</option>' + "".join(
        f'<option value="{escape(value)}">{escape(value)}</option>' for value in values)


def render(report: AuditReport, stream: TextIO) -> None:
    rule_counts = by_rule(report)
    directory_counts = by_directory(report)
    estimator_calls = sum(1 for item in report.findings if item.finding.code == ESTIMATOR_CODE)
    cards = [card("findings", len(report.findings), bad=bool(report.findings)),
             card("files with findings", files_with_findings(report)),
             card("files checked", report.files_checked),
             card("Estimator calls to rewrite", estimator_calls),
             card("files that could not be checked", len(report.errors), bad=bool(report.errors))]
    if report.baseline is not None:
        cards.append(card("known in baseline", report.baseline.known))
        cards.append(card("baseline findings gone", report.baseline.gone))
    sections: List[str] = [
        "<header>",
        "<h1>Azure ML SDK v1 migration audit</h1>",
        f'<p class="muted" id="summary">{escape(summary_line(report))}</p>',
        "</header>",
        f'<section class="cards" id="cards">{"".join(cards)}</section>',
    ]
    if report.findings:
        rule_bars = [(f"{code} {symbol(code)}", count) for code, count in rule_counts.items()]
        directory_bars = list(directory_counts.items())
        rule_chart = bar_chart("Findings per rule", rule_bars, "rule", "chart-rules")
        directory_chart = bar_chart("Findings per top-level directory", directory_bars, "dir", "chart-directories")
        sections.append(f'<section class="charts"><div><h2>Findings per rule</h2>{rule_chart}</div>'
                        f'<div><h2>Findings per top-level directory</h2>{directory_chart}</div></section>')
        kinds = sorted({item.finding.kind for item in report.findings})
        rows = "".join(finding_row(index, item) for index, item in enumerate(report.findings))
        sections.append(
            "<section><h2>Findings</h2>"
            '<div class="controls">'
            '<input id="search" type="search" placeholder="Filter: path, code, text..." aria-label="filter findings">'
            f'<select id="rule-filter" aria-label="rule">{options(list(rule_counts), "all rules")}</select>'
            f'<select id="kind-filter" aria-label="file kind">{options(kinds, "all file kinds")}</select>'
            '<label><input id="show-code" type="checkbox"> show all suggested code</label>'
            f'<span id="visible-count" class="muted">{plural(len(report.findings), "finding")}</span></div>'
            f'<table id="findings" data-total-rows="{len(report.findings)}"><thead><tr>'
            '<th data-sort="location" aria-sort="ascending">location</th><th data-sort="code">rule</th>'
            '<th data-sort="kind">kind</th><th data-sort="message">message and suggested code</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></section>")
    else:
        sections.append('<p class="empty">No findings.</p>')
    if report.errors:
        error_rows = "".join(f"<tr><td class=\"loc\">{escape(error.path)}</td><td>{escape(error.message)}</td></tr>"
                             for error in report.errors)
        sections.append('<section><h2>Files that could not be checked</h2><table id="errors"><thead>'
                        f"<tr><th>file</th><th>problem</th></tr></thead><tbody>{error_rows}</tbody></table></section>")
    sections.append(f'<footer><p class="muted">{escape(TOOL_NAME)} {escape(__version__)}</p></footer>')
    stream.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Azure ML migration audit: {escape(plural(len(report.findings), 'finding'))}</title>"
        f"<style>{STYLE}</style></head>\n<body data-ready=\"false\">\n"
        + "\n".join(sections)
        + f"\n<script>{SCRIPT}</script>\n</body></html>\n"
    )
