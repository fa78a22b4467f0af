"""Pack versions: what was answered stays readable. A snapshot keeps the wording a pack version
had, so history shows the words people answered, and a changed wording needs a new version.
Pure: stdlib only.
"""

from __future__ import annotations

from typing import Any

from trustcheck.core.models import (
    Item,
    ItemKind,
    ModuleArea,
    Pack,
    ScaleLabels,
)
from trustcheck.core.pack_check import EVERYONE

# --- versions: what was answered stays readable -------------------------------------------

#: The fields of an item whose change means "a different question": a new version is needed.
_MEANING = ("area", "kind", "text", "reverse", "choices", "who", "private")


def _item_dict(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "area": item.area,
        "kind": item.kind.value,
        "text": item.text,
        "reverse": item.reverse,
        "optional": item.optional,
        "who": item.who,
        "hint": item.hint,
        "choices": list(item.choices),
        "private": item.private,
        "conditional": item.conditional,
        "support": item.support,
    }


def pack_snapshot(pack: Pack) -> str:
    """The wording of one pack version as JSON: stored the first time that version is answered."""
    labels = {
        name: {"low": lab.low, "mid": lab.mid, "high": lab.high}
        for name, lab in (("scale", pack.scale), ("rating", pack.rating))
    }
    body = {
        "id": pack.id,
        "version": pack.version,
        "title": pack.title,
        "description": pack.description,
        "module": pack.module,
        "private": pack.private,
        "sources": list(pack.sources),
        "areas": [{"id": a.id, "title": a.title} for a in pack.areas],
        "roles": dict(pack.roles),
        "items": [_item_dict(i) for i in pack.items],
        "phases": list(pack.phases),
        "ready": pack.ready,
        **labels,
    }
    import json  # snapshots are written and read during check-ins, not at start-up

    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def pack_from_snapshot(snapshot: str) -> Pack:
    """The pack as it was answered, rebuilt from :func:`pack_snapshot` (for history)."""
    import json

    body = json.loads(snapshot)
    items = tuple(
        Item(
            id=i["id"],
            area=i["area"],
            text=i["text"],
            kind=ItemKind(i["kind"]),
            reverse=bool(i.get("reverse", False)),
            optional=bool(i.get("optional", False)),
            who=i.get("who", EVERYONE),
            hint=i.get("hint", ""),
            choices=tuple(i.get("choices", ())),
            private=bool(i.get("private", False)),
            conditional=bool(i.get("conditional", False)),
            support=i.get("support"),
        )
        for i in body["items"]
    )

    def labels(name: str) -> ScaleLabels:
        raw = body.get(name) or {}
        return ScaleLabels(raw.get("low", ""), raw.get("mid", ""), raw.get("high", ""))

    return Pack(
        id=body["id"],
        version=int(body["version"]),
        title=body.get("title", body["id"]),
        description=body.get("description", ""),
        sources=tuple(body.get("sources", ())),
        items=items,
        scale=labels("scale"),
        rating=labels("rating"),
        module=bool(body.get("module", False)),
        areas=tuple(ModuleArea(a["id"], a["title"]) for a in body.get("areas", ())),
        roles=tuple(body.get("roles", {}).items()),
        private=bool(body.get("private", False)),
        phases=tuple(body.get("phases", ())),
        ready=body.get("ready", ""),
    )


def wording_diff(pack: Pack, snapshot: str) -> list[tuple[str, str]]:
    """How ``pack`` differs from the stored wording of the same id and version: (item id, reason)
    per changed, added or removed item.

    Empty when nothing that changes a question's meaning changed (a hint or the description
    may change freely). Any other change needs a new version, so old answers keep their words.
    """
    import json

    old = {i["id"]: i for i in json.loads(snapshot).get("items", [])}
    new = {i.id: _item_dict(i) for i in pack.items}
    found: list[tuple[str, str]] = []
    for item_id, now in new.items():
        before = old.get(item_id)
        if before is None:
            found.append((item_id, f"item '{item_id}' was added"))
            continue
        changed = [f for f in _MEANING if before.get(f) != now[f]]
        if changed:
            found.append((item_id, f"item '{item_id}' changed its {', '.join(changed)}"))
    found.extend(
        (item_id, f"item '{item_id}' was removed") for item_id in old if item_id not in new
    )
    return found


def wording_changes(pack: Pack, snapshot: str) -> list[str]:
    """:func:`wording_diff`, the reasons only."""
    return [reason for _, reason in wording_diff(pack, snapshot)]

