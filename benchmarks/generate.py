"""Seeded generator of realistic barcamp events, for the benchmarks and the tests.

Real barcamp data with named votes is rare and private, so the benchmarks need events
that look like the real thing in the ways that make planning hard:

* clustered interests: sessions belong to theme families and each person votes mostly
  within one or two families (so conflicts concentrate, as at real events);
* skewed popularity (a few sessions draw a crowd, many draw a handful);
* hosts are participants who also vote, and some host two sessions;
* about 5 % two-slot workshops, a projector (``beamer``) needed by some sessions and
  present in half the rooms, hosts unavailable for part of the day (``unavailable``).

The YAML is written as a facilitator would type it (unquoted times such as ``9:30``),
so it also exercises the loader. Same preset and seed, same bytes.

    python benchmarks/generate.py opensozial -o /tmp/opensozial.yaml [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from opensozial.atomic import write_text_atomic


@dataclass(frozen=True)
class Preset:
    sessions: int
    rooms: int
    slots: int
    people: int
    votes: float  # mean votes per person


PRESETS: dict[str, Preset] = {
    "afterwork": Preset(12, 3, 4, 40, 4),
    "opensozial": Preset(36, 7, 6, 100, 6),
    "werkstatt": Preset(48, 8, 7, 180, 6),
    "minnebar": Preset(110, 14, 8, 1500, 9),
    "huge": Preset(300, 30, 10, 5000, 9),
}

FAMILIES = [
    "Ehrenamt", "Digitales", "Klima", "Bildung", "Gesundheit", "Stadtteil", "Kultur",
    "Mobilität", "Arbeit", "Inklusion", "Jugend", "Verwaltung", "Wohnen", "Energie",
]
FIRST = ["Anna", "Ben", "Carla", "Deniz", "Elif", "Finn", "Greta", "Hakan", "Ida", "Jonas",
         "Kerstin", "Lukas", "Mara", "Nils", "Olga", "Paul", "Rita", "Sven", "Tina", "Uwe",
         "Vera", "Yusuf", "Zoe", "Amira", "Bernd", "Dana", "Emil", "Fatima", "Gerd", "Helga"]


@dataclass(frozen=True)
class Generated:
    """A generated event: its YAML text and the figures a benchmark table shows."""

    name: str
    text: str


def _person_names(count: int) -> list[str]:
    """Unique, human-looking names: 'Anna B.', then 'Anna B. 2' once the pairs run out."""
    names = []
    letters = "ABCDEFGHIJKLMNOPRSTUVWZ"
    for index in range(count):
        first = FIRST[index % len(FIRST)]
        letter = letters[(index // len(FIRST)) % len(letters)]
        round_ = index // (len(FIRST) * len(letters))
        names.append(f"{first} {letter}." + (f" {round_ + 1}" if round_ else ""))
    return names


def _capacities(rng: random.Random, rooms: int, people: int) -> list[int]:
    """Seats per room: one hall, a few mid-size rooms, many small ones.

    About 1.25× people in all.
    """
    weights = [1.0 / (1 + 0.45 * i) for i in range(rooms)]
    total = 1.25 * people
    caps = [max(8, round(total * w / sum(weights) * rng.uniform(0.9, 1.1))) for w in weights]
    return sorted(caps, reverse=True)


def generate(preset_name: str, seed: int = 1) -> Generated:
    preset = PRESETS[preset_name]
    rng = random.Random(f"{preset_name}:{seed}")
    n_families = max(3, min(len(FAMILIES), preset.sessions // 6))
    families = FAMILIES[:n_families]
    # Sessions: family, popularity (log-normal: a few crowd-pullers), workshop, projector.
    family_of = [families[i % n_families] for i in range(preset.sessions)]
    rng.shuffle(family_of)
    popularity = [rng.lognormvariate(0, 0.9) for _ in range(preset.sessions)]
    workshops = set(rng.sample(range(preset.sessions), int(0.05 * preset.sessions)))
    beamer = {i for i in range(preset.sessions) if rng.random() < 0.2}
    people = _person_names(preset.people)
    # Votes: each person likes one or two families and votes mostly inside them.
    votes: list[set[str]] = [set() for _ in range(preset.sessions)]
    by_family = {f: [i for i in range(preset.sessions) if family_of[i] == f] for f in families}
    for person in people:
        liked = rng.sample(families, 1 if rng.random() < 0.5 else 2)
        count = max(1, min(preset.sessions, round(rng.gauss(preset.votes, preset.votes / 3))))
        weights = [popularity[i] * (6.0 if family_of[i] in liked else 0.25)
                   for i in range(preset.sessions)]
        chosen: set[int] = set()
        while len(chosen) < count:
            chosen.add(rng.choices(range(preset.sessions), weights)[0])
        for i in chosen:
            votes[i].add(person)
    # Hosts: participants; about one in eight hosts a second session of the same family.
    hosts: list[list[str]] = []
    host_pool = rng.sample(people, preset.sessions)
    for i in range(preset.sessions):
        same = [j for j in by_family[family_of[i]] if j < i]
        if same and rng.random() < 0.12:
            hosts.append(list(hosts[rng.choice(same)][:1]))
        else:
            hosts.append([host_pool[i]])
        if rng.random() < 0.1:
            hosts[i].append(rng.choice(people))
    return Generated(preset_name, _yaml(preset_name, seed, preset, rng, family_of, workshops,
                                        beamer, votes, hosts))


def _yaml(name, seed, preset, rng, family_of, workshops, beamer, votes, hosts) -> str:
    caps = _capacities(rng, preset.rooms, preset.people)
    room_ids = [f"r{i + 1:02d}" for i in range(preset.rooms)]
    with_beamer = set(rng.sample(room_ids, preset.rooms // 2)) | {room_ids[0]}
    slot_ids = [f"s{i + 1}" for i in range(preset.slots)]
    lunch_after = (preset.slots + 1) // 2
    lines = [
        f"# Generated by benchmarks/generate.py {name} --seed {seed}; do not edit by hand.",
        (
            f"event: {{name: \"Benchmark {name} (seed {seed})\", date: 2026-10-22, "
            "timezone: Europe/Berlin, language: de}"
        ),
        "",
        "rooms:",
    ]
    for room, cap in zip(room_ids, caps):
        features = "[beamer]" if room in with_beamer else "[]"
        lines.append(
            f'  - {{id: {room}, name: "Raum {room[1:]}", capacity: {cap}, features: {features}}}'
        )
    lines += ["", "slots:"]
    clock = dt.datetime(2026, 10, 22, 9, 30)
    for index, slot in enumerate(slot_ids):
        end = clock + dt.timedelta(minutes=45)
        lines.append(f"  - {{id: {slot}, start: {clock:%-H:%M}, end: {end:%-H:%M}}}")
        clock = end + dt.timedelta(minutes=15)
        if index + 1 == lunch_after:
            lunch_end = clock + dt.timedelta(minutes=60)
            lines.append(f"  - {{id: mittag, start: {clock:%-H:%M}, end: {lunch_end:%-H:%M}, "
                         "break: \"Mittagspause\"}")
            clock = lunch_end
    sessions = []
    for i in range(preset.sessions):
        entry: dict = {
            "id": f"t{i + 1:03d}",
            "title": f"{family_of[i]}: Thema {i + 1}" + (" (Workshop)" if i in workshops else ""),
            "hosts": hosts[i],
            "votes": sorted(votes[i] - set(hosts[i])),
        }
        if i in workshops:
            entry["length"] = 2
        if i in beamer:
            entry["needs"] = ["beamer"]
        if rng.random() < 0.1:  # host only there in the morning or only in the afternoon
            half = slot_ids[lunch_after:] if rng.random() < 0.5 else slot_ids[:lunch_after]
            entry["unavailable"] = half
        sessions.append(entry)
    body = yaml.safe_dump({"sessions": sessions}, allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=1000)
    return "\n".join(lines) + "\n\n" + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("preset", choices=sorted(PRESETS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    text = generate(args.preset, args.seed).text
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(args.output, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
