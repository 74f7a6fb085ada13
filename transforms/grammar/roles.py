"""The role of a figure (CONTRACT section 2), its comparison base and base year, its qualifier
and its scope, from the words around it.

- The verb before the figure (the last one after its indicator): `tăng`/`giảm` a change, `gấp`
  a ratio to the base, `chiếm` a share, `vượt` a change against the plan, `còn`/`lên` a new level.
- The base after it, within a few words and before any comma: `kế hoạch`, `dự toán`, `cùng kỳ`,
  `tháng trước`, `năm trước`, `so với năm 2022` (its year is the base year).
- The qualifier just before it (`hơn`, `gần`, `dưới`, `ít nhất`) or `trở lên` just after.
- The scope: a bracket after the figure that narrows it (`(không tính thu tiền sử dụng đất)`), a
  scope alias (`thu nội địa`), or who set the plan (`dự toán tỉnh giao`).

The words are data (`seeds/grammar/cues.csv`: kinds verb, base, qualifier, qualifier_after); the
regexes here only arrange them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.grammar.masks import fold_pattern


def _alternation(phrases: list[str]) -> str:
    words = sorted({fold_pattern(re.escape(p)).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    return "|".join(words)


# (a rate per year: `12,59%/năm (KH 12,5%)`; an abbreviation in its own bracket: `(kịch bản (KBTT): 7,87%)`)
VALUE_PAREN = re.compile(r"(?:\s*/\s*n[aă]m)?\s*\((?:[^()\d]|\([^()\d]*\))*\d[^()]*\)")


# a month named in words (`so với tháng Bảy`); `tháng năm` is left out, being more often `tháng, năm`
MONTH_WORDS = r"(?:giêng|một|hai|ba|tư|bốn|sáu|bảy|tám|chín|mười\s+một|mười\s+hai|mười|chạp)(?!\w)"


@dataclass
class RoleWords:
    """The role grammar compiled from the cue rows."""

    verb: re.Pattern[str]
    verb_value: dict[str, str]
    bases: list[tuple[re.Pattern[str], str]]
    base_year: re.Pattern[str]
    qualifier_before: list[tuple[re.Pattern[str], str]]
    at_least_after: re.Pattern[str]
    by_amount: re.Pattern[str]  # a comparative before a figure that a base follows: the gap itself, exact
    scope_paren: re.Pattern[str]
    scope_lead: re.Pattern[str]  # `Loại trừ tiền sử dụng đất, tổng thu ...`: what a sentence leaves out first
    scope_giver: re.Pattern[str]
    level_after_verb: re.Pattern[str]
    from_level: re.Pattern[str]  # `giảm từ 2,9% ... xuống còn 2,1%`: the level a change starts from (with to_level)
    to_level: re.Pattern[str]
    plan_paren: re.Pattern[str]  # `(KH 74%)`, `(kế hoạch năm 2023 là 1.800 tỷ đồng)` before the plan's figure
    plan_compared: re.Pattern[str]  # `, cao hơn nhiều so với chỉ tiêu thu ` before the plan's figure
    plan_slash: re.Pattern[str]  # `/KH 2017: `, `/mục tiêu nghị quyết ` between a result and its plan's figure
    plan_of: re.Pattern[str]  # `đạt 95% kế hoạch ` + the indicator the plan is of (`thu ngân sách`)
    attainment: re.Pattern[str]  # `đạt 52,29% kế hoạch`, `bằng 86,1% KH`: a result measured against its plan
    qualifier_any: str = ""  # an alternation of the qualifier words written before a figure (`khoảng`, `hơn`, `~`)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> RoleWords:
        by: dict[tuple[str, str], list[str]] = {}
        for r in rows:
            by.setdefault((r["kind"].strip(), r["value"].strip()), []).append(r["phrase"].strip())
        verbs = {p: v for (k, v), ps in by.items() if k == "verb" for p in ps}
        verb_rx = re.compile(r"(?<!\w)(" + _alternation(list(verbs)) + r")(?!\w)")
        norm = {re.sub(r"\s+", " ", fold_pattern(p)): v for p, v in verbs.items()}
        plan = _alternation(by.get(("base", "plan"), []))
        budget = _alternation(by.get(("base", "budget_estimate"), []))
        same = _alternation(by.get(("base", "same_period"), []))
        prior_period = _alternation(by.get(("base", "prior_period"), []))
        prior_year = _alternation(by.get(("base", "prior_year"), []))
        giver = _alternation(by.get(("base_giver", "plan"), []))  # `vượt 3,8% huyện giao`
        # what the last year did, named between `so với` and its year (`so với ước thực hiện năm 2024`)
        done = _alternation(by.get(("base_object", "prior_year"), []))
        def rx(pattern: str) -> re.Pattern[str]:
            return re.compile(fold_pattern(pattern))

        bases = [
            # `8,62% (các chỉ tiêu về GRDP tính trên ...)`: targets as a plural noun are no plan base, nor is the target
            # a figure is said to be (`đạt 65% là chỉ tiêu chủ yếu`), nor the resolution a target is set in
            # (`mục tiêu tăng trưởng GRDP năm 2025 đạt 8% tại Nghị quyết số 457/NQ-HĐND`)
            # (`66,67%/KH 2017: 66,67%`, `12,3%/mục tiêu nghị quyết 10,5-11%`: a result over the plan's own value)
            (rx(r"^(?:\s*/\s*năm)?[^,;/]{0,12}?(?<!\w)(?<!các )(?<!những )(?<!là )(?<!tại )(?:" + plan
                + r")(?!\w)"), "plan"),
            (rx(r"^(?:\s*/\s*năm)?[^,;/]{0,12}?(?:" + budget + r")"), "budget_estimate"),
            (rx(r"^[^,;\d]{0,4}?(?<!\w)(?:" + giver + r")(?!\w)"), "plan"),
            (rx(r"^[^,;]{0,16}?(?:" + same + r")"), "same_period"),
            (rx(r"^[^,;]{0,16}?(?:" + prior_period + r"|so\s+(?:với\s+)?(?:tháng\s+(?:\d{1,2}|" + MONTH_WORDS
                + r")|quý\s+(?:iv|iii|ii|i|[1-4]))(?!\w))"), "prior_period"),
            (rx(r"^[^,;]{0,16}?(?:" + prior_year + r"|so\s+(?:với\s+)?(?:(?:" + done + r")\s+)?năm)"), "prior_year"),
        ]
        quals = [(re.compile(r"(?<!\w)(?:" + _alternation(by[("qualifier", q)]) + r")\s*$"), q)
                 for q in ("over", "approx", "under", "at_least") if ("qualifier", q) in by]
        after = _alternation(by.get(("qualifier_after", "at_least"), []))
        plan_words = _alternation(by.get(("base", "plan"), []) + by.get(("base", "budget_estimate"), []))
        qualifier_any = _alternation([p for q in ("over", "approx", "under") for p in by.get(("qualifier", q), [])])
        return cls(
            qualifier_any=qualifier_any,
            verb=verb_rx,
            verb_value=norm,
            bases=bases,
            base_year=re.compile(fold_pattern(r"^[^,;]{0,40}?(?:năm|/)\s*((?:19|20)\d{2})")),
            qualifier_before=quals,
            by_amount=re.compile(r"(?<!\w)(?:" + _alternation(by.get(("qualifier_by_amount", "exact"), []))
                                 + r")\s*$"),
            at_least_after=re.compile(fold_pattern(r"^\s*(?:(?:so\s+với\s+|so\s+)?(?:" + plan_words +
                                                   r")(?:\s+[^\s,;]+){0,4}?\s+)?(?:" + after + ")")),
            scope_paren=re.compile(fold_pattern(
                r"^\s*\(\s*((?:không|chưa|chỉ(?!\s+tiêu)|trừ|loại trừ|bao gồm|gồm cả|kể cả)(?!\w)(?!\s+đạt)"
                r"[^()]{0,160})\)")),
            scope_lead=re.compile(fold_pattern(
                r"\s*((?:nếu\s+)?(?:loại\s+trừ|ngoại\s+trừ|không\s+kể|không\s+tính|trừ)(?!\w)[^,;.()\d]{1,60}),")),
            scope_giver=re.compile(fold_pattern(
                r"^\s*(?:" + "kế\\s+hoạch|dự\\s+toán|chỉ\\s+tiêu" + r")\s+((?:tỉnh|thành\s+phố|thị\s+xã|huyện|"
                r"trung\s+ương|hđnd|ubnd)[^,;.()]{0,24}?\s+giao)")),
            # (a qualifier between, `lên trên 28 triệu đồng`, `xuống còn khoảng 3%`, keeps the level)
            level_after_verb=re.compile(fold_pattern(r"(?:còn|lên|xuống)(?:\s+(?:trên|hơn|gần|khoảng|dưới))?\s*$")),
            from_level=re.compile(fold_pattern(r"(?<!\w)từ\s*$")),
            to_level=re.compile(fold_pattern(
                r"[^,;.\d]{0,30}?(?:(?:19|20)\d\d[^,;.\d]{0,16}?)?(?<!\w)(?<!trở )(?:lên|xuống)(?!\w)")),
            plan_of=re.compile(r"\s*(?:" + plan_words + r")\s+"),
            attainment=re.compile(fold_pattern(r"(?<!\w)(?:đạt|bằng)\s+[\d.,]+\s*%\s*(?:so\s+với\s+)?(?:")
                                  + plan_words + r")(?!\w)"),
            # `10,43% so cùng kỳ (KH năm tăng 6,8%)`: the figure's base may stand between it and the bracket
            # (`đạt 9.53% (vượt kế hoạch, kế hoạch 7.5% ...)`: a verb of attainment may open the bracket)
            # (not `(vượt mục tiêu Nghị quyết 0,36%)`: by how much)
            plan_paren=re.compile(fold_pattern(r"(?:\s*so[^()\d;]{0,24}(?:(?:19|20)\d\d)?)?\s*\(\s*"
                                               r"(?:(?:vượt|đạt)\s+(?:") + plan_words + fold_pattern(
                r")\s*,\s*|(?:không\s+|chưa\s+)?đạt\s+)?(?:")
                                  + plan_words + fold_pattern(
                r")(?!\w)(?:\s*\([^()\d]{1,12}\))?(?:\s+(?:năm\s+)?\d{4})?[^()\d]{0,30}$")),
            # (`(khoảng 8.268 USD)` names no plan; `(kịch bản tăng trưởng (KBTT): 7,87%)`: the plan's abbreviation in a
            # bracket of its own)
            # `đạt gần 161,58 tỷ đồng, cao hơn nhiều so với chỉ tiêu thu 101,1 tỷ đồng`: the figure right after the
            # plan a result is compared with is that plan's value (a change by an amount is written before `so với`)
            plan_slash=re.compile(fold_pattern(r"\s*/\s*(?:") + plan_words + fold_pattern(
                r")(?!\w)[^,;()\d/]{0,24}?(?:(?:19|20)\d\d)?\s*:?\s*(?:là\s+)?$")),
            plan_compared=re.compile(fold_pattern(r"\s*,?\s*(?:[^\W\d]+\s+){0,3}?so\s+với\s+(?:")
                                     + plan_words + fold_pattern(
                r")(?!\w)(?:\s+(?:thu|chi|giao|đề\s+ra|năm\s+\d{4}|của\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã)))*"
                r"\s*(?:là\s+)?$")),
        )

    def last_verb(self, left: str) -> str | None:
        """The meaning of the last verb in `left` (folded text before the figure)."""
        found = [self.verb_value.get(re.sub(r"\s+", " ", v.group(1))) for v in self.verb.finditer(left)]
        if len(found) > 1 and found[-1] == "is":
            return found[-2]  # `vượt kế hoạch tỉnh giao là 15%`: a copula goes on with the verb before it
        return found[-1] if found else None

    def base_after(self, right: str) -> tuple[str | None, int | None]:
        """The comparison base written after a figure. A bracket holding a figure of its own right
        after it (`76,89% (KH 74%)`) states the plan's value, not this figure's base: skipped."""
        paren = VALUE_PAREN.match(right)
        if paren is not None:
            right = right[paren.end():]
        base = next((b for rx, b in self.bases if rx.search(right)), None)
        year = None
        if base in ("same_period", "prior_year"):
            by = self.base_year.search(right)
            year = int(by.group(1)) if by else None
        return base, year

    def qualifier(self, before: str, after: str, is_range: bool, before_tones: str | None = None) -> str:
        """`before_tones`: the tones of `before` (transforms.grammar.keys.tones), to tell `từ` (from) from `tư`
        (invest), which fold alike: `tổng vốn đầu tư 3.000 tỷ đồng` sets no lower bound."""
        found = next(((q, m) for rx, q in self.qualifier_before if (m := rx.search(before))), None)
        q = found[0] if found else "exact"
        if found and q == "at_least" and before_tones is not None and before.startswith("tư", found[1].start()) \
                and before_tones[found[1].start() + 1] != "2":
            q = "exact"
        if q == "at_least" and (is_range or (found and found[1].group().strip() in ("từ", "tư")
                                             and self.to_level.match(after))):
            q = "exact"  # `từ 3,5 đến 4`: a range's low end; `tăng từ 22 triệu đồng năm 2018 lên 28 triệu`: a level
        if q == "over" and re.match(r"\s*,?\s*so(?!\w)", after) and self.by_amount.search(before):
            q = "exact"  # `cao hơn 1,27 điểm % so với cùng kỳ`: by how much, not more than
        if self.at_least_after.match(after):
            q = "at_least"
        return q
