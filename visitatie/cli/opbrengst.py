"""Commands of the opbrengst capability."""

COMMANDS: list = []
