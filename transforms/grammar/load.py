"""The grammar built once from the seed files' text (the reference digest covers every one)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.grammar.indicator import Concepts, Signature
from transforms.grammar.keys import fold
from transforms.grammar.lexicon import Lexicon, Tag
from transforms.grammar.masks import MaskRule, fold_pattern, mask_rules, word_alternation
from transforms.grammar.roles import RoleWords
from transforms.grammar.tables import TableWords

GRAMMAR_FILES = ("grammar/cues.csv", "grammar/masks.csv", "grammar/concepts.csv", "grammar/signatures.csv",
                 "grammar/words.csv", "grammar/bounds.csv", "grammar/fractions.csv", "grammar/sector_compounds.csv",
                 "grammar/within.csv")




@dataclass
class Grammar:
    lexicon: Lexicon
    roles: RoleWords
    mask_rules: list[MaskRule]
    concepts: Concepts
    unit_heads: dict[str, str]
    words: dict[str, list[str]]
    counters: list[str]  # folded counted nouns, longest first
    aliases_by_metric: dict[str, object] = field(default_factory=dict)
    fractions: dict[str, str] = field(default_factory=dict)  # numerator metric → the total's metric
    # the sectors a run of sector words names together → the sector they name (`nông - lâm nghiệp`)
    sector_compounds: dict[frozenset[str], str] = field(default_factory=dict)
    rates: dict[str, str] = field(default_factory=dict)  # a count's metric → the rate its share of the total is
    averages: dict[str, str] = field(default_factory=dict)  # a count's metric → its average (a decimal count)
    crop_cycles: dict[str, str] = field(default_factory=dict)  # a crop → its cycle (`perennial`), where one is said
    counts_of_rate: dict[str, str] = field(default_factory=dict)  # a rate's metric → the count it is the share of
    within: dict[str, frozenset[str]] = field(default_factory=dict)  # a metric → the wider totals it is listed under
    # a domain → the head a figure takes when the domain alone names it (`Sản phẩm sợi tăng 7%`: the product's output)
    domain_heads: dict[str, str] = field(default_factory=dict)
    # `khu vực II` → its sector, for areas named by their number alone after the first (`khu vực I - II - III`)
    numbered_areas: dict[str, str] = field(default_factory=dict)
    # the words of units, scales and counted nouns (seeds/units.csv), folded: a flattened table's unit cell
    unit_tokens: frozenset[str] = frozenset()

    @property
    def numerators(self) -> dict[str, str]:
        """A total's metric → the metric its fractions' numerators count (the first listed)."""
        out: dict[str, str] = {}
        for numerator, total in self.fractions.items():
            out.setdefault(total, numerator)
        return out

    def __post_init__(self) -> None:
        w = self.words

        def words(before: str, name: str, after: str) -> re.Pattern[str]:
            """A regex of one word set of seeds/grammar/words.csv (folded, longest first) between two shapes."""
            return re.compile(before + "(?:" + word_alternation(w.get(name, [])) + ")" + after)

        self.function = frozenset(fold(x) for x in w.get("function", []))
        # words a misspelt alias must still hold (`tỷ trọng`: `trong đó khu vực công nghiệp` is no misspelt share)
        self.typo_kept = frozenset(fold(x) for x in w.get("typo_kept", []))
        self.table_words = TableWords.from_words(w, self.unit_tokens)
        self.dateline_words = frozenset(fold(x) for x in w.get("dateline", []))
        # counts that accrue over a period (seeds/grammar/words.csv `flow_count`: metric codes): counted to a month's
        # end they are the months to date
        self.flow_counts = frozenset(w.get("flow_count", []))
        self.stock_amounts = frozenset(w.get("stock_amount", []))  # balances at a date (`dư nợ`): no flows
        self.elided = frozenset(fold(x) for x in w.get("elided", []))
        # a figure referred back to (`Con số này tương đương 40,47% dự toán`): phrases that, like elided words, name
        # no indicator of their own
        self.refers_back = words(r"(?<!\w)", "refers_back", r"(?!\w)")
        # a price basis restating the figure before (`...; theo giá hiện hành là 4.420 tỷ đồng`): names no indicator
        self.price_basis = words(r"(?<!\w)", "price_basis", r"(?!\w)")
        # the words between a figure and a period that is its own (`đạt 4.200 tỷ trong tháng 5`)
        self.period_right_after = re.compile(r"\s*(?:(?:" + word_alternation(w.get("period_right_after", []))
                                             + r")(?!\w))?\s*")
        # a period singled out in a list item (`riêng quý III đạt 89,81 tỷ đồng`): its figure is no part of the total
        self.period_aside = re.compile(r"(?:" + word_alternation(w.get("period_aside", [])) + fold_pattern(
            r")\s+(?:quý\s+(?:iv|iii|ii|i|[1-4])|tháng\s+\d{1,2}|năm\s+\d{4})(?:\s*(?:/|năm)\s*\d{4})?\s*(?:"
            r"ước\s+)?(?:đạt\s+|là\s+)?(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?"))
        self.planned_as_whole = frozenset(w.get("planned_as_whole", []))  # a disbursement's plan: the allocation
        self.marked_parts = frozenset(w.get("part_when_marked", []))  # a part only after `trong đó`, `cụ thể:`
        # the whole a share right after an amount names (`chiếm 0,95% tổng mức`), and the words then share verb between
        # (`634 hộ nghèo không có khả năng lao động, chiếm 60%`)
        self.share_whole = words(fold_pattern(r"\s*(?:so\s+với\s+)?"), "share_whole", r"(?!\w)")
        self.words_then_share = re.compile(r"[^,;.()\d]{1,60},\s*(?:" + word_alternation(w.get("whole_share_verb", []))
                                           + r")\s+(?:(?:" + self.roles.qualifier_any + r")\s*)?")
        # a growth rate named with no object after an amount of its sentence (`tổng giá trị sản xuất đạt 6.246 tỷ
        # đồng, ...; tốc độ tăng trưởng đạt 11,64%`): that amount's indicator's growth
        self.growth_of_amount = frozenset(fold(x) for x in w.get("growth_of_amount", []))
        # totals a report breaks down by sector sentence by sentence: a sector's value under one stated is a part
        self.totals_of_sectors = frozenset(w.get("total_of_sectors", []))
        # `khu vực dịch vụ tăng 7,85%, đóng góp 3,25%`: a contribution's percent right after its verb is in points
        self.contribution_before = words(r"(?<!\w)", "contribution_verb",
                                         fold_pattern(r"\s+(?:(?:khoảng|gần|hơn|trên|thêm)\s+)?$"))
        # (to the growth, or closing its clause: not `đóng góp 10,9% GRDP`, `đóng góp 31,2% cả nước`, a share)
        self.contribution_after = re.compile(fold_pattern(r"\s*(?:vào\s|[,;.)]|$)"))
        # the words a total's name must go on with before it heads those lines (`retail_sales:bán lẻ>dịch vụ`: the
        # retail and services turnover, not the goods retail alone, has the services' lines among its parts)
        self.total_covers: dict[str, tuple[tuple[str, str], ...]] = {}
        for x in w.get("total_covers", []):
            code, _, said = x.partition(":")
            anchor, _, need = said.partition(">")
            self.total_covers[code.strip()] = (*self.total_covers.get(code.strip(), ()),
                                               (fold(anchor.strip()), fold(need.strip())))
        self.unreported = frozenset(w.get("unreported", []))  # codes read to tell figures apart, written as no fact
        # the lines of the retail and services turnover, named in a list by the leading words of one of them
        self.turnover_lines = frozenset(w.get("turnover_line", []))
        # pairs of words a typo never turns into each other (`thu`/`chi`), both ways
        pairs = [tuple(map(fold, x.split("/", 1))) for x in w.get("contrast", [])]
        self.contrasts = frozenset(pairs) | frozenset((b, a) for a, b in pairs)
        self.outcome_tallies = frozenset(w.get("outcome_tally", []))  # targets met, missed ...: levels, not parts
        # `tổng số vốn trên 386 tỷ đồng`, `trên tổng số vốn hơn 101 tỷ đồng được giao`: the capital an amount is of
        self.capital_total = words(r"(?<!\w)", "capital_total", fold_pattern(
            r"\s+(?:(?:trên|hơn|gần|khoảng|là|đạt)\s+)?$"))
        # `15 dự án trong nước`, `4.342 dự án đầu tư nước ngoài`: the investors' origin right after a counted noun
        self.count_origin = words(r"\s*", "count_origin", r"(?!\w)")
        self.subset_marker = words(r"(?<!\w)", "subset_marker", r"(?!\w)")  # `trong đó có 12 chỉ tiêu vượt`: a part
        # `chế biến gỗ và sản xuất sản phẩm từ gỗ`: words naming a branch of industry, not a product
        self.branch_word = words(r"(?<!\w)", "branch_word", r"(?!\w)")
        # `2.540,6 ha, chiếm 3,32%`: an amount's share written right after it (a part's)
        self.share_after = re.compile(fold_pattern(
            r"\s*[,(]?\s*(?:và\s+)?chiếm(?:\s+tỷ\s+trọng)?\s+(?:khoảng\s+)?[\d.,]+\s*%"))
        self.branches_named = words(r"(?<!\w)", "branches_named", r"(?!\w)")  # `Nhiều ngành có chỉ số ... tăng`
        self.trade_heads = frozenset(w.get("trade_head", []))  # concept heads of goods traded (export, import)
        # `tăng 5,8% số lượng doanh nghiệp và tăng 6% vốn đăng ký`, `giảm 13,9% về vốn`: what a change measures
        self.measure_count = words(r"\s*(?:vê\s+)?", "measure_count", r"(?!\w)")
        self.measure_amount = words(r"\s*(?:vê\s+)?", "measure_amount", r"(?!\w)")
        self.measure_value = words(r"\s*vê\s+", "measure_value", r"(?!\w)")  # `giảm 33% về giá trị`
        self.value_of_volume = dict(x.split(">", 1) for x in w.get("value_of_volume", []))
        # the sectors whose growth alone names their value added or production value (concepts.csv sector values)
        self.growing_sectors = frozenset(w.get("growing_sector", []))
        # `gồm: thu tiền cho thuê mặt đất, mặt nước hơn 1.096 tỷ đồng`: revenue items of a list of revenues
        self.revenue_code = next(iter(w.get("revenue_code", [])), "budget_revenue")
        self.revenue_items = words(r"(?<!\w)", "revenue_items", r"(?!\w)")
        self.thu_not_revenue = frozenset(fold(x) for x in w.get("thu_not_revenue", []))
        self.item_end = words(r"\s+", "item_end", r"(?!\w)")  # `... mặt nước hơn 1.096 tỷ`: an item's words end
        self.growing_sectors_district = frozenset(w.get("growing_sector_district", []))
        # `chỉ đạt được 7,18%, trong khi định hướng 7,5%`: the plan a result is set against right before its own figure
        self.plan_contrast = words(r"\s*,?\s*", "plan_contrast",
                                   fold_pattern(r"(?!\w)(?:\s+(?:đề\s+ra|đặt\s+ra|năm\s+\d{4}|là|ở\s+mức))*\s*$"))
        # `Ngành xây dựng có giá trị sản xuất đạt ...`: a sector as the subject that has the measure named after it
        self.sector_has = words(r"\s+", "sector_has", r"\s+")
        # `... vượt lên trên khu vực nông, lâm nghiệp và thủy sản`: a sector the subject is compared with
        self.compared_sector = words("", "compared_sector", fold_pattern(r"\s+(?:(?:khu\s+vực|ngành|lĩnh\s+vực)\s+)?$"))
        self.whole_sector = words(r"(?<!\w)", "whole_sector", r"(?!\w)")  # `toàn ngành`: the sector a heading names
        self.result_verb = words(r"(?<!\w)", "result_verb", r"(?!\w)")  # `đạt 287 tỷ đồng, bằng 175% dự toán`
        # `Với tốc độ tăng trưởng 7,22%, khu vực dịch vụ ...`: a sentence opening on a phrase of its figure
        self.fronted_phrase = words(r"(?:[^\s,;:]*\s+-\s+)?", "fronted_phrase", r"\s")
        # `Công nghiệp chiếm 55,2%, dịch vụ 24,3% và nông nghiệp 20,5%`: industry's share as the second of three sectors
        self.three_sector_wider = dict(x.split(">", 1) for x in w.get("three_sector_wider", []))
        self.rural_variant = dict(x.split(">", 1) for x in w.get("rural_variant", []))
        self.structure_share = dict(x.split(">", 1) for x in w.get("structure_share", []))
        self.capital_of_projects = dict(x.split(">", 1) for x in w.get("capital_of_projects", []))
        self.capital_of_public_projects = dict(x.split(">", 1) for x in w.get("capital_of_public_projects", []))
        self.project_counts = frozenset(w.get("project_count", []))
        # the capital named right after a count of new enterprises is theirs (`1.100 doanh nghiệp ..., tổng vốn 5.500`)
        self.capital_of_enterprises = dict(x.split(">", 1) for x in w.get("capital_of_enterprises", []))
        self.enterprise_counts = frozenset(w.get("enterprise_count", []))
        self.all_criteria_counts = frozenset(w.get("all_criteria_count", []))  # communes that meet every criterion
        self.banded_criteria = frozenset(w.get("banded_criteria", []))  # criteria met, also the bands communes are in
        # an item's label: the words opening it up to its verb (`vận tải kho bãi tăng 12,36%`)
        self.item_label = words(r"\s*([^\W\d][^\d;:()]{1,78}?)\s+(?:", "item_label_verb", r")(?!\w)")
        self.period_base_cue = words(r"(?<!\w)", "period_base_cue", r"\s*$")  # `so với năm 2022`: a base's year
        self.public_funding = words(r"(?<!\w)", "public_funding", r"(?!\w)")  # `dự án ... từ vốn ngân sách`
        self.subset_standard = words(r"(?<!\w)", "subset_standard", r"(?!\w)")  # `canh tác hữu cơ`: a subset's scope
        self.capital_whole = words(r"(?<!\w)", "capital_whole", r"(?!\w)")
        self.goods_group = words(r"(?<!\w)", "goods_group", r"(?!\w)")  # `một số nhóm ngành hàng tăng như: ...`
        self.goods_totals = frozenset(w.get("goods_total", []))  # what goods groups break down (retail, export ...)
        self.done_of_plan = frozenset(w.get("done_of_plan", []))  # metric codes: what is done is of a plan
        # an economy's product, value added and structure are measured by quarters (heads), as are the contributions
        # to its growth (codes): a month names the quarter it ends
        self.quarterly_heads = frozenset(w.get("quarterly_head", []))
        self.quarterly_metrics = frozenset(w.get("quarterly_metric", []))
        # between a percentage change and the same change in the level's unit: its base, then a word of
        # equivalence (`tăng 9,03% (tương đương 12.600 tấn)`, `tăng 0,74% so với năm 2020, bằng 1.301 ha`)
        self.equivalent = re.compile(fold_pattern(r"(?:\s*so\s[^,;()\d]{0,24}(?:\d{4})?)?\s*[,(]?\s*(?:")
                                     + word_alternation(w.get("equivalent", []))
                                     + fold_pattern(r")\s*(?:tăng|giảm)?\s*"))
        self.breakdown_lead = words(r"\s*(?:[-+•*]\s*)?", "breakdown_lead", r"(?!\w)")
        # `Diện tích gieo trồng chia theo địa phương: Đồng Hới thực hiện 1.003,3 ha`: a breakdown opening a list
        self.breakdown_colon = words(r"(?<!\w)", "breakdown_lead", r"(?!\w)[^.;:\d]{0,40}:")
        self.carry_on_lead = words(r"\s*(?:[-+•*]\s*)?", "carry_on_lead", r"(?!\w)")
        # a growth rate named with no object (`tốc độ tăng trưởng`): the economy's, unless an indicator governs it
        self.bare_growth_heads = frozenset(fold(x) for x in w.get("bare_growth_head", []))
        # `gấp 1,65 lần mức bình quân chung cả nước`, `cao hơn 2 điểm % so với bình quân cả nước`: another territory's
        # figure as the base, right after the figure
        self.other_area_base = words(fold_pattern(r"\s*(?:so\s+với\s+|so\s+)?(?:mức\s+)?"), "other_area_base",
                                     r"(?!\w)")
        # the deeds an item under an indicator of that deed shares when it names none (`thu hoạch ...; trong đó: lúa`)
        self.inherited_actions = frozenset(("action", x) for x in w.get("inherited_action", []))
        # `một số ngành có chỉ số IIP giảm sâu ... là sản xuất giường, tủ, bàn ghế giảm 24,7%`: a list of parts opened
        # after an indicator, each item before its figure
        self.item_opener = words(r"(?<!\w)", "item_opener", r"(?!\w)\s*:?\s*")
        self.parts_named = words(r"(?<!\w)", "parts_named", r"(?!\w)")  # `một số ngành`, `các mặt hàng`
        self.growth_subject = words(r"(?<!\w)", "growth_subject", r"(?!\w)")
        # `triển khai các nhiệm vụ trọng tâm quý II-2024`: a heading's period after the tasks it sets is the one ahead
        self.tasks_before = words(r"(?<!\w)", "tasks_before", r"(?!\w)[^\d.;:]{0,30}$")
        self.results_heading = words(r"(?<!\w)", "results_heading", r"(?!\w)")  # `Kết quả thực hiện nhiệm vụ ...`
        # `Ninh Thuận năm 2024 tăng trưởng đạt 8,74%`: growth right before a figure, naming nothing grown
        self.growth_alone = words(r"(?<!\w)", "growth_alone",
                                  # (and the period it is of: `chỉ tiêu tăng trưởng năm 2025 đạt trên 10%`)
                                  fold_pattern(r"\s+(?:(?:chỉ|đã|vẫn|ước|đạt\s+được|đạt|ở\s+mức|mức|trên|khoảng|gần|hơn|từ"
                                               r"|năm\s+\d{4}|quý\s+(?:iv|iii|ii|i|[1-4])(?:/\d{4})?"
                                               r"|\d{1,2}\s+tháng(?:\s+đầu\s+năm)?)\s+)*$"))
        # `..., góp phần đưa tăng trưởng chung 6 tháng đầu năm 2022 đạt mức 7,14%`: the overall growth, after sectors'
        self.overall_growth = words(r"(?<!\w)", "overall_growth", r"(?!\w)")
        self.index_subject = words(r"(?<!\w)", "index_subject", r"(?!\w)")  # `tốc độ phát triển GRDP đạt 108,84%`
        self.wider_area = words(r"(?<!\w)", "wider_area", r"(?!\w)")  # `của toàn vùng`, `của cả nước` before a figure
        # `cao hơn tốc độ tăng trưởng cả nước (tăng 6,93%)`: a wider territory right before a bracket with its figure
        self.wider_before_bracket = words(r"(?<!\w)", "wider_before_bracket", r"(?!\w)")
        # `Kịch bản ... mà Quảng Ninh xây dựng`, `đã xây dựng`: a sector word used as a verb, after one of these words
        self.sector_verbs = frozenset(fold(x) for x in w.get("sector_verb", []))
        self.verb_marker = words(r"(?<!\w)", "verb_marker", r"(?:\s+[^\s\d,;.:()]+){0,3}\s+$")
        self.purpose = words(r"(?<!\w)", "purpose", r"(?!\w)")  # `... để cân đối nhiệm vụ chi`: what a thing is for
        # contributions whose code names no branch: the branch is the scope of the change they follow
        self.scoped_contributions = frozenset(w.get("scoped_contribution", []))
        # a funding source named with a figure (group 1): its scope (`vốn ngân sách tỉnh`, `dự án FDI`)
        self.funding_source = re.compile(r"\s*(?<!\w)(" + word_alternation(w.get("funding_source", []))
                                         + r")(?!\w)")
        self.month_base = words(r"(?<!\w)", "month_base", r"(?!\w)")  # `so với tháng trước`: a month's figure
        self.own_area = words(r"(?<!\w)", "own_area", r"(?!\w)")
        self.of_indicator = words(r"\s*(?:", "of_indicator", r")\s+")  # `mức tăng 21,4% của tổng mức bán lẻ`
        self.lead_in = words(r"(?:", "lead_in", r"\s+)*$")
        self.counter_skip = words(r"\s*(?:", "counter_skip", r"\s+)?")
        # (a colon right before a figure labels it, `cây nghệ đỏ:18/15ha`: it opens no list)
        self.list_marker = words(r"(?<!\w)", "list_marker", r"(?!\w)|:(?!\s*\d)")
        # `Trong đó`, `Cụ thể`, or a whole named again (`Trong tổng giá trị nói trên, ...`, `Trong tổng số này`)
        # (or the whole named by its words alone, a comma after them: `Trong tổng thu, thu nội địa ...`)
        self.list_start = re.compile(r"\s*(?:(?:" + word_alternation(w.get("list_start", [])) + "|"
                                     + fold_pattern(r"trong\s+tổng") + r"(?:\s+\w+){0,3}?\s+(?:"
                                     + word_alternation(w.get("anaphor", [])) + r"))(?!\w)|"
                                     + fold_pattern(r"trong\s+tổng") + r"(?:\s+(?:[^\W\d]+|(?:19|20)\d\d)){1,8}\s*,)")
        self.continuation = words(r"\s*", "list_marker", r"(?!\w)")
        # a lead that ends on a list marker and a colon (`... tăng 8% so với năm 2019. Trong đó:`): its bullet items
        # are the parts of the total it follows
        self.parts_lead_end = words(r"(?<!\w)", "list_marker", r"\s*:\s*$")
        self.complete_lead = words(r"(?<!\w)", "complete_lead", r"(?!\w)")  # `..., gồm:` lists every part
        self.frame_opening = words(r"\s*", "frame_opening", r"\s")  # `Ở khu vực ..., ` sets where the clause is
        self.bound_after = words(r"\s*", "bound_after", r"(?!\w)")  # `90% trở lên tổ chức ...`
        self.average_aside = words(r"\s*", "average_aside", r"(?!\w)")  # `(bình quân 1 tháng khoảng 21 ngàn tỷ đồng)`
        self.list_lead = re.compile(fold_pattern(r"(?<!\w)(?:như|gồm|bao gồm|cụ thể)\s*:"))  # `..., như: a; b; c`
        self.follow_on = words(r"\s*", "follow_on", r"(?!\w)")  # `Theo đó, ...` after a sentence announcing targets
        # (a qualifier between: `trong tổng số hơn 1.000 hộ nghèo ..., có đến 634 hộ ...`)
        self.population_base = frozenset(fold(x) for x in w.get("population_base", []))
        self.total_intro = words(r"", "total_intro", fold_pattern(r"\s+(?:(?:hơn|trên|gần|khoảng|xấp\s+xỉ)\s+)?$"))
        self.past_year = re.compile(fold_pattern(r"(?<!\w)năm\s+((?:19|20)\d{2})\s+(?:")
                                    + word_alternation(w.get("past", [])) + r")(?!\w)")
        self.target_heading = words(r"(?<!\w)", "target_heading", r"(?!\w)")
        self.result_heading = words(r"(?<!\w)", "result_heading", r"(?!\w)")
        self.heading_intent = words(r"(?<!\w)", "heading_intent", r"(?!\w)")
        self.exclusion_paren = re.compile(fold_pattern(r"\(\s*(?:không|chưa|trừ|loại trừ)[^()]{0,160}\)"))
        self.counts_of_rate = {rate: count for count, rate in self.rates.items()}
        self.growth_words = tuple(fold(x) for x in w.get("growth_word", []))  # `tăng trưởng`: a growth is named
        # the shapes the sentence loop reads around a figure, their words from seeds/grammar/words.csv
        self.running = words(r"(?<!\w)", "running_total", r"(?!\w)[^\d;:]{0,16}$")
        self.running_word = words(r"(?<!\w)", "running_total", r"(?!\w)")
        self.concessive = words(r"(?<!\w)", "concessive", r"(?!\w)")  # `dù`, `tuy`, `vẫn`: a harm conceded
        self.running_lead = words(r"(?<!\w)", "running_lead", r"(?!\w)[^\d;:]{0,60}$")
        self.complete_list = words(r"(?<!\w)", "complete_list", r"\s*:$")
        self.base_lead = words(r"(?<!\w)", "base_lead", r"(?!\w)")
        # a frame ending on a bare classifier (`thu hút … {N} lượt`) and the noun after it that names what is
        # counted when that is not what the frame counts (`lượt nhà đầu tư`, `lượt doanh nghiệp`)
        self.bare_classifier = words(r"(?<!\w)", "bare_classifier", r"\s*$")
        self.other_counted = words(r"\s*", "other_counted", r"(?!\w)")
        self.equivalent_bracket = re.compile(r"\s*\(\s*(?:" + word_alternation(w.get("equivalent", [])
                                                                         + w.get("approx_bracket", [])) + r")\s*")
        self.base_opening = words(r"\s*", "base_opening", r"(?!\w)")
        # `..., cùng kỳ năm trước đạt 450 tỷ đồng`, `(cao hơn so với cùng kỳ năm 2023 (17,4%)`: the base period's
        # own figure after another (its year in group 1: a year or `trước`; a few words may end the figure before:
        # `đạt 55% dự toán, cùng kỳ năm trước đạt 51%`)
        # (`tăng 8,61%, cao hơn mức cùng kỳ 2024 (8,49%)`: the level of the same period, its year with no `năm`)
        self.base_period_value = words(fold_pattern(r"(?:\s+[^\W\d]+){0,3}?\s*[(,;]?\s*(?:(?:cao|thấp)\s+hơn\s+)?"
                                                   r"(?:so\s+với\s+|so\s+)?(?:mức\s+)?"),
                                       "base_period_subject",
                                       fold_pattern(r"(?:\s+(?:năm\s+)?(trước|ngoái|\d{4}))?\s*(?:(?:chỉ\s+|ước\s+)?"
                                                    r"(?:đạt|là)\s+|:\s*|\(\s*)"))
        change = word_alternation(w.get("change_verb", []))
        self.change_between = re.compile(r"[\s,;(]*(?:" + change + r")(?:\s+(?:"
                                         + word_alternation(w.get("change_particle", [])) + r"))?\s*")
        # `tăng 12,51%, cao hơn 1,27 điểm % so với cùng kỳ`: a growth rate's change in points (`tăng`, `cao hơn`)
        self.growth_change_between = re.compile(r"[\s,;(]*(?:" + word_alternation(
            w.get("change_verb", []) + w.get("rate_change_verb", [])) + r")\s*")
        self.points_own_code = frozenset(w.get("points_own_code", []))  # the growth's change in points has a code
        self.change_before = re.compile(r"(?<!\w)(?:" + change + r")(?:\s+(?:"
                                        + word_alternation(w.get("change_particle", [])) + r"))?\s*$")  # `, tăng `
        self.change_bracket_open = re.compile(r"\s*\(\s*(?:" + change + r")\s*")  # `giảm 0,71% (giảm 9,20 ha)`
        self.change_in_bracket = re.compile(r"(\d)[^\d(),;]{0,20}\(\s*(?:" + change + r")\s*$")  # `202.000 tấn (tăng `
        self.share_verb = tuple(fold(x) for x in w.get("share_verb", []))
        self.total_word = tuple(fold(x) for x in w.get("total_word", []))
        self.partial_marker = tuple(fold(x) for x in w.get("partial_marker", []))  # `trong đó`: a list not complete
        # `khoảng 35% GRDP`, `35-36% GRDP` (from the low end): a percentage of the GRDP
        # read on the text, not the key: the tones tell `cũ` (former) from `cụ` (`cụ thể`)
        self.former_area = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(x) for x in sorted(w.get("former_area", []), key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
        self.of_grdp = words(r"(?:\s*(?:[-–]|đên)\s*[\d.,]+\s*%)?\s*%?\s*(?:cua\s+)?", "of_grdp", r"(?!\w)")
        self.wider_total = words(r"\s*(?:cua\s+)?(?:g?r?dp\s+)?", "wider_total", r"(?!\w)")
        self.range_join = words(r"[\s\-–—~]*", "range_word", r"?\s*")
        alt = {name: "(?:" + word_alternation(w.get(name, [])) + ")" for name in (
            "tally_noun", "tally_rest", "tally_verb", "tally_degree", "range_word", "standard_rest")}
        # `4/14 chỉ tiêu đạt 100% trở lên`, `3/14 chỉ tiêu đạt từ 70% đến dưới 100%`: the words between a count of
        # targets and a percentage that is the tally's threshold
        self.tally_threshold = re.compile(
            rf"(?:\s*{alt['tally_noun']})?(?:\s+{alt['tally_rest']})?\s+{alt['tally_verb']}\s+(?:{alt['tally_degree']}\s+)?"
            rf"(?:[\d.,]+\s*%?\s*(?:[-–]|{alt['range_word']})\s*(?:{alt['tally_degree']}\s+)?)?")
        self.industry_branches = frozenset(w.get("industry_branch", []))  # sectors inside the industry, no code
        self.share_of_count = words(r"\s*", "share_of_count", r"(?!\w)")  # `2,34% số hộ nghèo`: a share of a count
        self.band_under = words(r"(?<!\w)", "band_under", r"(?!\w)")  # `đạt từ 70% đến dưới 100%`: below the whole
        # a count of targets met (`{N} chỉ tiêu đạt`) in a band below the whole plan: the targets not met
        self.tally_short_of = dict(zip(w.get("tally_met", []), w.get("tally_short", []), strict=True))
        # `31 xã đạt 19 tiêu chí NTM`: the words between a count of what meets a standard and the standard's size
        self.standard_threshold = re.compile(
            rf"\s*(?:{alt['standard_rest']}\s+)?{alt['tally_verb']}\s+(?:{alt['standard_rest']}\s+)?(?:{alt['tally_degree']}\s+)?")
        self.standard_noun = words(r"\s*", "standard_noun", r"(?!\w)")
        # `31 xã ..., chiếm 16,23% số xã`: a share of the count's whole, after the count (the rate of the count)
        self.share_before = words(r"[,;(]?\s*(?:", "share_verb", r")\s+(?:(?:" + alt["tally_degree"] + r")\s+)?$")
        self.share_of_count = words(r"\s*(?:", "whole_count", r")\s+\w")
        # `44/64 trường, chiếm tỷ lệ 68,75%`; `..., bằng 46,46%` (with its whole after it): the count's rate
        self.rate_before = words(r"[,;(]?\s*(?:", "count_rate_verb", r")\s+(?:(?:" + alt["tally_degree"] + r")\s+)?$")
        self.ratio_before = words(r"(?<!\w)", "ratio_verb", r"\s+(?:\w+\s+)?$")
        self.whole_of = words(r"\s*", "whole_of", r"\s+")
        self.in_whole = words(r"(?<!\w)", "in_whole", r"\s+$")
        plan = word_alternation(w.get("plan_word", []))
        self.plan_word_end = re.compile(r"\s*(?:" + plan + r")(?!\w)")  # `đạt 55,3 kế hoạch.`
        # `bằng 115% kế hoạch (kế hoạch 1.350 tỷ đồng)`, `đạt 51,8% so với nghị quyết đề ra (23.600 tỷ đồng)`: after
        # a ratio to the plan, a bracket of an amount (its own plan word or none) states the plan's value
        # (the plan's year may be named before the bracket: `bằng 48% kế hoạch năm 2023 (10.800 tỷ đồng)`)
        self.plan_amount_bracket = re.compile(r"(?:[^()\d;]|(?:19|20)\d\d(?!\d)){0,40}\(\s*(?:(?:" + plan
                                              + r")[^()\d]{0,30})?$")
        self.plan_named_bracket = re.compile(
            r"\s*\)?\s*[,;]?\s*" + fold_pattern(r"(?:và\s+)?") + "(?:" + word_alternation(w.get("plan_comparative", []))
            + r")?\s*(?:"
            + word_alternation(w.get("plan_named", [])) + r")[^()\d,;]{0,40}\(\s*")
        # `Trong 7,8% tăng trưởng, khu vực nông lâm nghiệp đóng góp 1,2%`: a contribution to growth written
        # in percent is in percentage points
        self.contribution_pct = re.compile(fold_pattern(r"(?<!\w)đóng\s+góp\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?$"))
        self.growth_in = re.compile(fold_pattern(r"(?<!\w)tăng\s+trưởng(?!\w)"))
        self.contribution = re.compile(fold_pattern(
            r"(?<!\w)đóng\s+góp[^.;]{0,60}(?:điểm\s+phần\s+trăm|điểm\s*%|tăng\s+trưởng)"))
        # `(Cơ cấu tương ứng quý I năm 2023: 17,13%; 43,21%; ...)`: group 1 is the list of figures
        self.respectively = re.compile(r"\([^()]*?(?<!\w)(?:" + word_alternation(w.get("respectively", []))
                                       + r")(?!\w)[^():]*:([^()]*)\)")
        # `nông nghiệp, công nghiệp và dịch vụ lần lượt tăng 3,1%, 9,5% và 8,2%`: the figures go to the names in order
        self.whole_branch = words(r"\s*(?:", "whole_branch", r")(?!\w)")  # `giá trị sản xuất toàn ngành`
        self.rate_noun = words(r"(?<!\w)", "rate_noun", r"(?!\w)")  # `tỷ lệ ...`: an item that names a rate
        self.destination = words(r"(?<!\w)", "destination", r"(?!\w)")  # `sang nuôi trồng thủy sản`: where to
        self.distributive = re.compile(r"(?<!\w)(?:" + word_alternation(w.get("distributive", [])) + r")(?!\w)")
        # `...; cùng kỳ năm 2015, mức đóng góp của các khu vực lần lượt là 1,5%, 4,1%, 1,8% và 0,5%`: the same,
        # unbracketed, to the end of the clause (group 1: the list of figures)
        self.respectively_clause = re.compile(
            r"(?:^|(?<=[;\n])|(?<=\.\s))[^;()\n]*?(?<!\w)(?:" + word_alternation(w.get("respectively", []))
            + r")(?!\w)\s*:?((?:[^;()\n.]|\.(?=\d))*)", re.M)
        # an item coordinated to a counted noun (`, 4 hợp tác xã`, `và 137 đơn vị trực thuộc`, `, chi nhánh`): one
        # pattern per length of its name, one to four words
        # (an item with no number of its own is a kind of unit named in words.csv: `, chi nhánh`, not `, huyện đã`)
        word = r"[^\W\d][^\s,;.()]*"
        joined = r"\s*(?:,|" + word_alternation(w.get("coordinator", [])) + r")\s*"
        # (items before the last run to the next coordinated number: `, 32 hợp tác xã và hơn 4.300 hộ kinh doanh`)
        lead = r"(?:(?:" + word_alternation(w.get("lead_in", [])) + r")\s+)?"
        earlier = r"(?:" + joined + lead + r"\d[\d.,]*\s+" + word + r"(?:\s+" + word + r")*?(?=" + joined + lead \
            + r"\d))*"
        self.coordinated_items = [re.compile(earlier + joined + lead + r"\d[\d.,]*\s+" + word
                                             + (r"\s+" + word) * (k - 1) + r"(?!\w)") for k in range(1, 6)]
        self.coordinated_items.append(re.compile(joined + "(?:" + word_alternation(w.get("coordinated_noun", []))
                                                 + r")(?!\w)"))
        self._counted = re.compile(r"\s*(?:" + "|".join(re.escape(c) for c in self.counters) + r")(?!\w)") \
            if self.counters else re.compile(r"(?!)")

    def counted_noun(self, text: str) -> int | None:
        """The end of the counted noun opening `text`, if one does."""
        found = self._counted.match(text)
        return found.end() if found is not None else None

    def counted_after(self, key: str, pos: int) -> bool:
        """Whether a counted noun follows position `pos` (`8/8 xã`: a fraction, not a date)."""
        return self._counted.match(key, pos) is not None

    def metric_alias(self, code: str):  # noqa: ANN201 (an Alias)
        """An alias standing for a metric a concept composed (its first alias, else its code)."""
        found = self.aliases_by_metric.get(code)
        if found is None:
            from transforms.reference import make_alias

            found = make_alias(code, code.replace("_", " "))
            self.aliases_by_metric[code] = found
        return found


def build_grammar(rows: dict[str, list[dict[str, str]]], aliases: list, units: list) -> Grammar:  # noqa: ANN001
    """`rows`: each grammar CSV's rows; `aliases`: the reference's metric aliases (their index is
    the tag's `extra`); `units`: the unit words."""
    entries: list[tuple[str, Tag]] = []
    for i, a in enumerate(aliases):
        if a.kind == "subject":
            chunks = [c.strip() for c in a.text.split("…")]
            if len(chunks) == 1:
                entries.append((a.text, Tag("alias", a.code, str(i))))
            elif chunks[0]:
                entries.append((chunks[0], Tag("alias_anchor", a.code, str(i))))
        else:
            pre, post = a.text.split("{N}", 1)
            post_chunk = next((c.strip() for c in re.split(r"…|\{N\}", post) if c.strip()), "")
            pre_chunk = next((c.strip() for c in reversed(re.split(r"…", pre)) if c.strip()), "")
            if post_chunk:
                entries.append((post_chunk, Tag("frame_post", a.code, str(i))))
                if post_chunk.startswith("%") and post_chunk[1:].strip():
                    # (`90% trở lên gia đình đạt chuẩn văn hóa`: the rate's words may follow a bound, not the %)
                    entries.append((post_chunk[1:].strip(), Tag("frame_bound", a.code, str(i))))
            if pre_chunk and not post_chunk:  # (a frame with words after `{N}` is found by them: `có`, `thu` are
                entries.append((pre_chunk, Tag("frame_pre", a.code, str(i))))  # everywhere)
    for r in rows["grammar/cues.csv"]:
        entries.append((r["phrase"], Tag(r["kind"].strip(), r["value"].strip())))
    unit_heads: dict[str, str] = {}
    domain_heads: dict[str, str] = {}
    for r in rows["grammar/concepts.csv"]:
        if r["kind"].strip() == "unit_head":
            unit_heads[r["phrase"].strip()] = r["value"].strip()
        elif r["kind"].strip() == "domain_head":
            domain_heads[r["phrase"].strip()] = r["value"].strip()
        elif r["kind"].strip() != "cycle":  # (a crop's cycle is data about the crop: `crop_cycles` below)
            entries.append((r["phrase"], Tag("concept", r["value"].strip(), r["kind"].strip())))
    signatures = []
    head_of_metric: dict[str, str] = {}
    for r in rows["grammar/signatures.csv"]:
        mods = frozenset(tuple(x.split("=", 1)) for x in (r["modifiers"] or "").split("+") if "=" in x)
        signatures.append(Signature(r["metric"].strip(), r["head"].strip(), mods))  # type: ignore[arg-type]
        head_of_metric.setdefault(r["metric"].strip(), r["head"].strip())
    words: dict[str, list[str]] = {}
    for r in rows["grammar/words.csv"]:
        words.setdefault(r["set"].strip(), []).append(r["word"].strip())
    by_metric: dict[str, object] = {}
    for a in aliases:
        if a.kind == "subject" and not a.is_scope:
            by_metric.setdefault(a.code, a)
    counters = sorted({u.word for u in units if u.kind == "counter"}, key=len, reverse=True)
    fractions = {r["numerator_metric"].strip(): r["total_metric"].strip() for r in rows["grammar/fractions.csv"]
                 if (r.get("total_metric") or "").strip()}  # (a count with a rate and no fraction: no total)
    rates = {r["numerator_metric"].strip(): r["rate_metric"].strip() for r in rows["grammar/fractions.csv"]
             if (r.get("rate_metric") or "").strip()}
    averages = {r["numerator_metric"].strip(): r["average_metric"].strip() for r in rows["grammar/fractions.csv"]
                if (r.get("average_metric") or "").strip()}
    compounds = {frozenset(r["parts"].strip().split("+")): r["sector"].strip()
                 for r in rows["grammar/sector_compounds.csv"]}
    kinds: dict[str, dict[str, str]] = {}
    for r in rows["grammar/concepts.csv"]:
        kinds.setdefault(r["phrase"].strip(), {})[r["kind"].strip()] = r["value"].strip()
    crop_cycles = {k["crop"]: k["cycle"] for k in kinds.values() if "crop" in k and "cycle" in k}
    numbered = {fold(p.split()[-1]): k["sector"] for p, k in kinds.items()
                if "sector" in k and re.fullmatch(r"(?:khu vực|kv) (?:i{1,3}|iv|[1-4])", p.lower())}
    within: dict[str, frozenset[str]] = {}
    for r in rows["grammar/within.csv"]:
        within[r["metric"].strip()] = within.get(r["metric"].strip(), frozenset()) | {r["within"].strip()}
    return Grammar(Lexicon(entries), RoleWords.from_rows(rows["grammar/cues.csv"]),
                   mask_rules(rows["grammar/masks.csv"]), Concepts(signatures, head_of_metric), unit_heads, words,
                   counters, by_metric, fractions, compounds, rates, averages, crop_cycles, within=within,
                   domain_heads=domain_heads, numbered_areas=numbered,
                   unit_tokens=frozenset(t for u in units if u.kind in ("unit", "counter", "scale")
                                         for t in fold(u.word).lower().split()))
