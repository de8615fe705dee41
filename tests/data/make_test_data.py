"""Write the small test-only PDFs in this folder (needs reportlab and fonts-liberation2).

- ``encrypted.pdf``: a plan page behind a user password;
- ``letter.pdf``: a born-digital document with no task table (an invitation letter);
- ``tcvn3.pdf``: a plan page whose text layer is TCVN3 mojibake ("Thùc hiÖn");
- ``no-header-continuation.pdf``: a task table whose second page repeats no header;
- ``sideways.pdf``: a page turned by /Rotate whose text then runs down the page.

Run ``python tests/data/make_test_data.py`` after changing it; the outputs are committed.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _canvas(name: str, **kw) -> canvas.Canvas:
    return canvas.Canvas(str(HERE / name), pagesize=A4, invariant=1, **kw)


def _lines(c: canvas.Canvas, lines: list[str], y: float = 780) -> None:
    c.setFont("Serif", 12)
    for line in lines:
        c.drawString(60, y, line)
        y -= 16


def _table(c: canvas.Canvas, rows: list[list[str]], top: float, xs: list[float]) -> float:
    c.setFont("Serif", 11)
    y = top
    for row in rows:
        c.line(xs[0], y, xs[-1], y)
        for i, text in enumerate(row):
            c.drawString(xs[i] + 3, y - 14, text)
        for x in xs:
            c.line(x, y, x, y - 20)
        y -= 20
    c.line(xs[0], y, xs[-1], y)
    return y


def main() -> None:
    pdfmetrics.registerFont(TTFont("Serif", FONT))
    header = ["STT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Thời hạn"]
    xs = [50, 90, 300, 400, 480, 550]

    c = _canvas("encrypted.pdf", encrypt="mật-khẩu")
    _lines(c, ["KẾ HOẠCH cải cách hành chính năm 2025"])
    _table(c, [header, ["1", "Kế hoạch CCHC", "Kế hoạch", "Hiệu trưởng", "31/01/2025"]], 700, xs)
    c.save()

    c = _canvas("letter.pdf")
    _lines(
        c,
        [
            "TRƯỜNG THCS MINH ĐỨC",
            "GIẤY MỜI",
            "Trân trọng kính mời quý phụ huynh đến dự buổi họp cha mẹ học sinh đầu năm học",
            "vào lúc 7 giờ 30 ngày 15 tháng 9 năm 2024 tại hội trường nhà trường.",
        ],
    )
    c.save()

    c = _canvas("tcvn3.pdf")
    _lines(
        c,
        [
            "KÕ ho¹ch thùc hiÖn c«ng t¸c c¶i c¸ch hµnh chÝnh n¨m 2024",
            "Tr­êng THCS Minh §øc x©y dùng KÕ ho¹ch c¶i c¸ch hµnh chÝnh",
            "N©ng cao chÊt l­îng phôc vô ng­êi d©n vµ doanh nghiÖp",
        ],
    )
    c.save()

    c = _canvas("no-header-continuation.pdf")
    _lines(c, ["KẾ HOẠCH", "Cải cách hành chính năm 2025"])
    _table(
        c,
        [
            header,
            ["I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""],
            ["1", "Ban hành kế hoạch CCHC", "Kế hoạch", "Hiệu trưởng", "Tháng 1/2025"],
            ["2", "Kiểm tra nội bộ", "Biên bản", "Phó Hiệu trưởng", "Quý II/2025"],
        ],
        700,
        xs,
    )
    c.showPage()
    _table(
        c,
        [
            ["", "cuối năm theo kế hoạch", "", "", ""],
            ["3", "Tuyên truyền CCHC", "Tin bài", "Tổ Văn phòng", "Thường xuyên"],
            ["4", "Khảo sát sự hài lòng", "Báo cáo", "Tổ Văn phòng", "30/6"],
        ],
        780,
        xs,
    )
    c.save()

    c = _canvas("sideways.pdf")
    c.setPageRotation(90)
    _lines(c, ["KẾ HOẠCH cải cách hành chính năm 2025", "Trường Mầm non Hoa Sen"])
    c.save()


if __name__ == "__main__":
    main()
