"""Every user-facing sentence, so the wording stays warm, plain and consistent.

One module per part of the program (``checkin``, ``journal``, ``trends``, ``export``, ...); they
are all gathered here, so callers write ``messages.NAME`` wherever the sentence lives.
Placeholders are filled with ``str.format``; user text passed in is never treated as markup.
The words of the conversation itself (ground rules, gap prompts, the guides) are content, in
``data/guides.toml`` (read by :mod:`trustcheck.content`).

A few small formatters that put these sentences together live beside them and are imported by
name, not gathered here: ``messages.outcomes`` words how a commitment went for the screens,
history and every export alike. This package imports only ``core`` (an import-linter layer).
"""

from trustcheck.messages.app import *  # noqa: F403
from trustcheck.messages.checkin import *  # noqa: F403
from trustcheck.messages.commitments import *  # noqa: F403
from trustcheck.messages.errors import *  # noqa: F403
from trustcheck.messages.export import *  # noqa: F403
from trustcheck.messages.history import *  # noqa: F403
from trustcheck.messages.journal import *  # noqa: F403
from trustcheck.messages.modules import *  # noqa: F403
from trustcheck.messages.packs import *  # noqa: F403
from trustcheck.messages.resources import *  # noqa: F403
from trustcheck.messages.safety import *  # noqa: F403
from trustcheck.messages.trends import *  # noqa: F403
from trustcheck.messages.upkeep import *  # noqa: F403
