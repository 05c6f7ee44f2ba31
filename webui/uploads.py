"""Reading an uploaded draft (.txt or .docx) safely: type checked by extension *and*
content, size bounded before and after decompression, never written to disk."""

from __future__ import annotations

import io
import zipfile

from cancu.webui.limits import Limits
from cancu.webui.security import ApiError

ALLOWED_EXTENSIONS = (".txt", ".docx")


def _unsupported(name: str) -> ApiError:
    return ApiError(415, "unsupported_type",
                    f"Chỉ nhận tệp .txt hoặc .docx (tệp: {name[:80]!r}). Only .txt and .docx are accepted.")


def read_upload(filename: str, data: bytes, limits: Limits) -> str:
    """The text of an uploaded file. Raises `ApiError` 415 for a wrong type (by extension or
    content), 413 for a zip bomb, 422 for an unreadable file."""
    name = (filename or "").strip().lower()
    if name.endswith(".txt"):
        return _read_txt(name, data)
    if name.endswith(".docx"):
        return _read_docx(name, data, limits)
    raise _unsupported(name)


def _read_txt(name: str, data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ApiError(422, "bad_encoding", "Tệp .txt mã hóa sai. Bad UTF-16 text.") from exc
    if data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")) or b"\x00" in data:
        raise _unsupported(name)  # a binary file renamed .txt
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApiError(422, "bad_encoding",
                       "Tệp .txt phải mã hóa UTF-8. A .txt upload must be UTF-8.") from exc


def _read_docx(name: str, data: bytes, limits: Limits) -> str:
    if not data.startswith(b"PK\x03\x04"):
        raise _unsupported(name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ApiError(422, "bad_docx", "Tệp .docx bị hỏng. The .docx file is corrupt.") from exc
    if len(members) > limits.max_docx_members:
        raise ApiError(422, "bad_docx", "Tệp .docx có quá nhiều thành phần. Too many archive members.")
    if "word/document.xml" not in {m.filename for m in members}:
        raise _unsupported(name)
    if sum(m.file_size for m in members) > limits.max_docx_uncompressed_bytes:
        raise ApiError(413, "too_large",
                       "Tệp .docx giải nén quá lớn. The .docx expands beyond "
                       f"{limits.max_docx_uncompressed_bytes} bytes.")
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        raise ApiError(422, "bad_docx", "Không đọc được tệp .docx. Cannot read the .docx file.") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)
