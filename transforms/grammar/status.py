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
from transforms.grammar.masks import fold_pattern, word_alternation


class StatusCues:
    """One document's status cues by position."""

    def __init__(self, hits: list[Hit], key: str, words: dict[str, list[str]] | None = None) -> None:
        words = words or {}
        reached = _words_before(words.get("plan_reached", []), 6)  # seeds/grammar/words.csv (`vượt mục tiêu mà Nghị
        # quyết đề ra`: a plan, the body that set it and its verb)
        intent = _words_before(words.get("plan_intent", []), 2)
        intent_word = re.compile(word_alternation(words.get("plan_intent", [])) or "(?!)")
        cues = []
        for h in hits:
            for t in h.of("status"):
                if t.value == "subject_target":
                    # `Năm 2023, dự toán thu ngân sách ... là 35.430 tỷ đồng`: a plan that opens its clause, the subject
                    # of its own figure (not `đã bảo đảm dự toán thu, chi`: the plan a result met)
                    if _CLAUSE_OPEN.search(key, max(0, h.start - 12), h.start):
                        cues.append((h.end, h.start, "target"))
                    continue
                if t.value == "target" and (_counted(key, h.start) or _compared(key, h.start)):
                    continue
                if t.value == "target" and not intent_word.fullmatch(key, h.start, h.end) \
                        and _achieved(key, h.start, reached, intent):
                    # (an intent is no plan reached: `Vốn đầu tư thực hiện trên địa bàn phấn đấu đạt khoảng 70,7 nghìn
                    # tỷ đồng` sets a target)
                    cues.append((h.end, h.start, _REACHED))  # a target only for the plan's value right after it
                    continue
                if t.value != "estimate" and _FIGURE_NEXT.match(key, h.end):
                    cues.append((h.end, h.start, _CLAUSE_TARGET))  # `dự kiến 2 thôn ...; thành lập mới 20 doanh
                    continue  # nghiệp`: a cue right before its figure sets that clause's figures only
                cues.append((h.end, h.start, t.value))
        cues.sort()
        self.key = key
        self.ends = [c[0] for c in cues]
        self.cues = cues

    def before(self, lo: int, upto: int) -> str | None:
        """The status of the latest cue in [lo, upto) (ending before `upto`): `estimate` or `target`.
        A plan named as reached (`vượt chỉ tiêu Nghị quyết đề ra (65%)`) makes a target only of the
        figure right after it, its stated value."""
        k = bisect_right(self.ends, upto) - 1
        while k >= 0 and self.cues[k][1] >= lo:
            end, _, status = self.cues[k]
            if status == _CLAUSE_TARGET:
                if ";" not in self.key[end:upto]:
                    return "target"
                k -= 1
                continue
            if status != _REACHED:
                return status
            if upto - end <= 3:
                return "target"
            k -= 1
        return None

    def clause_bound(self, lo: int, upto: int) -> bool:
        """Whether the cue `before` reads in [lo, upto) is one that sets only its own clause's figures (`dự kiến 2
        thôn`): it marks no period as a plan's for the figures after it."""
        k = bisect_right(self.ends, upto) - 1
        while k >= 0 and self.cues[k][1] >= lo:
            status = self.cues[k][2]
            if status == _CLAUSE_TARGET and ";" not in self.key[self.cues[k][0]:upto]:
                return True
            if status == _REACHED and upto - self.cues[k][0] <= 3:
                return True  # (a plan's value named after it was reached or not: `chưa đạt kịch bản đề ra (5,39%)`)
            if status not in (_REACHED, _CLAUSE_TARGET):
                return False
            k -= 1
        return False

    def estimate_at(self, lo: int, upto: int) -> int | None:
        """Where the latest estimate cue in [lo, upto) starts, when `before` reads one there."""
        k = bisect_right(self.ends, upto) - 1
        while k >= 0 and self.cues[k][1] >= lo:
            if self.cues[k][2] == "estimate":
                return self.cues[k][1]
            if self.cues[k][2] != _REACHED:
                return None
            k -= 1
        return None

    def any_in(self, lo: int, hi: int, status: str) -> bool:
        k = bisect_right(self.ends, hi) - 1
        while k >= 0 and self.cues[k][1] >= lo:
            if self.cues[k][2] == status:
                return True
            k -= 1
        return False


# the key is folded: `so với` reads `so vơi`; a percentage's base may be named before the cue (`98% kế hoạch đề ra`)
_BASE_BEFORE = re.compile(r"(?:(?<!\w)so(?:\s+vơi)?|%(?:\s+[^\s\d,;.:%()]+){0,5})\s*$")


def _compared(key: str, pos: int) -> bool:
    """`đạt 98% mục tiêu`, `so với chỉ tiêu`, `đạt trên 98% kế hoạch đề ra`: the cue word is the base of a ratio, not a
    plan's figure."""
    return _BASE_BEFORE.search(key, max(0, pos - 40), pos) is not None


# the key is folded: `hoàn thành`, `đạt`, `vượt`, `thực hiện` read `hoan thanh`, `đat`, `vươt`, `thưc hiên`
def _words_before(words: list[str], gap: int) -> re.Pattern[str]:
    alt = word_alternation(words) or "(?!)"
    # (a year may be among the words: `vượt nghị quyết năm 2025 đề ra`)
    return re.compile(rf"(?<!\w)(?:{alt})(?:\s+(?:[^\s\d,;.:]+|(?:19|20)\d\d(?!\d))){{0,{gap}}}\s*$")


_REACHED = "reached"
_CLAUSE_TARGET = "clause target"
_CLAUSE_OPEN = re.compile(fold_pattern(r"(?:^|[.,;:\n(]\s*)(?:tổng\s+)?$"))  # a clause's first words (`tổng`)
_FIGURE_NEXT = re.compile(r"\s{0,2}(?!(?:19|20)\d\d(?![\d.,]))\d")  # a cue's figure (not a year) right after it


def _achieved(key: str, pos: int, reached: re.Pattern[str], intent: re.Pattern[str]) -> bool:
    """`hoàn thành nhiều mục tiêu`, `đạt tiến độ kế hoạch đề ra`: a plan reached, not a plan's figure
    (`quyết tâm hoàn thành mục tiêu tăng trưởng 9-10%` still sets one)."""
    found = reached.search(key, max(0, pos - 40), pos)
    return found is not None and intent.search(key, max(0, found.start() - 24), found.start()) is None


_NUMBER_BEFORE = re.compile(r"(\d+)\s*$")


def _counted(key: str, pos: int) -> bool:
    """`13 chỉ tiêu đạt`: the cue word is a counted noun, not a plan (a year before it counts nothing:
    `đến năm 2025 phấn đấu đạt`)."""
    m = _NUMBER_BEFORE.search(key, max(0, pos - 12), pos)
    return m is not None and not (len(m.group(1)) == 4 and m.group(1)[:2] in ("19", "20"))
