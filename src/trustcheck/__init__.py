"""trustcheck: a private, local-first weekly trust check-in for couples."""

__version__ = "0.1.0"
