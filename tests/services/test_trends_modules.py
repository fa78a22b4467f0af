"""Module scores in the trends (issue 6, part 1): hand-built histories with known scores.

A module's own areas are scored like the weekly areas (reverse keying 8 − x, 75% of the items of
the person's role answered), per person and week, and are never part of the trust index.
Private packs and private items are never read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import pytest

import rawdb
from trustcheck.charts import render_trends
from trustcheck.core.models import Answer, Item, ItemKind, ModuleArea, Pack, Profile
from trustcheck.services import Services

MON = dt.date(2026, 11, 16)  # last week, as the shared fixture clock (25 Nov 2026) sees it
WEEKS = [MON - dt.timedelta(weeks=2), MON - dt.timedelta(weeks=1), MON]


def score(*values: float) -> float:
    """``100 × (mean − 1) / 6`` of already keyed values."""
    return 100.0 * (sum(values) / len(values) - 1) / 6


def weekly(services: Services, person: Profile, level: int = 4) -> list[Answer]:
    pack = services.pack
    out = []
    for item in pack.items:
        if item.kind is ItemKind.SCALE:
            out.append(Answer(person.id, pack.id, pack.version, item.id, value=level))
        elif item.kind is ItemKind.RATING:
            out.append(Answer(person.id, pack.id, pack.version, item.id, value=7))
    return out


def module(pack: Pack, person: Profile, values: Mapping[str, int | None]) -> list[Answer]:
    """Raw (stored, unkeyed) values; None is a skip."""
    return [
        Answer(person.id, pack.id, pack.version, item_id, value=v, skipped=v is None)
        for item_id, v in values.items()
    ]


def checkin(
    services: Services,
    week: dt.date,
    people: Sequence[Profile],
    extra: Sequence[Answer] = (),
) -> int:
    when = dt.datetime.combine(week + dt.timedelta(days=6), dt.time(19), tzinfo=dt.UTC)
    answers = [a for p in people for a in weekly(services, p)] + list(extra)
    return rawdb.checkins(services).insert_completed(
        week, [p.id for p in people], when, when + dt.timedelta(minutes=20), answers
    )


@pytest.fixture
def couple(services: Services) -> list[Profile]:
    return services.profiles.setup(["Alex", "Sam"])


def test_a_module_area_is_scored_like_a_weekly_area(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    services.packs.set_enabled("jealousy", True)
    jealousy = services.packs.get("jealousy")
    # triggered, spiral and proof are reverse-keyed: stored 2 → 6, 3 → 5, 6 → 2.
    full = {
        "jealousy.triggered": 2,
        "jealousy.spiral": 3,
        "jealousy.name": 4,
        "jealousy.proof": 6,
        "jealousy.steady": 5,
    }
    three = {**full, "jealousy.steady": None}  # 4 of 5 answered: 80%, scored
    two = {**three, "jealousy.name": None}  # 3 of 5: missing, a gap (never zero)
    checkin(services, WEEKS[0], couple, module(jealousy, alex, full))
    checkin(services, WEEKS[1], couple, module(jealousy, alex, three))
    checkin(services, WEEKS[2], couple, module(jealousy, alex, two) + module(jealousy, sam, full))
    report = services.trends.report()
    assert [(m.pack_id, m.area, m.title) for m in report.modules] == [
        ("jealousy", "jealousy.settled", "Jealousy: Feeling settled")
    ]
    key = ("jealousy", "jealousy.settled")
    a, s = report.persons
    assert a.modules[key].values() == pytest.approx([score(6, 5, 4, 2, 5), score(6, 5, 4, 2), None])
    assert s.modules[key].values() == [None, None, pytest.approx(score(6, 5, 4, 2, 5))]
    assert a.modules[key].latest == pytest.approx(score(6, 5, 4, 2))
    # never part of the trust index: the weekly answers alone (all at 4 → 50)
    assert a.index.values() == [50.0, 50.0, 50.0]
    assert set(a.areas) == {"communication", "security", "closeness", "reliability", "openness"}


def test_roles_pick_each_persons_items(services: Services, couple: list[Profile]) -> None:
    alex, sam = couple
    services.packs.set_enabled("betrayal", True)
    services.packs.set_role("betrayal", alex.id, "hurt")
    services.packs.set_role("betrayal", sam.id, "hurting")
    pack = services.packs.get("betrayal")
    amends = [i for i in pack.items if i.area == "betrayal.amends" and i.kind is ItemKind.SCALE]
    hurt = {i.id: 6 for i in amends if i.who == "hurt"}
    hurting = {i.id: 3 for i in amends if i.who == "hurting"}
    # Sam also (oddly) holds answers to the other role's items: they do not count for Sam.
    stray = {i.id: 1 for i in amends if i.who == "hurt"}
    for week in WEEKS[1:]:
        checkin(
            services,
            week,
            couple,
            module(pack, alex, hurt) + module(pack, sam, {**hurting, **stray}),
        )
    report = services.trends.report()
    key = ("betrayal", "betrayal.amends")
    assert key in {m.key for m in report.modules}
    title = next(m.title for m in report.modules if m.key == key)
    heading = "After a betrayal: Safety and accountability (phase 1)"
    assert title == pack.area_heading("betrayal.amends") == heading

    def keyed(items: list[Item], value: int) -> list[float]:
        return [float(8 - value if i.reverse else value) for i in items]

    mine = [i for i in amends if i.who == "hurt"]
    theirs = [i for i in amends if i.who == "hurting"]
    alex_t, sam_t = report.persons
    assert alex_t.modules[key].values()[-1] == pytest.approx(score(*keyed(mine, 6)))
    assert sam_t.modules[key].values()[-1] == pytest.approx(score(*keyed(theirs, 3)))


def test_private_packs_and_disabled_modules_never_show(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    crossroads = services.packs.get("crossroads")
    jealousy = services.packs.get("jealousy")
    values = {i.id: 7 for i in crossroads.items if i.kind is ItemKind.SCALE}
    # Even if a crossroads rating were stored in the clear, trends would not read it.
    for week in WEEKS:
        checkin(
            services,
            week,
            couple,
            module(crossroads, alex, values)
            + module(jealousy, sam, {i.id: 4 for i in jealousy.items_in("jealousy.settled")}),
        )
    services.packs.set_enabled("crossroads", True)
    report = services.trends.report()
    assert report.modules == ()
    assert all(not p.modules for p in report.persons)
    # Switching a module on shows it at once: no refresh needed.
    services.packs.set_enabled("jealousy", True)
    report = services.trends.report()
    assert [m.pack_id for m in report.modules] == ["jealousy"]
    # Asking for one weekly area leaves the modules out.
    assert services.trends.report(area="security").modules == ()
    services.packs.set_enabled("jealousy", False)
    assert services.trends.report().modules == ()


class _Catalog:
    """A hand-made catalogue: one user module with a private item among shared ones."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def enabled_ids(self) -> list[str]:
        return [self.pack.id]

    def enabled_modules(self) -> list[Pack]:
        return [self.pack]

    def role(self, pack_id: str, profile_id: int) -> str | None:
        return None

    def answered(self, pack_id: str, version: int) -> Pack | None:
        return None


def test_private_items_are_skipped(services: Services, couple: list[Profile]) -> None:
    alex, _ = couple
    base = services.packs.get("jealousy")
    items = tuple(
        dataclasses.replace(i, private=True) if i.id == "jealousy.steady" else i for i in base.items
    )
    pack = dataclasses.replace(base, id="mine", items=items)
    assert pack.areas == (ModuleArea("jealousy.settled", "Feeling settled"),)
    # The private item (answered 1, the lowest) never moves the score, and never counts towards
    # the 75%: 4 of 4 shared is scored without it, 2 of 4 shared is a gap.
    four = {
        "jealousy.triggered": 1,
        "jealousy.spiral": 1,
        "jealousy.name": 7,
        "jealousy.proof": 1,
        "jealousy.steady": 1,
    }
    two = {**four, "jealousy.name": None, "jealousy.proof": None}
    checkin(services, WEEKS[1], couple, module(pack, alex, four))
    checkin(services, WEEKS[2], couple, module(pack, alex, two))
    trends = rawdb.new_trends(services, catalog=_Catalog(pack))
    report = trends.report()
    series = report.persons[0].modules[("mine", "jealousy.settled")]
    assert series.values() == [pytest.approx(score(7, 7, 7, 7)), None]


def test_cli_charts_show_module_panels_only_when_present(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    jealousy = services.packs.get("jealousy")
    values = {i.id: 4 for i in jealousy.items_in("jealousy.settled")}
    for week in WEEKS:
        checkin(
            services, week, couple, module(jealousy, alex, values) + module(jealousy, sam, values)
        )
    without = render_trends(services.trends.report(), width=100, color=False)
    assert "Jealousy: Feeling settled" not in without
    services.packs.set_enabled("jealousy", True)
    with_modules = render_trends(services.trends.report(), width=100, color=False)
    assert "Jealousy: Feeling settled" in with_modules  # the panel
    assert "Jealousy: Feeli…" in with_modules  # the table row, cut to its column
    assert with_modules.index("Openness") < with_modules.index("Jealousy: Feeling settled")
