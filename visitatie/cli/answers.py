"""Commands of the answers capability."""

COMMANDS: list = []
