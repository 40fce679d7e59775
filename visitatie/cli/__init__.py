"""Flask commands: `flask --app visitatie <command>`. One module per capability; each command
parses its arguments and calls a domain function."""
from flask import Flask

from . import accounts, answers, lifecycle, opbrengst, reminders, scheduling, setup, visits


def init_app(app: Flask) -> None:
    for module in (setup, accounts, scheduling, reminders, answers, opbrengst, visits, lifecycle):
        for command in module.COMMANDS:
            app.cli.add_command(command)
