"""The Textual app: it wires services to screens and opens the first one (toolong style)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

from textual import events
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.reactive import Reactive
from textual.screen import Screen

from trustcheck.core.models import Checkin, Profile
from trustcheck.services import Services
from trustcheck.tui.crash import RedactedCrashApp
from trustcheck.tui.screens.home import HomeScreen

# The other screens are imported when first opened: the first frame (home) need not pay for them.
# So the app knows them by what it asks of them (the methods below), never by their classes.


@runtime_checkable
class _KeepsDrafts(Protocol):
    """A screen with something being written (the journal, an answer): kept on every way out."""

    def keep_draft(self) -> object: ...


@runtime_checkable
class _Journal(Protocol):
    """The journal: it counts idle time from activity anywhere, and the hide key locks it."""

    def touch(self) -> None: ...

    def lock_and_leave(self) -> None: ...


@runtime_checkable
class _AsksPassphrase(Protocol):
    """A passphrase modal: the hide key closes it (a key derived meanwhile is locked again)."""

    def finish(self) -> None: ...

    def set_busy(self, busy: bool, note: str = "") -> None: ...


@runtime_checkable
class _SafetyQuestion(Protocol):
    """The private safety question: the hide key sends it away at once."""

    def action_hide(self) -> None: ...


Start = Literal["home", "checkin"]

# What counts as someone being at the keyboard, for the journal's idle lock.
_ACTIVITY = (
    events.Key,
    events.MouseDown,
    events.MouseMove,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)


class TrustcheckApp(RedactedCrashApp):
    CSS_PATH = "app.tcss"
    TITLE = "trustcheck"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Quitting keeps a check-in in progress; stopping one is escape (and asks first).
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f1", "help", "Help", show=False),
        # Hide: a priority binding, so no Input or TextArea can swallow it.
        Binding("ctrl+l", "hide", "Hide", priority=True),
    ]

    #: The theme as the reactive's default, which ``App.__init__`` builds the stylesheet's variables
    #: from. Setting ``self.theme`` after it would queue a re-parse of every stylesheet and a
    #: restyle of every widget, run after home is mounted: several ms before the first frame.
    theme: Reactive[str] = Reactive("nord")

    def __init__(self, services: Services, start: Start = "home") -> None:
        super().__init__()
        self.services = services
        self.start = start
        #: Set once quitting has begun.
        self.quitting = False
        # What App._watch_theme adds besides (it is not called for a default value).
        self.add_class(f"-theme-{self.current_theme.name}", update=False)

    def get_default_screen(self) -> Screen[Any]:
        # Home as the base screen, not pushed over an empty one: the first frame is ~30 ms sooner.
        if self.services.profiles.is_set_up():
            return HomeScreen(self.services)
        return super().get_default_screen()

    def pop_screen(self) -> AwaitComplete:
        if len(self.screen_stack) > 1:
            forget_drawn(self.screen)
        return super().pop_screen()

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        if screen is not self.screen:
            forget_drawn(self.screen)
        return super().switch_screen(screen)

    def on_mount(self) -> None:
        self._listen_for_signals()
        if not isinstance(self.screen, HomeScreen):
            from trustcheck.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.services), self._set_up)
        elif self.start == "checkin":
            self.open_checkin()

    def _set_up(self, people: list[Profile] | None) -> None:
        self.push_screen(HomeScreen(self.services))
        if self.start == "checkin":
            self.open_checkin()

    # --- the check-in's moves (tui/navigation.py), made by their one owner, tui/flow.py --------
    def open_checkin(self) -> None:
        from trustcheck.tui import flow

        flow.open_checkin(self, self.services)

    def show_step(self, checkin: Checkin) -> None:
        from trustcheck.tui import flow

        flow.show_step(self, self.services, checkin)

    def open_turn(self, checkin: Checkin) -> None:
        from trustcheck.tui import flow

        flow.open_turn(self, self.services, checkin)

    def open_answers(self, checkin: Checkin) -> None:
        from trustcheck.tui import flow

        flow.open_answers(self, self.services, checkin)

    def leave_checkin(self) -> None:
        from trustcheck.tui import flow

        flow.leave_checkin(self)

    async def on_event(self, event: events.Event) -> None:
        if self.quitting and isinstance(event, (events.Key, events.MouseDown)):
            return  # on the way out: no key opens a screen that is being taken down
        if isinstance(event, _ACTIVITY):
            for screen in self.screen_stack:
                if isinstance(screen, _Journal):
                    screen.touch()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide":
            # Shown (and active) only while there is something to hide.
            return (
                isinstance(self.screen, (_AsksPassphrase, _SafetyQuestion))
                or any(isinstance(s, _Journal) for s in self.screen_stack)
                or self.services.keys.any_unlocked()
            )
        return True

    # --- nothing being written is lost on the way out (issue 12, sections 1 and 6) --------------
    def keep_drafts(self) -> None:
        """Keep what is being written, in an open journal or on an answering screen, as its
        author's draft (sealed when private) while the key is still there.

        Every way out (quit, hide, the lock, a hang-up, a crash) calls this before keys are
        locked; it never raises.
        """
        for screen in self.screen_stack:
            if isinstance(screen, _KeepsDrafts):
                with contextlib.suppress(Exception):  # best effort: on the way out
                    screen.keep_draft()

    async def action_quit(self) -> None:
        """ctrl+q (and q at home): keep the drafts, then quit (a check-in resumes where it was).
        From here on no key is taken (``q`` then a quick ``e`` once opened a screen while the
        app was closing, and crashed)."""
        self.quitting = True
        self.keep_drafts()
        await super().action_quit()

    def _listen_for_signals(self) -> None:
        """Closing the terminal (SIGHUP) or being told to stop (SIGTERM) keeps what is being
        written, as ctrl+q does; the default would end the process on the spot.

        Only where the event loop can take signals (the main thread, not Windows).
        """
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError, AttributeError):
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self.hang_up)
            loop.add_signal_handler(signal.SIGTERM, self._stop_requested)

    def _stop_requested(self) -> None:
        """SIGTERM: drafts kept, every key locked, then the usual exit (the terminal is there)."""
        self.keep_drafts()
        with contextlib.suppress(Exception):
            self.services.keys.lock_all()
        self.exit()

    def hang_up(self) -> None:
        """What the terminal closing does: drafts kept, every key locked, then the end.

        With the terminal gone there is nothing to restore: closing the app the usual way would
        wait for writes nobody reads (Textual's output queue fills and blocks; the process was
        seen to hang there, holding the database). So, everything being stored, the process ends
        as a hang-up always ended it. Headless (tests), the app simply exits.
        """
        self.keep_drafts()
        with contextlib.suppress(Exception):
            self.services.keys.lock_all()
        if self.is_headless:
            self.exit()
            return
        with contextlib.suppress(Exception):
            self.services.close()
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGHUP)

    def action_hide(self) -> None:
        """Lock every key at once and close an open journal (and anything over it)."""
        self.keep_drafts()  # sealed with the key about to be forgotten
        self.services.keys.lock_all()
        while isinstance(self.screen, _AsksPassphrase):
            self.pop_screen()  # a key derived meanwhile is locked again (see its finish())
        screen: object = self.screen
        if isinstance(screen, _SafetyQuestion):
            screen.action_hide()  # gone at once; the check-in goes on
        for screen in self.screen_stack:
            if isinstance(screen, _Journal):
                screen.lock_and_leave()
                break
        self.refresh_bindings()

    def action_help(self) -> None:
        from trustcheck.tui.screens.help import HelpScreen, help_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_rows(self, self.screen)))

    # --- a crash: redacted (tui/crash.py) -------------------------------------------------------
    def crash_folder(self) -> Path:
        return self.services.data_dir

    def before_crash(self) -> None:
        self.keep_drafts()  # what was being written is kept (sealed if private) before the keys go
        with contextlib.suppress(Exception):  # best effort while stopping
            self.services.keys.lock_all()


def forget_drawn(screen: Screen[Any]) -> None:
    """Let go of the lines a closing screen's widgets drew.

    Textual keeps each widget's drawn lines until it is drawn again, which a closed screen never
    is, and keeps recent widgets' line caches a while after they are gone (a thousand of them):
    without this, every screen visited left its last frame behind, thousands of objects for the
    garbage collector to walk on each full collection (the longest UI stall, DESIGN.md).
    """
    screen.refresh()
    for widget in screen.query("*"):
        widget.refresh()


def build_app(services: Services, *, start: str = "home") -> TrustcheckApp:
    """The app over ``services``, opening at home or at this week's check-in (resuming a draft)."""
    if start not in ("home", "checkin"):
        raise ValueError(f"unknown start screen: {start!r}")
    app = TrustcheckApp(services, "checkin" if start == "checkin" else "home")
    return app
