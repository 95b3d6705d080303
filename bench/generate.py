"""Generate a benchmark corpus (JSONL) of N releases from the project's sample releases.

Why: the speed and memory targets are about thousands of documents, and we
only write ~40 by hand. Each generated release is a sample release (from
`corpus/releases/`, or the few written below when that folder is still
empty) with its names, countries, cities and dates swapped and its body
sentences reordered, so spaCy sees varied text rather than 500 copies of one
string. Deterministic for a given seed.

    python bench/generate.py 2000 bench/.work/gen-2000.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "corpus" / "releases"

COUNTRIES = [
    ("Peru", "Lima"), ("Chile", "Santiago"), ("Norway", "Oslo"), ("Denmark", "Copenhagen"),
    ("Kenya", "Nairobi"), ("Ghana", "Accra"), ("Japan", "Tokyo"), ("Vietnam", "Hanoi"),
    ("Uzbekistan", "Tashkent"), ("Tajikistan", "Dushanbe"), ("Turkmenistan", "Ashgabat"),
    ("Kazakhstan", "Astana"), ("Austria", "Vienna"), ("Portugal", "Lisbon"),
    ("Mongolia", "Ulaanbaatar"), ("Morocco", "Rabat"), ("Canada", "Ottawa"),
    ("Indonesia", "Jakarta"), ("Egypt", "Cairo"), ("Finland", "Helsinki"),
]
GIVEN = ["Ana", "Marek", "Yuki", "Aliya", "Tomas", "Farida", "Kwame", "Ingrid", "Rustam",
         "Lucia", "Dilnoza", "Pedro", "Amina", "Jonas", "Saule", "Bakhtiyor"]
FAMILY = ["Ruiz", "Novak", "Tanaka", "Sultanova", "Berg", "Karimov", "Mensah", "Lund",
          "Aliyev", "Costa", "Rahimova", "Ortega", "Haddad", "Virtanen", "Omarova", "Said"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Written for this benchmark (placeholders in braces); used when corpus/releases is empty.
TEMPLATES = [
    "{CITY_A}, {DAY} {MONTH} {YEAR}. On {DAY} {MONTH}, the Minister of Foreign Affairs of "
    "{COUNTRY_A} {PERSON_A} met the Ambassador of {COUNTRY_B} to {COUNTRY_A} {PERSON_B}. "
    "The sides discussed the state and prospects of bilateral cooperation in trade, energy "
    "and transport. Particular attention was paid to the preparation of the next session of "
    "the intergovernmental commission. The Ambassador conveyed greetings from the leadership "
    "of {COUNTRY_B}. The parties agreed to continue regular contacts at all levels. "
    "The meeting was held in a friendly and constructive atmosphere.",
    "On {MONTH} {DAY}, {YEAR}, political consultations between the foreign ministries of "
    "{COUNTRY_A} and {COUNTRY_B} were held in {CITY_B}. The {COUNTRY_A} delegation was headed "
    "by Deputy Minister of Foreign Affairs {PERSON_A}, and the {COUNTRY_B} delegation by "
    "Director of the Department of Asia {PERSON_B}. The first session was devoted to "
    "regional security and the fight against drug trafficking. During the second session the "
    "sides exchanged views on cooperation within the United Nations. A memorandum on "
    "consultations for the coming years was signed at the end of the talks. "
    "The next round will take place in {CITY_A}.",
    "President {PERSON_A} had a telephone conversation with the Prime Minister of {COUNTRY_B} "
    "{PERSON_B}. The leaders discussed current issues of the bilateral agenda, including "
    "investment projects and cooperation in health care. {PERSON_A} congratulated his "
    "counterpart on the national holiday. The two leaders also touched upon the situation in "
    "the region and stressed the importance of dialogue. It was agreed to keep in touch.",
    "{CITY_A}, {MONTH} {DAY}. A videoconference of senior officials of the {COUNTRY_A}, "
    "{COUNTRY_B} and {COUNTRY_C} dialogue took place on {DAY} {MONTH} {YEAR}. The participants "
    "reviewed the implementation of the joint action plan on water resources and climate "
    "change. Special Representative {PERSON_A} presented proposals on digital connectivity. "
    "The officials agreed to hold the next meeting in {CITY_C} in the autumn. "
    "A joint press release was adopted following the meeting.",
    "The Minister of Foreign Affairs {PERSON_A} paid an official visit to {COUNTRY_B} on "
    "{DAY}-{DAY2} {MONTH}. In {CITY_B} he was received by the President of {COUNTRY_B} "
    "{PERSON_B}. The talks focused on trade and economic cooperation, education and culture. "
    "Following the talks, the ministers signed an agreement on visa-free travel for holders "
    "of diplomatic passports. {PERSON_A} also delivered a lecture at the Diplomatic Academy "
    "on the foreign policy of {COUNTRY_A}. The visit ended with a visit to the historical "
    "centre of {CITY_B}.",
]

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sample_texts(folder: Path = RELEASES) -> list[str]:
    """The project's sample releases, or the templates above when there are none yet."""
    files = sorted(p for p in folder.glob("*") if p.suffix in {".txt", ".md"}) \
        if folder.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in files]
    return [t for t in texts if t.strip()] or list(TEMPLATES)


def _person(rng: random.Random) -> str:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    return rng.choice([f"{given} {family}", f"{given[0]}. {family}"])


def _fill(template: str, rng: random.Random) -> str:
    (a, city_a), (b, city_b), (c, city_c) = rng.sample(COUNTRIES, 3)
    day = rng.randint(1, 27)
    values = {
        "COUNTRY_A": a, "COUNTRY_B": b, "COUNTRY_C": c, "CITY_A": city_a, "CITY_B": city_b,
        "CITY_C": city_c, "PERSON_A": _person(rng), "PERSON_B": _person(rng),
        "DAY": str(day), "DAY2": str(day + 1), "MONTH": rng.choice(MONTHS),
        "YEAR": str(rng.randint(2015, 2024)),
    }
    return template.format(**values)


def _vary_real(text: str, rng: random.Random) -> str:
    """A sample release with countries, capitals and month names swapped."""
    swap = dict(zip([c for c, _ in COUNTRIES] + [t for _, t in COUNTRIES],
                    [c for c, _ in rng.sample(COUNTRIES, len(COUNTRIES))]
                    + [t for _, t in rng.sample(COUNTRIES, len(COUNTRIES))], strict=True))
    swap.update(zip(MONTHS, rng.sample(MONTHS, len(MONTHS)), strict=True))
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, swap)) + r")\b")
    return pattern.sub(lambda m: swap[m.group(1)], text)


def _reorder(text: str, rng: random.Random) -> str:
    """Keep the lead sentence, shuffle the body (what varies between real releases)."""
    sentences = _SENTENCE.split(text.strip())
    if len(sentences) > 3:
        body = sentences[1:]
        rng.shuffle(body)
        sentences = [sentences[0], *body]
    return " ".join(sentences)


def generate(n: int, seed: int = 13) -> Iterator[dict]:
    rng = random.Random(seed)
    samples = sample_texts()
    for i in range(n):
        sample = samples[i % len(samples)]
        text = _fill(sample, rng) if "{" in sample else _vary_real(sample, rng)
        text = _reorder(text, rng)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        yield {
            "id": f"gen-{i:06d}",
            "title": _SENTENCE.split(text, maxsplit=1)[0][:80],
            "published": f"{rng.randint(2015, 2024)}-{month:02d}-{day:02d}",
            "url": None,
            "text": text,
        }


def write_corpus(n: int, path: Path, seed: int = 13) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in generate(n, seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    write_corpus(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
