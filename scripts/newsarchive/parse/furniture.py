"""Page furniture: lines that belong to the web page around the article, not to it.

Each rule is a small function from a line's text to a reason (or None). The
rules name generic web furniture — skip links, share buttons, cookie banners,
navigation bars, image placeholders, footers — never one site's phrases. Lines
that repeat across many captures of a batch are caught by ``common_lines``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from .dates import find_date
from .lines import is_sentence_like

_SOCIAL = r"(?:facebook|twitter|x|linkedin|reddit|pinterest|whatsapp|tumblr|digg|delicious|stumbleupon|google\+?|email|e-mail|print|telegram|mastodon|bluesky|threads|flipboard|pocket|sms|copy link)"


_SKIP_LINK = re.compile(
    r"^(?:skip|jump) (?:to|over) (?:the )?(?:main |primary )?(?:content|navigation|nav|menu|search|footer|sidebar|article)\b|^skip navigation$"
    r"|^(?:aller au contenu(?: principal)?|zum inhalt(?: springen)?|ir al contenido(?: principal)?|vai al contenuto(?: principale)?|naar de inhoud|ir para o conteúdo|перейти к (?:основному )?(?:содержимому|содержанию))$",
    re.I,
)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_VERB = re.compile(r"\b(?:use|accept|consent|policy|agree|settings|preferences|continuing)\b", re.I)
_SHARE_BUTTON = re.compile(
    rf"^(?:share(?: this)?(?: (?:article|story|post|page))?(?: (?:on|via) {_SOCIAL})?|tweet(?: this)?|pin it|like this|email this|print this(?: page| article)?|{_SOCIAL})\s*[:!]?$",
    re.I,
)
_SHARE_VERB = re.compile(r"\b(?:share|post|send|follow us)\s+(?:on|via|to|by)\b", re.I)
_SHARE_SEPARATORS = re.compile(r"[\s|·•/,]+")
_SHARE_TOKEN = re.compile(rf"{_SOCIAL}|share:?|this:|tweet|\d+", re.I)
#: What a text browser prints for an image or a form field, one or more: "[logo]", "[a3f9c2] [gif]", "[    ]".
PLACEHOLDERS = re.compile(r"(?:\[[^\]\n]{0,80}\]\s*)+")
_FOOTNOTE_MARK = re.compile(r"\[\d+\]")
_ADVERTISEMENT = re.compile(
    r"(?:advertisement|advertising|advert|sponsored(?: content| links?)?|ad|ads by \w+|story continues below(?: advertisement)?|continue reading below"
    r"|skip advertisement|report this ad|(?:article|story) continues (?:below|after (?:this )?advertisement)(?: advertisement)?|supported by)", re.I
)
_BAR_SEPARATORS = re.compile(r"\s+[|·•»›>/]\s+|\s*\|\s*")
_BAR_CHARACTERS = re.compile(r"[|·•»›>/]")
SHARE_ROW_MAX = 200
_SENTENCE_END = re.compile(r"[.!?]$")
_BREADCRUMB = re.compile(r"^(?:you are here|breadcrumbs?)\s*:", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.I)
_LEGAL = re.compile(r"all rights reserved|privacy policy|terms (?:of|and) (?:use|service|conditions)", re.I)
_SITE_CONTROL = re.compile(
    r"(?:back to top|top of page|return to top|main menu|menu|toggle navigation|navigation|open menu|close(?: menu)?|search(?: for)?:?|search this site|"
    r"log ?in|sign ?in|sign ?up|register|subscribe(?: now)?|newsletter|follow us|follow|following|follow @\w{1,30}|\+\s*follow|\d{0,6} ?claps?|log ?out|my account|"
    r"article history|disqus|(?:load|show|view|see|hide) (?:(?:more|all|older|newer|\d{1,6})\s+){0,2}(?:comments|replies|responses)|load more|"
    r"facebook comments(?: plugin)?|sort by:?\s*(?:best|newest|oldest|top|popular|most popular|date|new|old|controversial|q&a)|(?:newest|oldest) first|"  # comment systems' controls
    r"#{3}|-\s?30\s?-|[-–]\s?ends?\s?[-–]|ends|for immediate release|(?:press|news) release|"  # press releases' labels and end marks
    r"previous (?:post|article|story)|next (?:post|article|story)|older posts?|newer posts?|« previous|next »|← older|newer →|"
    r"(?:newer posts?|older posts?|home)(?:\s+(?:newer posts?|older posts?|home)){1,2}|subscribe to:\s*post comments(?: \(atom\))?|"  # Blogger
    r"this entry was posted (?:in|on) .{1,200}?(?:bookmark the permalink|permalink)\.?|"  # WordPress
    r"(?:back|return|go) to (?:the )?home(?: ?page)?|like loading\.*|loading\.\.\.|loading comments\.*|jump to comments|"
    r"the wayback machine\s*[-–—]\s*https?://\S+|"  # the web archive's banner over a page it kept
    # a search engine's cache: "This is Google's cache of http://… It is a snapshot of the page as it appeared on …"
    r"this is \w+'s cache of \S+.{0,300}|full version text-only version view source|tip: to quickly find your search term on this page.{0,200}|"
    # a page's tools and notices: "Listen to this article", "Save", "Reuse this content", "Text size A A A", "Edition: UK"
    r"listen(?: to this (?:article|story))?|save(?: (?:article|story|for later))?|[·•|–—-]{1,2}|email this (?:article|story|page)|reuse this content|"
    r"reprints?(?: (?:&|and) permissions)?|(?:text|font) size(?:\s*a\s?a\s?a)?|a\s?a\s?a|edition:\s*[\w ]{2,20}|"
    r"this (?:article|story) is more than (?:\d{1,3}|a|an|one|two|three) (?:years?|months?|days?) old|"
    r"already a (?:subscriber|member)\?\s*(?:log|sign) ?in(?: here)?|sign up for free|"
    r"continue reading(?: the (?:main|full) story| (?:the )?(?:article|story|below|here))?|read (?:the )?(?:full|rest of the) (?:story|article)|"
    r"click here to (?:read|continue)(?: reading)?(?: more| the (?:full )?(?:story|article))?)\s*[:»«→←.…]*",
    re.I,
)
#: The site's name with a link home: "The Daily Ledger - Back to home".
_HOME_LINK = re.compile(r".{1,60}\s[-–—|:]\s*(?:back|return|go) to (?:the )?home(?: ?page)?", re.I)
#: A line of the page's labels for the article: "Tags: Nokia, Microsoft", "Filed under: Mobile".
_LABELS = re.compile(
    r"(?:related )?(?:tags?|topics?|filed (?:under|in)|categories|category|labels?|posted in|keywords|more about|companies|subjects|reviews)\s*:\s*[^.!?]{1,200}", re.I
)
_NUMBERED_LINK = re.compile(r"\d{1,4}\.\s+(?:https?|ftp|file|mailto|javascript):\S*", re.I)
_LINK_LIST_HEADING = re.compile(r"(?:references|visible links|hidden links):?", re.I)


def _skip_link(text: str) -> str | None:
    return "skip link" if _SKIP_LINK.match(text) else None


def _cookie_notice(text: str) -> str | None:
    # "cookie" in the lowered text, or a dotted or dotless i that the pattern reads as "i": the pattern, with
    # its word bounds, is tried on every line, and this test first takes a tenth of its time
    if len(text) < 400 and ("cookie" in text.lower() or "\u0130" in text or "\u0131" in text) and _COOKIE.search(text) and _COOKIE_VERB.search(text):
        return "cookie notice"
    return None


def _share_buttons(text: str) -> str | None:
    if _SHARE_BUTTON.match(text):
        return "share button"
    if len(text) > SHARE_ROW_MAX:
        return None  # prose: a row of share buttons is short, and splitting every long line into words costs
    tokens = _SHARE_SEPARATORS.split(_SHARE_VERB.sub("share", text.strip()))
    if len(tokens) >= 2 and all(_SHARE_TOKEN.fullmatch(t) for t in tokens if t) and not all(t.isdigit() for t in tokens if t):  # not "2011/02/11"
        return "share buttons"
    return None


def _image_placeholder(text: str) -> str | None:
    if PLACEHOLDERS.fullmatch(text) and not _FOOTNOTE_MARK.fullmatch(text.strip()):
        return "image placeholder"
    return None


#: A break between an article's sections: "* * *", "***", "___", "~~~", "• • •" (dashes and equals signs may
#: underline a heading, as Markdown writes them).
_SECTION_BREAK = re.compile(r"(?:[*•·]\s*){3,}|_{3,}|~{3,}")


def _section_break(text: str) -> str | None:
    stripped = text.strip()
    return "section break" if stripped[:1] in ("*", "•", "·", "_", "~") and _SECTION_BREAK.fullmatch(stripped) else None


def _count(text: str) -> str | None:
    """A number alone on a line: what a button counts (likes, claps, votes), its label lost."""
    return "count beside a button (likes, claps, votes)" if text.strip().isdigit() and len(text.strip()) <= 6 else None


def _advertisement(text: str) -> str | None:
    return "advertisement" if _ADVERTISEMENT.fullmatch(text.strip()) else None


#: How long ago a comment was posted, ending a comment's header or its first part: "Jane Roe > John Doe • 12 years ago",
#: "pg 12 years ago | parent | next [–]" (Hacker News) are no menus.
_AGE_END = re.compile(r"\b(?:second|minute|hour|day|week|month|year)s?\s+ago$", re.I)


_DIGIT = re.compile(r"\d")


def _comment_buttons(parts: list[str]) -> bool:
    """A comment's buttons, with their counts, before what ends their row: "Like · Reply · 3 · <date>"."""
    return any(not p.isdigit() and _COMMENT_CONTROLS.fullmatch(p) for p in parts) and all(_COMMENT_CONTROLS.fullmatch(p) for p in parts)


def _title_bar(parts: list[str]) -> bool:
    """A page's title with its section and site after bars ("Nokia picks Windows Phone | Technology | The Guardian"),
    not a menu, whose items are all short: the first part has four words, twice as many as any other part."""
    first = len(parts[0].split())
    return first >= 4 and all(2 * len(part.split()) <= first for part in parts[1:])


def _navigation_bar(text: str) -> str | None:
    parts = [p.strip() for p in _BAR_SEPARATORS.split(text) if p.strip()] if _BAR_CHARACTERS.search(text) else ()
    if len(parts) >= 3 and not _AGE_END.search(parts[-1]) and not _AGE_END.search(parts[0]) and not _comment_buttons(parts[:-1]) and all(len(p.split()) <= 4 and not _SENTENCE_END.search(p) for p in parts) \
            and not (_DIGIT.search(text) and find_date(text)) and not _title_bar(parts):
        return "navigation bar"
    if _BREADCRUMB.match(text):
        return "breadcrumb"
    return None


def _footer(text: str) -> str | None:
    if len(text) < 200 and (_COPYRIGHT.match(text) or _LEGAL.search(text)):
        return "footer"
    return None


def _site_control(text: str) -> str | None:
    stripped = text.strip()
    return "site control" if _SITE_CONTROL.fullmatch(stripped) or (len(stripped) <= 100 and _HOME_LINK.fullmatch(stripped)) else None


#: The credit or caption of a picture that the capture lost: "Photo: Reuters/Kacper Pempel", "Image caption …", "(Getty Images)".
_PICTURE = re.compile(
    r"(?:(?:photo(?:graph)?|image|picture|pic|credit|photo credit|illustration)\s*:\s*.{1,150}|image (?:caption|copyright|source)\b.{0,200}"
    r"|\((?:photo(?:graph)?:?\s*)?(?:getty images|afp|ap|reuters|epa|pa)(?:[/ ].{0,40})?\))"
    # "Photo by Jane Doe/Getty Images", "(Image credit: Nokia)", "Getty Images"
    r"|(?:photo(?:graph)?|picture|image)s? by [^.!?/]{1,80}/[^.!?]{1,60}|\(image credit:.{1,100}\)|(?:\w+ via )?getty images",
    re.I,
)
#: A caption that ends with its credit (the Guardian): "Stephen Elop in London on Friday. Photograph: Kieran Doherty/Reuters".
_CAPTION_CREDIT = re.compile(r"[^\n]{10,240}?[.!?]\s+(?:photograph|photo|picture|image|illustration)\s*:\s*[^.!?]{2,80}", re.I)


#: "5 min read", "Reading time: 3 minutes", "Est. reading time: 4 min".
_READING_TIME = re.compile(
    r"(?:(?:est(?:imated|\.)?\s+)?reading time\s*:?\s*(?:about\s+)?\d{1,3}\s*(?:min(?:ute)?s?|mins?)\.?"
    r"|(?:about\s+)?\d{1,3}[\s-]*(?:min(?:ute)?s?|mins?)\.?\s+read"
    r"|\d{1,3}\s*[–-]\s*\d{1,3}\s+minutes)",  # a reader view's "3–4 minutes"
    re.I,
)


#: The joke department line under a Slashdot-style story's byline: "from the burning-platform dept.".
_DEPARTMENT = re.compile(r"from the [\w'’ -]{1,80} dept\.?", re.I)


#: A paywall's or a newsletter's notice: "You have 3 free articles left this month. Subscribe now …",
#: "Sign up for our technology newsletter", "To continue reading, subscribe".
_SUBSCRIPTION = re.compile(
    r"(?:you have (?:\d{1,3}|one|two|three|no) (?:more )?free (?:articles?|stories|views)(?: left| remaining)?\b"
    r"|(?:sign up|subscribe|register) (?:for|to) (?:our|the) [\w' -]{0,40}newsletters?\b"
    r"|this (?:article|story|content) is (?:for|available to|only available to) (?:subscribers|members)\b"
    r"|to (?:continue|keep) reading,? (?:please )?(?:subscribe|log in|sign in|register)\b"
    r"|subscribe (?:now|today) (?:for|to get) (?:unlimited|full|digital) access\b"
    # a newsletter's sign-up form: "Get the best of X delivered to your inbox", "Contact me with news and offers from …"
    r"|get [^.]{1,60} delivered (?:straight |directly )?to your inbox|contact me with news and offers\b|receive email from us\b"
    r"|by submitting your information,? you agree\b).{0,160}",
    re.I,
)
#: A long article's pages: "Page 1 of 2 | Next page »", "« Previous page | Next page »".
_PAGE_LINK = r"(?:page \d{1,3} of \d{1,3}|(?:«\s*)?(?:previous|prev|next)(?: page)?(?:\s*[»«])?|\d{1,3})"
_PAGINATION = re.compile(rf"{_PAGE_LINK}(?:\s*[|·•]?\s*{_PAGE_LINK})*", re.I)


_PAGE_WORD = re.compile(r"page|next|prev", re.I)


def _subscription_notice(text: str) -> str | None:
    stripped = text.strip()
    return "subscription notice" if stripped[:1] in "YySsRrTtGgCcBb" and len(stripped) <= 250 and _SUBSCRIPTION.fullmatch(stripped) else None


def _pagination(text: str) -> str | None:
    stripped = text.strip()
    if not stripped or stripped[0] not in "PpNn«0123456789" or len(stripped) > 120:
        return None  # how every line of page links starts: "Page 1 of 2", "Next", "« Previous", "1 | 2 | 3"
    return "page links" if _PAGE_WORD.search(stripped) and _PAGINATION.fullmatch(stripped) else None


def _reading_time(text: str) -> str | None:
    stripped = text.strip()
    if _READING_TIME.fullmatch(stripped):
        return "reading time"
    return "story department line" if _DEPARTMENT.fullmatch(stripped) else None


def _picture(text: str) -> str | None:
    stripped = text.strip()
    if _PICTURE.fullmatch(stripped) or (":" in stripped and _CAPTION_CREDIT.fullmatch(stripped)):
        return "picture credit or caption"
    return None


#: A blog post's filing line without a colon: "Posted in Mobile, Nokia | 3 Comments", "Filed under Uncategorized".
_POSTED_IN = re.compile(r"(?:posted|filed) (?:in|under)\s+(?P<rest>[^.!?:]{1,150})", re.I)
_POSTED_IN_TAIL = re.compile(r"\s*[|·•]\s*(?:\d{1,6}|no|one) (?:comments?|responses?)|\s*[|·•]\s*(?:leave a comment|comments? (?:off|closed))\s*$", re.I)
_LABEL_ITEMS = re.compile(r"\s*[,|·•]\s*")


#: What a forum prints under a poster's name: "Join Date: Jan 2009", "Posts: 1,234", "Location: Espoo".
_MEMBER_DETAILS = re.compile(r"(?:join(?:ed)?(?: date)?|member since|posts|location|reputation|rep power|thanks|karma|blog entries)\s*:\s*[^.!?]{1,40}", re.I)


def _member_details(text: str) -> str | None:
    stripped = text.strip()
    return "forum member details" if len(stripped) <= 60 and ":" in stripped and _MEMBER_DETAILS.fullmatch(stripped) else None


def _labels(text: str) -> str | None:
    stripped = text.strip()
    if _LABELS.fullmatch(stripped):
        return "labels (tags, topics)"
    filed = _POSTED_IN.fullmatch(stripped) if stripped[:1] in ("P", "p", "F", "f") else None
    if filed:
        # the categories alone, each of a few words: no writer ("Posted in News by Ann Lee") and no date
        items = _LABEL_ITEMS.split(_POSTED_IN_TAIL.sub("", filed.group("rest")))
        if all(item and len(item.split()) <= 4 and not re.search(r"\bby\b|\d", item, re.I) for item in items):
            return "labels (tags, topics)"
    return None


def _text_browser_link_list(text: str) -> str | None:
    stripped = text.strip()
    if _NUMBERED_LINK.fullmatch(stripped) or _LINK_LIST_HEADING.fullmatch(stripped):
        return "link list of a text browser"
    return None


RULES: tuple[Callable[[str], str | None], ...] = (
    _skip_link,
    _cookie_notice,
    _share_buttons,
    _image_placeholder,
    _advertisement,
    _section_break,
    _count,
    _pagination,
    _navigation_bar,
    _footer,
    _site_control,
    _labels,
    _member_details,
    _picture,
    _reading_time,
    _text_browser_link_list,
    _subscription_notice,
)

#: Buttons under a comment.
#: One button under a comment, with its count ("Recommend (12)") or an arrow ("Share ›"). Each of its forms reads
#: one way only, so that a row of them is matched in time linear in its length: no form holds whitespace that the
#: gap between two buttons could take instead ("3 likes" is the count, then "likes"; "reply ↓" is "reply", then "↓").
_COMMENT_CONTROL = (
    r"(?:reply|reply to this comment|log in to reply|report(?: abuse| comment)?|flag|permalink|link|clip|quote|likes?|dislike|recommend\??|"
    r"share|replies|points?|(?:thumbs|vote) (?:up|down)|upvote|downvote|trackback|pingback|edit|delete|\d{1,6}|\d{1,6}[△▽]|[↑↓▲▼△▽]\d*)(?:\s*\(\d{1,6}\))?(?:\s*[›»])?"
)
#: Buttons under a comment, one or a row of them ("Reply • Share ›", "12 △ 3 ▽").
_COMMENT_CONTROLS = re.compile(rf"{_COMMENT_CONTROL}(?:(?:\s*[•·|]\s*|\s+){_COMMENT_CONTROL})*", re.I)
#: A commenter's picture, as a text capture keeps its description: "Avatar of Steve", "Steve's avatar".
_AVATAR = re.compile(r"avatar(?: of .{1,40})?|[^·•|]{1,40}['’]s avatar|user avatar|profile (?:picture|photo|image)(?: of .{1,40})?", re.I)

#: A comment form's fields and buttons (WordPress and alike).
_COMMENT_FORM = re.compile(
    r"(?:(?:your )?(?:name|e-?mail|mail|website|url|comment)(?: address)?\s*(?:\*|\(required\)|\(will not be published\)(?: \(required\))?)?:?|"
    r"(?:post|submit|add) (?:a )?comment(?:\.{3}|…)?|cancel reply|notify me of .*|save my name, email, and website.*|"
    r"your email address will not be published.*|required fields are marked.*|you must be logged in to post a comment.*|"
    r"comments are closed\.?|logged in as .*|"
    r"(?:please )?(?:sign|log) ?in(?: or (?:register|sign up|create (?:an|your) .{0,40}account))? to (?:comment|reply|post a comment|join the (?:discussion|conversation)).*)",
    re.I,
)


#: Past this length a line is prose or a cookie notice: no button, menu, footer or link list runs so long.
LONG_LINE = 300


def furniture_reason(text: str) -> str | None:
    """Why a line is page furniture, or None when it may be article text."""
    if len(text) > LONG_LINE:
        return _cookie_notice(text)
    for rule in RULES:
        reason = rule(text)
        if reason:
            return reason
    return None


def comment_control_reason(text: str) -> str | None:
    if _COMMENT_CONTROLS.fullmatch(text.strip()) or _AVATAR.fullmatch(text.strip()):
        return "comment button"
    if _COMMENT_FORM.fullmatch(text.strip()):
        return "comment form"
    return None


_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def furniture_candidates(text: str) -> frozenset[str]:
    """The lines of one capture that may be site furniture, normalised: short lines that are not prose."""
    return frozenset(normalise(line) for line in text.split("\n") if line.strip() and not is_sentence_like(line) and len(line.strip()) <= 80)


def common_lines(texts: Iterable[str], *, min_captures: int = 3, share: float = 0.3) -> frozenset[str]:
    """Short, non-prose lines that recur across many captures of a batch: the site's own furniture.

    A line counts when it appears in at least ``min_captures`` captures and in at
    least ``share`` of them. Prose is never counted, so passages that several
    articles quote stay article text.
    """
    return common_among([furniture_candidates(text) for text in texts], min_captures=min_captures, share=share)


def common_among(candidates: Sequence[frozenset[str]], *, min_captures: int = 3, share: float = 0.3) -> frozenset[str]:
    """``common_lines`` of the captures whose ``furniture_candidates`` these are."""
    counts: Counter[str] = Counter()
    for lines in candidates:
        counts.update(lines)
    needed = max(min_captures, int(share * len(candidates) + 0.999))
    return frozenset(line for line, n in counts.items() if n >= needed)
