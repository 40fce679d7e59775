"""Commands of the visits capability."""

COMMANDS: list = []
