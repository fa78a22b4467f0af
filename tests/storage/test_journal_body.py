"""One encoder and one decoder of a journal entry's sealed body (storage/repos/journal.py):
the journal, the export and the import all go through the same two."""

from __future__ import annotations

import pytest

from trustcheck.storage.repos.journal import EntryBody, decode_body, encode_body


def test_a_body_reads_back_as_written() -> None:
    body = encode_body("Wir haben geredet — gut.", 7, ("talk", "week"), True)
    assert decode_body(body) == EntryBody("Wir haben geredet — gut.", 7, ("talk", "week"), True)
    assert "—" in body  # kept as written, not escaped
    assert decode_body(encode_body("x", None, (), False)) == EntryBody("x", None, (), False)


@pytest.mark.parametrize("odd", ["", "[]", "{}", '{"text": "x", "rating": "many"}', "not json"])
def test_an_odd_body_opens_as_none_never_raises(odd: str) -> None:
    assert decode_body(odd) is None


def test_an_older_body_without_tags_or_flag_still_reads() -> None:
    assert decode_body('{"text": "x", "rating": null}') == EntryBody("x", None, (), False)
