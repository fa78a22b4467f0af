"""Repositories: every SQL statement trustcheck runs, one module per aggregate.

Callers import from the module that holds what they need (``from trustcheck.storage.repos.answers
import AnswerRepo``), so a command loads only the repositories it uses. The modules are:
``profiles``, ``checkins``, ``answers`` (ratings and written answers), ``drafts`` (answer drafts),
``commitments``, ``keys``, ``journal`` (entries and their draft), ``settings``, ``pack_versions``,
``safety``, ``scores`` (each completed turn's weekly scores), ``summary`` (the therapy summary's
reads) and ``transfer`` (the whole database for a JSON export or an import). ``_rows`` holds
the row helpers they share.
"""
