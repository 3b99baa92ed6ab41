"""A textual progress bar for long-running commands (import_cases, search_rebuild).

On a terminal it redraws one line in place; in a log (cron, CI, a pipe) it writes a plain line
every `every` items instead, so the log stays readable.
"""

from __future__ import annotations

import time


class ProgressBar:
    WIDTH = 30

    def __init__(self, stream, label: str, *, every: int = 1000, enabled: bool = True):
        self.stream, self.label, self.every, self.enabled = stream, label, every, enabled
        self.interactive = enabled and _is_terminal(stream)
        self.started = time.monotonic()
        self.last_printed = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = f"{done / elapsed:.0f}/s"
        if self.interactive:
            filled = self.WIDTH * done // total if total else self.WIDTH
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {rate}", ending="")
            if done >= total:
                self.stream.write("")
            self.stream.flush()
        elif done - self.last_printed >= self.every or done >= total:
            self.stream.write(f"{self.label}: {done}/{total} {rate}")
            self.last_printed = done


def _is_terminal(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
