"""Header facts, title, signer and targets from the running text of a plan.

A Vietnamese administrative document has a fixed frame: the parent body and the
issuing school top left with the document number ("Số: 12/KH-THCSMĐ"), the
national motto and the date line top right ("Quận 1, ngày 30 tháng 01 năm
2024"), the title under "KẾ HOẠCH", and the signature block at the end (a title
such as "HIỆU TRƯỞNG" and the signer's name). These readers work on the
:class:`TextLine` sequence of any input, so scans, PDFs and plain text share them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from normalize.dates import DateLine, mend_years, one_digit_apart, parse_date_line
from normalize.text import clean, fold, fold_key
from normalize.units import percent_in
from normalize.vietnamese import is_syllable
from schema.records import HeaderFacts, Target, TextLine

HEADER_LINES = 40
"""The header frame is looked for in the first lines of the document."""

_PARENT = re.compile(
    r"^(u?y[ -]ban nhan dan|ubnd|phong giao duc|phong gd|so giao duc|so gd|bo giao duc|dang uy|cong doan)\b"
)
"""On folded text; "Ủy" may lose its first letter to a scan ("9Y-BÀN NHÂN DÂN", a digit read for it)."""
_HEADING_SPECKS = re.compile(r"[“”\"'`:;,.·•]")
"""Marks a scan's specks make among a heading's capitals ("“ỦY BẠN: NHÂN DÂN"): read as spaces when the parent
body is looked for."""
_ORG_LINE = re.compile(r"^(truong|trung tam)\b")
"""The line that names the school, or a centre ("TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN")."""
_DOC_NUMBER = re.compile(
    r"^\s*so\s*(?::\s*(?P<any>(?:[\w./:]|-\s?)*[\w/])|[.]?\s*(?P<num>[\w.\- ]{0,12}/(?:[\w/.:]|-\s?)*[\w/.]))"
)
"""On folded text: "Số: 12/KH-THCSMĐ" (folding keeps positions, so the printed form is cut out)."""
_DOC_CODE = re.compile(r"(?<![\w/])\d{1,4}/[A-ZĐ]{2,}(?:(?:-\s?|:\s?|x)[A-ZĐ0-9]+)+")
"""A plan's number and code as printed ("28/KH-THPTHT"), wherever OCR put it."""
_MISREAD_LABEL = re.compile(r"\s+(?:\S{1,3}:\W*|[Ss][ốôo]\W*)$")
"""The "Số:" before a number, as OCR misread it ("Sñ:", "S36:'", "Số" with its colon lost)."""
_MOTTOS = (
    re.compile(r"\s*cong hoa xa hoi chu nghia viet nam\s*", re.IGNORECASE),
    re.compile(r"\s*doc lap\W+tu do\W+hanh phuc\s*", re.IGNORECASE),
)
"""The national motto, printed right of the parent body and school (folded)."""
_NOT_PLACE = re.compile(r"^(can cu|thuc hien|theo|trien khai|quyet dinh|ke hoach|nghi quyet)|/|\bso\b")
_PLACE_UNIT = re.compile(r"^(quan|huyen|phuong|xa|thi xa|thi tran)\s+([\w ]{1,30})$")
_TITLE = re.compile(r"^\W*(?:[a-z]\s+)?(?:ke{1,2}\W*|k\s+)hoach\b\W*(?P<rest>.*)$")
"""The "KẾ HOẠCH" line, its "Ế" perhaps lost to a scan ("K HOẠCH"), doubled ("KÈE HOẠCH") or followed by a speck
("KẾ. HOẠCH"), or a stray letter read before it ("H KẾ HOẠCH")."""
_TITLE_JUNK = " *#“”\"'`"
_YEAR_IN_TITLE = re.compile(r"nam\s*(\d{4})(?!\s*[-–]\s*\d{4})")
_BODY_START = re.compile(r"^(can cu|thuc hien|theo|nham|de |i\.|1\.)")
_LOST_SLASH = re.compile(r"^(\d+)(?=[A-ZĐ]{2,}[-/])")
_SPECK_IN_CODE = re.compile(r"(?<=[A-ZĐ])(?::\s?|-\s|x)(?=[A-ZĐ])")
"""A colon, a small "x" or a dash and a space between a code's capitals: a scan's dash ("08/KH:MNHS", "KHxTHCS",
"08/KH- MNBS")."""


def _school_word(name: str) -> str:
    """A school's name starts with "TRƯỜNG" (school), which a scan may read as "TRƯỞNG" (head)."""
    first, _, rest = name.partition(" ")
    if fold(first) == "truong" and first.isupper() and first != "TRƯỜNG":
        return f"TRƯỜNG {rest}" if rest else "TRƯỜNG"
    return name


def _mend_code(number: str) -> str:
    """A document number as printed: a colon between capitals is a dash, and its capitals have no tone marks.

    A code is ASCII capitals and "Đ" ("KH-THAPT", "TT-BGDĐT"); OCR reads a mark over a capital ("THÁPT").
    """
    decomposed = unicodedata.normalize("NFD", _SPECK_IN_CODE.sub("-", number))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


TITLE_CAPS_SHARE = 0.8
"""Share of a title's letters in capitals above which it was printed in capitals."""
_SIGN_TITLE = re.compile(
    r"(?:^|\W)(?:(?:kt|q|tm|tl|tuq)\W+)?(?:pho\s+)?"
    r"((?:h|k)?i?eu[\s'`.,:;]*truong|ban\s+giam\s+hieu|phu\s+trach|giam\s+doc|truong\s+phong|chu\s+tich)\b"
)
"""A signature title, on folded text; OCR may drop the "H" or "HI" of "HIỆU TRƯỞNG"."""
_HEADING_PREFIX = re.compile(r"^\W*(?:[ivxl1]+|\d+|[a-d])?\s*[.)\-:,;]?\s*")
TARGETS_HEADING = "chi tieu"
HEADING_SCORE = 80.0
"""How close (0–100) a short line must be to "CHỈ TIÊU" to head the targets: OCR reads "GHỈ TIÊU"."""
_MAJOR_HEADING = re.compile(
    r"^\W*(?:[ivx]+\s*[.)\-]|(?:muc tieu|nhiem vu|giai phap|to chuc thuc hien|noi dung|phu luc)\b)"
)
_ENUMERATOR = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.),;:]|[a-zđ]\))\s+")
"""A list item's start: "- ", "3. ", "3.1 ", "3.1. ", "a) " (OCR may read "3." as "3," or "3;");
not a year such as "2023 "."""
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+")
_SCHOOL_TYPES = {
    "non",
    "giáo",
    "học",
    "cơ",
    "sở",
    "phổ",
    "thông",
    "và",
    "liên",
    "cấp",
    "dân",
    "lập",
    "tư",
    "thục",
    "chuyên",
}


def _folded(line: TextLine) -> str:
    return fold(line.text)


def find_date_line(lines: Sequence[TextLine]) -> tuple[int, DateLine] | None:
    """The first line that reads as "<place>, ngày … tháng … năm …"."""
    for i, line in enumerate(lines):
        parsed = parse_date_line(line.text)
        if parsed is None:
            continue
        if parsed.place and (_NOT_PLACE.search(fold(parsed.place)) or len(parsed.place.split()) > 6):
            continue
        return i, parsed
    return None


def _place_agrees(place: str, lines: Sequence[TextLine], body: Sequence[str] = ()) -> str | None:
    """Return a warning when the date line names a unit the rest of the plan never does.

    OCR misreads digits ("Quân 7" for "Quận 1"); a district or ward that appears
    only in the date line while another of the same kind is named throughout is
    left empty rather than stored wrong.
    """
    m = _PLACE_UNIT.match(fold(place))
    if not m:
        return None
    kind, name = m.group(1), m.group(2).strip()
    text = " ".join([*(fold(line.text) for line in lines), *(fold(t) for t in body)])
    own = len(re.findall(rf"\b{kind}\s+{re.escape(name)}\b", text))
    mentions = Counter(re.findall(rf"\b{kind}\s+(\d+|[a-z]+(?: [a-z]+){{0,2}})\b", text))
    # A name of three words is read with the words around it ("phu tho hoa to"): the same unit.
    others = Counter({o: c for o, c in mentions.items() if not _same_unit(o, name)})
    if own <= 1 and others:
        other, count = others.most_common(1)[0]
        if count >= 3:
            printed = _printed([*lines, *(TextLine(None, t) for t in body)], f"{kind} {other}")
            return f"date line reads '{place}' but the plan names '{printed}' {count} times; place left empty"
    return None


def _without_motto(text: str) -> str:
    """The parent body's lines without the national motto OCR read into them from the right-hand column."""
    for motto in _MOTTOS:
        m = motto.search(fold(text))  # folding keeps positions, so the printed text is cut there
        if m:
            text = clean(text[: m.start()] + " " + text[m.end() :]) or ""
    return text


def _same_unit(a: str, b: str) -> bool:
    """One name, the other read with the words after it: "phu tho" and "phu tho hoa" ("1" is not "10")."""
    return f"{a} ".startswith(f"{b} ") or f"{b} ".startswith(f"{a} ")


def _printed(lines: Sequence[TextLine], folded: str) -> str:
    """The first printed form of a folded phrase ("quan 1" → "Quận 1")."""
    n = len(folded.split())
    for line in lines:
        words = line.text.split()
        for i in range(len(words) - n + 1):
            candidate = " ".join(words[i : i + n]).strip(",.;:")
            if fold(candidate) == folded:
                return candidate
    return folded


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _header_block(lines: Sequence[TextLine], stop: int) -> list[TextLine]:
    """Lines of the top-left frame: before the title, on the left half when the page is known."""
    block = []
    first_page = [line for line in lines if line.page_no == lines[0].page_no] if lines else []
    page_mid = _page_mid(first_page)
    for line in lines[:stop]:
        if line.bbox is not None and line.page_no == lines[0].page_no:
            if (line.bbox[0] + line.bbox[2]) / 2 > page_mid:
                continue
        block.append(line)
    return block


def _page_mid(lines: Sequence[TextLine]) -> float:
    """The middle of the text on a page (its lines, which may be all there are of a text file)."""
    right = max((line.bbox[2] for line in lines if line.bbox), default=600.0)
    left = min((line.bbox[0] for line in lines if line.bbox), default=0.0)
    return (left + right) / 2


def _continuation(block: Sequence[TextLine], start: int, stop_words: re.Pattern[str]) -> str:
    """A caps header line and the caps lines that continue it ("TRƯỜNG MẦM NON" / "HOA SEN").

    A speck a fax read as a line of its own (",") is passed over.
    """
    parts = [block[start].text]
    after = [line for line in block[start + 1 :] if any(c.isalnum() for c in line.text)]  # no specks (",")
    for line in after[:2]:
        folded = _folded(line)
        if not _is_caps(line.text) or stop_words.match(folded) or _DOC_NUMBER.match(folded):
            break
        if _DOC_CODE.search(line.text):
            break  # the number line, its "Số:" misread ("Sñ: 28/KH-THPTHT")
        if set(line.text) <= set("-_–—=*. "):
            break
        parts.append(line.text)
    return clean(" ".join(parts)) or ""


def _organization_in_body(lines: Sequence[TextLine]) -> str | None:
    """From the body: "Trường THCS Minh Đức, Quận 1 xây dựng …" gives "Trường THCS Minh Đức"."""
    for line in lines:
        for m in re.finditer(r"\b[Tt]rường\s+", line.text):
            words = []
            for word in line.text[m.end() :].split():
                core = word.rstrip(",.;:)")
                if not core:
                    break
                if core[0].isupper() or core.isupper() or core in _SCHOOL_TYPES or core.isdigit():
                    words.append(core)
                else:
                    break
                if core != word:
                    break
            while words and words[-1] in _SCHOOL_TYPES:
                words.pop()
            if len(words) >= 2 and words[0][0].isupper() and any(w[0].isupper() for w in words[1:]):
                return "Trường " + " ".join(words)
    return None


def _title(lines: Sequence[TextLine]) -> tuple[int, str | None] | None:
    """The index of the "KẾ HOẠCH" line and the title under (or beside) it."""
    for i, line in enumerate(lines):
        m = _TITLE.match(_folded(line))
        if not m:
            continue
        if line.bbox is not None and not line.centered and not _is_caps(line.text):
            continue
        rest_start = len(line.text) - len(m.group("rest"))
        parts = [line.text[rest_start:]] if m.group("rest") else []
        for nxt in lines[i + 1 : i + 4]:
            folded = _folded(nxt)
            if _DOC_NUMBER.match(folded) and not parts:
                continue  # a long header frame pushes the plan's number below "KẾ HOẠCH"
            if not nxt.centered or _BODY_START.match(folded) and parts or set(nxt.text) <= set("-_–—=*. "):
                break
            parts.append(nxt.text)
        title = clean(" ".join(p.strip(_TITLE_JUNK) for p in parts))
        return i, _tidy_title(title) if title else title
    return None


def _tidy_title(title: str) -> str:
    """A title ends with no full stop, and one printed in capitals is all capitals ("cải CÁCH HÀNH CHÍNH")."""
    title = title.rstrip(" .")
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= TITLE_CAPS_SHARE * len(letters):
        title = title.upper()
    return title


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    for w in words:
        if not (w[0].isupper() and (len(w) == 1 or w[1:].islower())) or not is_syllable(w):
            return False
    return True


def _signer(lines: Sequence[TextLine]) -> str | None:
    """The name under the last signature title ("HIỆU TRƯỞNG", "KT. HIỆU TRƯỞNG", …)."""
    for i in range(len(lines) - 1, -1, -1):
        if not _SIGN_TITLE.search(_folded(lines[i])) or not _is_caps(lines[i].text.split(",")[-1]):
            continue
        for nxt in lines[i + 1 : i + 10]:
            candidate = clean(nxt.text.strip("*_ .,:;'`")) or ""  # specks a scan put after the name
            if _is_name(candidate):
                return candidate
    return None


def lines_to_header(
    lines: Sequence[TextLine], fallback_year: int | None = None, body: Sequence[str] = ()
) -> tuple[HeaderFacts, list[str]]:
    """Read the header facts of a plan from its running text; ``body`` is the rest of its text (table cells).

    The plan's year is the one its title names, else the date line's, unless
    ``fallback_year`` (the year the table's cells name most) is the next one: a
    plan issued in December for the year after. With neither, it is ``fallback_year``.
    """
    warnings: list[str] = []
    title_at = _title(lines)
    title_index, title = title_at if title_at else (min(len(lines), HEADER_LINES), None)
    block = _header_block(lines, title_index)

    parent = organization = doc_number = None
    below_title = [line for line in lines[title_index + 1 : title_index + 3] if _DOC_NUMBER.match(_folded(line))]
    for i, line in enumerate([*block, *below_title]):
        folded = _folded(line)
        if parent is None and _PARENT.match(" ".join(_HEADING_SPECKS.sub(" ", folded).split()).lstrip("0123456789")):
            parent = _without_motto(_continuation(block, i, _ORG_LINE))
        elif organization is None and _ORG_LINE.match(folded) and _is_caps(line.text[:12]):
            organization = _continuation(block, i, re.compile(r"^(so\b|cong hoa|doc lap)"))
        if doc_number is None and (m := _DOC_NUMBER.match(folded)):
            group = "num" if m.group("num") else "any"
            doc_number = clean(line.text[m.start(group) : m.end(group)].strip(" .")) or None
            if doc_number:
                doc_number = _mend_code(_LOST_SLASH.sub(r"\1/", doc_number))  # "15KH-THHB" → "15/KH-THHB"
    if organization and (m := _DOC_CODE.search(organization)):
        # The number read on the school's line: "TRƯỜNG THCS NGUYỄN HUỆ. 07/KH-THCSNH".
        doc_number = doc_number or _mend_code(m.group())
        organization = clean(_MISREAD_LABEL.sub("", organization[: m.start()]))
    if doc_number is None:
        doc_number = next((_mend_code(m.group()) for line in block if (m := _DOC_CODE.search(line.text))), None)
    if organization is None:
        organization = _organization_in_body(lines)
    # A speck or a stroke of the motto's dash after a name: "TRƯỜNG THPT AN NHƠN -".
    organization = organization and (_school_word(organization.rstrip(" .,:;-–—")) or None)
    parent = parent and (parent.rstrip(" .,:;-–—") or None)

    place = issued = None
    year = None
    found = find_date_line(lines)
    if found:
        _, date_line = found
        place, issued, year = date_line.place, date_line.date, date_line.year
        if place and (warning := _place_agrees(place, lines, body)):
            warnings.append(warning)
            place = None
    if title and (m := _YEAR_IN_TITLE.search(fold(mend_years(title)))):  # "năm 1024" read for "năm 2024"
        named = int(m.group(1))
        # A digit misread in the title ("năm 2023" for 2029) is outvoted by the date line and the deadlines.
        misread = fallback_year is not None and one_digit_apart(named, fallback_year)
        if misread and year in (None, fallback_year):
            year = fallback_year
            title = re.sub(rf"(?<!\d){named}(?!\d)", str(year), title)
        else:
            year = named
    elif year is not None and fallback_year == year + 1:
        year = fallback_year  # issued in December for the next year, which the table's deadlines name
    if year is None:
        year = fallback_year
    facts = HeaderFacts(
        organization=organization,
        parent=parent,
        place=place,
        issued_date=issued,
        year=year,
        doc_number=doc_number,
        title=title,
        signer=_signer(lines),
    )
    return facts, warnings


def _is_targets_heading(line: TextLine) -> bool:
    words = fold_key(_HEADING_PREFIX.sub("", _folded(line))).split()
    return 2 <= len(words) <= 4 and fuzz.ratio(" ".join(words[:2]), TARGETS_HEADING) >= HEADING_SCORE


def lines_to_targets(lines: Sequence[TextLine]) -> list[Target]:
    """The "chỉ tiêu" sentences under a targets heading, with their percentages."""
    start = next((i for i, line in enumerate(lines) if _is_targets_heading(line)), None)
    if start is None:
        return []
    items: list[str] = []
    for line in lines[start + 1 :]:
        text = line.text.strip("*# ")
        if _MAJOR_HEADING.match(fold(text)) or _is_targets_heading(line):
            break
        if _ENUMERATOR.match(text) or not items or line.bbox is None:
            items.append(text)
        else:
            items[-1] = f"{items[-1]} {text}"
    numbers = [m.group(1) if (m := _ITEM_NUMBER.match(t)) else None for t in items]
    targets = []
    for i, item in enumerate(items):
        number = numbers[i]
        if number and any(n and n.startswith(number + ".") for n in numbers[i + 1 :]):
            continue  # a group heading ("3. Về giải quyết hồ sơ TTHC:") over its sub-items
        text = clean(_ENUMERATOR.sub("", item, count=1))
        if text:
            targets.append(Target(text, percent_in(text)))
    return targets
