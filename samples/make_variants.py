"""Render each gold plan as the documents schools actually send.

For every ``samples/<name>.gold.json`` with a ``<name>.layout.json`` beside it,
this writes into ``samples/rendered/``:

- ``<name>.pdf``: born-digital, Liberation Serif (a Times-like font), ruled table;
- ``<name>-scan200.pdf``: a 200-dpi scan, skew ≤ 1.2°, slight blur, speckles, JPEG ≈ 70;
- ``<name>-fax150.pdf``: a 150-dpi fax-quality scan, skew ≤ 2°, heavier noise, JPEG ≈ 45;
- ``<name>-page.png``: the first table page of the 200-dpi scan as a PNG;
- ``<name>-rot90.tif``: the 200-dpi scan as a multi-page TIFF with one page turned 90°;
- ``<name>-borderless.pdf`` (when the layout asks for it): born-digital, the table without ruling lines.

The output is deterministic (seeded by the plan's name) and is not committed:
``make test``, ``make demo`` and ``make bench`` build it when it is missing or
older than its inputs, and ``make samples`` rebuilds it. It needs
``pip install -e '.[samples]'`` and Debian's fonts-liberation2 (Liberation 2 has
the Vietnamese glyphs); the Makefile installs both.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
OUT = HERE / "rendered"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
A4 = (595.28, 841.89)
MARGIN = 56.7  # 2 cm
FONT = "Serif"
BOLD = "Serif-Bold"
ITALIC = "Serif-Italic"


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((FONT, "Regular"), (BOLD, "Bold"), (ITALIC, "Italic")):
        path = FONT_DIR / f"LiberationSerif-{file}.ttf"
        if not path.exists():
            sys.exit(f"make_variants: {path} is missing: apt-get install fonts-liberation2")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    # Keep " - " with the word before it, so no wrapped line starts with a bullet by chance.
    return simpleSplit(text.replace(" - ", "\u00a0- ").replace(" + ", "\u00a0+ "), font, size, width) or [""]


@dataclass
class Row:
    kind: str  # "task" | "heading"
    values: dict[str, str]


class Renderer:
    """Draws one plan on a reportlab canvas following its layout spec."""

    def __init__(self, plan: dict[str, Any], layout: dict[str, Any], out: Path) -> None:
        from reportlab.pdfgen import canvas

        self.plan, self.layout = plan, layout
        self.size = layout.get("font_size", 12.0)
        self.lead = self.size * 1.22
        self.c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
        self.c.setTitle(plan.get("title") or "Kế hoạch")
        self.page_size = A4
        self.y = 0.0
        self.need_top = False
        self.landscape = bool(layout.get("landscape", False))

    # -- page helpers -------------------------------------------------------
    def new_page(self, landscape: bool) -> None:
        landscape = landscape or self.landscape
        if self.y:
            self.c.showPage()
        self.page_size = (A4[1], A4[0]) if landscape else A4
        self.c.setPageSize(self.page_size)
        self.y = self.page_size[1] - MARGIN

    def text(self, s: str, x: float, font: str = FONT, size: float | None = None, align: str = "left") -> None:
        size = size or self.size
        self.c.setFont(font, size)
        if align == "center":
            self.c.drawCentredString(x, self.y - size, s)
        else:
            self.c.drawString(x, self.y - size, s)

    def paragraph(self, s: str, font: str = FONT, indent: float = 0.0, align: str = "left") -> None:
        width = self.page_size[0] - 2 * MARGIN - indent
        for line in _wrap(s, font, self.size, width):
            if self.y - self.lead < MARGIN:
                self.new_page(False)
            x = self.page_size[0] / 2 if align == "center" else MARGIN + indent
            self.text(line, x, font, align=align)
            self.y -= self.lead

    # -- document parts -----------------------------------------------------
    def header_block(self) -> None:
        p, lay = self.plan, self.layout
        left_x, right_x = MARGIN + 95, self.page_size[0] - MARGIN - 130
        top = self.y
        for line, font in (
            (p.get("parent"), FONT),
            (p.get("organization"), BOLD),
            (p.get("doc_number") and f"Số: {p['doc_number']}", FONT),
        ):
            for part in _wrap(line, font, self.size - 1, 185) if line else []:
                self.text(part, left_x, font, self.size - 1, "center")
                self.y -= self.lead
        self.y = top
        self.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right_x, BOLD, self.size - 1, "center")
        self.y -= self.lead
        self.text("Độc lập - Tự do - Hạnh phúc", right_x, BOLD, self.size - 1, "center")
        self.y -= self.lead * 1.6
        if lay.get("date_line_at") != "end" and (date_line := lay.get("date_line")):
            self.text(date_line, right_x, ITALIC, self.size - 1, "center")
        self.y = top - self.lead * 4.5

    def title_block(self) -> None:
        title = self.plan.get("title")
        if self.layout.get("title_inline"):
            self.paragraph(f"KẾ HOẠCH {title}", BOLD, align="center")
            self.y -= self.lead * 0.5
            return
        self.paragraph("KẾ HOẠCH", BOLD, align="center")
        if title:
            self.paragraph(title, BOLD, align="center")
        self.y -= self.lead * 0.5

    def body(self) -> None:
        for para in self.layout.get("preamble", []):
            self.paragraph(para, indent=0)
        targets = self.plan.get("targets") or []
        if targets:
            self.paragraph(self.layout.get("targets_heading", "II. CHỈ TIÊU:"), BOLD)
            for i, t in enumerate(targets, 1):
                self.paragraph(f"{i}. {t['text']}", indent=14)
        for para in self.layout.get("closing", []):
            self.paragraph(para)

    def signature(self) -> None:
        lay, p = self.layout, self.plan
        if self.y - self.lead * 9 < MARGIN:
            self.new_page(self.page_size[0] > self.page_size[1])
        x = self.page_size[0] - MARGIN - 130
        top = self.y
        if lay.get("date_line_at") == "end" and lay.get("date_line"):
            self.text(lay["date_line"], x, ITALIC, align="center")
            self.y -= self.lead
        for line in lay.get("signature_title", ["HIỆU TRƯỞNG"]):
            self.text(line, x, BOLD, align="center")
            self.y -= self.lead
        self.y -= self.lead * 3
        if p.get("signer"):
            self.text(p["signer"], x, BOLD, align="center")
        self.y = top
        self.text("Nơi nhận:", MARGIN, "Serif-Bold", self.size - 1)
        self.y -= self.lead
        for line in lay.get("recipients", ["- Như trên;", "- Lưu: VT."]):
            self.text(line, MARGIN, FONT, self.size - 2)
            self.y -= self.lead * 0.9
        self.y = top - self.lead * 8

    # -- the task table -------------------------------------------------------
    def rows(self) -> list[Row]:
        extra_headings = {h["before"]: h for h in self.layout.get("extra_headings", [])}
        out: list[Row] = []
        section = None
        for task in self.plan["tasks"]:
            if task["number"] in extra_headings:
                h = extra_headings[task["number"]]
                out.append(Row("heading", {"number": h["number"], "task": h["text"]}))
            if task["section"] != section:
                section = task["section"]
                if section:
                    m = re.match(r"^((?:[IVXLC]+|\d+(?:\.\d+)*))\.\s+(.*)$", section)
                    number, title = (m.group(1), m.group(2)) if m else ("", section)
                    out.append(Row("heading", {"number": number, "task": title}))
            values = {k: v for k, v in task.items() if isinstance(v, str)}
            for k, v in (task.get("extra") or {}).items():
                if v:
                    values[f"extra:{k}"] = v
            out.append(Row("task", values))
        for h in self.layout.get("trailing_headings", []):
            out.append(Row("heading", {"number": h["number"], "task": h["text"]}))
        return out

    def table(self) -> None:
        lay = self.layout
        landscape = lay.get("table_landscape", False)
        if lay.get("table_new_page", True):
            self.new_page(landscape)
        if lay.get("table_title"):
            self.paragraph(lay["table_title"], BOLD, align="center")
            self.y -= self.lead * 0.3
        cols = lay["columns"]
        x0 = MARGIN
        width = self.page_size[0] - 2 * MARGIN
        total = sum(c[2] for c in cols)
        xs = [x0]
        for c in cols:
            xs.append(xs[-1] + width * c[2] / total)
        size = lay.get("table_font_size", self.size)
        lead = size * 1.2
        pad = 3.0

        def cell_lines(text: str, i: int, font: str = FONT) -> list[str]:
            out: list[str] = []
            for part in text.split("\n"):
                out.extend(_wrap(part, font, size, xs[i + 1] - xs[i] - 2 * pad))
            return out

        def draw_header() -> None:
            lines = [cell_lines(c[0], i, BOLD) for i, c in enumerate(cols)]
            h = max(len(x) for x in lines) * lead + 2 * pad
            top = self.y
            for i, ls in enumerate(lines):
                for k, line in enumerate(ls):
                    self.c.setFont(BOLD, size)
                    self.c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - pad - (k + 1) * lead + 2, line)
            self._rule(xs[0], top, xs[-1], top)
            self._rule(xs[0], top - h, xs[-1], top - h)
            for x in xs:
                self._rule(x, top, x, top - h)
            self.y = top - h
            if lay.get("column_numbers"):
                top = self.y
                for i in range(len(cols)):
                    self.c.setFont(FONT, size - 1)
                    self.c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - lead, f"({i + 1})")
                self._rule(xs[0], top - lead - pad, xs[-1], top - lead - pad)
                for x in xs:
                    self._rule(x, top, x, top - lead - pad)
                self.y = top - lead - pad

        merge_keys = set(lay.get("merge_runs", []))
        rows = self.rows()
        keys = [c[1] for c in cols]
        # Blocks of consecutive task rows sharing a merged column's value.
        merged_first: dict[tuple[int, str], bool] = {}
        for key in merge_keys:
            prev = None
            for r, row in enumerate(rows):
                value = row.values.get(key) if row.kind == "task" else None
                merged_first[(r, key)] = not (value and prev == value)
                prev = value
        split_rows = lay.get("split_rows", True)
        bottom_limit = MARGIN
        draw_header()
        first_on_page = True
        for r, row in enumerate(rows):
            if row.kind == "heading" and lay.get("section_style") == "spanning":
                text = " ".join(x for x in (row.values.get("number"), row.values.get("task")) if x)
                if row.values.get("number") and not row.values["number"].endswith("."):
                    text = f"{row.values['number']}. {row.values['task']}"
                lines = _wrap(text, BOLD, size, xs[-1] - xs[0] - 2 * pad)
                h = len(lines) * lead + 2 * pad
                if self.y - h < bottom_limit:
                    self._new_table_page(landscape, draw_header)
                top = self.y
                if self.need_top:
                    self._rule(xs[0], top, xs[-1], top)
                    self.need_top = False
                for k, line in enumerate(lines):
                    self.c.setFont(BOLD, size)
                    self.c.drawString(xs[0] + pad, top - pad - (k + 1) * lead + 2, line)
                self._rule(xs[0], top - h, xs[-1], top - h)
                self._rule(xs[0], top, xs[0], top - h)
                self._rule(xs[-1], top, xs[-1], top - h)
                self.y = top - h
                first_on_page = False
                continue
            font = BOLD if row.kind == "heading" else FONT
            cells: list[list[str]] = []
            for i, key in enumerate(keys):
                value = row.values.get(key) or ""
                if key in merge_keys and not merged_first.get((r, key), True):
                    value = ""
                cells.append(cell_lines(value, i, font) if value else [])
            n = max(1, max(len(c) for c in cells))
            remaining = [list(c) for c in cells]
            while True:
                room = int((self.y - bottom_limit - 2 * pad) // lead)
                need = max(1, max(len(c) for c in remaining))
                if need > room:
                    if not split_rows or room < 2 or first_on_page or n < 4:
                        self._new_table_page(landscape, draw_header)
                        first_on_page = True
                        continue
                    take = room
                else:
                    take = need
                top = self.y
                h = take * lead + 2 * pad
                if self.need_top:
                    self._rule(xs[0], top, xs[-1], top)
                    self.need_top = False
                for i, c in enumerate(remaining):
                    for k, line in enumerate(c[:take]):
                        self.c.setFont(font, size)
                        if keys[i] in ("number", "deadline_text", "extra:Thời gian hoàn thành"):
                            self.c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - pad - (k + 1) * lead + 2, line)
                        else:
                            self.c.drawString(xs[i] + pad, top - pad - (k + 1) * lead + 2, line)
                # Bottom rule, leaving merged columns open when the next row continues the block.
                for i, key in enumerate(keys):
                    open_below = (
                        take == need
                        and key in merge_keys
                        and r + 1 < len(rows)
                        and not merged_first.get((r + 1, key), True)
                    )
                    if not open_below:
                        self._rule(xs[i], top - h, xs[i + 1], top - h)
                for x in xs:
                    self._rule(x, top, x, top - h)
                self.y = top - h
                remaining = [c[take:] for c in remaining]
                first_on_page = False
                if take == need:
                    break
                self._new_table_page(landscape, draw_header)
                first_on_page = False  # the rest of a split row is not a fresh row
        self.y -= self.lead

    def _new_table_page(self, landscape: bool, draw_header: Any) -> None:
        self.new_page(landscape)
        if self.layout.get("repeat_header", True):
            draw_header()
        else:
            self.need_top = True  # the first row on the page draws the table's top border

    def _rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if not self.layout.get("rules", True):
            return
        self.c.setLineWidth(0.8)
        self.c.line(x0, y0, x1, y1)

    def render(self) -> None:
        lay = self.layout
        self.new_page(False)
        if lay.get("header", True):
            self.header_block()
        self.title_block()
        if lay.get("body", True):
            self.body()
            if lay.get("signature_before_table", True):
                self.signature()
        self.table()
        if not lay.get("body", True) or not lay.get("signature_before_table", True):
            self.signature()
        self.c.showPage()
        self.c.save()


def render_pdf(plan: dict[str, Any], layout: dict[str, Any], out: Path) -> None:
    """Write the born-digital PDF of a gold plan."""
    Renderer(plan, layout, out).render()


def _rng(name: str, variant: str) -> np.random.Generator:
    seed = int.from_bytes(hashlib.sha256(f"{name}/{variant}".encode()).digest()[:8], "big")
    return np.random.default_rng(seed)


def _render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def degrade(
    img: Image.Image, rng: np.random.Generator, *, skew: float, blur: float, speckle: float, fax: bool
) -> Image.Image:
    """Make a clean page image look scanned: skew, blur, speckles, uneven paper."""
    angle = float(rng.uniform(-skew, skew))
    out = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(out, dtype=np.float32)
    h, w = a.shape
    # Uneven paper and toner.
    gradient = np.linspace(0, float(rng.uniform(4, 14)), w)[None, :]
    a = a - gradient + rng.normal(0, 3 if not fax else 10, a.shape)
    # Speckles: dark dots of one to three pixels.
    n = int(speckle * h * w)
    ys, xs = rng.integers(0, h - 3, n), rng.integers(0, w - 3, n)
    sizes = rng.integers(1, 3 if not fax else 4, n)
    for y, x, s in zip(ys, xs, sizes, strict=True):
        a[y : y + s, x : x + s] = rng.uniform(0, 90)
    if fax:
        # Fax: bilevel with a noisy threshold, then a few white drop-outs in the strokes.
        thresh = 150 + rng.normal(0, 18, a.shape)
        a = np.where(a < thresh, 0, 255).astype(np.float32)
        drop = rng.random(a.shape) < 0.01
        a[drop] = 255
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def _jpeg(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


def images_to_pdf(jpegs: list[bytes], sizes: list[tuple[float, float]], out: Path) -> None:
    """An image-only PDF: each page one JPEG, as a scanner writes it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), invariant=1)
    for data, size in zip(jpegs, sizes, strict=True):
        c.setPageSize(size)
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=size[0], height=size[1])
        c.showPage()
    c.save()


def scan_variant(name: str, pdf: Path, variant: str, dpi: int, **kw: Any) -> list[Image.Image]:
    """Render the digital PDF at ``dpi``, degrade each page, write the image-only PDF."""
    rng = _rng(name, variant)
    pages = _render_pages(pdf, dpi)
    quality = kw.pop("quality")
    scanned = [degrade(p, rng, **kw) for p in pages]
    sizes = [(p.width * 72 / dpi, p.height * 72 / dpi) for p in pages]
    images_to_pdf([_jpeg(s, quality, dpi) for s in scanned], sizes, OUT / f"{name}-{variant}.pdf")
    return scanned


def build(name: str) -> None:
    """Write every variant of one gold plan."""
    gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
    layout = json.loads((HERE / f"{name}.layout.json").read_text(encoding="utf-8"))
    OUT.mkdir(exist_ok=True)
    digital = OUT / f"{name}.pdf"
    render_pdf(gold, layout, digital)
    if layout.get("borderless_variant"):
        render_pdf(gold, {**layout, "rules": False}, OUT / f"{name}-borderless.pdf")
    scan200 = scan_variant(name, digital, "scan200", 200, skew=1.2, blur=0.6, speckle=0.0004, fax=False, quality=70)
    scan_variant(name, digital, "fax150", 150, skew=2.0, blur=0.7, speckle=0.0015, fax=True, quality=45)
    table_page = layout.get("png_page", 1) - 1
    scan200[table_page].save(OUT / f"{name}-page.png", dpi=(200, 200), optimize=True)
    # Fresh copies: Pillow keeps the PNG's encoder settings on the saved image.
    turned = [
        p.rotate(90, expand=True) if i == layout.get("rotated_page", 2) - 1 else p.copy() for i, p in enumerate(scan200)
    ]
    turned[0].save(
        OUT / f"{name}-rot90.tif",
        save_all=True,
        append_images=turned[1:],
        compression="jpeg",
        dpi=(200, 200),
    )
    print(f"{name}: {len(scan200)} pages", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="plans to render (default: every <name>.layout.json)")
    args = parser.parse_args()
    _register_fonts()
    names = args.names or sorted(p.name.removesuffix(".layout.json") for p in HERE.glob("*.layout.json"))
    for name in names:
        build(name)


if __name__ == "__main__":
    main()
