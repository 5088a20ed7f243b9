"""CSV files as the imports read them: checked first (encoding, delimiter, header), then
streamed one record at a time, so memory stays the same whatever the file's size.

The check reads the file once in binary chunks: it computes the fingerprint that lets an
interrupted import resume, and proves the whole file decodes, so an encoding problem is
found before anything is written, with the line it is on.
"""

import codecs
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 1 << 16
OTHER_DELIMITERS = {";": "semicolon", "\t": "tab", "|": "vertical bar"}


class FileProblem(Exception):
    """A problem with the file as a whole: nothing can be imported until it is fixed."""


@dataclass(frozen=True)
class Table:
    path: str
    encoding: str
    delimiter: str
    header: tuple
    fingerprint: str


@dataclass(frozen=True)
class Record:
    """One row of the file: its line number, its values by column, or what is wrong."""

    line: int
    values: dict
    problem: str = ""


def open_table(path, columns, required, encoding="utf-8", delimiter=",", schema=""):
    """Check the file and its header; FileProblem says what to do when they do not hold.
    `schema` names where the columns are documented, for the message."""
    if not Path(path).is_file():
        raise FileProblem(f"No such file: {path}")
    encoding = _checked_encoding(encoding)
    fingerprint, encoding = fingerprint_and_encoding(path, encoding)
    header = read_header(path, encoding, delimiter)
    check_header(header, path, columns, required, delimiter, encoding, schema)
    return Table(str(path), encoding, delimiter, header, fingerprint)


def _checked_encoding(encoding):
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise FileProblem(f"Unknown encoding {encoding!r}: use e.g. utf-8 or cp1252.") from None


def fingerprint_and_encoding(path, encoding):
    """(SHA-256 of the bytes, the encoding to read with): UTF-8 with a byte-order mark is
    read as such; bytes that do not decode are a FileProblem naming their line."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    newlines = 0
    first = b""
    with open(path, "rb") as raw:
        while chunk := raw.read(CHUNK_BYTES):
            first = first or chunk
            digest.update(chunk)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                local = max(0, error.start - len(decoder.getstate()[0]))
                line = newlines + chunk[:local].count(b"\n") + 1
                raise FileProblem(not_decodable(path, encoding, chunk, local, line)) from None
            newlines += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise FileProblem(f"{path} ends in the middle of a {encoding} character.") from None
    if encoding == "utf-8" and first.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    return digest.hexdigest(), encoding


def not_decodable(path, encoding, chunk, position, line):
    """What went wrong, in words, and the two ways out."""
    byte = chunk[position]
    if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        guess, option = "UTF-16", "utf-16"
    elif encoding.startswith("utf-8"):
        guess, option = _single_byte_guess(chunk)
    else:
        return (
            f"{path} does not decode as {encoding} (line {line}: byte 0x{byte:02X}). "
            "Check which encoding the file was saved in."
        )
    return (
        f"{path} is not UTF-8: line {line} has the byte 0x{byte:02X}, which UTF-8 does not "
        f"allow. It looks like {guess}. Save the file as UTF-8 (in a spreadsheet: "
        f'"CSV UTF-8"), or run the import again with --encoding {option}.'
    )


def _single_byte_guess(chunk):
    """Windows-1252 when the bytes 0x80-0x9F it uses for € ‘ ’ “ ” etc. appear and all
    decode; Latin-1 (ISO 8859-1) otherwise."""
    try:
        chunk.decode("cp1252")
    except UnicodeDecodeError:
        return "Latin-1 (ISO 8859-1)", "latin-1"
    if any(0x80 <= byte <= 0x9F for byte in chunk):
        return "Windows-1252 (cp1252)", "cp1252"
    return "Latin-1 or Windows-1252 (cp1252)", "cp1252"


def read_header(path, encoding, delimiter):
    with open(path, encoding=encoding, newline="") as text:
        row = next(csv.reader(text, delimiter=delimiter), None)
    if not row:
        raise FileProblem(f"{path} is empty: the first line must name the columns.")
    return tuple(name.strip().lower() for name in row)


def check_header(header, path, columns, required, delimiter, encoding, schema=""):
    missing = [name for name in required if name not in header]
    if not missing:
        return
    other = _delimiter_that_fits(path, encoding, required, delimiter)
    if other:
        raise FileProblem(
            f"{path} separates its columns with {OTHER_DELIMITERS[other]}s ({other!r}), "
            f"not {delimiter!r}. Save it as comma-separated values, or run the import "
            f"again with --delimiter {other!r}."
        )
    raise FileProblem(
        f"{path}, line 1: missing column(s) {', '.join(missing)}. "
        f"The columns are: {', '.join(columns)}" + (f" (see {schema})." if schema else ".")
    )


def _delimiter_that_fits(path, encoding, required, used):
    for candidate in OTHER_DELIMITERS:
        if candidate != used and set(required) <= set(read_header(path, encoding, candidate)):
            return candidate
    return None


def records(table):
    """Every record after the header, one at a time. Blank lines are skipped."""
    with open(table.path, encoding=table.encoding, newline="") as text:
        reader = csv.reader(text, delimiter=table.delimiter)
        next(reader, None)
        try:
            for values in reader:
                if any(value.strip() for value in values):
                    yield _record(reader.line_num, table.header, values)
        except csv.Error as error:
            raise FileProblem(f"{table.path}, line {reader.line_num + 1}: {error}") from None


def _record(line, header, values):
    if len(values) != len(header):
        problem = f"{len(values)} values where the header has {len(header)} columns"
        return Record(line, {}, problem)
    return Record(line, {name: value.strip() for name, value in zip(header, values, strict=True)})
