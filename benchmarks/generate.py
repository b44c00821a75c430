"""A deterministic corpus generator: N articles across M unrelated stories, with planted discrepancies.

    python benchmarks/generate.py OUT_DIR --stories 20 --articles 5 --seed 1

Every story has its own event, place, people, dates and figures; each article
retells it in its own words with filler sentences of its own, so sentences are
unique across the corpus. In each story some articles get one planted
discrepancy of each type (a title at another rank, a misspelt surname, a shifted
date, a changed figure, a reworded quote, a quote given to someone else, a pasted
paragraph, a vague date, a transliterated name, a figure only one source gives).
``truth.json`` records every planted item: its check, values and documents.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SYLLABLES = [
    "ka",
    "ra",
    "to",
    "mi",
    "ne",
    "lo",
    "va",
    "su",
    "de",
    "ri",
    "zan",
    "bor",
    "tel",
    "mar",
    "gon",
    "lis",
    "dar",
    "ven",
    "kor",
    "pel",
    "ba",
    "chi",
    "fe",
    "gu",
    "ha",
    "jo",
    "ku",
    "ly",
    "mo",
    "nu",
    "po",
    "qui",
    "sa",
    "ti",
    "ul",
    "vo",
    "wa",
    "xe",
    "yo",
    "ze",
    "bran",
    "cal",
    "dun",
    "fen",
    "gar",
    "hol",
    "isk",
    "jur",
    "kel",
    "lom",
]
EVENTS = [
    ("collapse", "the {place} bridge collapsed", "collapsed"),
    ("summit", "the {place} summit opened", "summit"),
    ("fire", "a fire broke out at the {place} refinery", "fire"),
    ("election", "voters in {place} went to the polls in the election", "election"),
    ("strike", "dock workers in {place} began a strike", "strike"),
    ("flood", "the river flooded central {place}", "flood"),
]
PORTFOLIOS = ["Transport", "Foreign", "Finance", "Interior", "Energy", "Health"]
NOUNS = ["workers", "residents", "vehicles", "families", "soldiers", "students", "engineers", "volunteers"]
# Filler: each sentence names things of its own ({w} is a made-up word) and states no
# figure or date, so no two articles contradict each other by accident and the planted
# single-source figure is the only check-worthy claim of its kind.
FILLER = [
    "Local papers in {w} devoted several pages to the {w2} question.",
    "Officials from {w} promised a statement on the {w2} plan after meeting {other}.",
    "Traders at the {w} market said the {w2} stalls stayed quiet that morning.",
    "Analysts at the {w} institute expect the {w2} debate to run on for a long time.",
    "The {w} council kept {other} late over the {w2} budget.",
    "A photograph of the {w} square was widely shared by {w2} groups.",
    "Teachers at the {w} school said their pupils wrote about the {w2} festival.",
    "{other} toured the {w} district and met {w2} farmers.",
]
# Each core sentence in three wordings; article k uses wording k % 3.
CORE = {
    "event": [
        "On {date}, {event}, officials in {place} said.",
        "{event_cap} on {date}, according to officials in {place}.",
        "Officials in {place} confirmed that {event} on {date}.",
    ],
    "visit": [
        "{title} {first} {surname} visited the scene the next day.",
        "The next day {title} {first} {surname} came to the scene.",
        "{title} {first} {surname} went to the site a day later.",
    ],
    "quote": [
        "“{quote},” said {speaker}.",
        "{speaker_cap} said: “{quote}.”",
        "“{quote},” {speaker} told reporters.",
    ],
    "count": [
        "At least {count} {noun} were affected, according to the authorities in {place}.",
        "The authorities in {place} said {count} {noun} were affected.",
        "{count_cap} {noun} were affected, the {place} authorities said.",
    ],
    "money": [
        "Repairs and aid will cost ${money} million, the ministry said.",
        "The ministry put the cost of repairs and aid at ${money} million.",
        "According to the ministry, repairs and aid will cost ${money} million.",
    ],
}


def word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


@dataclass
class Story:
    n: int
    place: str
    event: tuple
    minister: tuple  # first, last
    portfolio: str
    speaker2: tuple
    day: int
    month: int
    year: int
    count: int
    noun: str
    money: float
    quote: str
    truth: list = field(default_factory=list)


def make_story(rng: random.Random, n: int) -> Story:
    words = [word(rng, 2).lower() for _ in range(6)]
    quote = f"We will rebuild {words[0]} and {words[1]} and we will find out exactly why {words[2]} failed"
    return Story(
        n=n,
        place=word(rng, 3),
        event=rng.choice(EVENTS),
        minister=(word(rng, 2), word(rng, 2) + "enko"),
        portfolio=rng.choice(PORTFOLIOS),
        speaker2=(word(rng, 2), word(rng, 3)),
        day=rng.randint(2, 27),
        month=rng.randint(1, 12),
        year=rng.randint(2015, 2024),
        count=rng.randint(3, 40),
        noun=rng.choice(NOUNS),
        money=round(rng.uniform(10, 900), 2),
        quote=quote,
    )


def article(
    rng: random.Random, story: Story, k: int, plants: set[str], filler: int
) -> tuple[str, list[dict]]:
    """One article of ``story``; returns its text and the discrepancies planted in it."""
    s = story
    first, last = s.minister
    planted = []
    month = MONTHS[s.month - 1]
    day = s.day
    title = f"{s.portfolio} Minister"
    if "title-conflict" in plants:
        title = f"Deputy Minister of {s.portfolio if s.portfolio != 'Foreign' else 'Foreign Affairs'}"
        planted.append({"check": "title-conflict", "values": [title]})
    surname = last
    if "name-misspelling" in plants:
        surname = last[:2] + last[3:]  # drop one letter
        planted.append({"check": "name-misspelling", "values": [surname, last]})
    if "name-variant" in plants:
        surname = last[:-1] + "a"  # -enko / -enka, a transliteration ending
        planted.append({"check": "name-variant", "values": [surname, last]})
    if "date-conflict" in plants:
        day = s.day + 1
        planted.append({"check": "date-conflict", "values": [f"{month} {day}", f"{month} {s.day}"]})
    count = s.count
    if "number-conflict" in plants:
        count = s.count + 2
        planted.append({"check": "number-conflict", "values": [str(count), str(s.count)]})
    quote = s.quote
    if "quote-mismatch" in plants:
        quote = quote.replace("exactly ", "").replace("will rebuild", "are going to rebuild")
        planted.append({"check": "quote-mismatch", "values": []})
    speaker = f"{s.portfolio} Minister {first} {last}"
    if "attribution-conflict" in plants:
        speaker = f"engineer {' '.join(s.speaker2)}"
        planted.append({"check": "attribution-conflict", "values": [" ".join(s.speaker2)]})
    event = s.event[1].format(place=s.place)
    fields = dict(
        date=f"{month} {day}",
        event=event,
        event_cap=event[0].upper() + event[1:],
        place=s.place,
        title=title,
        first=first,
        surname=surname,
        quote=quote,
        speaker=speaker,
        speaker_cap=speaker[0].upper() + speaker[1:],
        count=count,
        count_cap=str(count),
        noun=s.noun,
        money=f"{s.money:.2f}",
    )
    lines = [
        f"{s.place}: {s.event[0]} leaves questions, report {k + 1}",
        f"Published: {s.year}-{s.month:02d}-{min(day + 2, 28):02d}",
        "",
    ]
    # Each article words the core facts its own way: a wording, then a clause naming its own source.
    body = []
    for key in ("event", "visit", "quote", "count", "money"):
        line = rng.choice(CORE[key]).format(**fields)
        if key != "quote":
            line = (
                line[:-1]
                + f", {rng.choice(['the regional', 'a local', 'the national', 'the city'])} {rng.choice(['bureau', 'desk', 'office', 'service'])} reported."
            )
        body.append(line)
    if "vague-date" in plants:
        body.append(
            f"In {MONTHS[(s.month + 5) % 12]} of that year, {s.place} had already seen protests over the budget."
        )
        planted.append({"check": "vague-date", "values": ["of that year"]})
    if "single-source" in plants:
        figure = rng.randint(41, 99)
        body.append(
            f"Investigators found {figure} corroded cables under the {s.place} embankment, according to a leaked report."
        )
        planted.append({"check": "single-source", "values": [str(figure)]})
    for _ in range(filler):
        body.append(
            rng.choice(FILLER).format(
                w=word(rng, 4), w2=word(rng, 3).lower(), other=f"{word(rng, 3)} {word(rng, 3)}"
            )
        )
    if "duplicate-passage" in plants:
        body += body[:3]
        planted.append({"check": "duplicate-passage", "values": []})
    return "\n".join(lines + body) + "\n", planted


CHECKS = [
    "title-conflict",
    "name-misspelling",
    "name-variant",
    "date-conflict",
    "number-conflict",
    "quote-mismatch",
    "attribution-conflict",
    "vague-date",
    "single-source",
    "duplicate-passage",
]


CLASHES = {"name-misspelling", "name-variant"}
QUOTE_CLASH = {"quote-mismatch", "attribution-conflict"}


def generate(out: Path, stories: int, articles: int, seed: int = 1, filler: int = 8) -> dict:
    """Write the corpus and its ground truth; return the truth."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    truth = {"seed": seed, "stories": stories, "articles": articles, "items": []}
    for n in range(stories):
        story = make_story(rng, n)
        # Article 0 is the reference; each later article carries at most two planted discrepancies.
        # Two plants that rewrite the same words (the surname; the quote) never share an article.
        while True:
            order = CHECKS[:]
            rng.shuffle(order)
            plan = {k: set(order[2 * (k - 1) : 2 * k]) if k else set() for k in range(articles)}
            if not any(CLASHES <= p or QUOTE_CLASH <= p for p in plan.values()):
                break
        for k in range(articles):
            name = f"s{n:05d}-a{k:02d}.txt"
            text, planted = article(rng, story, k, plan[k], filler)
            (out / name).write_text(text, encoding="utf-8")
            for item in planted:
                truth["items"].append({**item, "story": n, "documents": [name]})
    (out / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--stories", type=int, default=20)
    p.add_argument("--articles", type=int, default=5)
    p.add_argument("--filler", type=int, default=8)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    truth = generate(a.out, a.stories, a.articles, a.seed, a.filler)
    print(f"{a.stories * a.articles} articles, {len(truth['items'])} planted discrepancies in {a.out}")


if __name__ == "__main__":
    main()
