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


class BroadsheetErrors(BroadsheetError):
    """Several independent problems found in one pass, so an editor fixes them together; the
    CLI prints one line for each (the first `Problems.LIMIT`)."""

    def __init__(self, errors: list[BroadsheetError]):
        super().__init__(errors[0].message, file=errors[0].file, field=errors[0].field,
                         fix=errors[0].fix)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


class Problems:
    """Collects the BroadsheetErrors of checks that do not depend on each other."""

    LIMIT = 20

    def __init__(self):
        self.errors: list[BroadsheetError] = []

    def attempt(self, check, *args, **kwargs):
        """`check(*args, **kwargs)`, or None with its error (or errors) kept."""
        try:
            return check(*args, **kwargs)
        except BroadsheetError as error:
            self.errors.extend(getattr(error, "errors", [error]))
            return None

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise BroadsheetErrors(self.errors[:self.LIMIT])
