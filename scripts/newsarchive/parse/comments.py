"""Reader comments: headers, text, and the nesting of replies by indentation."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..common.models import Comment, Precision, PubDate, Removed
from .byline import AGE_TEXT as _AGE_TEXT
from .byline import COMMENTS_ABROAD, comment_claim
from .dates import MONTH, TIME, WEEKDAY, find_date
from .furniture import PLACEHOLDERS, comment_control_reason
from .lines import BULLETS, Line, join_lines

_HEADING = re.compile(
    r"(?:(?:\d{1,6}|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:comments?|responses?|repl(?:y|ies)|thoughts|reactions|réflexions?(?= au sujet de| sur))(?:\s+(?:on|to|so far|au sujet de|sur)\b.{0,200}|,\s*(?:displaying|showing|sorted by|sort(?:ed)? by)\b.{0,60}"
    r"|\s*[–—|·-]?\s*(?:permalink|leave a (?:comment|reply)|add (?:a |your )?comment|post a comment|subscribe|rss))?"  # "one comment – permalink"
    r"|(?:reader |user |readers’ |readers' |your |top |all |latest |newest |best )?comments?(?:\s*\(\d+\)|:?\s+\d{1,6})?(?:\s*\(page \d+ of \d+\))?"  # "Reader comments 42"
    r"|(?:what )?readers (?:are saying|say)|reader feedback|talk ?back|responses to [“\"«‘'].{1,200}|showing \d{1,6} of \d{1,6} comments"
    r"|(?:comment on|discuss) this (?:story|article|post|entry)"
    r"|(?:discussion|responses|reactions|talkback|join the (?:discussion|conversation)|have your say)(?:\s*\(\d+\))?"  # "Have your say (3)"
    r"|leave a (?:reply|comment|response)|what do you think\??"
    r"|(?:add|post) (?:a |your )?comment(?:\s*\([^()]{1,40}\))?(?:\s+\d{1,6} comments?)?"  # "Add a Comment (Log in or register) 58 comments"
    rf"|(?:\d{{1,6}}\s+)?(?:{COMMENTS_ABROAD}|комментари(?:и|ев|й|я))(?:\s*\(\d+\))?"
    # WordPress's "3 thoughts on “Title”" in other languages: "3 Gedanken zu „…“", "2 réponses à « … »", "5 comentarios en …"
    r"|\d{1,6}\s+(?:gedanken|kommentare|antworten|réponses|comentarios|respuestas|commenti|risposte|reacties|comentários|pensamentos|respostas)\s+(?:zu|auf|à|en|sobre|a|su|op|em|para)\b.{1,200}"
    r"|\(\d{1,6} comments?\s*\|\s*leave a comment\))\s*[:»]?",  # other languages, Russian too; LiveJournal's count
    re.I,
)
#: What a comment's header says its commenter did: "Carlos says:", "Pedro dijo:".
_VERBS = (
    "says|said|wrote|writes|commented|replied|replies|dit|a dit|a écrit|sagt|schreibt|schrieb|meint|dice|dijo|escribió|scrive"
    "|ha scritto|ha detto|zegt|zei|schreef|diz|disse|escreveu|skrev|kirjoitti|napisał"
)
_SAYS = re.compile(rf"^(?P<name>\S.{{0,59}}?)\s+(?P<verb>{_VERBS})\s*:?\s*(?P<rest>.{{0,80}})$", re.I)
#: The verb after the date: "Steve on February 11, 2011 at 10:42 am said:" (WordPress).
_VERB_AFTER = re.compile(rf"(?:{_VERBS})\s*:?", re.I)
#: The verbs that article prose uses before a quotation too ("Elop said:", "he wrote:"): with them, a header needs
#: its date or its indented text to be one.
_PROSE_VERBS = frozenset({"said", "wrote", "writes", "dit", "a dit", "a écrit", "sagt", "schreibt", "schrieb", "meint", "dice", "dijo", "ha detto", "zei", "skrev", "kirjoitti", "napisał", "escribió", "scrive", "ha scritto", "zegt", "schreef", "diz", "disse", "escreveu"})
#: What some comment systems print before the name: "Comment by Jan — February 11, 2011", "#2 Alice - Jan 28, 2011".
_BY_PREFIX = re.compile(
    r"^(?:#\s?\d{1,5}\.?\s+|\d{1,3}(?:\.\d{1,3})+\.?\s+|(?:comment|reply|response|post|posted|submitted|written)\s+by:?\s+|by\s+(?=\S.{0,59}\s+on\s+\S)|by\s+(?=\S{1,40}\s+[^\d\n]{0,20}\d)|by\s+(?=\S.{0,59}?\s+(?:writes|wrote|says|said)\s*:?\s*$)|from:\s+|comment from\s+"
    r"|\[[–+-]\]\s*)",  # "Comment from Steve"; Reddit's "[–]" before the name
    re.I
)
#: The line that signs a comment under its text (TypePad, Movable Type): "Posted by: Jussi | February 11, 2011 at 11:02 AM".
_SIGNED_UNDER = re.compile(r"^(?:posted|written|submitted) by:?\s+\S", re.I)
#: The lower-case words that people's names have ("Ludwig van Beethoven"); other lower-case words beside
#: capitalised ones make a phrase of a sentence ("The company also"), not a name.
_PARTICLES = frozenset("de da di del della van von der den la le du bin ibn al el y dos das st st.".split())
_FORM_HEADING = re.compile(r"leave a (?:reply|comment|response)(?: cancel reply)?|(?:add|post) (?:a |your )?comment", re.I)
#: How long ago a comment was posted, as comment systems print it instead of a date: "2 hours ago".
#: ... after the commenter's name ("Dave K • 12 years ago"), with the comment's score between ("dave_k 12 points
#: 3 hours ago", as Reddit and Hacker News print it), or on a line of its own under it.
_AGO = re.compile(rf"^(?P<name>\S.{{0,59}}?)(?:\s*[•·|–—-]\s*|\s+[-−]?\d{{1,6}}\s+points?\s*[•·|]?\s*)(?:{_AGE_TEXT})\s*$", re.I)
#: ... or a name in capitals and its age with a space between: "Jane Doe 12 days ago", "jdoe 3 hours ago".
_AGO_SPACED = re.compile(rf"^(?P<name>[^\W\d_][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+(?:{_AGE_TEXT})\s*$")
_AGE = re.compile(_AGE_TEXT, re.I)
#: A one-word handle, how long ago, and the links of a thread (Hacker News): "pg 12 years ago | parent | next [–]".
_THREAD_HEADER = re.compile(
    rf"^@?(?P<name>[\w.-]{{1,40}})\s+(?:{_AGE_TEXT})(?:\s*\|\s*(?:parent|prev|next|root|context|flag|favorite|vouch|on:[^|]*))*\s*(?:\[[–+-]\])?\s*$", re.I
)
#: A name and when, without the year, to the minute, as some comment systems print it: "Jane Doe On Saturday,
#: March 5 at 9:14 am", "jdoe - Mar 5, 21:40". The time is what makes it a comment's header and no byline.
_YEARLESS = re.compile(
    rf"^(?P<name>\S.{{0,39}}?)\s*(?:\s(?:[Oo]n|ON)\s|[|·•,–—-])\s*(?i:(?:{WEEKDAY},?\s+)?{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:at\s+|@\s*)?(?:{TIME}))\s*$"
)
#: "mobilefan replying to jsmith", "Anna Lee  in reply to Dave K", "Jane Roe > John Doe" (Disqus): the name of the comment answered, after the commenter's.
_REPLY_TO = re.compile(r"\s+(?:replying to|in reply to|replied to|reply to|responding to|@|[>›▸→↳⤷])\s*\S.*$|\s{2,}\S.*$", re.I)


def is_comment_heading(text: str) -> bool:
    return bool(_HEADING.fullmatch(text.strip()))


def opens_form(text: str) -> bool:
    return bool(_FORM_HEADING.fullmatch(text.strip(" :»")))


def heading_claim(text: str) -> int | None:
    return comment_claim(text) if is_comment_heading(text) else None


_INITIAL_END = re.compile(r"\s[A-ZÀ-Þ]\.$")


def is_handle(text: str) -> bool:
    """How commenters sign: a name or a user name, short, no sentence."""
    text = text.strip()
    if not text or len(text) > 40 or len(text.split()) > 5:
        return False
    if text[0] in "\"“‘'(" or (re.search(r"[.!?,;:…)\"”’]$", text) and not _INITIAL_END.search(text)):
        return False  # a sentence, not a name; but a name may end with an initial: "Julie B."
    words = text.split()
    if len(words) > 1 and any(w[0].isupper() for w in words) and any(w[0].islower() and w.lower() not in _PARTICLES for w in words):
        return False
    return not (text[0].islower() and " " in text)


@dataclass(frozen=True)
class Header:
    author: str
    date: PubDate | None
    strong: bool  # says its own kind ("X says:", "X | date"), needs no confirmation
    #: as article prose introduces a quotation ("Elop said:"): a comment's header only inside a comment section
    prose: bool = False


#: A comment that opens with who wrote it and from where, then a colon (the BBC's "Have your say"):
#: "Steve, Helsinki: Yes! …", "Anna, Espoo, Finland: Sad day."
_SIGNED_BEFORE = re.compile(r"(?P<who>(?P<name>[^\W\d_][\w.'’ -]{0,30}?)(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){1,2}):\s+(?P<text>\S.{2,})")
#: Where a commenter writes from, after the name: "Steve (Helsinki)".
_PLACE_NOTE = re.compile(r"\s+\([A-Z][^()]{1,30}\)$")
#: What stands before a date in a byline, never a commenter's name: "Published on February 11, 2011".
_BYLINE_WORD = re.compile(r"(?:posted|published|updated|last updated|written|filed|created|modified|date|dated)\s*:?", re.I)
#: A comment's number after its date: "by jdoe (123456) on Friday February 11, 2011 @08:01AM (#35180100)" (Slashdot).
_COMMENT_NUMBER = re.compile(r"\s*\(#\d{1,12}\)\s*$")
#: Where a commenter works or studies, after the name (Facebook's comments): "Mark Jones · Works at Acme Corp".
_AFFILIATION = re.compile(
    r"(?P<name>\S.{0,59}?)\s+·\s+(?:works at|worked at|studied at|studies at|attended|attends|lives in|top commenter|top fan|"
    r"(?:\w+\s+){0,3}(?:university|college|school)\b).{0,80}",
    re.I,
)
#: What comment systems print after a name: "Anonymous (not verified)" (Drupal), "jsmith (12345)" (a user number),
#: "Nick (@nick_k)" (a handle).
_NAME_NOTE = re.compile(r"\s*\((?:not verified|unverified|verified|guest|unregistered|\d{1,9}|@\w{1,30})\)", re.I)
#: The words of a badge a comment system prints after a name, looked for before the pattern is tried ...
_BADGE_WORDS = ("author", "moderator", "admin", "staff", "editor", "verified", "subscriber")
#: ... "Jane Doe (Author)", "Karen Moderator", "Mike ✓ Verified".
_BADGE = re.compile(
    rf"(?:\s*[(\[](?:article |post )?(?:{'|'.join(_BADGE_WORDS)}|mod|administrator|op|top commenter)[)\]]"
    rf"|\s+[✓✔☑]?\s*(?:{'|'.join(_BADGE_WORDS)})|\s*[✓✔☑])$",
    re.I,
)


def without_name_note(name: str) -> str:
    """A commenter's name without what the comment system prints after it: "Anonymous (not verified)" -> "Anonymous"."""
    name = _NAME_NOTE.sub("", name) if "(" in name else name
    last = name[-12:].lower()
    return _BADGE.sub("", name) if len(name) <= 60 and (name[-1:] in ")]✓✔☑" or any(w in last for w in _BADGE_WORDS)) else name


def without_verb(name: str) -> str:
    """A commenter's name without the verb that a comment system prints after it: "Jane says:", "Ole schreibt"."""
    says = _SAYS.match(name.strip())
    return says.group("name").strip() if says and not says.group("rest").strip() else name.strip().removesuffix(":").strip()


def comment_header(line: Line, following: Line | None) -> Header | None:
    """A line that starts a comment, or None."""
    text = without_name_note(_BY_PREFIX.sub("", line.content.strip()))
    if "·" in text and (affiliated := _AFFILIATION.fullmatch(text)) and is_handle(affiliated.group("name")):
        return Header(affiliated.group("name"), None, True)
    says = _SAYS.match(text)
    if says and is_handle(says.group("name")):
        rest = says.group("rest").strip()
        date = date_only(rest) if rest else None
        if not rest or date or rest in ("...", "…", ","):  # Blogger: "Anonymous said...", "Greta said,"
            # "Elop said:" over a quotation is prose; "jdoe schreibt:" over a date line is a comment's header
            dated_next = following is not None and following.no == line.no + 1 and date_only(following.content) is not None
            signed = _BY_PREFIX.match(line.content.strip()) is not None  # "by jdoe (12345) writes:": prose has no "by" before its speaker
            prose = says.group("verb").lower() in _PROSE_VERBS and not date and not rest and not dated_next and not signed
            return Header(says.group("name"), date, not prose, prose)
    ago = _AGO.match(text) or _THREAD_HEADER.match(text) or _AGO_SPACED.match(text) if "ago" in text or "AGO" in text or "Ago" in text else None
    if ago and is_handle(name := _REPLY_TO.sub("", ago.group("name")).strip()):
        return Header(name, None, True)
    found = find_date(text) if len(text) <= HEADER_MAX else None
    if found:
        date, (start, end) = found
        name = without_name_note(_REPLY_TO.sub("", re.sub(r"\s*(?:\bon\b|\bat\b|[|·•,@(\[–—»-])\s*$", "", text[:start]).strip()).strip())
        tail = _COMMENT_NUMBER.sub("", text[end:]).strip(" |·•#-–—)]")  # "Peter K. (February 11, 2011 10:15 AM)"
        bare = _PLACE_NOTE.sub("", name)  # "Steve (Helsinki) - February 11, 2011": the name is "Steve (Helsinki)"
        if bare and is_handle(bare) and not _BYLINE_WORD.fullmatch(bare) and (not tail or _VERB_AFTER.fullmatch(tail) or comment_control_reason(tail)):
            return Header(name, date, True)
    # ... never after a "by", which an article's byline has too ("Posted by jdoe on Friday March 4, @09:41PM")
    yearless = _YEARLESS.match(text) if found is None and ":" in text and len(text) <= HEADER_MAX and not _BY_PREFIX.match(line.content.lstrip()) else None
    if yearless and is_handle(name := yearless.group("name")) and not _BYLINE_WORD.fullmatch(name):
        return Header(name, None, True)
    if not is_handle(text) or is_comment_heading(text):
        return None
    if following is not None and abs(following.no - line.no) == 1 and (date_only(following.content) or _AGE.fullmatch(following.content.strip())):
        return Header(text, None, True)  # the name, then the date (WordPress) or the age on the next line (or on the line over it): read next
    if line.mark and line.mark in BULLETS and not _AGE.fullmatch(text):  # "· 12 yr. ago" under the name is no name
        return Header(text, None, False)
    if following is not None and following.indent > line.indent and following.no == line.no + 2:
        return Header(text, None, False)
    return None


def confirmed(header: Header, line: Line, following: Line | None) -> bool:
    """A header whose comment text really follows it, indented below it."""
    return header.strong or (following is not None and following.indent > line.indent and comment_header(following, None) is None)


@dataclass
class _Node:
    author: str | None
    indent: int
    date: PubDate | None = None
    text_indent: int | None = None
    lines: list[int] = field(default_factory=list)
    paragraphs: list[list[Line]] = field(default_factory=list)
    replies: list[_Node] = field(default_factory=list)
    strong: bool = False  # its header says it is a comment's ("X says:", "X | date"), or it opens with who wrote it

    def thread(self) -> Iterator[_Node]:
        """The node and its replies, theirs too, in order."""
        yield self
        for reply in self.replies:
            yield from reply.thread()

    def add_text(self, line: Line) -> None:
        if self.text_indent is None:
            self.text_indent = line.indent
        if self.paragraphs and self.paragraphs[-1][-1].no == line.no - 1:
            self.paragraphs[-1].append(line)
        else:
            self.paragraphs.append([line])
        self.lines.append(line.no)


def _same_person(commenter: str | None, authors: tuple[str, ...]) -> bool:
    """"Tom W" or "Tom Warren" under an article by Tom Warren."""
    if not commenter:
        return False
    mine = commenter.lower().replace(".", "").split()
    for author in authors:
        theirs = author.lower().replace(".", "").split()
        if mine == theirs:
            return True
        if len(mine) == 2 and len(theirs) >= 2 and mine[0] == theirs[0] and theirs[-1].startswith(mine[1]):
            return True
    return False


#: What a text browser prints before a commenter's name: the avatar's placeholder ("[a3f9c2]", "[avatar]"), and the
#: comment's number after it ("[a3f9c2] 4 Dana", "[avatar] #12 Dana").
_AVATAR_NUMBER = re.compile(PLACEHOLDERS.pattern + r"(?:#?\d{1,4}[.)]?\s+)?")


def _commenter_name(name: str | None) -> str | None:
    """A commenter's name as a reader knows it, without the avatar's placeholder and the comment's number that a
    text browser prints before it: "[a3f9c2] 4 Dana" -> "Dana"; the name as it is where no word is left (an
    avatar's placeholder alone, which may hold the user's name: "[danaq]")."""
    if not name or not name.startswith("["):
        return name
    bare = _AVATAR_NUMBER.sub("", name, count=1).strip()
    return bare if any(c.isalpha() for c in bare) else name


def _freeze(node: _Node, width: int | None, authors: tuple[str, ...]) -> Comment:
    author = _commenter_name(node.author)
    return Comment(
        author=author,
        paragraphs=tuple(join_lines([l.content.strip() for l in para], width) for para in node.paragraphs),
        replies=tuple(_freeze(reply, width, authors) for reply in node.replies),
        date=node.date,
        by_article_author=_same_person(author, authors),
        lines=tuple(sorted(node.lines)),
    )


@dataclass(frozen=True)
class Shown:
    """What one comment of a section shows of itself, for the comment model to judge: who, whether its header
    says it is a comment's, to what precision it is dated, its text's lines, how deep it stands, how many
    replies it has, and where it stands in the capture."""

    author: str | None
    strong: bool
    date: Precision | None
    text: tuple[str, ...]
    depth: int
    replies: int
    lines: tuple[int, ...]  # the numbers of all its lines, its header's too


#: Why a section's lines are no comments, when the comment model finds no reader comment in it.
NO_READER_COMMENTS = "no reader comments: nothing in them shows a comment's (comment model)"
#: Why a thread's lines are no comments in a section of reader comments: the model finds none of it a reader's.
FURNITURE_THREAD = "no reader's comment: the page's furniture among the comments (comment model)"
#: How likely the comment model must find one comment of a thread (its replies counted) a reader's for the thread
#: to stay in a section of reader comments; under it, the thread is the page's furniture that the grammars read as
#: comments (a blogroll, the recent posts, the archive's months after the comments). On the ``fit`` text dumps of
#: ``../shared/realpages``, 0.1 sets aside 2,000 of the 6,300 comments read on pages with reader comments (most a
#: link's line each), 1,360 of 3,060 on pages not annotated and 106 of 184 on pages with none, and no annotated
#: comment's word (comments recalled 0.875 either way; of the comments' words, 0.570 -> 0.582 are readers'); 0.2 and
#: 0.5 set aside more and lose 0.001 and 0.006 of the comments recalled.
READER_LEAST = 0.1


@dataclass(frozen=True)
class Judge:
    """The comment model as ``parse_comments`` asks it: how likely it finds each comment of a section (``Shown``, in
    reading order) a reader's (``likely``), and the probability from which a comment is one (``said``)."""

    likely: Callable[[list[Shown]], Sequence[float]]
    said: float


# Long: one pass over the comment section's lines that keeps the open comments at each indentation, as a
# stack.
def parse_comments(lines: list[Line], width: int | None, authors: tuple[str, ...], judge: Judge | None = None) -> tuple[tuple[Comment, ...], list[Removed]]:
    """Build the comment tree from the lines of a comment section; with a ``judge``, none where it finds a
    comment's evidence in none of them.

    A header opens a comment; its replies are the headers indented deeper below
    it. Text belongs to the deepest open comment indented less than the text.
    Text that comes back to a comment's level after its replies is a comment
    whose author line the capture lost.
    """
    lines, removed = _levels_as_indents(lines)
    lines = _titles_under_headers(_names_over_dates(_headers_first(lines)))
    roots: list[_Node] = []
    stack: list[_Node] = []
    in_form = False
    ranks: set[int] = set()
    named: set[int] = set()  # a forum post's name lines, read with its header
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line.no in ranks:
            removed.append(Removed(line.no, line.text, "commenter's rank"))
            continue
        if line.no in named:
            stack[-1].lines.append(line.no)
            continue
        control = comment_control_reason(line.text)
        current = stack[-1] if stack else None
        if control is None and current is not None and (dated := _controls_dated(line.content)) is not None:
            if current.date is None:
                current.date = dated  # "Like · Reply · 3 · Feb 11, 2011 10:42am": the buttons, and when
                current.lines.append(line.no)
                continue
            control = "comment button"
        if control or (in_form and not comment_header(line, following)):
            removed.append(Removed(line.no, line.text, control or "comment form"))
            continue
        if opens_form(line.text):
            in_form = True
            removed.append(Removed(line.no, line.text, "comment form"))
            continue
        header = comment_header(line, following)
        if header is None and (post := forum_post_header(lines[i : i + 4])) is not None:
            header = Header(post[0], post[1], True)  # the post's date and number, the poster's name, the poster's rank
            named.add(lines[i + 1].no)
            ranks.update(l.no for l in lines[i + 2 : i + post[2]])
        if header is None and following is not None and i + 2 < len(lines) and _rank_between(line, following, lines[i + 2]):
            header = Header(line.content.strip(), None, True)  # the name, its rank, then the date under both
            ranks.add(following.no)
        inline = None if header or (i and lines[i - 1].no == line.no - 1) else _SIGNED_BEFORE.fullmatch(line.content.strip())
        if inline and is_handle(inline.group("name")):
            # "Steve, Helsinki: Yes! Windows Phone 7 is going to dominate the market!": who, from where, then the text
            while stack and stack[-1].indent >= line.indent:
                stack.pop()
            node = _Node(inline.group("who"), line.indent, lines=[], strong=True)
            (stack[-1].replies if stack else roots).append(node)
            stack.append(node)
            node.add_text(dataclasses.replace(line, text=inline.group("text"), content=inline.group("text")))
            continue
        if header:
            in_form = False
            while stack and stack[-1].indent >= line.indent:
                stack.pop()
            node = _Node(header.author, line.indent, date=header.date, lines=[line.no], strong=header.strong)
            (stack[-1].replies if stack else roots).append(node)
            stack.append(node)
            continue
        current = stack[-1] if stack else None
        if current is not None and not current.paragraphs and _AGE.fullmatch(line.content.strip()):
            current.lines.append(line.no)  # "2 hours ago": when, from a day the capture does not give
            continue
        # the date under the name, or under the text (Blogger) when the comment has none yet
        if current is not None and current.date is None and (date := date_only(line.content)):
            current.date = date
            current.lines.append(line.no)
            continue
        owner = _owner(stack, line)
        if owner is None or owner.replies:
            # text back at a comment's level after its replies, or before any header:
            # a comment whose author line the capture lost
            level = owner.indent if owner is not None else line.indent
            while stack and stack[-1].indent >= level:
                stack.pop()
            owner = _Node(None, level)
            (stack[-1].replies if stack else roots).append(owner)
            stack.append(owner)
        else:
            del stack[stack.index(owner) + 1 :]
        owner.add_text(line)
    if judge is not None:
        removed += _unsaid(roots, lines, judge)
    return tuple(_freeze(root, width, authors) for root in _answers_nested(roots)), removed


def _unsaid(roots: list[_Node], lines: list[Line], judge: Judge) -> list[Removed]:
    """Set the whole section aside when ``judge`` finds a comment's evidence in none of its comments: the blogroll,
    the recent posts and the archive of a page with no reader comments, read as commenters. In a section of reader
    comments, set aside each thread in which it finds no comment even ``READER_LEAST`` likely a reader's: the same
    furniture after (or among) the comments."""
    order: list[tuple[_Node, int]] = []

    def walk(nodes: list[_Node], depth: int) -> None:
        for node in nodes:
            order.append((node, depth))
            walk(node.replies, depth + 1)

    walk(roots, 0)
    order.sort(key=lambda item: min(item[0].lines, default=0))
    shown = [Shown(node.author, node.strong, None if node.date is None else node.date.precision,
                   tuple(line.content for paragraph in node.paragraphs for line in paragraph), depth, len(node.replies), tuple(node.lines))
             for node, depth in order]
    if not shown:
        return []
    likely = list(judge.likely(shown))
    text = {line.no: line.text for line in lines}
    if not any(p >= judge.said for p in likely):
        roots.clear()
        return [Removed(no, text[no], NO_READER_COMMENTS) for node, _ in order for no in node.lines]
    readers = {id(node) for (node, _), p in zip(order, likely) if p >= READER_LEAST}
    furniture = [root for root in roots if not any(id(node) in readers for node in root.thread())]
    set_aside = {id(root) for root in furniture}
    roots[:] = [root for root in roots if id(root) not in set_aside]
    return [Removed(no, text[no], FURNITURE_THREAD) for root in furniture for node in root.thread() for no in node.lines]


#: How deep a comment stands in its thread, on a line over it, as Reddit prints it: "level 2".
_LEVEL = re.compile(r"level\s+(?P<depth>\d{1,2})", re.I)


def _levels_as_indents(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """The lines of a section whose comments say how deep they stand ("level 1" / "techguy" / … / "level 2" / …),
    each comment's lines indented by its depth, as other systems show replies, and the level lines set aside."""
    if not any(line.content[:1] in "Ll" and _LEVEL.fullmatch(line.content.strip()) for line in lines):
        return lines, []
    out: list[Line] = []
    removed: list[Removed] = []
    depth = 0
    for line in lines:
        level = _LEVEL.fullmatch(line.content.strip())
        if level:
            depth = max(0, int(level.group("depth")) - 1)
            removed.append(Removed(line.no, line.text, "comment's depth in its thread"))
        else:
            out.append(dataclasses.replace(line, indent=line.indent + 4 * depth))
    return out, removed


#: A flat comment's first line, naming the comment it answers: "Response to SomeUser, 11 February 2011 10:58AM".
_ANSWERS = re.compile(r"(?:response to|in (?:response|reply) to|replying to)\s+(?P<name>[^,]{1,60}?)\s*(?:,.*)?", re.I)


#: What a forum or a comment system prints under a commenter's name: "Senior Member", "Ars Scholae Palatinae",
#: "Top Contributor": a few words, none a number, no sentence.
_RANK = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}")


#: A forum post's number after its date: "02-11-2011, 07:34 AM #1" (vBulletin).
_POST_NUMBER = re.compile(r"\s*#\d{1,6}\s*$")


def forum_post_header(lines: list[Line]) -> tuple[str, PubDate, int] | None:
    """The poster, the date and the number of lines of a forum post's header at the start of ``lines``: its date
    and number over the poster's name, and perhaps the poster's rank ("02-11-2011, 07:34 AM #1" / "techguy" /
    "Senior Member"); None when they start otherwise."""
    if len(lines) < 2 or "#" not in lines[0].content or not _POST_NUMBER.search(lines[0].content):
        return None
    date = date_only(_POST_NUMBER.sub("", lines[0].content))
    name = lines[1].content.strip()
    if date is None or lines[1].no != lines[0].no + 1 or not is_handle(name) or date_only(name) is not None:
        return None
    # the rank ends the header (the member's details under it are set aside): a line of text right under it makes
    # the short line over it the post's first, not a rank ("Agreed")
    ranked = len(lines) > 2 and lines[2].no == lines[1].no + 1 and _RANK.fullmatch(lines[2].content.strip()) is not None \
        and (len(lines) < 4 or lines[3].no != lines[2].no + 1)
    return name, date, 3 if ranked else 2


def _rank_between(name: Line, rank: Line, under: Line) -> bool:
    """Whether ``rank`` stands between a commenter's ``name`` and the date ``under`` them, one line each."""
    if rank.no != name.no + 1 or under.no != rank.no + 1 or not _RANK.fullmatch(text := rank.content.strip()):
        return False
    return is_handle(name.content.strip()) and date_only(text) is None and date_only(under.content) is not None


def _answers_nested(roots: list[_Node]) -> list[_Node]:
    """The comments, each one that opens by naming the comment it answers ("Response to SomeUser, <date>") moved
    under the latest comment before it by that name, as a reply, where the page printed it flat."""
    kept: list[_Node] = []
    seen: list[_Node] = []
    for node in roots:
        first = node.paragraphs[0][0].content.strip() if node.paragraphs else ""
        answered = _ANSWERS.fullmatch(first) if first[:1] in "RrIi" else None
        parent = next((n for n in reversed(seen) if answered and n.author == answered.group("name")), None)
        (parent.replies if parent is not None else kept).append(node)
        seen.append(node)
    return kept


def _headers_first(lines: list[Line]) -> list[Line]:
    """The lines of a section whose comments are signed under their text ("Posted by: X | date", TypePad), with
    each signature moved over the text it signs, as other systems print it; any other section as it is.
    The lines keep their numbers, so each still lands where it stood in the capture."""
    signed = [i for i, line in enumerate(lines) if _SIGNED_UNDER.match(line.content) and (h := comment_header(line, None)) is not None and h.date is not None]
    if not signed or signed[0] == 0 or comment_header(lines[0], lines[1] if len(lines) > 1 else None) is not None:
        return lines
    ordered: list[Line] = []
    start = 0
    for i in signed:
        ordered += [lines[i], *lines[start:i]]
        start = i + 1
    return ordered + lines[start:]


def is_comment_title(text: str) -> bool:
    """A comment's title, as some systems print it over the name ("Great deal" / "jdoe | 11/02/11"): short, no sentence's end."""
    return 0 < len(text) <= 80 and text[-1] not in ".!?:,;"


_BUTTON_SEPARATOR = re.compile(r"\s+[·•|]\s+")


def _controls_dated(text: str) -> PubDate | None:
    """The date that ends a row of comment buttons ("Like · Reply · 3 · Feb 11, 2011 10:42am"), or None."""
    if "·" not in text and "•" not in text and "|" not in text:
        return None
    parts = [p.strip() for p in _BUTTON_SEPARATOR.split(text.strip())]
    if len(parts) < 2 or not all(comment_control_reason(p) or p.isdigit() for p in parts[:-1]):
        return None
    return date_only(parts[-1])


def _names_over_dates(lines: list[Line]) -> list[Line]:
    """The lines, with each date that opens a comment's block over the name under it moved under the name, as
    most systems print them ("February 11, 2011 at 10:42 am" / "Steve" / text): the name then opens the comment."""

    def moved(i: int) -> bool:
        line, name = lines[i], lines[i + 1]
        if (i and lines[i - 1].no == line.no - 1) or name.no != line.no + 1 or not is_handle(name.content) or date_only(name.content):
            return False
        if forum_post_header(lines[i : i + 2]) is not None:
            return False  # a forum post's header, read as it stands
        return date_only(line.content) is not None and comment_header(line, name) is None

    return _swapped_pairs(lines, moved)


def _swapped_pairs(lines: list[Line], swap: Callable[[int], bool]) -> list[Line]:
    """``lines`` with each line ``i`` for which ``swap(i)`` holds changed places with the line after it."""
    ordered: list[Line] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and swap(i):
            ordered += [lines[i + 1], lines[i]]
            i += 2
        else:
            ordered.append(lines[i])
            i += 1
    return ordered


def _titles_under_headers(lines: list[Line]) -> list[Line]:
    """The lines, with each comment's title moved under the header it stands over, as the comment's first
    paragraph: a short line that opens a block, right over a header line, and is no sentence."""

    def moved(i: int) -> bool:
        line, header = lines[i], lines[i + 1]
        opens = i == 0 or lines[i - 1].no != line.no - 1
        text = line.content.strip()
        if not opens or header.no != line.no + 1 or not is_comment_title(text):
            return False
        # only over a header that is one by itself: a name that is one by the date under it would lose it
        return comment_header(line, header) is None and comment_header(header, None) is not None

    return _swapped_pairs(lines, moved)


def _owner(stack: list[_Node], line: Line) -> _Node | None:
    """The open comment a text line continues: the one whose text stands at the line's indentation.

    A comment with no text yet takes text at or below its header's indentation
    (flat layouts put both at one level); otherwise the deepest comment whose
    header is indented less than the line.
    """
    if stack and stack[-1].text_indent is None and line.indent >= stack[-1].indent:
        return stack[-1]
    for node in reversed(stack):
        if node.text_indent == line.indent:
            return node
    for node in reversed(stack):
        if node.indent < line.indent:
            return node
    return stack[-1] if stack and line.indent >= stack[-1].indent else None


HEADER_MAX = 160  # a "name | date" header is short; longer lines are comment text
DATE_ONLY_MAX = 72


def date_only(text: str) -> PubDate | None:
    """The date a text consists of (give or take a few characters such as "at" or "#"), or None."""
    if len(text) > DATE_ONLY_MAX:
        return None  # longer than any date written out with its weekday, time and zone: comment text
    found = find_date(text)
    if not found:
        return None
    start, end = found[1]
    if len(text) - (end - start) <= 6:
        return found[0]
    rest = text[end:].strip(" ·•|")  # "February 11, 2011 at 10:42 am · Reply": the date, then the buttons
    return found[0] if start <= 6 and rest and comment_control_reason(rest) else None
