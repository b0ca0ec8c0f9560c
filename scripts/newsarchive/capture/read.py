"""Read a capture from disk: bytes in, clean Unicode text out, or a problem that says why not.

The only stage that touches encodings. What it repairs it says, as warnings.
"""

from __future__ import annotations

import codecs
import errno
from collections import Counter
import hashlib
import html
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import ftfy
from ftfy.badness import is_bad

from ..common.models import Problem, Severity
from . import capture_kind

#: Captures larger than this are refused: a text capture of one article is
#: rarely over a few hundred kilobytes, and a 50 MB file is a dump or a mistake.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Suffixes read as text captures.
TEXT_SUFFIXES = (".txt", ".text", ".md")

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # character references are decoded apart, and said (clean_text)
    uncurl_quotes=False,  # typographic quotes are the author's
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
    explain=False,
)


class CaptureError(Exception):
    """A capture that cannot be read at all; the message says why and what to do."""


@dataclass(frozen=True)
class Capture:
    """A capture's text and its provenance."""

    path: Path
    source: str  # path relative to the input folder, with forward slashes
    sha256: str
    size: int
    encoding: str
    text: str
    warnings: tuple[str, ...] = field(default=(), compare=False)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


#: The byte-order marks that decide a file's encoding, with the codec each names.
BYTE_ORDER_MARKS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes to text. Returns (text, encoding name, warnings); raises CaptureError.

    Order: a byte-order mark decides; else strict UTF-8; else Windows-1252; else
    Latin-1. A file with NUL bytes and no UTF-16 mark is binary.
    """
    warnings: list[str] = []
    for bom, name in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, warnings
            except UnicodeDecodeError as error:
                raise CaptureError(f"starts with a {name} byte-order mark but is not valid {name} ({error.reason} at byte {error.start})") from None
    if b"\x00" in data[:8192]:
        wide = _utf16_without_mark(data)
        if wide is None:
            raise CaptureError("is a binary file (it holds NUL bytes), not a text capture")
        return wide[0], wide[1], [f"no byte-order mark; decoded as {wide[1].upper()} (every other byte is NUL)"]
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as error:
        first_bad = error.start
    mixed = _mostly_utf8(data)
    if mixed is not None:
        text, lines = mixed
        warnings.append(f"mixed encodings: {len(lines)} line{'s' if len(lines) > 1 else ''} not valid UTF-8 (the first is line {lines[0]}) decoded as Windows-1252, the rest as UTF-8")
        return text, "utf-8+cp1252", warnings
    for name, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        other = _other_script(data, text)
        if other is not None:
            text, name, label = other
        warnings.append(f"not valid UTF-8 (byte {first_bad}); decoded as {label}")
        return text, name, warnings
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """The text and codec of UTF-16 written without a byte-order mark, as some editors save it: mostly Latin
    text, where the NUL bytes are the high bytes of its characters and stand at every other place; else None."""
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4:
        return None
    for codec, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.6 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return (text, codec) if "\x00" not in text else None
    return None


def _mostly_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """The text of a capture whose lines are UTF-8 but for a few in Windows-1252 (pasted together from two
    sources), and the numbers of those lines; None when most lines with high bytes are not UTF-8."""
    lines = data.split(b"\n")
    decoded: list[str] = []
    other: list[int] = []
    high = 0
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
            high += not line.isascii()
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", "replace"))
            other.append(number)
    if not other or high < 2 * len(other):
        return None
    return "\n".join(decoded), other


#: Signs, not letters, inside a word: what Central European letters become when read as Windows-1252
#: ("ogģosi" → "og³osi", "spó³ka", "Za¿ó³æ").
_SIGN_IN_WORD = re.compile(r"(?<=[^\W\d_])(?:[^\w\s'’.,;:!?\"“”()\[\]/&%@#*+=<>·•-]|[²³¹¼½¾])(?=[^\W\d_])")  # "³" counts as a digit; Catalan's "l·l" is no sign
#: The other Latin encodings that Windows-1252 misreads with signs or controls left inside words: Central European,
#: and the Macintosh's own ("système" has a byte that Windows-1252 leaves undefined).
_OTHER_LATIN = (("cp1250", "Windows-1250 (Central European)"), ("iso8859_2", "ISO-8859-2 (Central European)"), ("mac_roman", "Mac OS Roman"))
_HIGH_BYTES = bytes(range(0x80, 0x100))
#: Turkish letters that Windows-1252 reads as Icelandic ones ("ş" as "þ", "ı" as "ý", "ğ" as "ð") ...
_TURKISH_AS_ICELANDIC = re.compile("[ðýþÐÝÞ]")
#: ... beside letters that Turkish has and Icelandic has not.
_TURKISH_TOO = re.compile("[üçÜÇ]")


#: An accented capital between small letters: what Mac OS Roman letters become in Windows-1252 ("Für" as "FŸr").
_CAPITAL_IN_WORD = re.compile(r"(?<=[^\W\d_])[À-ÖØ-ÞŠŽŸŒ](?=[a-zß-ÿ])")


def _misread(text: str) -> int:
    """How many characters of ``text`` show it was decoded in the wrong Latin encoding: signs and accented capitals inside words,
    and control characters (bytes that Windows-1252 leaves undefined, such as Czech "ť" in Windows-1250) and bytes
    that the encoding leaves undefined, twice."""
    undefined = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r") + text.count("\ufffd")
    return len(_SIGN_IN_WORD.findall(text)) + len(_CAPITAL_IN_WORD.findall(text)) + 2 * undefined


def _label(codec: str) -> str:
    """A codec's name as people write it: "cp1251" → "Windows-1251", "koi8_r" → "KOI8-R", "iso8859_5" → "ISO-8859-5"."""
    if codec.startswith("cp125"):
        return "Windows-" + codec[2:]
    if codec.startswith("iso8859_"):
        return "ISO-8859-" + codec[8:]
    return codec.upper().replace("_", "-")


def _other_script(data: bytes, western: str) -> tuple[str, str, str] | None:
    """The text, encoding and label of a capture that is not in a Western European encoding though it decodes
    as one (``western``); None when it is.

    Cyrillic and Greek read as Windows-1252 are nearly all accented letters: charset-normalizer, which weighs
    the letters against each language's, names the encoding. Central European encodings differ from
    Windows-1252 in a few letters, most of which (Polish "ł", "ą", "ż") come out as signs inside words or as
    control characters: of the Central European encodings, the one that leaves the fewest is taken, if it
    leaves fewer. Letters that come out as other letters (Czech "č" as "è") are not told apart, and neither
    does charset-normalizer tell them apart: it reads short French or Spanish in Windows-1252 as Windows-1250.
    """
    letters = [ch for ch in western if ch.isalpha()]
    foreign = sum(1 for ch in letters if ord(ch) > 0x7F)
    if not foreign and not _CONTROL.search(western) and "¤" not in western:
        return None
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if foreign > 0.4 * len(letters) or high > 0.3 * (len(data) - data.count(b" ") - data.count(b"\n")):
        # another script: Cyrillic, Greek, or a multi-byte one (Japanese, Chinese, Korean), where nearly every byte is high
        import charset_normalizer  # only for the rare capture in another script: 0.1 s to import

        found = charset_normalizer.from_bytes(data, cp_exclusion=["utf_8", "cp1252", "latin_1"])
        # the least chaotic reading that is some language's letters: short Hebrew in Windows-1255 is read with less
        # chaos, and no language, as Thai
        best = next((match for match in found if match.coherence > 0), found.best())
        if best is None:
            return None
        text = str(best)
        scripts = Counter(unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha() and ord(ch) > 0x7F)
        script = scripts.most_common(1)[0][0].title() if scripts else "other"
        return text, best.encoding, f"{_label(best.encoding)} ({script} letters)"
    if len(_TURKISH_AS_ICELANDIC.findall(western)) >= 2 and _TURKISH_TOO.search(western):
        return data.decode("cp1254", "replace"), "cp1254", "Windows-1254 (Turkish)"
    if "¤" in western and not _C1_BYTES.search(data):
        return data.decode("iso8859_15"), "iso8859_15", "ISO-8859-15 (its euro sign, which Windows-1252 reads as '¤')"
    signs = _misread(western)
    if signs < 2:
        return None
    best_text, best_name, best_label, fewest = None, "", "", signs
    for name, label in _OTHER_LATIN:
        text = data.decode(name, "replace")
        left = _misread(text)
        if left < fewest:
            best_text, best_name, best_label, fewest = text, name, label, left
    return (best_text, best_name, best_label) if best_text is not None else None


#: The bytes that ISO-8859-15 leaves to control characters and Windows-1252 gives letters and quotation marks.
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc, less tab and line ends
#: What ftfy's fixes act on besides mojibake: controls, escapes, lone surrogates, replacement characters.
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: Every sequence ftfy's badness test looks for holds a non-ASCII character and is at most 7 characters long.
_BADNESS_REACH = 8


def _near_non_ascii(text: str) -> str:
    """The parts of ``text`` within reach of a non-ASCII character, one per line.

    ftfy's badness test finds a sequence in these exactly when it finds one in ``text``: each part keeps
    eight ASCII characters beyond its outer non-ASCII ones, so no sequence of seven can take in a line break
    and a non-ASCII character of either part. Far shorter than a whole capture, whose non-ASCII characters
    are a few quotation marks and bullets.
    """
    parts: list[str] = []
    start = end = -1
    for match in _NON_ASCII.finditer(text):
        low, high = max(0, match.start() - _BADNESS_REACH), match.end() + _BADNESS_REACH
        if low > end:
            if end >= 0:
                parts.append(text[start:end])
            start = low
        end = high
    if end >= 0:
        parts.append(text[start:end])
    return "\n".join(parts)


_REFERENCE = re.compile(r"&(?:#\d{2,7}|#[xX][0-9A-Fa-f]{2,6}|[A-Za-z][A-Za-z0-9]{1,9});")


def _character(reference: re.Match[str]) -> str:
    """What a character reference stands for; a control character's stays as it is written."""
    character = html.unescape(reference.group(0))
    return reference.group(0) if _CONTROL.search(character) else character


def _needs_ftfy(text: str) -> bool:
    """ftfy reads every line; most captures need none of its fixes, which this finds out in one pass."""
    return bool(_SUSPECT.search(text) or is_bad(_near_non_ascii(text))) or not unicodedata.is_normalized("NFC", text)


def clean_text(text: str) -> tuple[str, list[str]]:
    """Repair mojibake (ftfy), decode HTML character references, unify line ends, drop stray control characters."""
    warnings: list[str] = []
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed = ftfy.fix_text(unified, config=_FTFY_CONFIG) if _needs_ftfy(unified) else unified
    if fixed != unified:
        sample = _first_difference(unified, fixed)
        warnings.append(f"repaired broken encoding (mojibake), for example {sample}")
    if "&" in fixed and _REFERENCE.search(fixed):
        # text copied from a page's source keeps its character references: "Nokia&#8217;s", "&quot;", "&nbsp;"
        decoded = _REFERENCE.sub(_character, fixed)
        if decoded != fixed:
            warnings.append(f"decoded HTML character references, for example {_first_difference(fixed, decoded)}")
            fixed = decoded
    fixed = fixed.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n").replace("\f", "\n")
    invisible = len(_INVISIBLE_CHARACTER.findall(fixed))
    if invisible:
        fixed = without_invisible(fixed)
        warnings.append(f"removed {invisible} invisible character{'s' if invisible > 1 else ''} (soft hyphens, zero-width spaces, byte-order marks inside the text)")
    return fixed, warnings


#: Characters that show nothing and part no words: soft hyphen, zero-width space, word joiner, a byte-order mark inside the text.
_INVISIBLE = {0x00AD: None, 0x200B: None, 0x2060: None, 0xFEFF: None}
_INVISIBLE_CHARACTER = re.compile("[\u00ad\u200b\u2060\ufeff]")


def without_invisible(text: str) -> str:
    """``text`` without the characters that show nothing and part no words, which a page's text carries (a soft
    hyphen or a zero-width space inside a word hides it from search and cross-linking)."""
    return text.translate(_INVISIBLE)


def _first_difference(before: str, after: str) -> str:
    """A short ``'old' → 'new'`` excerpt around the first change, for the warning."""
    start = len(os.path.commonprefix([before, after]))
    lo = max(0, start - 8)
    return f"{before[lo:start + 10]!r} → {after[lo:start + 10]!r}"


def read_capture(path: Path, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> Capture:
    """Read one capture (``data``, when its bytes were read already); raise CaptureError with a message naming the problem."""
    size = path.stat().st_size if data is None else len(data)
    if size > max_bytes:
        raise CaptureError(
            f"is {size / 1_048_576:.1f} MiB, over the {max_bytes / 1_048_576:.0f} MiB limit for one capture; "
            "split it into one file per article, or raise the limit with --max-mib"
        )
    data = path.read_bytes() if data is None else data
    source = source_name(path, root)
    if not data.strip():
        raise CaptureError("is empty (no text at all)")
    text, encoding, warnings = decode(data)
    if _control_share(text) > 0.01:
        raise CaptureError(f"does not decode to text (read as {encoding} it is full of control characters); is it a text capture?")
    text, cleaning_warnings = clean_text(text)
    if not text.strip():
        raise CaptureError("holds only white space")
    return Capture(
        path=path,
        source=source,
        sha256=sha256_of(data),
        size=size,
        encoding=encoding,
        text=text,
        warnings=tuple(warnings + cleaning_warnings),
    )


def source_name(path: Path, root: Path) -> str:
    """The capture's name in the archive: its path below ``root``, with forward slashes, in Unicode.

    A file name that is not UTF-8 (an old Windows or Mac archive) keeps its readable letters, and a
    replacement character stands for each byte that is no letter: the name can be shown and written,
    where the bytes themselves could not.
    """
    return _shown(path.relative_to(root).as_posix())


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@dataclass(frozen=True)
class Found:
    """What a walk of the input folder found: the captures, the other files, and what it could not look at."""

    captures: list[Path]
    others: list[str]
    problems: list[Problem]


def find_captures(root: Path) -> Found:
    """Capture files below ``root`` in a stable order, the other files found (to report), and the entries
    that could not be looked at, each with its reason (a link that loops or leads nowhere, an unreadable folder).

    Hidden files and folders are passed over, and so are linked folders; a linked file counts as the file it
    links to. A folder named like a capture ("x.html/") is a folder. The folder is walked with ``os.scandir``,
    whose entries know a plain file or folder without asking the system for each (``Path.rglob`` with
    ``is_file`` did: 10,000 calls at 10,000 captures).
    """
    captures: list[tuple[str, Path]] = []
    others: list[str] = []
    problems: list[Problem] = []
    folders = [(root, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            name = source_name(folder, root) if folder != root else "."
            problems.append(Problem(name, Severity.ERROR, f"folder cannot be read: {error.strerror or error}; its captures are left out"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = prefix + entry.name
            try:
                if entry.is_symlink():
                    trouble = _link_trouble(entry.path)  # a link that loops or leads nowhere, or to a folder
                    if trouble:
                        problems.append(Problem(_shown(relative), Severity.WARNING, f"skipped: {trouble}"))
                        continue
                elif entry.is_dir():
                    folders.append((Path(entry.path), relative + "/"))
                    continue
                if not entry.is_file():
                    problems.append(Problem(_shown(relative), Severity.WARNING, "skipped: not a file (a pipe, a socket or a device)"))
                    continue
            except OSError as error:
                problems.append(Problem(_shown(relative), Severity.WARNING, f"skipped: cannot be looked at ({error.strerror or error})"))
                continue
            if _is_capture(entry.name):
                captures.append((relative, Path(entry.path)))
            else:
                others.append(_shown(relative))
    return Found([path for _, path in sorted(captures, key=lambda found: found[0])], sorted(others), sorted(problems, key=lambda p: p.source))


def _shown(relative: str) -> str:
    return os.fsencode(relative).decode("utf-8", "replace") if _has_surrogates(relative) else relative


def _link_trouble(path: str) -> str | None:
    """Why a link leads to no file (it loops, or what it names is not there, or it is a folder); None for a file."""
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a link that loops (it leads back to itself)"
        return f"a link to {_shown(os.readlink(path))!r}, which is not there" if error.errno == errno.ENOENT else f"a link that cannot be followed ({error.strerror})"
    return "a link to a folder: linked folders are not followed"


def _is_capture(name: str) -> bool:
    suffix = PurePath(name).suffix.lower()
    return suffix in TEXT_SUFFIXES or not suffix or capture_kind(name) is not None


def problem_from(error: CaptureError, source: str) -> Problem:
    return Problem(source=source, severity=Severity.ERROR, message=str(error))
