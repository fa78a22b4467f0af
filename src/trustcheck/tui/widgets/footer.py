"""The key footer, built again only when the keys it shows changed.

Textual's footer builds all its keys again each time the screen's bindings may have changed: on
every change of focus, and when a screen is pushed over it or comes back. On home that is three
times per screen visited, for the same keys. Each time costs a layout on the UI thread, and the
keys it replaced stay referenced by the footer (each key watches the footer's ``compact``) for as
long as the footer lives: home's footer lives as long as the app, so every visit to another screen
left some 25 keys and their drawn lines behind, for the garbage collector to walk on each full
collection. This footer compares what it would show with what it shows and keeps its keys when
nothing changed, and builds nothing while another screen is on top of its own (the journal's
"hide" key comes and goes on home's footer meanwhile): its screen coming back asks for it again.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer, whose keys are built again only when what they show changed."""

    def __init__(self) -> None:
        super().__init__()
        self.keys_shown: tuple[object, ...] | None = None

    def keys_wanted(self) -> tuple[object, ...]:
        """Everything the footer's keys show (what Textual's footer builds them from)."""
        app = self.app
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.tooltip,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.show_command_palette, self.combine_groups, keys)

    async def recompose(self) -> None:
        if not self.is_attached or not self.screen.is_current:
            return  # built when its screen comes back (Textual asks again then)
        wanted = self.keys_wanted()
        if wanted == self.keys_shown and self.children:
            return  # the same keys: nothing to build again
        await super().recompose()
        self.keys_shown = wanted
        # The keys just replaced still watch ``compact``: Textual lets go of a gone node's watcher
        # when the value is set, so it is set again (to what it is) for that.
        self.mutate_reactive(TextualFooter.compact)
