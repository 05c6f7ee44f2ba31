"""Readers: every supported format gives its text; every bad file gives a ReadError naming it.

All input files are made here, at test time, in tmp_path: real .docx (python-docx), a
hand-written PDF with a text layer, legacy TCVN3/VNI/Windows-1258 bytes made with the same
tables the reader uses (inverted), and hostile files (zip bomb, binary, random bytes).
"""

from __future__ import annotations

import contextlib
import pickle
import random
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from cancu.ingest import legacy
from cancu.ingest.readers import (
    MAX_DOCX_RATIO,
    MAX_DOCX_UNCOMPRESSED,
    MAX_FILE_BYTES,
    Limits,
    ReadError,
    iter_documents,
    read_document,
)

PLAN = (
    "UBND TỈNH QUẢNG NGÃI\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Số: 151/KH-UBND    Quảng Ngãi, ngày 21 tháng 12 năm 2020\n"
    "KẾ HOẠCH\n"
    "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, "
    "giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng "
    "đến 2025; căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ, "
    "những người được giao nhiệm vụ khuyến khích ưu tiên thực hiện.\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read_error(path: Path, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_document(path, limits) if limits else read_document(path)
    err = info.value
    assert err.file == str(path)
    assert str(path) in str(err)
    return err


# --- legacy encoders (the inverse of the reader's tables) --------------------------------

def to_tcvn3(text: str) -> bytes:
    """TCVN3 bytes as a .VnTime/.VnTimeH typist produced them (capitals: lower-case codes)."""
    inverse = {u: c for c, u in legacy.tables()[legacy.TCVN3].items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = inverse.get(ch) or inverse.get(ch.lower(), ch)
        out.append(code)
    return "".join(out).encode("latin-1")


def to_vni(text: str) -> bytes:
    inverse = {u: c for c, u in legacy.tables()[legacy.VNI].items()}
    text = unicodedata.normalize("NFC", text)
    return "".join(inverse.get(ch, ch) for ch in text).encode("latin-1")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ă ơ ư đ precomposed and writes the tone as a combining mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# --- plain text -----------------------------------------------------------------------

def test_utf8_text_is_returned_as_nfc(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.txt", unicodedata.normalize("NFD", PLAN).encode("utf-8"))
    text = read_document(path)
    assert text == PLAN
    assert unicodedata.is_normalized("NFC", text)


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", "# Căn cứ\n\n- Luật Công nghệ thông tin\n")
    assert read_document(path) == "# Căn cứ\n\n- Luật Công nghệ thông tin\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_bom_and_utf16_files_lose_no_character(tmp_path: Path, encoding: str) -> None:
    data = PLAN.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        data = bom + data
    text = read_document(write(tmp_path, "plan.txt", data))
    assert text == PLAN
    assert "\ufeff" not in text


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "plan.txt", PLAN.encode("utf-16-le"))) == PLAN


def test_utf8_file_with_one_broken_byte_is_still_read(tmp_path: Path) -> None:
    data = PLAN.encode("utf-8")
    cut = data.index("Quảng".encode()) + 3  # inside the "ả"
    text = read_document(write(tmp_path, "plan.txt", data[:cut] + b"\xff" + data[cut + 1:]))
    assert "\ufffd" in text and "Nghị quyết số 17/NQ-CP" in text


def test_tcvn3_file_is_converted_to_unicode(tmp_path: Path) -> None:
    raw = to_tcvn3(PLAN)
    assert b"Qu\xb6ng Ng\xb7i" in raw  # "Quảng Ngãi" really is TCVN3 here
    assert read_document(write(tmp_path, "old.txt", raw)) == PLAN


def test_tcvn3_capital_headings_come_back_in_capitals(tmp_path: Path) -> None:
    # .VnTimeH drew lower-case codes as capitals; the reader restores them.
    text = read_document(write(tmp_path, "old.txt", to_tcvn3(PLAN)))
    assert text.splitlines()[0] == "UBND TỈNH QUẢNG NGÃI"
    assert "KẾ HOẠCH" in text


def test_vni_file_is_converted_to_unicode(tmp_path: Path) -> None:
    raw = to_vni(PLAN)
    assert b"quye\xe2\xe1t" in raw  # "quyết" in VNI: e + circumflex + acute
    assert read_document(write(tmp_path, "old.txt", raw)) == PLAN


def test_windows_1258_file_is_converted_to_unicode(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "old.txt", to_cp1258(PLAN))) == PLAN


def test_legacy_text_saved_as_utf8_is_converted(tmp_path: Path) -> None:
    # A TCVN3 document pasted into a UTF-8 editor: the mojibake itself is valid UTF-8.
    mojibake = to_tcvn3(PLAN).decode("latin-1")
    assert read_document(write(tmp_path, "pasted.txt", mojibake)) == PLAN


def test_utf8_once_shown_as_windows_1252_is_read_back(tmp_path: Path) -> None:
    """A file a tool showed in the wrong encoding and saved ("Ä‘" for "đ", "Æ°" for "ư")
    was stored as junk nodes with every field empty; it is read back. Bytes Windows-1252
    leaves undefined were lost by that tool (U+FFFD): "Đ" after "Ä" is restored, another
    lost letter stays one replacement character, and the rest is intact."""
    shown = PLAN.encode("utf-8").decode("cp1252", errors="replace")
    assert "Ä" in shown and "\ufffd" in shown
    got = read_document(write(tmp_path, "shown.txt", shown))
    lost = [i for i, ch in enumerate(PLAN) if "\u1ec1" == ch or ch in "\u1ecd\u1ecf\u1ed0\u1edd"]
    assert len(got) == len(PLAN) and all(got[i] == "\ufffd" for i in lost), got
    assert [a for a, b in zip(got, PLAN, strict=True) if a != b] == ["\ufffd"] * len(lost)
    assert "Số: 151/KH-UBND" in got and "Nghị định số 61/2018/NĐ-CP" in got


def test_unicode_text_with_only_latin1_letters_is_left_alone(tmp_path: Path) -> None:
    # "à", "ê", "ó" are Latin-1 *and* Vietnamese: the text must not be "converted".
    text = "Cà phê và trà, họp bàn\n".replace("ọ", "o")
    assert read_document(write(tmp_path, "short.txt", text)) == text


def test_unknown_8bit_encoding_fails_with_advice(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = ["".join(chr(rng.randint(0xC0, 0xFF)) for _ in range(5)) for _ in range(200)]
    path = write(tmp_path, "weird.txt", " ".join(words).encode("latin-1"))
    err = read_error(path)
    assert "bảng mã" in err.reason and "UTF-8" in err.reason


def test_utf8_text_in_another_language_is_kept(tmp_path: Path) -> None:
    text = "Où est la décision? Déjà vu, naïve façade, très élégant.\n"
    assert read_document(write(tmp_path, "fr.txt", text)) == text


def test_legacy_mojibake_that_no_table_reads_is_refused(tmp_path: Path) -> None:
    # Words full of TCVN3-only characters that do not form Vietnamese in any table.
    words = ["\u00b5\u00b8\u00b6\u00b7", "\u00bb\u00be\u00bc", "\u00a8\u00a9\u00aa"]
    garbled = " ".join(words * 30)
    err = read_error(write(tmp_path, "garbled.txt", garbled))
    assert "TCVN3" in err.reason


def test_western_8bit_text_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "en.txt", "Copyright \xa9 2020, caf\xe9 menu\n".encode("cp1252"))
    assert read_document(path) == "Copyright © 2020, café menu\n"


# --- Word -------------------------------------------------------------------------------

def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "STT"
    table.cell(0, 1).text = "Tên văn bản"
    table.cell(0, 2).text = "Ghi chú"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Nghị định số 61/2018/NĐ-CP"
    table.cell(1, 2).text = "Còn hiệu lực"
    merged = table.cell(2, 0).merge(table.cell(2, 2))
    merged.text = "Tỉnh Quảng Ngãi: Kế hoạch số 151/KH-UBND"
    document.add_paragraph("Ủy ban nhân dân tỉnh ban hành Kế hoạch này.")
    document.save(str(path))
    return path


def test_docx_gives_paragraphs_and_table_cells_in_document_order(tmp_path: Path) -> None:
    text = read_document(make_docx(tmp_path / "plan.docx"))
    lines = text.splitlines()
    assert lines[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert lines[1] == "STT\tTên văn bản\tGhi chú"
    assert lines[2] == "1\tNghị định số 61/2018/NĐ-CP\tCòn hiệu lực"
    # A merged cell is read once, not once per grid column it covers.
    assert lines[3] == "Tỉnh Quảng Ngãi: Kế hoạch số 151/KH-UBND"
    assert lines[4] == "Ủy ban nhân dân tỉnh ban hành Kế hoạch này."


def test_random_bytes_named_docx_is_a_read_error(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.docx", random.Random(1).randbytes(4096))
    assert "docx" in read_error(path).reason


def test_zip_that_is_not_a_word_file_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a word document")
    assert "docx" in read_error(path).reason


def test_truncated_docx_is_a_read_error(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx").read_bytes()
    path = write(tmp_path, "cut.docx", good[: len(good) // 2])
    read_error(path)


def test_zip_bomb_disguised_as_docx_is_refused_before_decompression(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    size_mb = MAX_DOCX_UNCOMPRESSED // (1024 * 1024) + 20
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(size_mb):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    err = read_error(path)
    assert time.perf_counter() - started < 1.0
    assert "zip bomb" in err.reason


def test_highly_compressed_docx_is_refused_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (MAX_DOCX_RATIO * 20_000))
    assert "zip bomb" in read_error(path).reason


def test_docx_limits_can_be_tightened_per_call(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "plan.docx")
    err = read_error(path, Limits(max_docx_uncompressed=1000))
    assert "zip bomb" in err.reason


# --- PDF --------------------------------------------------------------------------------

def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines`.

    Written by hand: a Type0 font whose character codes are the Unicode code points, with an
    identity ToUnicode map, which is what a text extractor needs for Vietnamese.
    """
    def utf16_hex(line: str) -> str:
        return "<" + "".join(f"{ord(c):04X}" for c in line) + ">"

    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops += [f"{utf16_hex(line)} Tj", "T*"]
    content = "\n".join([*ops, "ET"]).encode("ascii") if lines else b""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /FontDescriptor 8 0 R "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    lines = ["Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018", "Ủy ban nhân dân tỉnh Quảng Ngãi"]
    text = read_document(write(tmp_path, "gazette.pdf", make_pdf(lines)))
    assert [line for line in text.splitlines() if line.strip()] == lines


def test_pdf_without_text_layer_says_scanned(tmp_path: Path) -> None:
    err = read_error(write(tmp_path, "scan.pdf", make_pdf([])))
    assert "no text layer (scanned?)" in err.reason
    assert err.reason.startswith("PDF không có lớp chữ")


def test_random_bytes_named_pdf_is_a_read_error(tmp_path: Path) -> None:
    assert "PDF" in read_error(write(tmp_path, "x.pdf", random.Random(2).randbytes(2048))).reason


def test_damaged_pdf_is_a_read_error(tmp_path: Path) -> None:
    good = make_pdf(["Nghị định số 61/2018/NĐ-CP"])
    read_error(write(tmp_path, "cut.pdf", good[:120]))


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Trang tin</title>
<style>p { color: red }</style>
<script>var secret = "Nghị định số 99/2099/NĐ-CP";</script></head>
<body><h1>Kế hoạch số 151/KH-UBND</h1>
<p>Căn cứ Nghị định số 61/2018/NĐ-CP
   ngày 23/4/2018 của Chính phủ;<br>Thực hiện Nghị quyết số 17/NQ-CP &amp; các văn bản khác.</p>
<div><span>Ủy ban nhân dân</span> <b>tỉnh Quảng Ngãi</b></div>
<table><tr><td>1</td><td>Quyết định 749/QĐ-TTg</td></tr></table>
<noscript>Bật JavaScript</noscript>
</body></html>"""


def test_html_gives_visible_text_with_block_line_breaks(tmp_path: Path) -> None:
    text = read_document(write(tmp_path, "page.html", PAGE))
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines == [
        "Kế hoạch số 151/KH-UBND",
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;",
        "Thực hiện Nghị quyết số 17/NQ-CP & các văn bản khác.",
        "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "1\tQuyết định 749/QĐ-TTg",
    ]
    assert "99/2099" not in text and "color" not in text and "JavaScript" not in text


def test_htm_with_declared_legacy_charset(tmp_path: Path) -> None:
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    body = b"<body><p>" + to_cp1258("Căn cứ Nghị định số 61/2018/NĐ-CP") + b"</p></body></html>"
    text = read_document(write(tmp_path, "old.htm", page + body))
    assert text == "Căn cứ Nghị định số 61/2018/NĐ-CP"


def test_html_typed_in_a_vni_font_is_converted(tmp_path: Path) -> None:
    body = to_vni("Căn cứ Nghị định số 61/2018/NĐ-CP của Chính phủ về thực hiện").decode("latin-1")
    page = f'<html><body><p><font face="VNI-Times">{body}</font></p></body></html>'
    text = read_document(write(tmp_path, "vni.html", page))
    assert text == "Căn cứ Nghị định số 61/2018/NĐ-CP của Chính phủ về thực hiện"


def test_malformed_html_still_gives_its_text(tmp_path: Path) -> None:
    page = "<p>Nghị định <b>số 61/2018/NĐ-CP<p><div>chưa đóng thẻ <i>ngày 23/4/2018"
    text = read_document(write(tmp_path, "bad.html", page))
    assert "Nghị định số 61/2018/NĐ-CP" in text and "ngày 23/4/2018" in text


# --- files that are not documents --------------------------------------------------------

def test_binary_file_named_txt_is_a_read_error(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(2000)
    err = read_error(write(tmp_path, "photo.txt", png))
    assert "binary" in err.reason and "nhị phân" in err.reason


def test_control_characters_mark_a_binary_file(tmp_path: Path) -> None:
    data = bytes(random.Random(4).choice([1, 2, 3, 65, 66, 67]) for _ in range(3000))
    assert "binary" in read_error(write(tmp_path, "data.txt", data)).reason


def test_empty_file_is_a_read_error(tmp_path: Path) -> None:
    assert "empty" in read_error(write(tmp_path, "empty.txt", b"")).reason


def test_whitespace_only_file_is_a_read_error(tmp_path: Path) -> None:
    assert "no text" in read_error(write(tmp_path, "blank.txt", " \n\t\n")).reason


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    err = read_error(tmp_path / "nowhere.txt")
    assert err.reason.startswith("không tìm thấy tệp") and "not found" in err.reason


def test_unsupported_format_is_named_in_both_languages(tmp_path: Path) -> None:
    err = read_error(write(tmp_path, "data.xyz", "x"))
    assert err.reason.startswith(
        "không đọc được tệp: định dạng .xyz không được hỗ trợ / unsupported format"
    )


def test_a_directory_is_named_as_one_not_as_a_format(tmp_path: Path) -> None:
    """`cancu extract DIR` said "no extension"; a directory, with or without a dot in its
    name, is said to be one (as `cancu lint DIR` says it)."""
    for name in ("bad", "docs.txt"):
        (tmp_path / name).mkdir()
        err = read_error(tmp_path / name)
        assert err.reason.startswith("là một thư mục") and "is a directory" in err.reason
        assert str(tmp_path / name) in str(err)


def test_old_word_format_says_to_save_as_docx(tmp_path: Path) -> None:
    assert ".docx" in read_error(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0")).reason


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    assert MAX_FILE_BYTES == 50 * 1024 * 1024
    path = write(tmp_path, "big.txt", "Nghị định " * 200)
    assert "too large" in read_error(path, Limits(max_file_bytes=1000)).reason


def test_folder_is_a_read_error_when_named_as_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(ReadError):
        read_document(folder)


def test_read_error_survives_pickling_for_worker_processes(tmp_path: Path) -> None:
    err = read_error(tmp_path / "nowhere.txt")
    again = pickle.loads(pickle.dumps(err))
    assert (again.file, again.reason, str(again)) == (err.file, err.reason, str(err))


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf", ".html", ".htm"])
def test_random_bytes_never_raise_anything_but_read_error(tmp_path: Path, suffix: str) -> None:
    rng = random.Random(suffix)
    for i in range(25):
        data = rng.randbytes(rng.randint(1, 3000))
        if i % 5 == 0:  # plausible headers, then garbage
            data = {".docx": b"PK\x03\x04", ".pdf": b"%PDF-1.4\n"}.get(suffix, b"<html>") + data
        path = write(tmp_path, f"f{i}{suffix}", data)
        with contextlib.suppress(ReadError):
            assert isinstance(read_document(path), str)


# --- batches ----------------------------------------------------------------------------

def test_batch_reads_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    write(folder, "a_plan.txt", PLAN)
    make_docx(folder / "b_plan.docx")
    write(folder, "c_broken.docx", b"not a zip at all")
    write(folder, "d_binary.txt", b"\x00\x01\x02" * 100)
    write(folder, "e_page.html", PAGE)
    write(folder, "sub/f_gazette.pdf", make_pdf(["Nghị định số 61/2018/NĐ-CP"]))
    write(folder, "sub/g_empty.md", b"")
    write(folder, "notes.xyz", "ignored: not a document format")
    write(folder, ".hidden.txt", "ignored: hidden")
    write(folder, "~$b_plan.docx", b"ignored: Word lock file")
    missing = tmp_path / "missing.txt"

    results = list(iter_documents([folder, missing]))
    names = [path.relative_to(tmp_path).as_posix() for path, _ in results]
    assert names == [
        "inbox/a_plan.txt", "inbox/b_plan.docx", "inbox/c_broken.docx", "inbox/d_binary.txt",
        "inbox/e_page.html", "inbox/sub/f_gazette.pdf", "inbox/sub/g_empty.md", "missing.txt",
    ]
    outcome = {path.name: result for path, result in results}
    assert outcome["a_plan.txt"] == PLAN
    assert "Nghị định số 61/2018/NĐ-CP" in outcome["b_plan.docx"]
    assert "Kế hoạch số 151/KH-UBND" in outcome["e_page.html"]
    assert "61/2018/NĐ-CP" in outcome["f_gazette.pdf"]
    for bad in ("c_broken.docx", "d_binary.txt", "g_empty.md", "missing.txt"):
        err = outcome[bad]
        assert isinstance(err, ReadError) and bad in str(err)


def test_batch_reports_an_explicitly_named_unsupported_file(tmp_path: Path) -> None:
    path = write(tmp_path, "table.xlsx", b"PK")
    [(got, result)] = list(iter_documents([path]))
    assert got == path and isinstance(result, ReadError)
