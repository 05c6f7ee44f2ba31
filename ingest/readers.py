"""Turn a document file into NFC text: .txt/.md, .docx, .pdf (text layer), .html/.htm.

Documents arrive as they really are: Word files, PDFs from the gazette, saved web pages,
old TCVN3/VNI text. Every reader returns plain text; a file that cannot be read raises
`ReadError` (never anything else) naming the file, what went wrong and what to do, so a
batch (`iter_documents`) reports it and goes on with the other files.

Hostile files are expected (issue 8): the size limits below are checked *before* a parser
sees the file, so a zip bomb or a huge upload costs a `stat` and a zip directory read.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from cancu.ingest import legacy

#: Largest input file read at all (bytes). A legal document is rarely above 10 MB even as a
#: PDF with scanned pages; above this it is an error or an attack.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: .docx is a zip: the sum of its members' uncompressed sizes may not exceed this...
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
#: ...nor may any member (or the whole) be compressed more than this ratio. Real Word XML
#: compresses 5-20x; a zip bomb compresses 1000x.
MAX_DOCX_RATIO = 100
#: Zip members in a .docx (a real one has tens; a bomb may have millions of tiny entries).
MAX_DOCX_MEMBERS = 10_000
#: PDF pages read; beyond this the file is not a single legal document.
MAX_PDF_PAGES = 2_000
#: Share of control characters (other than tab, line and page breaks) above which decoded
#: "text" is really a binary file.
MAX_CONTROL_RATIO = 0.01

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
_SUPPORTED_LIST = ", ".join(SUPPORTED_SUFFIXES)


@dataclass(frozen=True)
class Limits:
    """Size limits for one read; the defaults are the module constants above.

    Passed in rather than patched, so a service can tighten them per request and a test
    can exercise them with small files.
    """

    max_file_bytes: int = MAX_FILE_BYTES
    max_docx_uncompressed: int = MAX_DOCX_UNCOMPRESSED
    max_docx_ratio: float = MAX_DOCX_RATIO
    max_docx_members: int = MAX_DOCX_MEMBERS
    max_pdf_pages: int = MAX_PDF_PAGES


DEFAULT_LIMITS = Limits()


class ReadError(Exception):
    """A file that cannot be read; `reason` says why (Vietnamese / English) and what to do."""

    def __init__(self, file: str | os.PathLike[str], reason: str) -> None:
        super().__init__(str(file), reason)
        self.file = str(file)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


# --- public API -------------------------------------------------------------------------

def read_document(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """Return the text of the document at `path` as NFC `str`.

    Raises `ReadError` for a missing, unsupported, oversized, damaged, binary or empty file.
    """
    file = Path(path)
    if file.is_dir():
        # Before the suffix: a directory has none, and "no extension" would mislead.
        raise ReadError(file, "là một thư mục, không phải tệp; ghi đường dẫn tới một tệp, hoặc dùng "
                              "`cancu ingest` để đọc cả thư mục / is a directory, not a file")
    reader = _READERS.get(file.suffix.lower())
    if reader is None:
        raise _unsupported(file)
    _check_file(file, limits)
    try:
        text = reader(file, limits)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(file, "không đủ bộ nhớ để đọc tệp / out of memory") from None
    except Exception as exc:  # noqa: BLE001 - a parser's failure on a bad file is a ReadError
        raise ReadError(file, _damaged(file, exc)) from exc
    return _finish(file, text)


def iter_documents(
    paths: Iterable[str | os.PathLike[str]], limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[Path, str | ReadError]]:
    """Yield `(path, text)` for every document, or `(path, ReadError)` for one that fails.

    Folders are expanded recursively in sorted order to the supported formats (hidden files
    and Word lock files "~$x.docx" skipped). A file named explicitly is always attempted, so
    an unsupported one is reported rather than silently dropped.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _iter_folder(path, limits)
            continue
        yield path, _read_or_error(path, limits)


def _iter_folder(folder: Path, limits: Limits) -> Iterator[tuple[Path, str | ReadError]]:
    for path in _folder_files(folder):
        yield path, _read_or_error(path, limits)


def _folder_files(folder: Path) -> list[Path]:
    """Supported files under `folder`, sorted; symlinked folders are not followed (loops)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith((".", "~$")):
                continue
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Path(root) / name)
    return sorted(found)


def _read_or_error(path: Path, limits: Limits) -> str | ReadError:
    try:
        return read_document(path, limits)
    except ReadError as err:
        return err


# --- checks shared by every format ------------------------------------------------------

def _unsupported(file: Path) -> ReadError:
    suffix = file.suffix.lower() or "(không có đuôi / no extension)"
    hint = ""
    if suffix in (".doc", ".rtf", ".odt"):
        hint = "; hãy lưu lại thành .docx / save it as .docx"
    return ReadError(
        file,
        f"không đọc được tệp: định dạng {suffix} không được hỗ trợ / unsupported format "
        f"(hỗ trợ / supported: {_SUPPORTED_LIST}){hint}",
    )


def _check_file(file: Path, limits: Limits) -> None:
    """Existence, type and size, from one `stat`: before any byte is parsed."""
    try:
        info = file.stat()
    except FileNotFoundError:
        raise ReadError(file, "không tìm thấy tệp / file not found") from None
    except OSError as exc:
        raise ReadError(file, f"không mở được tệp / cannot open file ({exc.strerror})") from None
    if not file.is_file():
        raise ReadError(file, "không phải là tệp thông thường / not a regular file")
    if info.st_size == 0:
        raise ReadError(file, "tệp rỗng / the file is empty")
    if info.st_size > limits.max_file_bytes:
        raise ReadError(
            file,
            f"tệp quá lớn ({_mb(info.st_size)}, tối đa {_mb(limits.max_file_bytes)}) / "
            f"file too large ({_mb(info.st_size)}, limit {_mb(limits.max_file_bytes)}); "
            "hãy tách tệp / split the file",
        )


def _mb(size: float) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _damaged(file: Path, exc: Exception) -> str:
    kind = file.suffix.lower().lstrip(".")
    return (
        f"tệp {kind} bị hỏng hoặc không đúng định dạng / damaged or not a real .{kind} file "
        f"({type(exc).__name__}: {str(exc)[:200]}); hãy mở và lưu lại tệp / re-save it"
    )


STDIN = Path("đầu vào chuẩn (-)")  # how errors name standard input


def read_stdin_bytes(data: bytes) -> str:
    """Text given on standard input, read as a text file is: its encoding detected (a BOM,
    UTF-16, a legacy one), NFC, and empty or binary input refused (`ReadError` naming
    standard input), so `cancu extract -` answers as `cancu extract FILE` does."""
    return _finish(STDIN, decode_text(STDIN, data))


def _finish(file: Path, text: str) -> str:
    """NFC, a binary-content check, and a refusal of files with no text at all."""
    text = unicodedata.normalize("NFC", text)
    _check_not_binary(file, text)
    if not text.strip():
        raise ReadError(file, "tệp không có nội dung chữ / the file contains no text")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_not_binary(file: Path, text: str) -> None:
    sample = text[:1_000_000]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > MAX_CONTROL_RATIO * max(len(sample), 1):
        raise _binary(file)


def _binary(file: Path) -> ReadError:
    return ReadError(
        file,
        "tệp chứa dữ liệu nhị phân, không phải văn bản / binary data, not text "
        "(tệp bị đổi đuôi? / a renamed file?)",
    )


def _read_bytes(file: Path) -> bytes:
    with file.open("rb") as fh:
        return fh.read()


# --- plain text (.txt, .md) -------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _read_text(file: Path, limits: Limits) -> str:
    return decode_text(file, _read_bytes(file))


def decode_text(file: Path, data: bytes) -> str:
    """Bytes of a text file → str: BOM, UTF-16 without BOM, UTF-8, then legacy encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(file, data, encoding)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _decode_strict(file, data, utf16)
    if b"\x00" in data:
        raise _binary(file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        damaged = _nearly_utf8(data)
        return damaged if damaged is not None else _decode_legacy(file, data)
    return _fix_legacy_text(file, text)


def _nearly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad copy, a cut download): keep it, marking them "\ufffd".

    One bad byte should not cost the document; the Vietnamese letters decoded around it
    show that the file is UTF-8 and not a legacy encoding.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(4, len(text) // 1000) and legacy.has_vietnamese_letters(text):
        return text
    return None


def _decode_strict(file: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            file,
            f"tệp có dấu BOM {encoding} nhưng nội dung hỏng ở byte {exc.start} / "
            f"{encoding} byte-order mark but undecodable content at byte {exc.start}; "
            "hãy lưu lại tệp dạng UTF-8 / save it as UTF-8",
        ) from None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: text with NUL in every other byte (Notepad "Unicode big endian")."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decode_legacy(file: Path, data: bytes) -> str:
    guess = legacy.decode_legacy_bytes(data)
    if guess is None:
        raise ReadError(file, _unknown_encoding())
    return guess.text


def _fix_legacy_text(file: Path, text: str) -> str:
    """Unicode text that is really TCVN3/VNI (a converted or pasted old file) is converted."""
    guess = legacy.detect(text)
    if guess.encoding is not None:
        return guess.text
    if legacy.ambiguous(text):
        raise ReadError(file, _unknown_encoding())
    return text


def _unknown_encoding() -> str:
    return (
        "không nhận ra bảng mã (không phải UTF-8, TCVN3, VNI hay Windows-1258) / unknown "
        "text encoding (not UTF-8, TCVN3, VNI or Windows-1258); hãy chuyển sang Unicode "
        "(UTF-8), ví dụ bằng Unikey / convert it to UTF-8, e.g. with Unikey's converter"
    )


# --- Word (.docx) -----------------------------------------------------------------------

def _read_docx(file: Path, limits: Limits) -> str:
    _check_zip(file, limits)
    import docx  # python-docx; imported here so text-only use does not pay for it

    document = docx.Document(str(file))
    lines = list(_block_lines(document))
    return _fix_legacy_text(file, "\n".join(lines))


def _check_zip(file: Path, limits: Limits) -> None:
    """Refuse a zip bomb from its directory alone, before anything is decompressed.

    The declared sizes can lie, but `zipfile` stops at the declared size and checks the CRC,
    so a member can never inflate beyond what is checked here.
    """
    if not zipfile.is_zipfile(file):
        raise ReadError(
            file,
            "tệp .docx không phải là tệp Word hợp lệ (không phải zip) / not a valid .docx "
            "(not a zip archive); tệp .doc cũ hãy lưu lại thành .docx / "
            "re-save old .doc files as .docx",
        )
    with zipfile.ZipFile(file) as archive:
        members = archive.infolist()
    if len(members) > limits.max_docx_members:
        raise ReadError(file, _bomb(f"{len(members)} thành phần / members"))
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > limits.max_docx_uncompressed:
        raise ReadError(file, _bomb(f"giải nén {_mb(total)} / {_mb(total)} uncompressed, "
                                    f"limit {_mb(limits.max_docx_uncompressed)}"))
    worst = max((m.file_size / max(m.compress_size, 1) for m in members), default=0.0)
    if worst > limits.max_docx_ratio or total / max(packed, 1) > limits.max_docx_ratio:
        raise ReadError(file, _bomb(f"tỉ lệ nén {worst:.0f}:1 / compression ratio {worst:.0f}:1, "
                                    f"limit {limits.max_docx_ratio:.0f}:1"))


def _bomb(detail: str) -> str:
    return (
        f"tệp .docx bị từ chối: nghi là bom zip ({detail}) / .docx refused: looks like a zip "
        "bomb; nếu là tệp thật, hãy lưu lại không kèm hình ảnh lớn / if genuine, re-save it "
        "without large embedded media"
    )


def _block_lines(container: object) -> Iterator[str]:
    """Paragraph texts and table rows in document order (tables nest inside cells).

    A table row becomes one line, cells separated by a tab, so an appendix row keeps its
    columns together ("1\\tNghị định số 61/2018/NĐ-CP\\t...").
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_lines(block)


def _table_lines(table: object) -> Iterator[str]:
    for row in table.rows:  # type: ignore[attr-defined]
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(_block_lines(cell)).strip())
        yield "\t".join(cells)


# --- PDF --------------------------------------------------------------------------------

_CID = re.compile(r"\(cid:\d+\)")


def _read_pdf(file: Path, limits: Limits) -> str:
    """The PDF's text layer; pages end with a form feed ("\\f") as pdfminer writes them."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    with file.open("rb") as fh:
        if b"%PDF-" not in fh.read(1024):
            raise ReadError(file, "không phải tệp PDF (thiếu đầu %PDF-) / not a PDF file "
                                  "(no %PDF- header); tệp bị đổi đuôi? / a renamed file?")
    try:
        text = extract_text(str(file), maxpages=limits.max_pdf_pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError(file, "PDF được bảo vệ bằng mật khẩu / the PDF is encrypted; "
                              "hãy gỡ mật khẩu / remove the password") from None
    if not text.strip():
        raise ReadError(file, "PDF không có lớp chữ (bản quét?) / no text layer (scanned?); "
                              "hãy nhận dạng chữ (OCR) trước / run OCR first")
    if len(_CID.findall(text)) * 8 > len(text):
        raise ReadError(file, "phông chữ trong PDF không có bảng mã Unicode / the PDF's fonts "
                              "have no Unicode mapping; hãy xuất lại PDF / re-export the PDF")
    return _fix_legacy_text(file, text)


# --- HTML -------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


def _read_html(file: Path, limits: Limits) -> str:
    data = _read_bytes(file)
    markup = _decode_html(file, data)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return _fix_legacy_text(file, parser.text())


def _decode_html(file: Path, data: bytes) -> str:
    """A BOM, then the declared `<meta charset>` (within the first 4 KB), then detection."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                codecs.lookup(name)
            except LookupError:
                name = ""
            if name and name not in ("utf-8", "utf8"):
                try:
                    return data.decode(name)
                except UnicodeDecodeError:
                    pass  # the declaration lies: detect instead
    return decode_text(file, data)


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section "
    "summary table tbody tfoot thead title tr ul".split()
)
_CELL_TAGS = frozenset(("td", "th"))
# <head> itself is not skipped: pages often omit </head>, which would hide the whole body.
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "title", "svg", "object",
                        "iframe"))
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page: script/style dropped, block elements → line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[list[str]] = [[]]
        self._skip_depth = 0
        self._skip_stack: list[str] = []
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_stack.append(tag)
            return
        if tag == "pre":
            self._pre += 1
        if tag in _BLOCK_TAGS:
            self._break()
        elif tag in _CELL_TAGS:
            self._lines[-1].append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if tag in self._skip_stack:  # tolerate unclosed inner tags
                del self._skip_stack[self._skip_stack.index(tag):]
            return
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in _BLOCK_TAGS and tag not in _VOID_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip_stack:
            return
        if self._pre:
            first, *rest = data.split("\n")
            self._lines[-1].append(first)
            for line in rest:
                self._lines.append([line])
            return
        self._lines[-1].append(_SPACES.sub(" ", data))

    def _break(self) -> None:
        if self._lines[-1]:
            self._lines.append([])

    def text(self) -> str:
        lines = ["".join(parts).strip() for parts in self._lines]
        return "\n".join(_squeeze_blank(lines)).strip("\n")


def _squeeze_blank(lines: list[str]) -> Iterator[str]:
    """At most one blank line in a row: nested block tags would otherwise stack them."""
    blank = False
    for line in lines:
        if line.strip():
            blank = False
            yield line
        elif not blank:
            blank = True
            yield ""


# --- dispatch ---------------------------------------------------------------------------

_READERS = {
    ".txt": _read_text,
    ".md": _read_text,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".html": _read_html,
    ".htm": _read_html,
}
