"""Dutch texts for the fixed parts of the command-line help (typer's panels, click's help option)."""

from __future__ import annotations

from typing import Any

from typer import core, rich_utils

rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
rich_utils.OPTIONS_PANEL_TITLE = "Opties"
rich_utils.COMMANDS_PANEL_TITLE = "Opdrachten"
rich_utils.ERRORS_PANEL_TITLE = "Fout"
rich_utils.ABORTED_TEXT = "Afgebroken."
rich_utils.DEFAULT_STRING = "[standaard: {}]"
rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
rich_utils.RICH_HELP = "Probeer [blue]'{command_path} {help_option}'[/] voor uitleg."

# typer ships its own copy of click; patch the command class its commands derive from.
_Command: Any = core.TyperCommand.__mro__[1]
_original_help_option = _Command.get_help_option


def _dutch_help_option(self: Any, ctx: Any) -> Any:
    option = _original_help_option(self, ctx)
    if option is not None:
        option.help = "Toon deze uitleg en stop."
    return option


_Command.get_help_option = _dutch_help_option
