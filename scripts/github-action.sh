#!/usr/bin/env bash
# The step of this repository's GitHub Action (action.yml): install azureml-migrate from the
# action's own checkout, write a SARIF report of every finding for code scanning, then run the
# gate, which fails only on findings the baseline does not know.
#
# Environment (action.yml passes each input as INPUT_<NAME>):
#   GITHUB_ACTION_PATH  the action's checkout (set by GitHub for a composite action's steps)
#   INPUT_PATH          paths to audit, separated by spaces (default ".")
#   INPUT_BASELINE      baseline file; empty: the configured one ([tool.azureml-migrate]
#                       baseline), if any, else every finding fails the gate
#   INPUT_SARIF_FILE    where to write the SARIF report (default azureml-migrate.sarif)
#   INPUT_ARGS          more audit options for both runs, e.g. "--target v2" (split at spaces)
#   INPUT_PYTHON        the Python (3.9 or newer) to install with (default python3)
#   RUNNER_TEMP         where the tool's virtual environment goes (default: the temp directory)
#   GITHUB_OUTPUT       receives sarif-file=PATH and exit-code=N
# Exit status: the gate's (0 no new finding, 1 new findings or unreadable files, 2 usage or
# configuration error, e.g. a baseline that does not exist).
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH must name the action checkout}"
python="${INPUT_PYTHON:-python3}"
sarif_file="${INPUT_SARIF_FILE:-azureml-migrate.sarif}"
read -r -a paths <<< "${INPUT_PATH:-.}"
read -r -a extra_args <<< "${INPUT_ARGS:-}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

# A virtual environment of its own: the runner's Python may be externally managed (PEP 668),
# and the audited project's dependencies must not meet the tool's. Reused within one job.
venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/azureml-migrate-venv"
if [ ! -x "$venv/bin/azureml-migrate" ] || [ "$(cat "$venv/action-path" 2>/dev/null)" != "$action_path" ]; then
    "$python" -m venv --clear "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$action_path"
    printf '%s' "$action_path" > "$venv/action-path"
fi
tool="$venv/bin/azureml-migrate"
"$tool" --version

# Every finding, baseline or not: code scanning tracks alerts by their fingerprints.
"$tool" audit --format sarif --output "$sarif_file" --no-baseline --exit-zero "${extra_args[@]}" "${paths[@]}"
echo "sarif-file=$sarif_file" >> "${GITHUB_OUTPUT:-/dev/null}"

gate=(--format github)
if [ -n "${INPUT_BASELINE:-}" ]; then
    gate+=(--baseline "$INPUT_BASELINE")
fi
status=0
"$tool" audit "${gate[@]}" "${extra_args[@]}" "${paths[@]}" || status=$?
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$status"
