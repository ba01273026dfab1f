"""What every part of the binding shares: the library, errors, packages, progress and Ctrl-C."""
from __future__ import annotations

import builtins
import numbers
import os
import threading
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from ._parley import ffi, lib

NONE = int(ffi.cast("size_t", -1))  # PARLEY_NONE: "no index"

Package = Dict[str, str]
"""A package: every issue's id mapped to the id of its option."""

PackageLike = Union[Mapping[str, str], str, Sequence[int]]
"""What may name a package: a mapping issue -> option, "issue=option,...", a framework's id, or
the options' indices in issue order."""


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class Error(Exception):
    """A failure the library reports, with where it comes from in the input.

    Attributes: ``status`` (the library's short name: "syntax", "invalid", "limit", ...),
    ``message``, ``file``, ``line`` and ``column`` (0 when unknown), and ``problems``: every
    problem a reader found, as (file, line, column, message) tuples, the first being this one.
    """

    status = "error"

    def __init__(self, message: str, file: str = "", line: int = 0, column: int = 0,
                 problems: Sequence[tuple] = ()):
        self.message, self.file, self.line, self.column = message, file, line, column
        self.problems = list(problems) or [(file, line, column, message)]
        where = ":".join(str(x) for x in (file, line, column) if x)
        super().__init__(f"{where}: {message}" if where else message)


class InputError(Error):
    """The input is malformed (``status`` "syntax") or not a valid scenario ("invalid")."""


class LimitError(Error):
    """A limit was reached: too many packages to enumerate, a frontier too large, ..."""

    status = "limit"


class FileError(Error, OSError):
    """A file could not be read or written."""

    status = "io"


class ArgumentError(Error, ValueError):
    """A call's arguments do not fit the scenario (an unknown party, issue or option...)."""

    status = "arg"


class OutOfMemory(Error, MemoryError):
    """The library ran out of memory."""

    status = "nomem"


_BY_CODE = {lib.PARLEY_ERR_NOMEM: OutOfMemory, lib.PARLEY_ERR_IO: FileError, lib.PARLEY_ERR_SYNTAX: InputError,
            lib.PARLEY_ERR_INVALID: InputError, lib.PARLEY_ERR_LIMIT: LimitError, lib.PARLEY_ERR_ARG: ArgumentError}


def _text(p) -> str:
    return ffi.string(p).decode("utf-8", "replace") if p != ffi.NULL else ""


def _error_from(err, diags=None) -> Error:
    problems = []
    if diags is not None and diags != ffi.NULL:
        for k in range(lib.parley_diagnostics_count(diags)):
            e = lib.parley_diagnostics_get(diags, k)
            if e.code < 0:
                problems.append((_text(e.file), e.line, e.column, _text(e.message)))
    cls = _BY_CODE.get(err.code, Error)
    exc = cls(_text(err.message), _text(err.file), err.line, err.column, problems)
    exc.status = _text(lib.parley_status_name(err.code))
    return exc


_pending = threading.local()  # an exception a callback could not carry itself (raised at its entry)


def _signal_exception() -> Optional[BaseException]:
    """The exception a signal handler raised while the library worked, rebuilt: its type when it
    is a built-in one (KeyboardInterrupt, TimeoutError, SystemExit...), else RuntimeError."""
    name, message = ffi.new("char[128]"), ffi.new("char[1024]")
    if not lib.parley_py_interrupted(name, 128, message, 1024):
        return None
    cls = getattr(builtins, _text(name).rsplit(".", 1)[-1], None)
    text = _text(message)
    if isinstance(cls, type) and issubclass(cls, BaseException):
        return cls(text) if text else cls()
    return RuntimeError(f"{_text(name)}: {text}")


def _callback_error(exc_type, exc_value, tb):
    """A callback's exception raised before its own try (a signal's, at its first line): kept,
    raised once the library has stopped."""
    _pending.exc = exc_value
    return lib.PARLEY_ERR_CANCELLED


class _Call:
    """One call into the library that may take long: an error to fill, a progress callback
    that carries Ctrl-C (KeyboardInterrupt) into the library as a cancellation, and the
    exception to raise afterwards."""

    def __init__(self, progress: Optional[Callable[[float], Any]] = None):
        self.err = ffi.new("parley_error *")
        self.progress = progress
        self.raised: Optional[BaseException] = None
        self.handle = ffi.new_handle(self)

    def check(self, rc: int, diags=None) -> None:
        if self.raised is not None:
            raised, self.raised = self.raised, None
            raise raised
        pending = getattr(_pending, "exc", None)
        if pending is not None:
            _pending.exc = None
            raise pending
        if rc == lib.PARLEY_ERR_CANCELLED:
            raise KeyboardInterrupt
        if rc < 0:
            raise _error_from(self.err, diags)


@ffi.def_extern(onerror=lambda t, v, tb: (setattr(_pending, "exc", v), 1)[1])
def _parley_progress(user, fraction):
    call = ffi.from_handle(user)
    try:
        exc = _signal_exception()
        if exc is not None:
            raise exc
        if call.progress is not None:
            call.progress(fraction)
    except BaseException as exc:  # KeyboardInterrupt included: stop the library, raise it after
        call.raised = exc
        return 1
    return 0


def _count(name: str, value, minimum: int = 0) -> int:
    """A whole number of at least minimum, or ArgumentError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ArgumentError(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    if value >= 1 << 64:
        raise ArgumentError(f"{name} is too large: {value}")
    return int(value)


def _list(name: str, value) -> list:
    """A list of names: one name alone counts as a list of one."""
    if isinstance(value, (str, bytes, os.PathLike)):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise ArgumentError(f"{name} must be a list, not {value!r}") from None


def _threads(threads: Optional[int]) -> int:
    if threads is None:
        return 0
    return _count("threads", threads, 1)


def _path(path: Union[str, "os.PathLike[str]"]) -> bytes:
    return os.fsencode(os.fspath(path))


def _b(s: str) -> bytes:
    return s.encode("utf-8")


def _names(items: Iterable[str]) -> List[str]:
    return [str(x) for x in items]
