"""Progress lines for long runs, written by the step that does the slow work.

Beam's local engine runs the whole job inside `pipeline.run()`, and no counter can be read before
it returns, so the analysing DoFn reports itself: every N seconds a log line (logger
`newsbeam.progress`, INFO) with the articles analysed, the rate, the time since analysis began and,
as the number of articles is known, an estimate of the time left. Each worker process reports its
own share; only counts are kept, so memory does not grow with the run.
"""

from __future__ import annotations

import logging
import time

LOGGER = "newsbeam.progress"


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def progress_line(done: int, elapsed: float, total: int | None = None, workers: int | None = 1) -> str:
    """'1,200 of 14,300 articles analysed (8%), 38.5 articles/s, 0:00:31 elapsed, about 0:05:40 left'.

    `total` is the number of articles of the whole run and `workers` the number of processes
    sharing them (None: unknown, then no estimate is given); `done` counts this process's articles.
    """
    rate = done / elapsed if elapsed > 0 else 0.0
    share = total / workers if total and workers else None
    if workers == 1 and share:
        head = f"{done:,} of {total:,} articles analysed ({min(done / share, 1):.0%})"
    elif share:
        head = (f"{done:,} articles analysed in this worker, about {min(done / share, 1):.0%} of its share of "
                f"{total:,} over {workers} workers")
    else:
        head = f"{done:,} articles analysed" + ("" if workers == 1 else " in this worker")
    line = f"{head}, {rate:.1f} articles/s, {_clock(elapsed)} elapsed"
    if share and rate > 0:
        line += f", about {_clock(max(share - done, 0) / rate)} left"
    return line


class Progress:
    """Counts articles and logs a `progress_line` at most every `every` seconds."""

    def __init__(self, every: float, workers: int | None = 1, clock=time.monotonic):
        self.every = every
        self.workers = workers
        self.clock = clock
        self.done = 0
        self.started = None
        self.last = None
        self.log = logging.getLogger(LOGGER)
        self.log.setLevel(logging.INFO)  # worker processes start at WARNING

    def begin(self) -> None:
        """Start the clock (at the first batch, so loading the model is not counted)."""
        if self.started is None:
            self.started = self.last = self.clock()

    def add(self, count: int, total: int | None = None) -> str | None:
        """Count `count` more articles; returns (and logs) the line when one is due."""
        self.begin()
        now = self.clock()
        self.done += count
        if now - self.last < self.every:
            return None
        self.last = now
        line = progress_line(self.done, now - self.started, total, self.workers)
        self.log.info(line)
        return line
