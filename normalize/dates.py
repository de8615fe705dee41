"""Deadlines and date lines.

:func:`parse_deadline` turns a deadline cell as printed into a date:

- "31/12/2024", "Trước 20/3/2025", "ngày 20 tháng 3 năm 2025" → that day;
- "Tháng 9/2025" → the month's last day; "Quý III/2025" → the quarter's last;
- "Năm 2025", "Cuối năm", "Cả năm" → 31 December; "6 tháng đầu năm" → 30 June;
- a date or month without a year takes the plan's year;
- a range ("Tháng 9/2024 - Tháng 5/2025") is its end;
- a run of dates ("31/12/202531/12/2025") is split and the first is taken;
- OCR damage is read through: digits read as letters ("3O/O4/2O25"), a lost
  slash ("Tháng 102027"), a Roman quarter read with ones ("Quý I1/2025");
- recurring or open wording ("Thường xuyên", "Hằng quý", "Năm học 2024-2025") and a start
  alone ("Từ tháng 9/2032") are ``None``,
  unless a school term names a dated month ("Cuối năm học (tháng 5/2030)" → 31 May 2030);
- an impossible date ("31/4/2025") is ``None`` with a warning.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from normalize.text import clean, fold

DEADLINE_PROBE_YEAR = 2000
"""A plan year for telling whether a cell reads as a deadline at all ("Trước 30/6" names no year)."""
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_OPEN = re.compile(
    r"thuong xuyen|lien tuc|hang (?:ngay|tuan|thang|quy|nam)|dinh ky|nam hoc|hoc ky"
    r"|theo (?:ke hoach|chi dao|yeu cau|lich)|khi co"
)
_FROM_ONLY = re.compile(r"^(?:bat dau\s+)?(?:ke\s+)?tu\s")
"""A cell that names only when a task starts ("Từ tháng 9/2032", "Bắt đầu từ 01/9/2032"), with no "đến" after:
it gives no deadline."""
_SCHOOL_TERM = re.compile(r"nam hoc(?:\s*\d{4}\s*[-–]\s*\d{4})?|hoc ky(?:\s*(?:iv|iii|ii|i|[1-4])\b)?")
"""A school year or term, open by itself ("Cuối năm học", "Học kỳ II năm học 2030-2031"), with its years."""
_DATED = re.compile(r"\d{1,2}\s*/\s*(?:\d{1,2}\s*/\s*)?\d{4}|thang\s*\d{1,2}\s*(?:/|nam)\s*\d{4}")
"""A month or day that names its year ("tháng 5/2030", "15/01/2031"): it wins over a school term beside it."""
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d{1,3}\b(?!\d))")
_DMY_RUN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WORDY_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_DM = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_MONTH = re.compile(r"(?:thang|t)[.,]?\s*(\d{1,2})(?:\s*(?:/|\.|nam|-)\s*(\d{4}))?")
_MY = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_MONTH_LIST = re.compile(
    r"(?:thang|\bt)[.,]?\s*(\d{1,2})(?:(?:\s*(?:[,;.\-–]|va|den)\s*|\s+)(?:thang|t)?\s*(\d{1,2}))+\s*(?:/|nam)\s*(\d{4})(?!\d)"
)
"""Months listed or spanned under one year ("Tháng 3, 9/2029", "Tháng 9-10/2029", "T9-T10/2029"), or so read
from a fax ("Tháng 5. 11/2029", "Tháng 3 4/2031", "Tháng. 10-11/2031"): the second group is the last of them."""
_QUARTER_LIST = re.compile(
    r"quy\s*(?:iv|iii|ii|i|[1-4])(?:\s*(?:,|;|-|–|va|den)\s*(?:quy)?\s*(iv|iii|ii|i|[1-4]))+\b"
    r"(?:\s*(?:/|nam|-)?\s*(\d{4}))?"
)
"""Quarters listed or spanned under one year ("Quý II, III/2031", "Quý II - III/2031"): the first group is the
last of them."""
_QUARTER = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])(?:\b|(?=\d{4}))(?:\s*(?:/|nam|-)?\s*(\d{4}))?")
_SLASH_AS_SEVEN = re.compile(r"(?<![\d/])(\d{1,2})7(?:(\d{1,2})\s+)?((?:19|20)\d\d)(?![\d/])")
"""A slash read as "7" in a date with no other slash: "15712 2030", "172030" (after "Quý" or "Tháng")."""
_LOST_AND_SEVEN = re.compile(r"(?<![\d/])([0-3]\d)([01]\d)7((?:19|20)\d\d)(?![\d/])")
"""A date whose first slash was lost and second read "7": "151172031" for "15/11/2031"."""
_MONTH_YEAR_RUN = re.compile(r"(thang\s*)(\d{1,2})((?:19|20)\d\d)(?!\d)")
"""A month and its year run together where OCR lost the slash ("Tháng 102027")."""
_QUARTER_ONES = re.compile(r"(quy\s*[-.]?\s*)([1iljth]{1,3}|[1iljt]?[vxy])(?=[\s/]|\d{4}|$)")
"""A Roman quarter read with ones, or two ones run into an "H", or its "V" read "X" ("Quý I1/2025", "Quý 1112025",
"Quý 1V/2027", "Quý H/2032", "Quý JH/2031", "Quý IX/2030", "Quy-t/2030")."""
_AS_ROMAN = str.maketrans({"1": "i", "l": "i", "j": "i", "t": "i", "x": "v", "y": "v"})
_PERIOD_WORD = re.compile(r"\b(?:thang|quy)\b")
_EACH_PERIOD = re.compile(r"(?=" + _PERIOD_WORD.pattern + ")")
"""Where each month or quarter named in a cell begins: "Tháng 11 Tháng 12/2031" (a range that lost its dash),
"Tháng 3/2031 và Tháng 10/2031", "Quý II, Quý IV/2032": the deadline is the last one's end."""
_HALF = re.compile(r"6\s*thang\s*(dau|cuoi)")
_YEAR = re.compile(r"(?:nam\s*)?(\d{4})")
_YEAR_END = re.compile(r"cuoi nam|ca nam|trong nam")
_RANGE = re.compile(r"\s[-–—]|[-–—]\s|\bden\b|[–—]")
"""A range's separator: a dash next to a space ("Tháng 4 - 5", "Tháng 4- 5"), an en dash, or "đến"."""
_JUNK = re.compile(r"[“”\"'`´ˆ^~°¸|«»]+")
"""Marks OCR strews into cells ("Tháng 4- “Tháng 5/2026", "6 tháng ˆ đầu năm")."""
PLAUSIBLE_YEARS = 3
"""A deadline more than this many years from the plan's year is read as an OCR error."""
_LOOKALIKE_DIGITS = str.maketrans(
    {
        **dict.fromkeys("OoØøDdUuQq@", "0"),
        **dict.fromkeys("IilLtJ|!([]{}†", "1"),
        **dict.fromkeys("Zz", "2"),
        **dict.fromkeys("Ss$", "5"),
        **dict.fromkeys("Gb", "6"),
        "?": "7",
        **dict.fromkeys("aB&", "8"),
        **dict.fromkeys("gq", "9"),
    }
)
"""Letters and marks OCR reads for digits ("3O/O4", "t8 tháng L0", "0?" for "07")."""


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline: the date (or ``None``) and a warning when the text was a bad date."""

    date: date | None
    warning: str | None = None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date | None:
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1])


def _year4(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def repair_date_digits(text: str) -> str:
    """Read OCR damage inside dates: "3O/O4/2O25" → "30/04/2025", "3112/2024" → "31/12/2024".

    Only slash-separated groups whose every part holds a digit are touched, so
    "Quý III/2025" keeps its Roman numeral.
    """

    def fix(m: re.Match[str]) -> str:
        parts = m.group(0).split("/")
        if all(re.search(r"\d", p) for p in parts):
            return m.group(0).translate(_LOOKALIKE_DIGITS)
        return m.group(0)

    text = re.sub(r"[\dOoIl|]{1,4}(?:/[\dOoIl|]{1,4}){1,2}", fix, text)
    text = _SLASH_AS_SEVEN.sub(_slash_for_seven, text)
    text = _LOST_AND_SEVEN.sub(_lost_and_seven, text)
    # A lost slash: "3112/2024" → "31/12/2024", "31/122024" → "31/12/2024".
    text = re.sub(r"(?<![\d/])([0-3]\d)([01]\d)/(\d{4})(?![\d/])", r"\1/\2/\3", text)
    return re.sub(r"(?<![\d/])([0-3]?\d)/([01]\d)(\d{4})(?![\d/])", r"\1/\2/\3", text)


def _lost_and_seven(m: re.Match[str]) -> str:
    """A date whose first slash was lost and second read "7", where it makes one ("151172031")."""
    return _day_month_year(m.group(1), m.group(2), m.group(3)) or m.group(0)


def _day_month_year(day: str, month: str, year: str) -> str | None:
    """The date "day/month/year", where the day and month can be one."""
    return f"{day}/{month}/{year}" if 1 <= int(day) <= 31 and 1 <= int(month) <= 12 else None


def _roman_quarter(m: re.Match[str]) -> str:
    """The quarter a damaged Roman numeral names, where it names one ("h" is two ones run together)."""
    numeral = m.group(2).translate(_AS_ROMAN).replace("h", "ii")
    return m.group(1).rstrip("-. ") + " " + numeral + " " if numeral in _ROMAN else m.group(0)


def _slash_for_seven(m: re.Match[str]) -> str:
    """A slash a fax read as "7", put back where that makes a date ("15712 2030" → "15/12/2030")."""
    first, second, year = m.group(1), m.group(2), m.group(3)
    if second:  # day, "7", month, year
        return _day_month_year(first, second, year) or m.group(0)
    return f"{first}/{year}" if 1 <= int(first) <= 12 else m.group(0)


def _parse_point(text: str, year: int | None) -> Deadline | None:
    """Parse one deadline expression (not a range). ``None`` means nothing recognised."""
    if m := _MONTH_LIST.search(text):  # "Tháng 3, 9/2029", "T9-T10/2029": the last month named
        end = _month_end(int(m.group(3)), int(m.group(2)))
        return Deadline(end, None if end else f"impossible month {m.group(0)}")
    if len(found := _MY.findall(text)) > 1:  # "Tháng 12/2029, 01/2030"
        last = max(found, key=lambda my: (int(my[1]), int(my[0])))
        end = _month_end(int(last[1]), int(last[0]))
        return Deadline(end, None if end else f"impossible month {'/'.join(last)}")
    runs = _DMY_RUN.findall(text)
    if len(runs) > 1 and re.search(r"\d{4}\d{1,2}/", text):
        d, m, y = runs[0]
        parsed = _safe_date(int(y), int(m), int(d))
        if parsed is None:
            return Deadline(None, f"impossible date {d}/{m}/{y}")
        return Deadline(parsed)
    if m := _DMY.search(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), _year4(m.group(3))
        parsed = _safe_date(y, mo, d)
        return Deadline(parsed, None if parsed else f"impossible date {m.group(0).strip()}")
    if m := _WORDY_DATE.search(text):
        y = int(m.group(3)) if m.group(3) else year
        if y is None:
            return Deadline(None)
        parsed = _safe_date(y, int(m.group(2)), int(m.group(1)))
        return Deadline(parsed, None if parsed else f"impossible date {m.group(0)}")
    if m := _QUARTER_LIST.search(text) or _QUARTER.search(text):
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2)) if m.group(2) else year
        return Deadline(_month_end(y, q * 3) if y else None)
    if "quy " in text or text.startswith("quy"):
        return Deadline(None)  # a quarter OCR damaged beyond reading ("Quý I1/2026"): no guess
    if m := _HALF.search(text):
        y_m = _YEAR.search(text[m.end() :])
        y = int(y_m.group(1)) if y_m else year
        if y is None:
            return Deadline(None)
        return Deadline(date(y, 6, 30) if m.group(1) == "dau" else date(y, 12, 31))
    if m := _MONTH.search(text):
        y = int(m.group(2)) if m.group(2) else year
        mo = int(m.group(1))
        if y is None:
            return Deadline(None)
        end = _month_end(y, mo)
        return Deadline(end, None if end else f"impossible month {m.group(0)}")
    if m := _MY.search(text):
        end = _month_end(int(m.group(2)), int(m.group(1)))
        return Deadline(end, None if end else f"impossible month {m.group(0)}")
    if m := _DM.search(text):
        if year is None:
            return Deadline(None)
        parsed = _safe_date(year, int(m.group(2)), int(m.group(1)))
        return Deadline(parsed, None if parsed else f"impossible date {m.group(0)}")
    if _YEAR_END.search(text):
        return Deadline(date(year, 12, 31) if year else None)
    if m := _YEAR.search(text):
        return Deadline(date(int(m.group(1)), 12, 31))
    return None


def parse_deadline(text: str | None, year: int | None) -> Deadline:
    """Parse a deadline cell; ``year`` is the plan's year, used when the cell has none.

    >>> parse_deadline("Quý III/2025", None).date
    datetime.date(2025, 9, 30)
    >>> parse_deadline("Tháng 9/2024 - Tháng 5/2025", None).date
    datetime.date(2025, 5, 31)
    >>> parse_deadline("31/4/2025", 2025)
    Deadline(date=None, warning='impossible date 31/4/2025')
    """
    raw = clean(_JUNK.sub(" ", (text or "").replace("⁄", "/")))
    if not raw:
        return Deadline(None)
    folded = fold(repair_date_digits(raw))
    folded = _MONTH_YEAR_RUN.sub(r"\1\2/\3", folded)  # "Tháng 102027": the slash lost
    folded = _QUARTER_ONES.sub(_roman_quarter, folded)
    if _SCHOOL_TERM.search(folded) and _DATED.search(term_free := _SCHOOL_TERM.sub(" ", folded)):
        folded = term_free  # "Cuối năm học (tháng 5/2030)": the month is the deadline
    quarters = _QUARTER_LIST.search(folded)
    spans = quarters or _RANGE.search(folded) or _MONTH_LIST.search(folded)
    if _OPEN.search(folded) or (_FROM_ONLY.match(folded) and not spans):
        return Deadline(None)
    parts = [] if quarters else [p for p in _RANGE.split(folded) if p.strip()]
    periods = [p for p in _EACH_PERIOD.split(folded) if p.strip()]
    if len(parts) < 2 and len(periods) > 1 and all(_PERIOD_WORD.search(p) for p in periods):
        parts = periods
    # A range is due at its end, which may borrow the year of its start ("Tháng 9 - 12/2025").
    result = _parse_point(parts[-1], year) if len(parts) > 1 else None
    if result is None:
        result = _parse_point(folded, year)
    return Deadline(None) if result is None else _plausible(result, year)


def reads_as_deadline(text: str | None) -> bool:
    """True when a cell reads as a deadline.

    That is a date or period ("Quý II/2026", "Cả năm"), a recurring one, or a start ("Từ tháng 9/2032").
    """
    if not text or not text.strip():
        return False
    folded = fold(text)
    if _OPEN.search(folded):
        return True
    return parse_deadline(_FROM_ONLY.sub("", folded, count=1), DEADLINE_PROBE_YEAR).date is not None


def one_digit_apart(a: int, b: int) -> bool:
    """True for two four-digit years that differ in exactly one digit (2023, 2029)."""
    x, y = str(a), str(b)
    return len(x) == len(y) == 4 and sum(c != d for c, d in zip(x, y, strict=True)) == 1


def _plausible(result: Deadline, year: int | None) -> Deadline:
    """Mend a year OCR got wrong by one digit ("15/02/2926" in a 2026 plan → 2026)."""
    if result.date is None or year is None or abs(result.date.year - year) <= PLAUSIBLE_YEARS:
        return result
    for candidate in (year, year + 1, year - 1):
        if one_digit_apart(result.date.year, candidate):
            try:
                return Deadline(result.date.replace(year=candidate), result.warning)
            except ValueError:  # 29 February
                return result
    return result


_DATE_LINE = re.compile(
    r"^[\s:;,.'`]*(?P<place>[^,;:]{2,60}?)(?:\s*[,;.]\s*|\s+)(?:ng|n|h|[a-z]{2})?(?P<ay>[aou]y)[\s.,:;'`]+"
    r"(?P<d>[\doøduqil|†@]{1,2}|\.{2,}|…|\S{1,3}?(?=\s))?\s*"
    r"(?:th|t|h)?[aou]ng[\s.,:;'`\-–]+(?P<m>[\doøduqil|†@!{}]{1,2}|\.{2,}|…)?[\s.,:;\-–]*[nh]am[a-z]?[\s.,:;'`]+"
    r"[a-z]?(?P<y>\d{4,5}|\d{2})(?!\d)"
)
"""A date line, however damaged: "ngày" may lose or change its first letters ("hày", "rqày") or have its "à" read
as another vowel ("ngùy"), a day no digit can be read from ("\"T3") leaves the date unknown but the place and
year, and the year may hold a speck read as a digit ("23026") or a letter stuck to its front ("năm m2029")."""


@dataclass(frozen=True)
class DateLine:
    """The date line of a document header: "Quận 1, ngày 30 tháng 01 năm 2024"."""

    place: str | None
    date: date | None
    year: int


def mend_date_line(text: str) -> str:
    """The date of a date line written as the format has it, whatever OCR did to its words.

    A document's date line always reads "ngày DD tháng MM năm YYYY" (after the
    place), so damaged words and digits read as letters are put back, and a
    word run into the year is parted: "Quận 7; hày 27 háng OI năm 2025KT" →
    "Quận 7; ngày 27 tháng 01 năm 2025 KT". Text with no complete date line,
    or with an impossible date, is returned as it was.

    >>> mend_date_line("Quận 7; hày 27 háng OI năm 2025KT, HIỆU TRƯỞNG")
    'Quận 7; ngày 27 tháng 01 năm 2025 KT, HIỆU TRƯỞNG'
    """
    folded = fold(text)
    m = _DATE_LINE.search(folded) if len(folded) == len(text) else None
    if not m:
        return text
    year = _line_year(m)
    day, month, when = _day_month(m, year)
    if when is None:
        return text
    # The date starts at the word that ends in "ay" ("ngày", "hày"), after a space or a comma run into it.
    date_word = m.start("ay")
    start = max(folded.rfind(mark, m.start("place"), date_word) for mark in " ,;.") + 1
    mended = f"{' ' if text[start - 1] != ' ' else ''}ngày {day} tháng {month} năm {year}"
    after = text[m.end("y") :]
    if after[:1].isalpha():
        after = " " + after
    return text[:start] + mended + after


_CITED_DATE = re.compile(
    r"(?<!\w)(?P<ngay>ngay)[:;,.]?\s+(?P<d>\S{1,3}?)[:;,.]?\s+(?P<thang>thang)[:;,.]?\s+(?P<m>\S{1,2}?)[:;,.]?"
    r"\s+(?P<nam>nam)\s+(?P<y>\S{4})(?![\w/])"
)


_PARTED_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/1 ([0-2])(?=[.,;:)\]]|$)")
"""A day and a two-digit month OCR parted at a space, before a mark or the end ("(09/1 1)")."""


def mend_cited_dates(text: str) -> str:
    """Digits OCR read as letters or marks in the dates a text cites, where they make a date.

    Plans cite documents by date ("Quyết định số 2709/QĐ-UBND ngày 10 tháng 8
    năm 2022"); a day or month read as "t3", "0?", "G" or "1U" between the
    words of such a date is put back, the words are spelt right, and a mark
    stuck to them is dropped: "ngậy t8 tháng: L0 năm 2022" → "ngày 18 tháng 10
    năm 2022". A date that would not exist is left as it was. A month OCR
    parted at a space before a mark is put together ("(09/1 1)" → "(09/11)").

    >>> mend_cited_dates("Kế hoạch số 3815/KH-UBND ngày t8 tháng: L0 năm 2022 của")
    'Kế hoạch số 3815/KH-UBND ngày 18 tháng 10 năm 2022 của'
    """

    def mend(m: re.Match[str], _: str) -> str | None:
        found = _cited_date(*(text[m.start(k) : m.end(k)] for k in ("d", "m", "y")))
        if found is None:
            return None
        day, month, year = found
        return f"{'Ngày' if text[m.start()].isupper() else 'ngày'} {day} tháng {month} năm {year}"

    def join(m: re.Match[str]) -> str:
        return f"{m.group(1)}/1{m.group(2)}" if 1 <= int(m.group(1)) <= 31 else m.group(0)

    return _PARTED_MONTH.sub(join, _mend_matches(text, _CITED_DATE, mend))


def _mend_matches(text: str, pattern: re.Pattern[str], mend: Callable[[re.Match[str], str], str | None]) -> str:
    """``text`` with each match of ``pattern`` in its folded form replaced by what ``mend`` makes of it.

    ``mend`` gets the match and the folded text and returns the replacement, or
    None to leave the match as it is.
    """
    folded = fold(text)
    if len(folded) != len(text):
        return text
    out, last = [], 0
    for m in pattern.finditer(folded):
        mended = mend(m, folded)
        if mended is not None and mended != text[m.start() : m.end()]:
            out += [text[last : m.start()], mended]
            last = m.end()
    return "".join(out) + text[last:] if out else text


_FOUR_DIGITS = re.compile(r"(?<![\d/.,])\d{4}(?![\d/]|[.,]\d)")
_BEFORE_YEAR = re.compile(r"(?:(?<!\w)(?:nam|doan)|\d{4}\s*[-–])\s*$")
_AFTER_YEAR = re.compile(r"\s*[-–]\s*\d{4}")
YEARS_READ = range(1900, 2100)
"""Four digits in a year's place that read as a year stay as they are ("năm 1975", "năm 2045")."""
YEARS_CITED = range(1990, 2051)
"""The years plans cite and plan for: a misread year is put back only to one of these."""


def mend_years(text: str) -> str:
    """A year with one digit misread, where a year must stand: "giai đoạn 2921 - 2025" → "2021 - 2025".

    A year's place is after "năm" or "giai đoạn", or either end of a range of
    years. Four digits there that are no year are mended when changing one
    digit makes exactly one year plans cite.

    >>> mend_years("giai đoạn 2921 - 2025; năm 3024")
    'giai đoạn 2021 - 2025; năm 2024'
    """

    def mend(m: re.Match[str], folded: str) -> str | None:
        read = m.group()
        if int(read) in YEARS_READ:
            return None
        if not (_BEFORE_YEAR.search(folded, 0, m.start()) or _AFTER_YEAR.match(folded, m.end())):
            return None
        mended = _cited_year_misread(read)
        return None if mended is None else str(mended)

    return _mend_matches(text, _FOUR_DIGITS, mend)


def _cited_date(day: str, month: str, year: str) -> tuple[str, str, str] | None:
    """Day, month and year as digits when they make a date ("0?" is "07"; "27?" is "27" with a speck)."""
    day, month, year = (_bare(t) for t in (day, month, year))
    year = year.translate(_LOOKALIKE_DIGITS)
    if not re.fullmatch(r"(?:19|20)\d\d", year):
        return None
    for d in dict.fromkeys((day.translate(_LOOKALIKE_DIGITS), day.rstrip("?!.,:;").translate(_LOOKALIKE_DIGITS))):
        m = month.translate(_LOOKALIKE_DIGITS)
        if d.isdigit() and m.isdigit() and _safe_date(int(year), int(m), int(d)):
            return d, m, year
    return None


def _bare(token: str) -> str:
    """``token`` without the marks OCR put on a digit read as a letter ("ì", "ä")."""
    return "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))


def parse_date_line(line: str) -> DateLine | None:
    """Parse a header date line. Damaged OCR ("hày 27 háng OI năm 2025", "tháng 01.năm", "hăm 2037") is read too.

    >>> parse_date_line("Quận 1, ngày 30 tháng 01 năm 2024")
    DateLine(place='Quận 1', date=datetime.date(2024, 1, 30), year=2024)
    """
    text = clean(line) or ""
    folded = fold(text)
    m = _DATE_LINE.search(folded)
    if not m:
        return None
    place = clean(text[m.start("place") : m.end("place")])
    if place:
        place = place.strip(" ,;.")
    year = _line_year(m)
    if not place or not place[0].isupper() or year is None:
        return None
    return DateLine(place or None, _day_month(m, year)[2], year)


def _line_year(m: re.Match[str]) -> int | None:
    """A date line's year, or None when a misread one fits no single year.

    Four digits that are no year give the one year plans cite that changing one
    digit makes ("3027"); five, the one that leaving out a digit makes ("23026");
    two, the year of this century they end ("năm 29": OCR lost the "20").
    """
    read = m.group("y")
    if len(read) == 2:  # "năm 29": the century lost
        return 2000 + int(read) if 2000 + int(read) in YEARS_CITED else None
    if len(read) == 4:
        return int(read) if int(read) in YEARS_READ else _cited_year_misread(read)  # "năm 3027"
    fits = {int(read[:k] + read[k + 1 :]) for k in range(len(read))} & set(YEARS_CITED)
    return fits.pop() if len(fits) == 1 else None


def _cited_year_misread(read: str) -> int | None:
    """The one year plans cite that four digits become when one of them changes, else None."""
    fits = {int(read[:k] + d + read[k + 1 :]) for k in range(4) for d in "0123456789" if d != read[k]}
    fits &= set(YEARS_CITED)
    return fits.pop() if len(fits) == 1 else None


def _day_month(m: re.Match[str], year: int | None) -> tuple[str, str, date | None]:
    """A date line's day and month as digits (OCR's "OI" is "01"), and its date when both make one."""
    day, month = ((m.group(k) or "").translate(_LOOKALIKE_DIGITS) for k in ("d", "m"))
    ok = day.isdigit() and month.isdigit() and year is not None
    return day, month, _safe_date(year, int(month), int(day)) if ok else None
