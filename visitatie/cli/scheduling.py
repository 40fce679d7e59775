"""Commands of the scheduling capability."""

COMMANDS: list = []
