"""`actorgraph ...` run inside the test process, answered as `subprocess.run` answers.

Starting the command costs a fresh interpreter, the spaCy model and the knowledge base each time
(about 5 s); here they are loaded once per session. What a user sees is kept: `main()` runs with
its own error handling, stdout and stderr are captured apart, and an exception that escapes
`main()` is written to stderr as a traceback with exit status 1, as Python would. Tests about the
process itself (signals, kill -9, what reaches file descriptor 1) still start a real one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, overload

import pytest
from click.testing import CliRunner


def _status(exit: SystemExit, stderr: list[str]) -> int:
    # What the interpreter does with `sys.exit(code)` at the top level.
    if exit.code is None:
        return 0
    if isinstance(exit.code, int):
        return exit.code
    stderr.append(f"{exit.code}\n")
    return 1


@overload
def actorgraph(
    *args: str, stdin: bytes | str | None = ..., env: Mapping[str, str] | None = ..., cwd: Path | None = ...,
    text: Literal[False] = ...,
) -> subprocess.CompletedProcess[bytes]: ...


@overload
def actorgraph(
    *args: str, stdin: bytes | str | None = ..., env: Mapping[str, str] | None = ..., cwd: Path | None = ...,
    text: Literal[True],
) -> subprocess.CompletedProcess[str]: ...


def actorgraph(
    *args: str,
    stdin: bytes | str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    text: bool = False,
) -> subprocess.CompletedProcess[bytes] | subprocess.CompletedProcess[str]:
    """Run `actorgraph *args` with `stdin`, extra `env` and working directory `cwd`."""
    from actorgraph.serve.cli import main

    extra: list[str] = []
    environ = dict(os.environ)
    try:
        with pytest.MonkeyPatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            patch.setattr(sys, "argv", ["actorgraph", *args])
            with CliRunner().isolation(input=stdin, env=dict(env or {})) as (out, err, _mixed):
                try:
                    main()
                    code = 0
                except SystemExit as exit:
                    code = _status(exit, extra)
                except Exception:  # noqa: BLE001 - what the interpreter would print, and its status
                    extra.append(traceback.format_exc())
                    code = 1
                sys.stdout.flush()
                sys.stderr.flush()
                stdout, stderr = out.getvalue(), err.getvalue() + "".join(extra).encode()
    finally:
        # What the command set in its environment ends with it, as it would with its process.
        if os.environ != environ:
            os.environ.clear()
            os.environ.update(environ)
    if text:
        return subprocess.CompletedProcess(list(args), code, stdout.decode(), stderr.decode())
    return subprocess.CompletedProcess(list(args), code, stdout, stderr)

