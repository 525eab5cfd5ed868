"""Writing outputs safely: whole or not at all, never over an input, never half-written.

Every file Broadsheet writes (the PDF, previews, the contact sheet, proofs) goes through
`atomic_output`: the writer writes a temporary file in the target's own folder, which is
flushed to the disk and then renamed over the target in one step. A reader — the plant's
hot folder, `serve`'s browser, a second render onto the same path — sees the old file or
the new one, never a truncated one; a render that fails, is killed or runs out of disk
leaves the old file as it was. A symlinked target is written through: the file the link
points to is replaced, the link stays a link.
"""
from __future__ import annotations

import os
import secrets
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import BroadsheetError


@contextmanager
def atomic_output(target: Path, field: str | None = "-o",
                  final_name: Callable[[], str] | None = None) -> Iterator[Path]:
    """A temporary path next to `target` (same suffix, so writers that go by it still
    work) for the writer to write; renamed over `target` once the block ends without an
    exception, removed when it ends with one (an interrupt included). With `final_name`,
    the file goes to the name it gives, asked once the block has written it, in `target`'s
    folder: a delivered page is named by the preflight of what was written."""
    final = writable_target(target, field)
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f".{final.stem}.{secrets.token_hex(4)}.tmp{final.suffix}")
    try:        # from before the file exists: an interrupt right after creating it removes it
        # Created here with the mode a new file gets (umask applied), not mkstemp's 0600, or
        # with the mode the file it replaces has.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        if final.exists():
            shutil.copymode(final, temporary)
        yield temporary
        if final_name is not None:
            final = writable_target(final.with_name(final_name()), field)
        _sync(temporary)
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync(final.parent)         # the rename itself, on the disk


def writable_target(target: Path, field: str | None = "-o") -> Path:
    """The file `target` names, symlinks followed; refused (one line) when it is a folder or
    not a regular file (a device such as /dev/null, a pipe): those cannot be replaced
    whole, and replacing /dev/null with a PDF would break the machine."""
    final = Path(os.path.realpath(target))
    try:
        info = final.stat()
    except FileNotFoundError:
        return final
    except OSError as error:
        raise BroadsheetError(f"cannot use this path ({error.strerror})", file=str(target),
                              field=field, fix="give a path in a folder you can write to"
                              ) from None
    if stat.S_ISDIR(info.st_mode):
        raise BroadsheetError("is a folder, not a file", file=str(target), field=field,
                              fix=f"give a file name inside it, e.g. {target / 'issue.pdf'}")
    if not stat.S_ISREG(info.st_mode):
        raise BroadsheetError("is not a regular file (a device, pipe or socket); the output "
                              "is written whole and renamed into place", file=str(target),
                              field=field, fix="give a file path, e.g. out/issue.pdf")
    return final


def output_folder(folder: Path, field: str | None) -> Path:
    """`folder` for outputs, refused when something other than a folder is there."""
    if folder.exists() and not folder.is_dir():
        raise BroadsheetError("is a file, not a folder", file=str(folder), field=field,
                              fix="give a folder (it is created if missing)")
    return folder


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Path], field: str | None = "-o"
                  ) -> None:
    """Refuse to write over a file the render reads: an output that is, or resolves to (by
    symlink or hard link), one of `inputs`."""
    read = {}
    for path in inputs:
        try:
            info = path.stat()
        except OSError:
            continue
        read[(info.st_dev, info.st_ino)] = path
    for output in outputs:
        try:
            info = output.stat()
        except OSError:
            continue                            # not there yet: it cannot be an input
        source = read.get((info.st_dev, info.st_ino))
        if source is not None:
            same = os.path.abspath(source) == os.path.abspath(output)
            raise BroadsheetError(f"is an input of this issue{'' if same else f' ({source})'}"
                                  "; writing there would destroy it", file=str(output), field=field,
                                  fix="give an output path outside the issue's own files, "
                                      "e.g. out/issue.pdf")


def _sync(path: Path) -> None:
    """Flush `path` (a file or a folder) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
