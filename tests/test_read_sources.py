"""Finding inputs: folders, .zip and .gz archives, size limits — every filing found, every failure named."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pytest

from form4graph import model
from form4graph.errors import InputError, InputTooLargeError
from form4graph.read import iter_filings
from form4graph.read import sources as sources_module
from form4graph.read.sources import iter_inputs

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NC = CORPUS / "submissions" / "0001127602-25-004598.nc"
PEM = CORPUS / "submissions" / "0000019446-06-000081.txt"
XML = CORPUS / "xml" / "dm_0001209191-13-009126_doc3.xml"


def _results(paths: list[Path]) -> tuple[list[model.Filing], list[InputError]]:
    filings, errors = [], []
    for item in iter_filings(paths):
        (errors if isinstance(item, InputError) else filings).append(item)
    return filings, errors  # type: ignore[return-value]


def test_a_zip_archive_yields_each_filing_and_names_the_bad_member(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.write(NC, "2025/q1/form4.nc")
        out.write(PEM, "2006/pem.txt")
        out.writestr("broken.xml", "<ownershipDocument><documentType>4")
        out.writestr("README.md", "not a filing: not even looked at")
    filings, errors = _results([archive])
    assert sorted(f.accession_number or "" for f in filings) == ["0000019446-06-000081", "0001127602-25-004598"]
    assert {f.source for f in filings} == {f"{archive}!2025/q1/form4.nc", f"{archive}!2006/pem.txt"}
    (error,) = errors
    assert error.source == f"{archive}!broken.xml" and "not well-formed XML" in str(error)


def test_a_gz_file_is_read_and_a_corrupt_one_is_named(tmp_path: Path) -> None:
    good = tmp_path / "filing.nc.gz"
    good.write_bytes(gzip.compress(NC.read_bytes()))
    bad = tmp_path / "broken.txt.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    filings, errors = _results([good, bad])
    assert [f.accession_number for f in filings] == ["0001127602-25-004598"]
    assert [e.source for e in errors] == [str(bad)] and "could not be read" in str(errors[0])


def test_folders_are_walked_recursively_and_only_candidate_files_read(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(NC, tmp_path / "a" / "one.nc")
    shutil.copy(XML, tmp_path / "a" / "b" / "two.xml")
    (tmp_path / "a" / "notes.json").write_text("{}")
    (tmp_path / "a" / ".hidden.xml").write_text("<x/>")
    sources = [item.source for item in iter_inputs([tmp_path]) if not isinstance(item, InputError)]
    assert sources == [str(tmp_path / "a" / "b" / "two.xml"), str(tmp_path / "a" / "one.nc")]
    assert all(not item.explicit for item in iter_inputs([tmp_path]))  # type: ignore[union-attr]
    assert next(iter_inputs([NC])).explicit  # type: ignore[union-attr]


def test_inputs_over_the_size_limit_are_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources_module, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<ownershipDocument>" + b" " * 2000)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("member.xml", b"x" * 5000)
    compressed = tmp_path / "bomb.xml.gz"
    compressed.write_bytes(gzip.compress(b" " * 50_000))  # small on disk, too big once decompressed
    errors = [item for item in iter_inputs([big, archive, compressed]) if isinstance(item, InputError)]
    assert [type(e) for e in errors] == [InputTooLargeError] * 3
    assert [e.source for e in errors] == [str(big), f"{archive}!member.xml", str(compressed)]


def test_a_missing_path_is_an_error_and_the_rest_go_on(tmp_path: Path) -> None:
    filings, errors = _results([tmp_path / "nope.xml", NC])
    assert [f.accession_number for f in filings] == ["0001127602-25-004598"]
    assert str(errors[0]) == f"{tmp_path / 'nope.xml'}: no such file or folder"
