"""The canonical task catalogue, and linking each task to an entry and a reform area.

The catalogue is a CSV (UTF-8 with BOM, editable in Excel): ``code, area, text,
aliases, years``. A task is compared with every entry's text and aliases with
rapidfuzz over accent-folded, stop-word-trimmed text, abbreviations written out.
Its area is its topic: the area its key phrases, a confident link and the
section heading (a weak prior) vote for, where longer phrases weigh more ("quy
chế chi tiêu nội bộ" is public finance, not institutions), as do phrases in the
task's first words and less those of its product and of the channel it is
carried on ("trên Cổng thông tin điện tử"). Objective rows
(under a "MỤC TIÊU" heading) are ``muc_tieu``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from normalize.leads import ABBREVIATIONS, lead_units
from normalize.text import clean, fold, fold_key, nfc
from schema.records import Catalogue, Plan, Task
from schema.records import CatalogueEntry as Entry

AREAS = (
    "chi_dao_dieu_hanh",
    "the_che",
    "tthc",
    "to_chuc_bo_may",
    "cong_vu",
    "tai_chinh_cong",
    "chinh_quyen_so",
    "muc_tieu",
    "khac",
)
COLUMNS = ("code", "area", "text", "aliases", "years")
AUTO_LINK = 0.75
"""A link scoring this much (0–1) is made automatically."""
REVIEW_LINK = 0.60
"""Between this and :data:`AUTO_LINK`, the best entry is proposed for review."""
HEAD_WORDS = 10
HEAD_WEIGHT = 2
"""Key phrases within a task's first ``HEAD_WORDS`` words weigh this many times more: the topic comes first."""
OPENING_WORDS = 3
OPENING_WEIGHT = 3
"""Key phrases within a task's first ``OPENING_WORDS`` words, its verb, weigh this many times more."""
PRODUCT_WEIGHT = 0.5
"""Weight of the key phrases of a task's product, against those of its text."""
SECTION_PRIOR = 1.5
"""Weight of the section heading's area, against key phrases weighing their length in words."""
LINK_WEIGHT = 4
"""Weight of the best catalogue entry's area, times its score (from ``REVIEW_LINK`` up)."""
CHANNEL_LINK = 0.5
"""Share of ``LINK_WEIGHT`` an entry keeps when its area's words stand only in the task's channel."""

CHANNEL_WORDS = frozenset(("trên", "qua"))
"""Words that open a channel ("trên Cổng thông tin điện tử", "qua nhóm Zalo"). A yardstick ("còn thiếu so với Đề
án vị trí việc làm") and what data are kept ("dữ liệu trẻ, viên chức, cơ sở vật chất") are weighed as one: like a
channel, they are not what the task does."""
_OBJECTIVE = re.compile(r"\s*(?:phấn đấu|chỉ tiêu\s*:)")
"""A task that opens with "Phấn đấu" (strive for) or "Chỉ tiêu:" (target) states an objective, whatever section
it sits in."""
_ASSIGNED = re.compile(
    r"\b(?:nhiệm vụ|công việc)\b[^;.]{0,60}?\b(?:khác|đột xuất|phát sinh)\s+(?:do|được)\b"
    r"[^;.]{0,80}?\b(?:giao|phân công)\b"
)
"""Tasks assigned from above ("các nhiệm vụ cải cách hành chính khác do Ủy ban nhân dân xã giao") are
``khac`` whatever reform they name: they name none of their own."""
_SKILLS_TRAINING = re.compile(r"\s*(?:tổ chức\s+)?(?:bồi dưỡng|tập huấn|đào tạo)\s+(?:kỹ năng|năng lực)\b")
"""Training staff in a skill ("Bồi dưỡng kỹ năng số cho giáo viên") is civil service by its verb and another area by
its subject. The school's own filing tells which it means: under the civil-service section it is the staff's
training, under the digital-government section the rollout of the skill's tools."""
_SENT_ON_COURSE = re.compile(
    r"\s*(?:cử|tổ chức cho (?:cán bộ|giáo viên|nhân viên|viên chức|cb|gv|nv|cbgvnv|cb-gv-nv)\b)"
    r"[^;]*?\b(?:tập huấn|bồi dưỡng|đào tạo|lớp học|khóa học)\b"
)
"""Sending staff on a course ("Cử cô văn thư … đi tập huấn CCHC, chuyển đổi số", "Tổ chức cho giáo viên tham gia bồi
dưỡng …") is their training, whatever the course teaches."""
_DELEGATION = re.compile(r"^[^;]*?(?<!được )(?<!phiếu )(?<!giấy )\bủy quyền\b")
"""Delegating ("Phân công, ủy quyền cho Phó Hiệu trưởng ký văn bản, quản lý tài chính …") is organisation, whatever is
delegated; a person who is authorised ("người đưa đón được ủy quyền") or a letter of authority ("giấy ủy quyền") is
not a delegation."""
FORM_PHRASES = frozenset((" kiem tra ", " bao cao ", " tuyen truyen "))
"""Verbs that name what is done, not its topic: "Kiểm tra công tác tài chính" is finance, "Kiểm tra việc thực hiện
Kế hoạch" is direction. When the first clause names another area's topic, they weigh as a plain mention."""
LATER_CLAUSE = 0.5
"""How much a key phrase weighs after a task's first ";": a later clause adds to the topic the first one states."""
CHANNEL_WEIGHT = 0.25
"""How much a key phrase weighs in a channel: "Tuyên truyền … trên Cổng thông tin điện tử" is communication."""
_CLAUSE_BREAK = re.compile(r"[;.:()]")
_NON_WORD = re.compile(r"[^\w%]+")
_BASIS = re.compile(r"\s*(?:căn cứ|theo(?! dõi))\b[^,;.:]*,", re.IGNORECASE)
"""A task that opens with its legal basis ("Căn cứ Kế hoạch số 45/KH-UBND về CCHC, tổ chức …", "Theo hướng dẫn của
Sở, …") states its topic after the first comma; the basis is linked and counted without it."""
_ASIDE = re.compile(r"\((?:[^()\s]+\s+){3,}[^()\s]+\)")
"""A bracketed aside of four words or more ("(phụ trách chuyên môn; cơ sở vật chất)") gives examples;
a task is linked and its key phrases counted without it. A short one is a name ("(PAR Index)")."""

STOP_WORDS = frozenset("cac cua va ve trong tai theo cho voi nhung mot duoc tren den nay do da se la nham".split())
"""Function words dropped before matching (one syllable each; folding merges "tự", "từ", "tử", so they stay)."""
STOP_PHRASES = ("thuc hien", "trien khai", "to chuc", "tiep tuc", "dam bao", "don vi", "nha truong")
"""Verbs and nouns every task uses, dropped before matching."""

_KEY_PHRASES: dict[str, tuple[str, ...]] = {
    "chi_dao_dieu_hanh": (
        "ke hoach cai cach hanh chinh", "ke hoach cchc", "cong tac cai cach hanh chinh", "cong tac cchc",
        "bao cao", "tuyen truyen", "truyen thong", "kiem tra", "chi so cai cach hanh chinh", "chi so cchc",
        "par index", "sang kien", "khen thuong", "bieu duong", "hoi thi tim hieu", "ban chi dao", "chi dao",
        "so ket", "tong ket", "cai cach hanh chinh", "cchc", "phu trach cchc", "phu trach cai cach hanh chinh",
        "thi dua", "dang tin",
    ),
    "the_che": (
        "the che", "phap luat", "van ban quy pham", "quy pham phap luat", "quy che lam viec",
        "quy che dan chu", "quy che phoi hop", "quy che", "noi quy", "ra soat van ban", "pho bien giao duc phap luat",
        "ban hanh quy dinh", "xay dung quy dinh", "pho bien", "ban hanh bo quy tac ung xu", "ban hanh quy tac ung xu",
        "xay dung noi quy", "cap nhat noi quy", "bo sung noi quy",
        "van ban noi bo", "bai bo", "con hieu luc", "het hieu luc", "tuyen truyen phap luat", "giao duc phap luat",
        "quy dinh noi bo", "quy trinh noi bo", "quy che noi bo", "tu sach phap luat",
    ),
    "tthc": (
        "thu tuc hanh chinh", "tthc", "hai long", "khao sat", "phan anh", "kien nghi", "doi thoai",
        "mot cua", "niem yet", "giai quyet ho so", "131/nq-cp", "131 nq cp", "van bang", "chung chi",
        "ban sao", "quy trinh", "tuyen sinh", "chuyen truong", "gop y", "duong day nong", "tiep nhan",
        "don gian hoa", "thuc hien thu tuc", "giay xac nhan", "phuc vu hanh chinh cong", "xac nhan ho so",
    ),
    "to_chuc_bo_may": (
        "to chuc bo may", "bo may", "bien che", "tinh gian", "vi tri viec lam", "phan cap",
        "phan cong nhiem vu", "co cau", "sap xep", "chuc nang nhiem vu", "to chuyen mon", "phong chuyen mon",
        "hang chuc danh", "thanh lap", "uy quyen", "so luong nguoi lam viec", "kien toan hoi dong",
        "so luong giao vien", "so luong nhan vien", "so luong vien chuc", "so luong can bo", "so luong cbgvnv",
        "doi du", "bo tri nhan su", "uy quyen cho",
    ),
    "cong_vu": (
        "tuyen dung", "dao tao", "boi duong", "xep loai", "ky luat", "ky cuong", "quy tac ung xu",
        "van hoa cong vu", "cong vu", "bo nhiem", "luan chuyen", "nang dong sang tao", "nang cao nang luc",
        "trinh do", "ngoai ngu", "can bo cong chuc vien chuc", "dao duc nha giao", "gio giac", "chap hanh",
        "chuan nghe nghiep", "boi duong thuong xuyen", "nang chuan", "tuyen chon", "nang bac luong",
        "nang luong", "thang hang", "ke khai tai san", "so sach chuyen mon",
        "hoat dong su pham", "du gio", "ky cam ket", "bạo hành", "cử", "tham du cac lop", "tham gia cac lop",
        "tap huan", "tap huan nghiep vu", "boi duong nghiep vu", "tuyen dung giao vien", "tuyen dung nhan vien",
        "tuyen dung vien chuc", "xet tuyen vien chuc", "xet tuyen vc", "xet tuyen giao vien", "xet tuyen nhan vien",
        "thang hang chuc danh", "thai do", "niem no", "tac phong",
        "chuyen doi vi tri cong tac",
    ),
    "tai_chinh_cong": (
        "tai chinh", "tu chu", "chi tieu noi bo", "quy che chi tieu noi bo", "tai san cong",
        "khong dung tien mat", "hoc phi", "thanh toan", "ngan sach", "du toan", "quyet toan", "kinh phi",
        "hoa don", "co so vat chat", "tru so", "cac khoan thu", "thu chi", "kiem ke", "chuyen khoan",
        "ngan hang", "thiet bi", "tiet kiem", "lang phi", "bien lai", "khoan thu", "tra luong", "chi luong",
        "qua tai khoan", "nguon thu", "hop dong dao tao", "lien ket dao tao",
        "tai tro", "nguon tai tro", "khoan tai tro", "xa hoi hoa", "thu nhap tang them", "trich lap",
        "quyen su dung dat", "nha dat", "thi cong", "cong trinh xay dung", "dau tu xay dung", "sua chua",
        "chi tra", "them gio",
    ),
    "chinh_quyen_so": (
        "chuyen doi so", "chinh quyen dien tu", "chinh quyen so", "dien tu", "chu ky so", "truc tuyen",
        "so hoa", "nen tang", "ung dung", "phan mem", "co so du lieu", "du lieu", "thu dien tu",
        "trang web", "website", "cong thong tin", "trang thong tin", "cong nghe thong tin", "zoom",
        "google meet", "hop truc tuyen", "dich vu cong truc tuyen", "ky so", "ky nang so", "hoc ba dien tu",
        "so diem dien tu", "day hoc truc tuyen", "mang xa hoi", "hoc lieu so", "hoc tap truc tuyen",
        "quan ly van ban", "van ban di", "van ban den", "xu ly van ban", "phat hanh van ban", "dang so",
        "hoc ba so", "chung thu so", "cap nhat du lieu", "su dung phan mem", "du lieu hoc sinh", "csdl",
        "an toan thong tin", "hop thu cong vu", "thu cong vu", "hop thu dien tu", "van ban di den",
        "luan chuyen van ban", "mang noi bo", "tro ly ao", "tri tue nhan tao", "van phong dien tu",
    ),
    "khac": (
        "duoc phan cong", "nhiệm vụ khác", "phat sinh", "cap tren giao", "phong chay chua chay",
        "an ninh trat tu", "phong chong tham nhung", "tham nhung", "truong hoc xanh", "xanh sach dep",
        "canh quan", "khac do", "dot xuat do", "kham suc khoe", "tram y te", "y te truong hoc",
        "an toan thuc pham", "ve sinh thuc pham", "kiem thuc", "mau thuc an", "phong chong dich",
        "kiem dinh chat luong", "danh gia ngoai", "huong nghiep", "an toan giao thong",
        "sach giao khoa", "boi duong hoc sinh", "hoc sinh gioi", "chat luong giang day", "chat luong day hoc",
        "pho cap", "bỏ học", "ra lop", "pcgd", "xoa mu chu", "xmc", "chat luong giao duc", "lop hoc cong dong",
        "hoc tap cong dong",
    ),
}  # fmt: skip
"""Key phrases of each area, folded. A match weighs the phrase's length in words. A phrase written with
its marks must be printed with them: "nhiệm vụ khác" (other tasks) is not "nhiệm vụ khắc phục" (remedial tasks)."""

_PHRASES = tuple(
    (area, f" {fold(phrase)} ", f" {nfc(phrase)} " if fold(phrase) != phrase else None, len(phrase.split()))
    for area, phrases in _KEY_PHRASES.items()
    for phrase in phrases
)
"""Each key phrase as (area, folded key, the phrase as printed when it has marks, its length in words)."""

_SECTION_AREAS: tuple[tuple[str, str], ...] = (
    ("muc tieu", "muc_tieu"),
    ("thu tuc hanh chinh", "tthc"),
    ("tthc", "tthc"),
    ("the che", "the_che"),
    ("to chuc bo may", "to_chuc_bo_may"),
    ("che do cong vu", "cong_vu"),
    ("cong vu", "cong_vu"),
    ("chinh quyen dien tu", "chinh_quyen_so"),
    ("chinh quyen so", "chinh_quyen_so"),
    ("chuyen doi so", "chinh_quyen_so"),
    ("chi dao", "chi_dao_dieu_hanh"),
    ("tai san cong", "tai_chinh_cong"),
    ("tai chinh", "tai_chinh_cong"),
    ("tuyen truyen", "chi_dao_dieu_hanh"),
    ("kiem tra", "chi_dao_dieu_hanh"),
    ("thi dua", "chi_dao_dieu_hanh"),
    ("phan cong", "khac"),
    ("nhiem vu khac", "khac"),
    ("viec khac", "khac"),
    ("nhiem vu do", "khac"),
    ("phat sinh", "khac"),
)


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the row and the problem."""


@dataclass(frozen=True)
class LinkResult:
    """How a task links to the catalogue."""

    code: str | None
    score: float
    area: str
    status: str


def _years(value: str, row: int) -> tuple[int, int] | None:
    value = value.strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", value)
    if not m:
        raise CatalogueError(f"row {row}: years {value!r} is not like 2024 or 2024-2026")
    first = int(m.group(1))
    last = int(m.group(2) or first)
    if last < first:
        raise CatalogueError(f"row {row}: years {value!r} end before they start")
    return first, last


def parse_catalogue(text: str) -> Catalogue:
    """Read a catalogue CSV (as text); raise :class:`CatalogueError` with the row at fault."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames][:5] != list(COLUMNS):
        raise CatalogueError(f"the header must be {','.join(COLUMNS)}")
    entries: list[Entry] = []
    seen: set[str] = set()
    for row_no, row in enumerate(reader, start=2):
        code = clean(row.get("code")) or ""
        area = clean(row.get("area")) or ""
        body = clean(row.get("text")) or ""
        if not code or not body:
            raise CatalogueError(f"row {row_no}: code and text are required")
        if area not in AREAS:
            raise CatalogueError(f"row {row_no}: area {area!r} is not one of {', '.join(AREAS)}")
        if code in seen:
            raise CatalogueError(f"row {row_no}: code {code} appears twice")
        seen.add(code)
        aliases = tuple(a for a in (clean(x) for x in (row.get("aliases") or "").split("|")) if a)
        entries.append(Entry(code, area, body, aliases, _years(row.get("years") or "", row_no)))
    if not entries:
        raise CatalogueError("the catalogue has no entries")
    return Catalogue(tuple(entries))


def catalogue_to_csv(catalogue: Catalogue) -> str:
    """The catalogue as CSV text (write it with a BOM for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in catalogue.entries:
        years = (
            "" if e.years is None else (str(e.years[0]) if e.years[0] == e.years[1] else f"{e.years[0]}-{e.years[1]}")
        )
        writer.writerow([e.code, e.area, e.text, "|".join(e.aliases), years])
    return out.getvalue()


_MATCH_ABBREVIATIONS = {
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    **{short: long for short, long in ABBREVIATIONS.items() if len(short) >= 3},
}
"""Abbreviations written out before matching: one plan writes "Chỉ số CCHC", the catalogue "Chỉ số cải cách hành chính".
Two-letter ones ("HT", "TT") are too ambiguous."""
_ABBREVIATION = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _MATCH_ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w-])"
)
_DOCUMENT_CODE = re.compile(r"\d+(?:/\d+)*/[^\W\d_]+(?:-[^\W\d_]+)*")
"""A document's number and code ("29/2023/NĐ-CP", "131/NQ-CP"): one word for matching, number and all."""


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Accent-folded, stop-word-trimmed text for matching (memoised: entries are matched again and again).

    Abbreviations are written out ("CCHC", "CMHS"). Numbers alone are dropped
    ("năm 2025"); a document code is kept whole, so a
    citation matches only the same document ("Nghị định số 29/2023/NĐ-CP" is
    not "Nghị định số 48/2023/NĐ-CP").
    """
    text = _DOCUMENT_CODE.sub(lambda m: re.sub(r"\W+", "", m.group()), text)
    text = _ABBREVIATION.sub(lambda m: _MATCH_ABBREVIATIONS[m.group(1)], text)
    folded = f" {fold_key(text)} "
    for phrase in STOP_PHRASES:
        folded = folded.replace(f" {phrase} ", " ")
    return " ".join(w for w in folded.split() if w not in STOP_WORDS and not w.isdigit())


def section_areas(section: str | None) -> tuple[str, ...]:
    """The areas a section heading names, in order.

    None, one, or two where a plan joins sections ("Tổ chức bộ máy và công vụ").
    """
    if not section:
        return ()
    folded = fold_key(section)
    return tuple(dict.fromkeys(area for phrase, area in _SECTION_AREAS if phrase in folded))


def _channel_words(text: str) -> list[tuple[str, bool]]:
    """The folded words of ``text``, each with whether it names a channel ("trên Cổng thông tin điện tử").

    A channel runs from "trên" or "qua" to the end of its clause; a comma does not
    end it, since channels come in lists ("trên bảng tin, trang thông tin điện tử"). The words are
    told apart before folding: "hiệu quả" opens none, nor does "thông qua" (adopt). Counts of one or two
    digits are left out: "tuyển dụng 03 giáo viên" is "tuyển dụng giáo viên".
    """
    marked = []
    for clause in _CLAUSE_BREAK.split(text):
        channel = False
        printed = _NON_WORD.sub(" ", nfc(clause).lower()).split()
        words = [fold(word) for word in printed]
        for i, word in enumerate(words):
            if printed[i] in CHANNEL_WORDS and not (i and words[i - 1] == "thong"):
                channel = True
            if i and printed[i - 1 : i + 1] == ["so", "với"]:
                channel = True  # a yardstick
            if i > 1 and printed[i - 2 : i] == ["dữ", "liệu"]:
                channel = True  # what data are kept
            if word.isdigit() and len(word) <= 2:
                continue
            marked.append((word, channel))
    return marked


def topic_votes(text: str, head_words: int = HEAD_WORDS, channels: bool = True) -> dict[str, float]:
    """Key-phrase votes per area: each phrase found weighs its length in words, twice that in the head.

    A task states its topic first ("Cử CBGVNV tham gia các lớp bồi dưỡng … về
    chuyển đổi số" is training), so a phrase within its first ``head_words``
    words counts double, and one of its first ``OPENING_WORDS``, its verb,
    ``OPENING_WEIGHT`` times ("Tuyên truyền về CCHC … trên Cổng thông tin điện
    tử" is communication). A phrase after the first ";" weighs ``LATER_CLAUSE``
    as much ("Tự kiểm tra việc thực hiện nhiệm vụ CCHC …; kiểm tra việc niêm
    yết thủ tục hành chính …" is inspection of the reform). A phrase that only
    names the channel, after "trên" or "qua", weighs ``CHANNEL_WEIGHT`` as much,
    or nothing when ``channels`` is false. A ``FORM_PHRASES`` verb weighs as a plain mention when the first clause
    names another area's topic ("Kiểm tra việc sử dụng tài sản công").
    """
    marked = _channel_words(text)
    topic = [w if not channel else "|" for w, channel in marked]
    words = [w for w, _ in marked]
    first_clause = len(_channel_words(text.split(";", 1)[0]))
    main = f" {' '.join(topic[:first_clause])} "
    folded, head = f" {' '.join(topic)} ", f" {' '.join(topic[:head_words])} "
    # "Tổ chức" (hold) is a light verb: "Tổ chức tuyển sinh" opens with enrolment. "Tổ chức bộ máy", "Tổ chức lại"
    # (reorganise) are the organisation's own words.
    light = 2 if topic[:2] == ["to", "chuc"] and topic[2:3] not in (["bo"], ["lai"]) else 0
    opening = f" {' '.join(topic[: min(head_words, OPENING_WORDS + light)])} "
    everywhere = f" {' '.join(words)} "
    printed = f" {' '.join(_NON_WORD.sub(' ', nfc(text).lower()).split())} "
    votes: dict[str, float] = {}
    forms: list[tuple[str, int, float]] = []
    topical: set[str] = set()
    scopes = ((opening, OPENING_WEIGHT), (head, HEAD_WEIGHT), (main, 1.0), (folded, LATER_CLAUSE))
    for area, key, as_printed, length in _PHRASES:
        if as_printed and as_printed not in printed:
            continue  # a phrase given with its marks must be printed with them
        weight = next((w for scope, w in scopes if key in scope), None)
        if weight is None:
            if not channels or key not in everywhere:
                continue
            weight = CHANNEL_WEIGHT
        if key in FORM_PHRASES:
            forms.append((area, length, weight))
            continue
        votes[area] = votes.get(area, 0.0) + length * weight
        if weight >= 1.0:
            topical.add(area)
    for area, length, weight in forms:
        if topical - {area}:
            weight = min(weight, 1.0)
        votes[area] = votes.get(area, 0.0) + length * weight
    return votes


def similarity(task_key: str, entry: Entry) -> tuple[float, int]:
    """0–1 similarity of a task's match key to an entry's text and aliases, and the words they share."""
    best, shared = 0.0, 0
    task_words = set(task_key.split())
    for candidate in (entry.text, *entry.aliases):
        key = match_key(candidate)
        if not key:
            continue
        words = key.split()
        # A short alias inside a long task proves little; a long one proves more.
        coverage = len(task_words & set(words)) / len(set(words))
        inside = (
            fuzz.partial_ratio(key, task_key) * coverage * min(1.0, len(words) / 4)
            if len(key) <= len(task_key)
            else 0.0
        )
        whole = fuzz.token_sort_ratio(task_key, key)
        score = max(inside, whole) / 100
        common = len(task_words & set(words))
        if (score, common) > (best, shared):
            best, shared = score, common
    return best, shared


def link_task(task: Task, catalogue: Catalogue, year: int | None) -> LinkResult:
    """Link one task to its best catalogue entry and give it an area."""
    priors = section_areas(task.section)
    text = task.task or ""
    plain = _ASIDE.sub(" ", text)
    basis = _BASIS.match(plain)
    if basis and plain[basis.end() :].strip():
        plain = plain[basis.end() :]
    key = match_key(plain) or match_key(text)
    votes = topic_votes(plain)
    named = set(votes)
    # Entries that match equally well ("Tuyển dụng viên chức … theo vị trí việc làm") are told apart by the topic.
    scored = sorted(
        ((similarity(key, e), votes.get(e.area, 0.0), e) for e in catalogue.entries if e.applies(year) and key),
        key=lambda triple: triple[:2],
        reverse=True,
    )
    best_score, best = (scored[0][0][0], scored[0][2]) if scored else (0.0, None)
    for area, weight in topic_votes(
        task.product or "", head_words=0
    ).items():  # "Báo cáo", "Biên bản": a form more than a topic
        votes[area] = votes.get(area, 0.0) + PRODUCT_WEIGHT * weight
    for prior in priors:
        if prior != "muc_tieu":
            votes[prior] = votes.get(prior, 0.0) + SECTION_PRIOR
    if best is not None and best_score >= REVIEW_LINK:
        # A match the task names only as its channel ("… trên Trang thông tin điện tử") is no proof of its topic.
        in_channel = best.area in named and best.area not in topic_votes(plain, channels=False)
        votes[best.area] = votes.get(best.area, 0.0) + LINK_WEIGHT * best_score * (CHANNEL_LINK if in_channel else 1)
    printed = nfc(plain).lower()
    if priors == ("muc_tieu",) or _OBJECTIVE.match(printed):
        area = "muc_tieu"
    elif _ASSIGNED.search(printed):
        area = "khac"
    elif ("cong_vu" in priors and _SKILLS_TRAINING.match(printed)) or _SENT_ON_COURSE.match(printed):
        area = "cong_vu"
    elif _DELEGATION.search(printed):
        area = "to_chuc_bo_may"
    elif votes:
        area = max(votes, key=votes.__getitem__)
    else:
        area = "khac"
    if (
        best is not None
        and best_score >= AUTO_LINK
        and (best.area == area or area == "muc_tieu" and best.area == "muc_tieu")
    ):
        return LinkResult(best.code, round(best_score, 3), best.area, "auto")
    if best is not None and best_score >= REVIEW_LINK:
        return LinkResult(best.code, round(best_score, 3), area, "review")
    return LinkResult(None, round(best_score, 3), area, "unlinked")


def link_plan(plan: Plan, catalogue: Catalogue, manual: Mapping[str, str] | None = None) -> Plan:
    """Link every task of a plan; ``manual`` maps task ids to the codes a person chose (they win)."""
    manual = manual or {}
    tasks = []
    for task in plan.tasks:
        task_id = f"{plan.source.sha256[:12]}-{task.index}"
        units = lead_units(task.lead)
        if task_id in manual:
            code = manual[task_id]
            entry = catalogue.get(code)
            area = entry.area if entry else link_task(task, catalogue, plan.header.year).area
            tasks.append(
                replace(
                    task, lead_units=units, catalogue_code=code, catalogue_score=1.0, area=area, link_status="manual"
                )
            )
            continue
        result = link_task(task, catalogue, plan.header.year)
        tasks.append(
            replace(
                task,
                lead_units=units,
                catalogue_code=result.code,
                catalogue_score=result.score,
                area=result.area,
                link_status=result.status,
            )
        )
    return replace(plan, tasks=tuple(tasks))


def areas_of(tasks: Sequence[Task]) -> dict[str, int]:
    """How many tasks fall in each area."""
    counts: dict[str, int] = {}
    for t in tasks:
        if t.area:
            counts[t.area] = counts.get(t.area, 0) + 1
    return counts
