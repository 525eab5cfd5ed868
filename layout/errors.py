"""The one error type a user ever sees: where the problem is, what it is, how to fix it."""


class BroadsheetError(Exception):
    """A problem in the user's input or set-up, reported as one readable line.

    `file` and `field` say where (``issues/3144/issue.toml``, ``pages[0].articles[1].place``),
    `fix` says what to do about it. The CLI prints ``str(error)`` and exits non-zero; nothing
    else should ever reach the user as a traceback.
    """

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None,
                 fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.field = field
        self.fix = fix

    def __str__(self) -> str:
        where = ": ".join(str(part) for part in (self.file, self.field) if part)
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f" — fix: {self.fix}"
        return text
