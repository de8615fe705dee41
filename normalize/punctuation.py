"""Punctuation that specks and misreadings made, mended in the text before its words are decoded.

OCR reads specks as marks where Vietnamese punctuation cannot be ("hoạt . động",
"lý,,", "nhiệm,:"), parts document codes, acronyms, domains and ranges at their
marks ("303/KH- UBND", "@hcm.edu. vn", "2026- 2027"), reads the ellipsis of an
open list as specks ("tờ. .)") and a citation's semicolon as a full stop or a
colon. These rules need no language model; the ones that weigh words against
the corpus live in :mod:`normalize.repair`, which applies these first.
"""

from __future__ import annotations

import re

from normalize.text import fold

MAX_QUOTED_WORDS = 15
"""Words a quotation may hold for a straight mark to be taken for its curly partner's (see ``mend_punctuation``)."""
MAX_YEAR_SPAN = 10
"""Two years side by side this close, the later second, are a range that lost its dash ("2021 2030")."""
JUNK_MARKS = frozenset("_`'~^‹›¬|¡¿ˆ„‡†•¸˙")
"""Marks that stand alone only as specks: no plan writes them as a word."""
_LONE_SPECKS = frozenset(".,")
"""Marks that, standing alone between two words, are specks: no plan sets them off by spaces."""
_EDGE_SPECKS = "".join(sorted(JUNK_MARKS - {"'"}))
"""Marks that, stuck to either end of a word, are specks too (an apostrophe there may close a quotation)."""
_DOUBLED_MARK = re.compile(r"([,;:])\1+|(?<![.…])(\.)\.(?![.…])|([,;]):")
"""A comma, semicolon or colon twice over ("lý,,"), a full stop twice ("xuyên.."; not "..."), or a colon after a
comma or semicolon ("nhiệm,:"): one is a speck."""
_MARK_IN_ACRONYM = re.compile(r"(?<=[A-ZĐ][&-])[,;:.(/'’](?=[A-ZĐÐ])|(?<=[A-ZĐ])[,;:.(/'’](?=[&-][A-ZĐÐ])")
"""A mark inside an acronym, beside its "&" or dash ("GD&:ĐT", "GD&(ÐT", "GD&/ĐT"): a speck."""
_PARTED_DOMAIN = re.compile(r"(?<![\w.@])([\w-]*[@.][\w.@-]*\w)\. (edu|gov|com|net|org|vn)\b")
"""A mail or web domain OCR parted after a dot ("@hcm.edu. vn", "@hcm. edu. vn")."""
_DOMAIN_LOST_DOT = re.compile(r"(?<![\w.@])([\w.-]*@[\w-]+) ((?:edu|gov|com|net|org)\.vn)\b")
"""A mail domain whose dot OCR read as a space ("@hcm edu.vn")."""
_DAMAGED_ELLIPSIS = re.compile(r"(?<=\w)(?!\.\.\.\))(?:[.,:]+ ?[.,:`*]*|\s[.,:`*]+)(?=\))")
"""The ellipsis of an open list in brackets, read as specks ("tờ. .)", "tập, ,)", "cường `)")."""
_CITATION_STOP = re.compile(r"(?<!\S)(\(?\d+(?:/[^\s/.:]+)+)([.:])(?=\s+([^\W\d_]+))")
"""A document code or date, a full stop or colon, and the word after it."""
_CITATION_GOES_ON = frozenset({"ngày", "của", "về", "do", "và", "năm", "tháng"})
"""Words that go on with a citation: a mark before them is a speck."""
_BRACES = str.maketrans("{}", "()")
_SLASH_LOOKALIKES = str.maketrans({"⁄": "/", "∕": "/"})
"""The fraction and division slashes OCR reads for "/" ("85⁄2023/NĐ-CP", "lần⁄học"): no plan prints them."""
"""Braces, which no plan writes: OCR reads them for round brackets ("{quý, 6 tháng", "sinh}")."""
_ZERO_LOOKALIKE = re.compile(r"(?<=\d)[ØO](?=\d)|\b[ØO](?=\d)|(?<=\d)Ø\b")
"""A slashed or round O among digits: a zero ("Ø1 nhân viên", "2Ø25")."""
_STOP_BEFORE_BRACKET = re.compile(r"(?<=\w)(\w)\. \((\w)")
"""A full stop between a small word and a bracket that opens on a small word ("định kỳ. (quý, 6 tháng")."""
_STOP_AFTER_MARK = re.compile(r"(?<=\w)(?:([,;:])\.(?=\w|$)|(%)\.(?=\w))")
"""A full stop read after a comma, semicolon or colon ("2026;.quy", "họp,."), or glued between a percentage
and the next word ("90%.CB-GV-NV"): a speck."""
_LOPSIDED_RANGE = re.compile(r"(\d+)(?:- | -)(\d+)")
"""A dash between two numbers with a space on one side only: no one types a range so."""
_YEARS_WITHOUT_DASH = re.compile(r"(?<![\d/.,-])((?:19|20)\d\d) ((?:19|20)\d\d)(?![\d/.,%-])")
"""Two years side by side ("năm học 2033 2034"): a range whose dash OCR lost."""
_NUMBER_WORD = re.compile(
    r"(\b(?:[Kk]ế hoạch|[Qq]uyết định|[Nn]ghị định|[Nn]ghị quyết|[Tt]hông tư|[Cc]ông văn|[Cc]hỉ thị|"
    r"[Hh]ướng dẫn|[Tt]hông báo|[Cc]hương trình|[Ll]uật)\s+)([^\W\d_]{1,3})(\s*\d{1,5}/)"
)
"""A kind of document, a short word, and the start of a number with its slash."""
_PARTED_NUMBER = re.compile(r"(?<=\bsố )(\d) (\d{1,4}/(?:\d{4}/)?[A-ZĐ])")
"""A document's number parted after its first digit: "số 1 15/2020/NĐ-CP"."""
_CODE_HEAD = re.compile(r"^\(?\d+(?:/\d+)*/[A-ZĐ]+-?$")
_CODE_TAIL = re.compile(r"^-?[A-ZĐ]{2,}[a-z]?(?!\w)")
"""A document code's head and issuer, parted at the dash between them ("303/KH- UBND", "06/QĐ- -TTg")."""
_CODE_NUMBER = re.compile(r"^\(?\d{1,5}/\d{4}/$")
_CODE_KIND = re.compile(r"^[A-ZĐ]{2,}-[A-ZĐ]{2,}[a-z]?(?!\w)")
"""A document code parted after the slash before its kind ("09/2024/ TT-BGDĐT")."""
DASHES = frozenset({"-", "–", "—"})
"""Dashes as printed or read: hyphen, en dash, em dash."""


def mend_ellipsis(text: str) -> str:
    """Give back the "…" that closes an open list in brackets, read as specks ("(giấy tờ. .)" → "(giấy tờ…)").

    Only inside a bracket opened before it, and only where the specks are
    plainly no typed mark: two or more, or one apart from the word. A typed
    "...)" or ".)" stays.
    """

    def mend(m: re.Match[str]) -> str:
        marks = m.group()
        opened = text.rfind("(", 0, m.start()) > text.rfind(")", 0, m.start())
        return "…" if opened and (len(marks) >= 2 or " " in marks) else marks

    return _DAMAGED_ELLIPSIS.sub(mend, text)


def mend_citation_stop(text: str, *, coarse: bool = False) -> str:
    """A full stop, or on a coarse scan a colon, read after a citation and before a small word.

    No sentence ends there, and no plan writes a colon after a document code or
    date: the mark was a semicolon ("48/2023/NĐ-CP. kết hợp", "85/2023/NĐ-CP:
    thực hiện" → "…/NĐ-CP; …"), or a speck where the word after it goes on with
    the citation ("ngày 09/6/2025. của Chính phủ" → "09/6/2025 của").
    """

    def mended(m: re.Match[str]) -> str:
        if not m.group(3)[0].islower() or (m.group(2) == ":" and not coarse):
            return m.group(0)
        return m.group(1) + ("" if m.group(3) in _CITATION_GOES_ON else ";")

    return _CITATION_STOP.sub(mended, text)


def mend_punctuation(text: str, *, whole: bool = True) -> tuple[str, list[tuple[str, str]]]:
    """Drop punctuation that specks made, where Vietnamese punctuation cannot be.

    (A full stop before a lower-case word is mended with the words around it:
    see :meth:`Repairer._mid_sentence_stop`.)

    - A comma, semicolon or colon doubled ("lý,,"), a colon after a comma ("nhiệm,:"), or a mark followed
      by a speck read as a full stop ("2026;.quy" → "2026; quy", "90%.CB-GV-NV" → "90% CB-GV-NV").
    - In a document code, the Icelandic "Ð" OCR reads for "Đ", or beside it ("06/QĐÐ-TTg").
    - A mark no text uses, standing alone ("_", "`", "‹") or stuck to a word ("CCHC›").
    - A full stop or comma standing alone between two words ("hoạt . động"), or between a small word and a
      bracket that opens on one ("định kỳ. (quý, 6 tháng").
    - A document code broken at its dash ("303/KH- UBND", "20/2023/TT -BGDĐT", "06/QĐ- -TTg") or after the
      slash before its kind ("09/2024/ TT-BGDĐT").
    - A range of numbers that lost the space on one side of its dash ("2026- 2027" → "2026 - 2027"), or
      two years side by side that lost their dash ("năm học 2033 2034").
    - A mail or web domain parted after a dot ("@hcm.edu. vn") or at a dot read as a space ("@hcm edu.vn"), or a
      zero read as "Ø" ("Ø1").
    - Braces, which OCR reads for round brackets, and a fraction slash for "/" ("85⁄2023/NĐ-CP"); a lone full
      stop or comma after a mark ("vi phạm. .").
    - In a whole text, a lone quotation mark stuck to a word ("“Triển khai ...").
    """
    changes: list[tuple[str, str]] = []
    for m in _LOPSIDED_RANGE.finditer(text):
        changes.append((m.group(0), f"{m.group(1)} - {m.group(2)}"))
    text = _LOPSIDED_RANGE.sub(r"\1 - \2", text)

    def year_range(m: re.Match[str]) -> str:
        if not 0 < int(m.group(2)) - int(m.group(1)) <= MAX_YEAR_SPAN:
            return m.group(0)
        changes.append((m.group(0), f"{m.group(1)} - {m.group(2)}"))
        return f"{m.group(1)} - {m.group(2)}"

    text = _YEARS_WITHOUT_DASH.sub(year_range, text)

    def stop_before_bracket(m: re.Match[str]) -> str:
        if not (m.group(1).islower() and m.group(2).islower()):
            return m.group(0)
        changes.append((m.group(0), f"{m.group(1)} ({m.group(2)}"))
        return f"{m.group(1)} ({m.group(2)}"

    text = _STOP_BEFORE_BRACKET.sub(stop_before_bracket, text)

    def domain(m: re.Match[str]) -> str:
        changes.append((m.group(0), f"{m.group(1)}.{m.group(2)}"))
        return f"{m.group(1)}.{m.group(2)}"

    text = _DOMAIN_LOST_DOT.sub(domain, text)
    while m := _PARTED_DOMAIN.search(text):
        changes.append((m.group(0), f"{m.group(1)}.{m.group(2)}"))
        text = text[: m.start()] + f"{m.group(1)}.{m.group(2)}" + text[m.end() :]
    pieces = re.split(r"(\s+)", text)
    words = [i for i, p in enumerate(pieces) if p and not p.isspace()]
    for n, i in enumerate(words):
        following = pieces[words[n + 1]] if n + 1 < len(words) else ""
        lone_stop = pieces[i] in _LONE_SPECKS and n > 0 and following[:1].isalpha() and following[:1].islower()
        lone_stop = lone_stop or pieces[i] in _LONE_SPECKS and n > 0 and pieces[words[n - 1]][-1:] in ".,;:"
        if lone_stop or pieces[i] and all(c in JUNK_MARKS for c in pieces[i]):
            changes.append((pieces[i], ""))
            pieces[i] = ""
            if i > 0 and "\n" not in pieces[i - 1]:
                pieces[i - 1] = ""  # with the space before it
            elif i + 1 < len(pieces):
                pieces[i + 1] = ""
        elif pieces[i].strip(_EDGE_SPECKS) != pieces[i] and any(c.isalnum() for c in pieces[i]):
            kept = pieces[i].strip(_EDGE_SPECKS)  # a mark no text uses, stuck to a word: "CCHC›"
            changes.append((pieces[i], kept))
            pieces[i] = kept
        elif n + 1 < len(words) and (joined := _joined_code(pieces[i], following)):
            changes.append((f"{pieces[i]} {following}", joined))
            pieces[i] = joined
            for k in range(i + 1, words[n + 1] + 1):
                pieces[k] = ""
    words = [i for i, p in enumerate(pieces) if p and not p.isspace()]
    for i in words:
        mended = _DOUBLED_MARK.sub(lambda m: m.group(1) or m.group(2) or m.group(3), pieces[i])
        if not pieces[i].startswith("{") or not pieces[i][1:2].isdigit():  # "{51/2017" is no bracket
            mended = mended.translate(_BRACES)
        mended = _ZERO_LOOKALIKE.sub("0", mended.translate(_SLASH_LOOKALIKES))
        mended = _MARK_IN_ACRONYM.sub("", mended)
        mended = _STOP_AFTER_MARK.sub(lambda m: (m.group(1) or m.group(2)) + " ", mended).rstrip()
        if "/" in mended or "&" in mended:
            mended = mended.replace("ĐÐ", "Đ").replace("ÐĐ", "Đ").replace("Ð", "Đ")  # "06/QĐÐ-TTg"
        if mended != pieces[i]:
            changes.append((pieces[i], mended))
            pieces[i] = mended
    if whole:
        _pair_straight_quote(pieces, words, changes)
        text = "".join(pieces)
        for marks in (("“", "”"), ('"',), ("'",)):
            if sum(text.count(m) for m in marks) != 1:
                continue
            for i in words:
                word = pieces[i]
                bare = word.strip("".join(marks))
                if bare != word and bare and bare[0].isalnum() and (word[0] in marks or word[-1] in marks):
                    pieces[i] = bare if word[0] in marks else word.rstrip("".join(marks))
                    changes.append((word, pieces[i]))
                    break
    return "".join(pieces), changes


def _pair_straight_quote(pieces: list[str], words: list[int], changes: list[tuple[str, str]]) -> None:
    """A curly quotation mark's partner read as a straight one becomes curly ("“Ngày Pháp luật … Việt Nam"").

    Only where the text holds one curly mark, its partner missing, and one
    straight mark on the partner's side of a word after it (or before it),
    at most ``MAX_QUOTED_WORDS`` words away, and not on the text's first word
    (a speck there is likelier than a quotation that opens a cell).
    """
    text = "".join(pieces)
    if text.count('"') != 1 or text.count("“") + text.count("”") != 1:
        return
    opening = "“" in text
    curly = next(n for n, i in enumerate(words) if "“" in pieces[i] or "”" in pieces[i])
    for n, i in enumerate(words):
        word = pieces[i]
        at = word.find('"')
        if at < 0:
            continue
        closes = at > 0 and word[at - 1].isalnum()
        opens = at + 1 < len(word) and word[at + 1].isalnum() and not closes
        near = 0 < n and abs(n - curly) < MAX_QUOTED_WORDS
        if near and ((opening and closes and curly < n) or (not opening and opens and n < curly)):
            pieces[i] = word[:at] + ("”" if opening else "“") + word[at + 1 :]
            changes.append((word, pieces[i]))
        return


def _joined_code(head: str, tail: str) -> str | None:
    """A document code OCR parted at a space, put together.

    At its dash ("303/KH- UBND", "06/QĐ- -TTg") or after the slash before its kind ("09/2024/ TT-BGDĐT").
    """
    if _CODE_HEAD.match(head) and _CODE_TAIL.match(tail) and "-" in (head[-1], tail[0]):
        return f"{head.rstrip('-')}-{tail.lstrip('-')}"
    if _CODE_NUMBER.match(head) and _CODE_KIND.match(tail):
        return head + tail
    return None


def dash_beside(pieces: list[str], i: int, step: int) -> bool:
    """True when the word at ``pieces[i]`` has a dash on its far side (``step`` -1: before it, 1: after it)."""
    word = pieces[i]
    if (word[:1] if step < 0 else word[-1:]) in DASHES:
        return True
    k = i + step
    while 0 <= k < len(pieces) and (not pieces[k] or pieces[k].isspace()):
        k += step
    return 0 <= k < len(pieces) and pieces[k] in DASHES


def mend_number_word(text: str) -> str:
    """The word "số" between a kind of document and its number, however OCR read it.

    A plan cites "Kế hoạch số 148/KH-UBND", "Nghị định số 30/2020/NĐ-CP":
    a short word there that starts with "s" is that "số" ("Kế hoạch sẽ 148/KH-UBND",
    "Quyết định SỐ 60/2021", "Thông tư Số 32/2020"). A number OCR parted
    after its first digit is put together ("số 1 15/2020/NĐ-CP").
    """

    def mend(m: re.Match[str]) -> str:
        word = m.group(2)
        if word == "số" or not fold(word).startswith("s"):
            return m.group(0)
        return m.group(1) + "số" + ("" if m.group(3)[:1].isspace() else " ") + m.group(3)

    return _PARTED_NUMBER.sub(r"\1\2", _NUMBER_WORD.sub(mend, text))
