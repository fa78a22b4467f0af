"""The Textual app: it wires services to screens and opens the first one (toolong style)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import sys
from typing import Any, ClassVar, Literal

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import Reactive
from textual.screen import Screen

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.screens.home import HomeScreen

# The other screens are imported when first opened: the first frame (home) need not pay for them.
# So a screen class is looked up in ``sys.modules``: while its module is not imported, no screen
# of that kind can be open.
_JOURNAL, _SAFETY, _UNLOCK, _ANSWER = (
    "trustcheck.tui.screens.journal",
    "trustcheck.tui.screens.safety",
    "trustcheck.tui.screens.unlock",
    "trustcheck.tui.screens.answer",
)


def _loaded(module: str, name: str) -> type[Any] | None:
    """The class ``name`` of ``module`` if that module has been imported, else None."""
    found = sys.modules.get(module)
    return None if found is None else getattr(found, name, None)


def _is(screen: object, module: str, name: str) -> bool:
    kind = _loaded(module, name)
    return kind is not None and isinstance(screen, kind)


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


class TrustcheckApp(App[None]):
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
        # What App._watch_theme adds besides (it is not called for a default value).
        self.add_class(f"-theme-{self.current_theme.name}", update=False)

    def get_default_screen(self) -> Screen[Any]:
        # Home as the base screen, not pushed over an empty one: the first frame is ~30 ms sooner.
        if self.services.profiles.is_set_up():
            return HomeScreen(self.services)
        return super().get_default_screen()

    def on_mount(self) -> None:
        self._listen_for_signals()
        if not isinstance(self.screen, HomeScreen):
            from trustcheck.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.services), self._set_up)
        elif self.start == "checkin":
            self._open_checkin()

    def _set_up(self, people: list[Profile] | None) -> None:
        self.push_screen(HomeScreen(self.services))
        if self.start == "checkin":
            self._open_checkin()

    def _open_checkin(self) -> None:
        from trustcheck.tui.screens.step import step_screen

        self.push_screen(step_screen(self.services, self.services.checkins.draft()))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _ACTIVITY):
            journal = _loaded(_JOURNAL, "JournalScreen")
            if journal is not None:
                for screen in self.screen_stack:
                    if isinstance(screen, journal):
                        screen.touch()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide":
            # Shown (and active) only while there is something to hide.
            keys = self.services.keys
            return (
                _is(self.screen, _UNLOCK, "PassphraseModal")
                or _is(self.screen, _SAFETY, "SafetyScreen")
                or any(_is(s, _JOURNAL, "JournalScreen") for s in self.screen_stack)
                or any(keys.is_unlocked(p.id) for p in self.services.profiles.people())
            )
        return True

    # --- nothing being written is lost on the way out (issue 12, sections 1 and 6) --------------
    def keep_drafts(self) -> None:
        """Keep what is being written, in an open journal or on an answering screen, as its
        author's draft (sealed when private) while the key is still there.

        Every way out (quit, hide, the lock, a hang-up, a crash) calls this before keys are
        locked; it never raises.
        """
        kinds = tuple(
            kind
            for kind in (_loaded(_JOURNAL, "JournalScreen"), _loaded(_ANSWER, "AnswerScreen"))
            if kind is not None
        )
        if not kinds:
            return
        for screen in self.screen_stack:
            if isinstance(screen, kinds):
                with contextlib.suppress(Exception):  # best effort: on the way out
                    screen.keep_draft()

    async def action_quit(self) -> None:
        """ctrl+q (and q at home): keep the drafts, then quit (a check-in resumes where it was)."""
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
        while _is(self.screen, _UNLOCK, "PassphraseModal"):
            self.pop_screen()  # a key derived meanwhile is locked again (see its finish())
        if _is(self.screen, _SAFETY, "SafetyScreen"):
            self.screen.action_hide()  # type: ignore[attr-defined]  # gone at once; check-in goes on
        for screen in self.screen_stack:
            if _is(screen, _JOURNAL, "JournalScreen"):
                screen.lock_and_leave()  # type: ignore[attr-defined]
                break
        self.refresh_bindings()

    def action_help(self) -> None:
        from trustcheck.tui.screens.help import HelpScreen, help_rows

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_rows(self, self.screen)))

    def _handle_exception(self, error: Exception) -> None:
        # Textual renders an exception with a ``__rich__`` method itself; route every error
        # through ``_fatal_error`` so nothing but the redacted line reaches the terminal.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def _fatal_error(self) -> None:
        # Textual's crash screen prints local variables, which may hold a passphrase or private
        # text. Write a redacted report (types and frames only) and print one plain line.
        from rich.text import Text

        from trustcheck.tui.crash import write_crash_report

        error = self._exception
        kind = type(error).__name__ if error else "error"
        self.keep_drafts()  # what was being written is kept (sealed if private) before the keys go
        with contextlib.suppress(Exception):  # best effort while stopping
            self.services.keys.lock_all()
        try:
            if error is None:
                raise OSError("no exception recorded")
            path = write_crash_report(error, self.services.data_dir)
            line = messages.CRASH_REPORTED.format(kind=kind, path=path)
        except OSError:
            line = messages.CRASH_UNREPORTED.format(kind=kind)
        self.bell()
        # One line, not wrapped by Rich (the terminal may fold it): the path stays copyable.
        self.error_console.soft_wrap = True
        self._exit_renderables.append(Text(line))
        self._close_messages_no_wait()


_frozen = False


def _freeze_startup_objects() -> None:
    """Move what start-up made (modules, classes, Textual's tables: ~36,000 objects, next to no
    garbage) out of the collector's reach, once per process.

    Otherwise a full collection falls inside the first frame and walks all of it again (~12 ms);
    those objects live as long as the process anyway. Textual pauses the collector for smooth
    scrolling (``PAUSE_GC_ON_SCROLL``) for the same reason.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def build_app(services: Services, *, start: str = "home") -> TrustcheckApp:
    """The app over ``services``, opening at home or at this week's check-in (resuming a draft)."""
    if start not in ("home", "checkin"):
        raise ValueError(f"unknown start screen: {start!r}")
    app = TrustcheckApp(services, "checkin" if start == "checkin" else "home")
    _freeze_startup_objects()
    return app
