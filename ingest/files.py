"""Finding input files, checking them, and deciding which reader each goes to.

The bytes decide the reader, not the extension: a Word file renamed ``.pdf`` is
refused with a line that says what it really is.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable
from pathlib import Path

from PIL import Image

from schema.errors import InputFileError, UnsupportedFileError
from schema.records import NOT_YET_SUPPORTED, SUPPORTED_EXTENSIONS, FileKind, PageJob, SourceFile

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Larger files are refused: a school's plan is a few MB."""
MAX_PAGES = 300
"""Larger documents are refused: a plan has a handful of pages."""
MAX_IMAGE_PIXELS = 120_000_000
"""Decompression-bomb limit: an A3 page scanned at 600 dpi is about 70 megapixels."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a Word or Excel file (ZIP container)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"{\\rtf", "an RTF document"),
    (b"GIF8", "a GIF image"),
)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand folders recursively into the files cchc reads or explains.

    Files given by name are always kept (so an unsupported one gets its line);
    inside folders only supported and "not yet supported" extensions are kept,
    and hidden files are skipped. The order is stable: sorted within each folder.
    """
    known = set(SUPPORTED_EXTENSIONS) | NOT_YET_SUPPORTED
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and _ext(p) in known
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            candidates = [path]
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                found.append(p)
    return found


def _ext(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def sniff(head: bytes) -> str | None:
    """Name what the first bytes of a file are, e.g. "a PDF"; ``None`` if unknown."""
    for magic, name in _MAGIC:
        if head.startswith(magic) or (magic == b"%PDF-" and magic in head[:1024]):
            return name
    stripped = head.lstrip()[:64].lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "an HTML or XML page"
    return None


def _kind_for(path: Path, head: bytes) -> FileKind:
    ext = _ext(path)
    if ext in NOT_YET_SUPPORTED:
        raise UnsupportedFileError(
            f".{ext} files are not supported yet: save the plan as PDF (File > Save As > PDF) and import that"
        )
    kind = SUPPORTED_EXTENSIONS.get(ext)
    if kind is None:
        raise UnsupportedFileError(
            f"unsupported file type '.{ext}': cchc reads .pdf, .png, .jpg, .jpeg, .tif, .tiff and .txt"
        )
    what = sniff(head)
    if kind == "pdf" and what != "a PDF":
        raise InputFileError(
            f"not a PDF: the content is {what or 'not a known document format'}; "
            "ask the school for the PDF, or rename the file to its real type"
        )
    if kind == "image" and (what is None or not what.endswith("image") or what == "a GIF image"):
        raise InputFileError(
            f"not a PNG, JPEG or TIFF image: the content is {what or 'unknown data'}; "
            "export the scan again as PNG, JPEG, TIFF or PDF"
        )
    return kind


def path_to_source(path: Path) -> SourceFile:
    """Read and check a file; return its identity, reader and page count.

    Raises :class:`InputFileError` for empty, oversized, truncated, encrypted or
    mislabelled files, with a one-line message that says what to do.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(f"cannot read the file: {exc.strerror}") from exc
    if size == 0:
        raise InputFileError("empty file (0 bytes): copy or download the plan again")
    if size > MAX_FILE_BYTES:
        raise InputFileError(
            f"file too large ({size // 1_000_000} MB, limit {MAX_FILE_BYTES // 1_000_000} MB): "
            "split it into one file per plan"
        )
    data = path.read_bytes()
    kind = _kind_for(path, data[:2048])
    digest = hashlib.sha256(data).hexdigest()
    ext = _ext(path)
    pages: int | None = None
    if kind == "pdf":
        pages = pdf_page_count(data)
    elif kind == "image":
        pages = image_frame_count(path)
    else:
        decode_text(data)
    if pages is not None and pages > MAX_PAGES:
        raise InputFileError(f"too many pages ({pages}, limit {MAX_PAGES}): split it into one file per plan")
    return SourceFile(str(path), path.name, digest, kind, ext, size, pages)


def pdf_page_count(data: bytes) -> int:
    """Open a PDF with PDFium and count its pages, turning its errors into advice."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if b"%%EOF" not in data[-4096:]:
        raise InputFileError("truncated PDF (no end-of-file marker): the copy was cut short; download or copy it again")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputFileError(
                "encrypted PDF (password protected): ask the school for an unprotected copy, "
                "or remove the password with 'qpdf --decrypt --password=PASSWORD in.pdf out.pdf'"
            ) from exc
        raise InputFileError(
            "damaged PDF (PDFium cannot open it): open it in a PDF viewer and save or print it to a new PDF"
        ) from exc
    try:
        count = len(doc)
    finally:
        doc.close()
    if count == 0:
        raise InputFileError("PDF has no pages: ask the school for the complete plan")
    return count


def open_image(path: Path) -> Image.Image:
    """Open an image with the decompression-bomb limit turned into an error."""
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            img.size  # noqa: B018 - forces the header to be read
            return img
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputFileError(
            f"image too large to decode safely (over {MAX_IMAGE_PIXELS // 1_000_000} megapixels): "
            "scan again at 300 dpi or less"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputFileError(f"damaged image ({exc}): export or scan it again") from exc


def image_frame_count(path: Path) -> int:
    """Pages in an image file (multi-page TIFF has several)."""
    with open_image(path) as img:
        if img.width * img.height > MAX_IMAGE_PIXELS:
            raise InputFileError(
                f"image too large to decode safely ({img.width}×{img.height} pixels): scan again at 300 dpi or less"
            )
        return int(getattr(img, "n_frames", 1))


def decode_text(data: bytes) -> str:
    """Decode a plain-text plan: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"text is not UTF-8 (bad byte at offset {exc.start}): save it again as UTF-8 text"
        ) from exc


def source_to_jobs(source: SourceFile, path: str) -> list[PageJob]:
    """One job per page; ``path`` is where a worker opens the file."""
    if source.kind == "txt" or source.page_count is None:
        return []
    return [PageJob(path, source.kind, n) for n in range(1, source.page_count + 1)]
