"""Where trustcheck keeps things: data folder, config folder, shipped content."""

from __future__ import annotations

import functools
import os
from pathlib import Path

APP_NAME = "trustcheck"
DATA_DIR_ENV = "TRUSTCHECK_DATA_DIR"
CONFIG_DIR_ENV = "TRUSTCHECK_CONFIG_DIR"
DB_FILENAME = "trustcheck.sqlite3"


def default_data_dir() -> Path:
    """The platformdirs user data folder, unless ``TRUSTCHECK_DATA_DIR`` says otherwise."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # small, but only needed here

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """The platformdirs user config folder, unless ``TRUSTCHECK_CONFIG_DIR`` says otherwise."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_packs_dir() -> Path:
    """User-authored packs: ``packs/`` in the config folder (see ``docs/packs.md``)."""
    return user_config_dir() / "packs"


def builtin_resources_file() -> Path:
    """The safety resources shipped with trustcheck (``data/resources.toml``)."""
    return builtin_data_dir() / "resources.toml"


def user_resources_file() -> Path:
    """A person's own resources file; it can only add lines to the shipped list."""
    return user_config_dir() / "resources.toml"


@functools.cache  # where trustcheck is installed does not change while it runs
def builtin_data_dir() -> Path:
    """Content shipped with trustcheck: ``data/`` in a checkout, ``_data`` in a wheel."""
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    if installed.is_dir():
        return installed
    return here.parent.parent / "data"


def builtin_packs_dir() -> Path:
    return builtin_data_dir() / "packs"
