from __future__ import annotations

from pathlib import Path

from ingest.pdf import check_text_layer, pdf_page_to_layout, word_is_well_formed


def test_well_formed_words():
    assert word_is_well_formed("Nghiệp") is True
    assert word_is_well_formed("CCHC") is True
    assert word_is_well_formed("(PAR") is True
    assert word_is_well_formed("31/12/2024") is None
    assert word_is_well_formed("hiÖn") is False
    assert word_is_well_formed("(cid:12)") is False


def test_tcvn3_and_vni_mojibake_are_not_usable():
    tcvn3 = "KÕ ho¹ch thùc hiÖn c«ng t¸c c¶i c¸ch hµnh chÝnh n¨m 2024".split()
    vni = "Keá hoaïch thöïc hieän coâng taùc caûi caùch haønh chính naêm 2024".split()
    assert not check_text_layer(tcvn3, 0.0).usable
    assert not check_text_layer(vni, 0.0).usable


def test_unicode_text_is_usable():
    words = "Kế hoạch thực hiện công tác cải cách hành chính năm 2024 (PAR Index) CCHC".split()
    assert check_text_layer(words, 0.0).usable


def test_scan_with_a_stamp_is_not_usable():
    assert not check_text_layer(["Ký", "bởi:", "Trường", "THCS"], image_share=0.95).usable


def test_born_digital_page(samples_dir: Path):
    layout, check = pdf_page_to_layout(str(samples_dir / "rendered" / "thcs-2024.pdf"), 3)
    assert check.usable and layout is not None
    assert layout.method == "text"
    assert all(w.conf == 1.0 for w in layout.words)
    assert any(r.horizontal for r in layout.rulings) and any(not r.horizontal for r in layout.rulings)
    assert layout.width > layout.height  # the appendix table is landscape


def test_mojibake_pdf_page_goes_to_ocr(data_dir: Path):
    layout, check = pdf_page_to_layout(str(data_dir / "tcvn3.pdf"), 1)
    assert layout is None and not check.usable


def test_scanned_pdf_page_goes_to_ocr(samples_dir: Path):
    layout, check = pdf_page_to_layout(str(samples_dir / "rendered" / "thcs-2024-scan200.pdf"), 1)
    assert layout is None and check.reason == "no text layer"


def test_page_whose_text_runs_sideways_goes_to_ocr(data_dir: Path):
    layout, check = pdf_page_to_layout(str(data_dir / "sideways.pdf"), 1)
    assert layout is None and check.reason == "text runs sideways on the page"
