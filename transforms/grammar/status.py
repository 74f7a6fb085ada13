"""Status: `actual` (a reported result), `estimate` (`ước`, `ước tính`, `dự ước`, `sơ bộ`) or
`target` (a figure set for a period: `phấn đấu`, `mục tiêu`, `chỉ tiêu ... đạt`, a plan's list).

The cue words are data (`seeds/grammar/cues.csv`, kind `status`). Within a sentence the latest
cue before a figure wins; a `chỉ tiêu` that is counted (`13 chỉ tiêu đạt`) is no cue, nor a `mục tiêu` a
ratio is measured against (`bằng 74,4% so với mục tiêu Nghị quyết`: a base, the figures stay results). A figure
whose period was not over when the report was written is a target (the caller decides that, it
knows the period).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from transforms.grammar.lexicon import Hit


class StatusCues:
    """One document's status cues by position."""

    def __init__(self, hits: list[Hit], key: str) -> None:
        cues = []
        for h in hits:
            for t in h.of("status"):
                if t.value == "target" and (_counted(key, h.start) or _compared(key, h.start)):
                    continue
                cues.append((h.end, h.start, t.value))
        cues.sort()
        self.ends = [c[0] for c in cues]
        self.cues = cues

    def before(self, lo: int, upto: int) -> str | None:
        """The status of the latest cue in [lo, upto) (ending before `upto`): `estimate` or `target`."""
        k = bisect_right(self.ends, upto) - 1
        if k < 0 or self.cues[k][1] < lo:
            return None
        return self.cues[k][2]

    def any_in(self, lo: int, hi: int, status: str) -> bool:
        k = bisect_right(self.ends, hi) - 1
        while k >= 0 and self.cues[k][1] >= lo:
            if self.cues[k][2] == status:
                return True
            k -= 1
        return False


_BASE_BEFORE = re.compile(r"(?:(?<!\w)so(?:\s+vơi)?|%)\s*$")  # the key is folded: `so với` reads `so vơi`


def _compared(key: str, pos: int) -> bool:
    """`đạt 98% mục tiêu`, `so với chỉ tiêu`: the cue word is the base of a ratio, not a plan's figure."""
    return _BASE_BEFORE.search(key, max(0, pos - 12), pos) is not None


_NUMBER_BEFORE = re.compile(r"(\d+)\s*$")


def _counted(key: str, pos: int) -> bool:
    """`13 chỉ tiêu đạt`: the cue word is a counted noun, not a plan (a year before it counts nothing:
    `đến năm 2025 phấn đấu đạt`)."""
    m = _NUMBER_BEFORE.search(key, max(0, pos - 12), pos)
    return m is not None and not (len(m.group(1)) == 4 and m.group(1)[:2] in ("19", "20"))
