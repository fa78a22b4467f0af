"""A visitor trying the demo is never stuck at a passphrase prompt (issue 17 §5): home says the
folder holds demo data, and what the passphrases are. A couple's own folder never says so."""

from __future__ import annotations

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.demo import DEMO_PASSPHRASE, seed_demo
from trustcheck.tui.app import build_app

from .conftest import run_async, screen_text


@run_async
async def test_demo_data_says_so_on_home_with_its_passphrase(services: Services) -> None:
    seed_demo(services, weeks=4)
    app = build_app(services)
    async with app.run_test(size=(100, 30)):
        shown = screen_text(app)
        assert messages.HOME_DEMO_BANNER in shown
        assert f"passphrases: {DEMO_PASSPHRASE}" in shown


@run_async
async def test_a_couples_own_folder_shows_no_demo_banner(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(100, 30)):
        assert "Demo data" not in screen_text(app)
