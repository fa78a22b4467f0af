"""The one base class for problems a person can act on (as opposed to bugs).

Its message is one line, written for the user; the CLI prints it on stderr and exits 1, the app
shows it in place. Every layer's own errors derive from it.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can act on; ``str(error)`` is one line for them."""
