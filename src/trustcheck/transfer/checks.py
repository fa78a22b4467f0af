"""What a row-by-row check of a JSON export cannot see: ids, the references between records,
and answers against the pack. :func:`trustcheck.transfer.reader.from_json` calls
:func:`check_references` once every record has been read.
"""

from __future__ import annotations

from trustcheck.core.models import (
    OVERALL_MAX,
    OVERALL_MIN,
    SCALE_MAX,
    SCALE_MIN,
    CheckinStatus,
    ItemKind,
    Pack,
    Step,
    Visibility,
)
from trustcheck.transfer.format import Dump, DumpAnswer, DumpError


def check_references(dump: Dump, pack: Pack | None) -> None:
    """What a row-by-row check cannot see: ids, references between records, and the pack."""
    profile_ids = _unique([p.id for p in dump.profiles], "profiles", "id")
    names = [p.name for p in dump.profiles if p.removed_at is None]
    if len(set(names)) != len(names):
        raise DumpError("profiles: two people have the same name")
    checkin_ids = _unique([c.id for c in dump.checkins], "checkins", "id")
    if sum(c.status == CheckinStatus.IN_PROGRESS for c in dump.checkins) > 1:
        raise DumpError("checkins: more than one check-in is in progress")
    items = {i.id: i for i in pack.items} if pack is not None else {}
    private_answers: set[tuple[int, int, str, str]] = set()
    for n, c in enumerate(dump.checkins):
        where = f"checkins[{n}]"
        for pid in c.participants:
            if pid not in profile_ids:
                raise DumpError(f"{where}.participants: no profile with id {pid}")
        if len(c.participants) == 1 and c.step in (Step.HANDOVER, Step.ANSWER_B):
            # A check-in on one's own has no hand-over and no second turn (issue 16).
            raise DumpError(f"{where}.step: {c.step} needs two people, not one")
        seen: set[tuple[int, str, str]] = set()
        for k, a in enumerate(c.answers):
            at = f"{where}.answers[{k}]"
            if a.profile_id not in profile_ids:
                raise DumpError(f"{at}.profile_id: no profile with id {a.profile_id}")
            if a.profile_id not in c.participants:
                raise DumpError(f"{at}.profile_id: {a.profile_id} did not take part in it")
            key = (a.profile_id, a.pack_id, a.item_id)
            if key in seen:
                raise DumpError(f"{at}: a second answer to {a.item_id!r} by the same person")
            seen.add(key)
            if a.skipped and (a.value is not None or a.text is not None):
                raise DumpError(f"{at}: a skipped answer has no value and no text")
            if a.not_this_week and (a.skipped or a.value is not None or a.text is not None):
                raise DumpError(f"{at}: a \"didn't come up\" answer has no value, text or skip")
            if a.visibility == Visibility.PRIVATE and a.text is not None:
                raise DumpError(f'{at}.text: a private answer\'s text belongs in "private"')
            if a.visibility == Visibility.PRIVATE:
                private_answers.add((c.id, a.profile_id, a.pack_id, a.item_id))
            if pack is not None and a.pack_id == pack.id and a.item_id in items:
                _check_against_pack(a, items[a.item_id].area, items[a.item_id].kind, at)
    _unique([m.id for m in dump.commitments], "commitments", "id")
    commitment_ids = {m.id for m in dump.commitments}
    for n, m in enumerate(dump.commitments):
        where = f"commitments[{n}]"
        if m.checkin_id not in checkin_ids:
            raise DumpError(f"{where}.checkin_id: no check-in with id {m.checkin_id}")
        if m.reviewed_in is not None and m.reviewed_in not in checkin_ids:
            raise DumpError(f"{where}.reviewed_in: no check-in with id {m.reviewed_in}")
        for field, pid in (("owner_id", m.owner_id), ("to_id", m.to_id)):
            if pid not in profile_ids:
                raise DumpError(f"{where}.{field}: no profile with id {pid}")
        if (m.review is None and m.own_review is None) != (m.reviewed_in is None):
            raise DumpError(f"{where}: a review needs the check-in it was made in, and back")
        if m.dropped_in is not None and m.dropped_in not in checkin_ids:
            raise DumpError(f"{where}.dropped_in: no check-in with id {m.dropped_in}")
        carried = m.carried_from
        if carried is not None and (carried not in commitment_ids or carried >= m.id):
            raise DumpError(f"{where}.carried_from: no earlier commitment with id {carried}")
    for n, p in enumerate(dump.private):
        where = f"private[{n}]"
        if p.profile_id not in profile_ids:
            raise DumpError(f"{where}.profile_id: no profile with id {p.profile_id}")
        for k, pa in enumerate(p.answers):
            if (pa.checkin_id, p.profile_id, pa.pack_id, pa.item_id) not in private_answers:
                raise DumpError(
                    f"{where}.answers[{k}]: no private answer of this person to "
                    f"{pa.item_id!r} in check-in {pa.checkin_id}"
                )
        _unique([e.id for e in p.journal], f"{where}.journal", "id")
        asked: set[int] = set()
        for k, x in enumerate(p.safety):
            if x.checkin_id not in checkin_ids:
                raise DumpError(
                    f"{where}.safety[{k}].checkin_id: no check-in with id {x.checkin_id}"
                )
            if x.checkin_id in asked:
                raise DumpError(f"{where}.safety[{k}]: a second answer in check-in {x.checkin_id}")
            asked.add(x.checkin_id)
    seen_versions: set[tuple[str, int]] = set()
    for n, v in enumerate(dump.pack_versions):
        if (v.pack_id, v.version) in seen_versions:
            raise DumpError(f"pack_versions[{n}]: {v.pack_id!r} version {v.version} appears twice")
        seen_versions.add((v.pack_id, v.version))


def _check_against_pack(a: DumpAnswer, area: str, kind: ItemKind, at: str) -> None:
    if a.area is not None and a.area != area:
        raise DumpError(f"{at}.area: {a.item_id!r} belongs to {area!r}, not {a.area!r}")
    if a.value is None:
        return
    bounds = {
        ItemKind.SCALE: (SCALE_MIN, SCALE_MAX),
        ItemKind.RATING: (OVERALL_MIN, OVERALL_MAX),
    }.get(kind)
    if bounds is not None and not bounds[0] <= a.value <= bounds[1]:
        raise DumpError(f"{at}.value: {a.value} is out of range ({bounds[0]}..{bounds[1]})")


def _unique(ids: list[int], where: str, key: str) -> set[int]:
    found: set[int] = set()
    for n, i in enumerate(ids):
        if i in found:
            raise DumpError(f"{where}[{n}].{key}: {i} appears twice")
        found.add(i)
    return found


__all__ = ["check_references"]
