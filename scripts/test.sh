#!/usr/bin/env bash
# The project's one test command (README "Set-up"; .ci/run calls exactly this).
# Installs the package with its test tools, then runs linters and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[dev]'
python3 -m ruff check form4graph tests benchmarks
python3 -m mypy
python3 -m pytest -q "$@"
