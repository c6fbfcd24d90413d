"""The command line, run as a user runs it (a real subprocess), and its documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from form4graph.cli import COMMANDS, build_parser

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NC = CORPUS / "submissions" / "0001127602-25-004598.nc"


def form4graph(*args: str | Path, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "form4graph", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin.decode() if stdin else None, timeout=300, check=False)


def test_parse_prints_one_json_object_per_filing_with_snake_case_keys() -> None:
    result = form4graph("parse", NC)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert list(record)[:3] == ["source", "accession_number", "document_type"]
    for key in ("issuer", "reporting_owners", "non_derivative_transactions", "non_derivative_holdings",
                "derivative_transactions", "derivative_holdings", "footnotes", "remarks", "signatures",
                "schema_version", "period_of_report", "aff10b5_one", "filing_date", "filer_ciks"):
        assert key in record
    assert record["accession_number"] == "0001127602-25-004598"
    assert record["issuer"] == {"cik": "0000007536", "name": "ARROW ELECTRONICS, INC.", "trading_symbol": "ARW",
                                "foreign_trading_symbol": None}
    first = record["non_derivative_transactions"][0]
    assert (first["shares"], first["price_per_share"], first["code"]) == (2193, 106.82, "A")
    assert first["footnote_refs"] == {"security_title": ["F1"]}
    assert record["reporting_owners"][0]["officer_title"] == "SVP, CLO & Secretary"


def test_parse_reads_standard_input() -> None:
    result = form4graph("parse", "-", stdin=NC.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_parse_batch_goes_on_and_exits_2_listing_failures(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<ownershipDocument><documentType>4</documentType>")
    result = form4graph("parse", bad, NC)
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1
    assert f"{bad}: not well-formed XML" in result.stderr and "1 input(s) failed" in result.stderr


def test_ingest_query_export_validate_stats_end_to_end(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = form4graph("ingest", CORPUS / "submissions", "--store", store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ingested 30, unchanged 0, replaced 0, failed 0, skipped 2" in result.stdout
    assert (tmp_path / "form4graph-ingest-report.tsv").is_file()
    again = form4graph("ingest", CORPUS / "submissions", "--store", store, cwd=tmp_path)
    assert "ingested 0, unchanged 30, replaced 0" in again.stdout

    csv_out = form4graph("query", "transactions", "-p", "issuer_cik", "7536", "--store", store, "--format", "csv")
    assert csv_out.returncode == 0, csv_out.stderr
    lines = csv_out.stdout.splitlines()
    assert lines[0].startswith("accession_number,document_type,issuer_cik,issuer_name,issuer_ticker,security,")
    assert lines[1] == ("0001127602-25-004598,4,0000007536,\"ARROW ELECTRONICS, INC.\",ARW,Common Stock,false,"
                        "2025-02-12,A,2193,106.82,A,21878,D,")
    as_json = json.loads(form4graph("query", "holdings", "--store", store, "--format", "json").stdout)
    assert as_json and set(as_json[0]) == {"accession_number", "document_type", "issuer_cik", "security",
                                           "derivative", "shares_owned", "direct_indirect", "nature_of_ownership"}
    first_two = form4graph("query", "transactions", "-p", "issuer_cik", "7536", "--store", store, "--format", "csv",
                           "--limit", "2")
    assert first_two.stdout.splitlines() == lines[:3]
    bad_param = form4graph("query", "holdings", "-p", "nope", "1", "--store", store)
    assert bad_param.returncode == 2 and "unknown parameter(s) nope" in bad_param.stderr

    out = tmp_path / "dump.nq"
    exported = form4graph("export", "rdf", "--format", "nquads", "-o", out, "--store", store)
    assert exported.returncode == 0
    quads = out.read_text().count("\n")
    assert exported.stdout.startswith(f"wrote {quads} quads") and quads > 3000
    for fmt in ("trig", "turtle", "jsonld"):
        assert form4graph("export", "rdf", "--format", fmt, "-o", tmp_path / f"dump.{fmt}", "--store", store).returncode == 0
    stats = form4graph("stats", "--store", store)
    assert "filings            30" in stats.stdout
    valid = form4graph("validate", "--store", store)
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_every_command_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(subparsers.choices) == set(COMMANDS)  # type: ignore[attr-defined]
    for name in COMMANDS:
        result = form4graph(name, "--help")
        assert result.returncode == 0 and "usage: form4graph" in result.stdout and "exit codes" in result.stdout


@pytest.mark.parametrize("argv", [["query"], ["query", "no_such_query", "--memory"]])
def test_query_errors_exit_2(argv: list[str]) -> None:
    result = form4graph(*argv)
    assert result.returncode == 2 and result.stderr.startswith("form4graph: ")
