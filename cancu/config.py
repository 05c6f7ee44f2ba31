"""Where the knowledge base lives: `--kb DIR`, else `$CANCU_HOME`, else the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def kb_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("CANCU_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("cancu", appauthor=False))
