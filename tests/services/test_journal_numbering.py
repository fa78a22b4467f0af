"""No journal id shown anywhere counts the other person's entries (issue 12, section 8).

Entry ids are shared by everyone's entries. The TUI and the CLI name an entry by its date and
time; the JSON export numbers a person's entries within their own journal.
"""

from __future__ import annotations

import json
from pathlib import Path

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService, PrivateKind
from trustcheck.services.importer import import_dump, parse_dump


def test_the_json_export_numbers_entries_within_the_persons_journal(
    svc: Services, couple: tuple[Profile, Profile], tmp_path: Path, clock: FixedClock
) -> None:
    alex, sam = couple
    svc.journal.add(alex.id, "alex one")
    for n in range(3):
        svc.journal.add(sam.id, f"sam {n}")
    svc.journal.add(alex.id, "alex two")
    svc.journal.add(sam.id, "sam 3")
    svc.journal.add(alex.id, "alex three")
    data = (
        ExportService(svc)
        .render(ExportRequest("json", include_private=alex, private_kinds=frozenset(PrivateKind)))
        .as_bytes()
    )
    [section] = json.loads(data)["private"]
    journal = section["journal"]
    assert [(e["id"], e["text"]) for e in journal] == [
        (1, "alex one"),
        (2, "alex two"),
        (3, "alex three"),
    ]
    # and the file imports as before: the entries, in order, under the new passphrase
    empty = open_services(tmp_path / "other", clock, weak_kdf=True)
    try:
        import_dump(empty, parse_dump(data, "x.json", empty.pack), passphrase="new words")
        empty.keys.unlock(alex.id, "new words")
        texts = [e.text for e in empty.journal.entries(alex.id).entries]
        assert texts == ["alex three", "alex two", "alex one"]
    finally:
        empty.close()
