from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from ingest.files import discover, path_to_source, sniff
from schema.errors import InputFileError, UnsupportedFileError


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: decoding it would need gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def test_discover_recurses_and_keeps_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    for name in ["b/2.pdf", "a.txt", "notes.md", "b/x.docx", ".hidden.pdf"]:
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.txt", "b/2.pdf", "b/x.docx"]


def test_source_identity(samples_dir: Path):
    source = path_to_source(samples_dir / "thcs-2024.txt")
    assert source.kind == "txt" and source.ext == "txt" and source.page_count is None
    assert len(source.sha256) == 64


def test_pdf_page_count(samples_dir: Path):
    assert path_to_source(samples_dir / "rendered" / "thcs-2024.pdf").page_count == 5


def test_multipage_tiff_counts_frames(samples_dir: Path):
    assert path_to_source(samples_dir / "rendered" / "thcs-2024-rot90.tif").page_count == 5


def test_zero_byte(tmp_path: Path):
    empty = tmp_path / "plan.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty file"):
        path_to_source(empty)


def test_truncated_pdf(tmp_path: Path, samples_dir: Path):
    data = (samples_dir / "rendered" / "thcs-2024.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputFileError, match="truncated PDF"):
        path_to_source(cut)


def test_encrypted_pdf(data_dir: Path):
    with pytest.raises(InputFileError, match="encrypted PDF.*qpdf"):
        path_to_source(data_dir / "encrypted.pdf")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"PK\x03\x04 rest of a docx", "Word or Excel"),
        (b"<!DOCTYPE html><html>", "HTML"),
        (b"\xff\xd8\xff\xe0 jpeg", "JPEG"),
        (b"just some text", "not a known document format"),
    ],
)
def test_not_a_pdf(tmp_path: Path, content: bytes, what: str):
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(content)
    with pytest.raises(InputFileError, match=f"not a PDF.*{what}"):
        path_to_source(fake)


def test_decompression_bomb(tmp_path: Path):
    bomb = tmp_path / "scan.png"
    bomb.write_bytes(_png_header_only(40_000, 40_000))
    with pytest.raises(InputFileError, match="too large to decode"):
        path_to_source(bomb)


@pytest.mark.parametrize("ext", ["docx", "doc", "xls", "xlsx"])
def test_office_files_not_supported_yet(tmp_path: Path, ext: str):
    office = tmp_path / f"plan.{ext}"
    office.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFileError, match="not supported yet"):
        path_to_source(office)


def test_non_utf8_text(tmp_path: Path):
    legacy = tmp_path / "plan.txt"
    legacy.write_bytes("Kế hoạch".encode("utf-16-le"))
    with pytest.raises(InputFileError, match="not UTF-8"):
        path_to_source(legacy)


def test_sniff():
    assert sniff(b"%PDF-1.7\n") == "a PDF"
    assert sniff(b"II*\x00") == "a TIFF image"
