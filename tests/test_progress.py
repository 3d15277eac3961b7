"""Progress lines: what they say, and that they come at most every N seconds."""

import logging

from pipeline.progress import Progress, progress_line


def test_a_line_gives_done_total_rate_elapsed_and_time_left():
    assert progress_line(1200, 31.2, 14300) == (
        "1,200 of 14,300 articles analysed (8%), 38.5 articles/s, 0:00:31 elapsed, about 0:05:40 left")


def test_without_a_total_or_with_unknown_workers_there_is_no_estimate():
    assert progress_line(1200, 31.2, None) == "1,200 articles analysed, 38.5 articles/s, 0:00:31 elapsed"
    assert progress_line(600, 31.2, 14300, None) == (
        "600 articles analysed in this worker, 19.2 articles/s, 0:00:31 elapsed")


def test_each_worker_reports_its_share():
    line = progress_line(600, 60, 2400, 2)
    assert line.startswith("600 articles analysed in this worker, about 50% of its share of 2,400 over 2 workers")
    assert line.endswith("about 0:01:00 left")


def test_lines_come_at_most_every_interval_and_count_from_the_first_batch(caplog):
    now = [100.0]
    progress = Progress(10, clock=lambda: now[0])
    caplog.set_level(logging.INFO, logger="newsbeam.progress")
    progress.begin()  # the first batch starts: the model load before it is not counted
    lines = []
    for step in range(6):
        now[0] += 4
        lines.append(progress.add(5, total=30))
    assert [line is not None for line in lines] == [False, False, True, False, False, True]
    assert lines[2].startswith("15 of 30 articles analysed (50%), 1.2 articles/s, 0:00:12 elapsed")
    assert [r.getMessage() for r in caplog.records if r.name == "newsbeam.progress"] == [lines[2], lines[5]]
