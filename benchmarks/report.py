"""The Markdown tables of ``benchmarks/run.py`` (kept apart so each file stays short)."""

from __future__ import annotations

from typing import Dict, Optional


def pair_row(result: Dict[str, object], target: Optional[float] = None, judge: str = "cpu",
             max_ratio: Optional[float] = None) -> str:
    """One comparison; the verdict is on CPU time (``judge='cpu'``) or wall time, against a
    slowdown ``target`` (0.02: at most 2% slower) or a ``max_ratio`` (20: at most 20 times)."""
    wall, cpu = result["wall"], result["cpu"]
    verdict = ""
    if max_ratio is not None:
        ratio = result[judge]["ratio"]
        verdict = "met" if ratio <= max_ratio else f"missed by {ratio - max_ratio:.1f}x"
        verdict = f"{judge} x{ratio:.1f} (target ≤ x{max_ratio:.0f}): {verdict}"
    elif target is not None:
        ratio = result[judge]["ratio"]
        slower = (ratio - 1) * 100
        verdict = "met" if ratio <= 1 + target else f"missed by {slower - target * 100:.1f} points"
        verdict = f"{judge} {slower:+.1f}% (target ≤ {target * 100:+.0f}%): {verdict}"
    return (f"| {result['name']} | {wall['subject']:.3f} / {wall['baseline']:.3f} | {wall['ratio']:.3f} "
            f"({wall['pairwise_min']:.2f}–{wall['pairwise_max']:.2f}) | {cpu['subject']:.3f} / {cpu['baseline']:.3f} | "
            f"{cpu['ratio']:.3f} ({cpu['pairwise_min']:.2f}–{cpu['pairwise_max']:.2f}) | {result['runs']} | "
            f"{verdict} |")


def markdown(results: Dict[str, object]) -> str:
    out = ["## Machine", ""]
    out += [f"- {key}: {value}" for key, value in results["machine"].items()]
    out += ["", "## Corpus", ""]
    out += [f"- {name}: {stats}" for name, stats in results["corpus"].items()]
    header = ["| comparison | wall s: subject / baseline | wall ratio (pairs) | CPU s: subject / baseline | "
              "CPU ratio (pairs) | pairs | verdict |", "|---|---|---|---|---|---|---|"]
    if "flake8" in results:
        out += ["", "## flake8 with the plugin vs without (two venvs, same tools)", "", *header]
        out += [pair_row(result, 0.02) for result in results["flake8"]]
    if "pylint" in results:
        out += ["", "## pylint with --load-plugins=pylint_azureml_migrate vs without (same venv)", "", *header]
        out += [pair_row(result, 0.03) for result in results["pylint"]]
    if "audit" in results:
        audit = results["audit"]
        out += ["", "## azureml-migrate audit vs ruff check vs grep", "", *header,
                pair_row(audit["vs_ruff"], 0.0, judge="wall"), pair_row(audit["vs_grep"]),
                pair_row(audit["ruff_vs_grep"])]
        out += ["", "### Scaling (medians; wall / CPU seconds)", "",
                "| tree | files | audit wall | audit CPU | audit CPU / 1x | ruff wall | ruff CPU | ruff CPU / 1x |",
                "|---|---|---|---|---|---|---|---|"]
        base = audit["scaling"][1]
        for factor, row in audit["scaling"].items():
            out.append(f"| {factor}x | {row['files']} | {row['audit']['wall']:.2f} | {row['audit']['cpu']:.2f} | "
                       f"{row['audit']['cpu'] / base['audit']['cpu']:.2f} | {row['ruff']['wall']:.2f} | "
                       f"{row['ruff']['cpu']:.2f} | {row['ruff']['cpu'] / base['ruff']['cpu']:.2f} |")
        out += ["", "### Peak memory", "", "| run | largest process (MiB) | whole process tree (MiB) | seconds |",
                "|---|---|---|---|"]
        for name, row in [*(("audit " + k, v) for k, v in audit["memory"].items()),
                          ("ruff 1x", audit["memory_ruff_1x"])]:
            out.append(f"| {name} | {row['largest_process_mib']:.0f} | {row['process_tree_mib']:.0f} | "
                       f"{row['seconds']:.2f} |")
    if "sdk" in results:
        sdk = results["sdk"]
        out += ["", f"## azureml-migrate audit vs grep -rl azureml: {sdk['tree']}", "", f"- {sdk['stats']}", "",
                *header, pair_row(sdk["vs_grep"], judge="wall", max_ratio=20),
                pair_row(sdk["vs_grep"], judge="cpu", max_ratio=20)]
    if "linear" in results:
        linear = results["linear"]
        out += ["", "## Linear time on hostile plain text (audit CPU s beyond start-up; 10N / N should be ~10)", "",
                f"Start-up (an empty directory): {linear['startup_cpu']:.3f} s CPU.", "",
                "| shape | N | CPU s at N | CPU s at 10N | 10N / N |", "|---|---|---|---|---|"]
        for shape, row in linear.items():
            if isinstance(row, dict):
                out.append(f"| {shape} | {row['n']} | {row['cpu_n']:.3f} | {row['cpu_10n']:.3f} | {row['ratio']:.1f} |")
    if "editor" in results:
        editor = results["editor"]
        out += ["", f"## Editor: one {editor['lines']}-line module ({editor['module']})", "", *header,
                pair_row(editor["flake8_start"]), pair_row(editor["flake8"]), pair_row(editor["pylint"]), "",
                f"- in process, once flake8 has parsed the file: "
                f"ast.parse {editor['in_process']['ast_parse_ms']:.1f} ms, "
                f"the plugin's checks {editor['in_process']['plugin_run_ms']:.1f} ms (medians of 30)",
                f"- importing the flake8 plugin at flake8 start: {editor['imports']['flake8_plugin_import_ms']:.1f} ms "
                f"CPU; with the rules, on the first file that passes the prefilter: "
                f"{editor['imports']['flake8_plugin_and_rules_import_ms']:.1f} ms; the pylint plugin: "
                f"{editor['imports']['pylint_plugin_import_ms']:.1f} ms (medians of 15)",
                f"- inside a flake8 start (`python -X importtime -m flake8`, a file without azureml): the "
                f"{editor['imports']['flake8_start_plugin_modules']} modules only the run with the plugin imports "
                f"take {editor['imports']['flake8_start_plugin_modules_self_ms']:.1f} ms (sum of self times, "
                f"median of 9)"]
    return "\n".join(out) + "\n"
