"""Synthetic captures for the benchmark: realistic in shape, reproducible from a seed.

Each capture is a text capture like the shipped ones: a title, one of several
byline and date formats, about 700 words of paragraphs with a list and quoted
speech, named people, companies and products that recur across the archive,
dates in the text, a "Read more" list, and about ten comments with replies.
Words come from a vocabulary of 30,000 made-up words drawn with Zipf
frequencies; one article in ten carries a passage that others carry too.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta
from pathlib import Path

VOCABULARY = 30_000
_SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ea")]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SAY = ["said", "says", "added", "explained"]
_TIME_WORDS = ["on Friday", "on Monday", "later today", "last year", "next week", "yesterday", "in March", "days after the vote"]


class Generator:
    """Builds captures from one random seed, so every run of the benchmark sees the same archive."""

    def __init__(self, seed: int = 2011) -> None:
        self.random = random.Random(seed)
        words = set()
        while len(words) < VOCABULARY:
            words.add("".join(self.random.choices(_SYLLABLES, k=self.random.choice((1, 2, 2, 3, 3, 4)))))
        self.words = sorted(words, key=lambda w: (len(w), w))
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(VOCABULARY)))
        self.people = [f"{self._name()} {self._name()}" for _ in range(600)]
        self.companies = [self._name() + self.random.choice(["", " Bank", " Group", " Labs", " Motors", ""]) for _ in range(300)]
        self.products = [f"{self._name()} {self.random.randint(2, 12)}" for _ in range(200)]
        self.events = [f"{self._name()} {self.random.choice(['Summit', 'Conference', 'Expo', 'Forum'])}" for _ in range(60)]
        self.shared = [self._paragraph(60, 90) for _ in range(40)]
        self.commenters = [self._name() + self.random.choice(["", "2010", "_x", " " + self._name()]) for _ in range(2000)]

    def _name(self) -> str:
        return "".join(self.random.choices(_SYLLABLES, k=self.random.choice((2, 3)))).capitalize()

    def _words(self, n: int) -> list[str]:
        return self.random.choices(self.words, cum_weights=self.cumulative, k=n)

    def _sentence(self, low: int = 8, high: int = 22, names: list[str] | None = None) -> str:
        words = self._words(self.random.randint(low, high))
        if names and self.random.random() < 0.7:
            words.insert(self.random.randrange(1, len(words)), self.random.choice(names))
        if self.random.random() < 0.12:
            words.insert(len(words) // 2, self.random.choice(_TIME_WORDS))
        words[0] = words[0].capitalize()
        return " ".join(words) + self.random.choice([".", ".", ".", "?"])

    def _paragraph(self, low: int, high: int, names: list[str] | None = None) -> str:
        out: list[str] = []
        while sum(len(s.split()) for s in out) < self.random.randint(low, high):
            out.append(self._sentence(names=names))
        return " ".join(out)

    def _byline(self, author: str, when: datetime, comments: int) -> str:
        style = self.random.randrange(5)
        if style == 0:
            day = when.day
            suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
            return f"By {author}, on {day}{suffix} {when:%b %y} {when:%-I:%M %p}".replace("AM", "am").replace("PM", "pm") + f" with {comments} Comments"
        if style == 1:
            return f"Posted on {when:%B} {when.day}, {when:%Y} by {author}"
        if style == 2:
            return f"{author} | {when:%Y-%m-%d %H:%M}"
        if style == 3:
            return f"By {author}\n{when.day} {when:%B %Y}"
        return f"By {author} - {when:%A}, {when.day} {when:%B %Y} at {when:%H:%M}"

    def _comments(self, count: int, author: str) -> list[str]:
        lines: list[str] = []
        made = 0
        while made < count:
            name = self.random.choice(self.commenters)
            lines += [f"  • {name}", "", f"    {self._sentence(6, 30)}", ""]
            made += 1
            for _ in range(self.random.choice((0, 0, 0, 1, 2))):
                if made >= count:
                    break
                replier = author.split()[0] + " " + author.split()[1][0] if self.random.random() < 0.15 else self.random.choice(self.commenters)
                lines += [f"    • {replier}", "", f"      {self._sentence(4, 20)}", ""]
                made += 1
        return lines

    def capture(self, n: int) -> str:
        """The ``n``-th capture of this archive."""
        r = self.random
        author = r.choice(self.people)
        when = datetime(2005, 1, 1) + timedelta(minutes=r.randrange(16 * 365 * 24 * 60))
        names = r.sample(self.people, 3) + r.sample(self.companies, 2) + r.sample(self.products, 2)
        title_words = self._words(r.randint(5, 10))
        title = " ".join([r.choice(names[3:])] + title_words).rstrip()
        comments = r.choice((6, 8, 10, 10, 10, 12, 14))
        lines = [title, "", self._byline(author, when, comments), ""]
        person, company = names[0], names[3]
        lines += [f"{company} CEO {person} {r.choice(_SAY)} on {_WEEKDAYS[when.weekday()]} that {self._sentence(10, 18, names)}", ""]
        words = 0
        while words < 640:
            kind = r.random()
            if kind < 0.08:
                items = [f"  • {self._sentence(8, 16, names)}" for _ in range(r.randint(3, 6))]
                lines += [*items, ""]
                words += sum(len(i.split()) for i in items)
                continue
            if kind < 0.18:
                speaker = r.choice(names[:3])
                text = f"“{self._sentence(10, 24)}” {r.choice(_SAY)} {speaker.split()[-1]}."
            elif kind < 0.21 and self.random.random() < 0.5:
                text = r.choice(self.shared)
            elif kind < 0.24:
                text = f"The {r.choice(self.events)} is planned for {r.choice(_WEEKDAYS)} and {self._sentence(8, 14, names)}"
            else:
                text = self._paragraph(50, 110, names)
            lines += [text, ""]
            words += len(text.split())
        lines += ["Read more", ""]
        lines += [" ".join(self._words(r.randint(4, 9))).capitalize() for _ in range(r.randint(2, 5))]
        lines += [""]
        lines += self._comments(comments, author)
        return "\n".join(lines) + "\n"


def generate(count: int, folder: Path, seed: int = 2011) -> list[Path]:
    """Write ``count`` captures into ``folder`` (created); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:06d}.txt"
        path.write_text(generator.capture(n), "utf-8")
        paths.append(path)
    return paths
