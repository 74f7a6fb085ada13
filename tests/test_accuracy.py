"""Fact accuracy and planted contradictions, scored on built warehouses exactly as the evaluation does
(`tests/fixtures/eval_facts.py`, a copy of ../shared/tools/eval_facts.py).

The floors are the scores measured when they were last raised (tests/fixtures/sealed/SCORES.md and the
closing notes of issue 9 give the history): a change that loses accuracy fails here. The development floor
is issue 9's target (0.95); its target for unseen reports (0.92) is above the younger sets' floors, and the
gap is reported, not hidden.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, build_warehouse

sys.path.insert(0, str(FIXTURES))
import eval_facts as ev  # noqa: E402

CORPUS = FIXTURES / "corpus"
PLANTED = FIXTURES / "planted"

SAMPLE_F1 = 0.97  # issue 9: the samples stay at or above 0.97
DEV_F1 = 0.95  # issue 9's target; measured 0.971 (P 0.976, R 0.966) on 43 development reports (0.968 before)
# measured 0 false `fail`s on 43 untouched reports since the seventh 2026-12-05 session (1 before, 2 at 36826ec, 4
# before that)
DEV_FALSE_ALARMS = 0

# The held-out sets: folder, gold facts, F1 floor, false `fail`s allowed, and their history. Every floor
# is the score measured on the seventh 2026-12-05 session's last extractor change, rounded down to the hundredth;
# each set's SCORES.md (where it has one) gives its blind scores.
HELD_OUT = [
    # 20 sealed before the extractor changed: first 0.564, closing 0.776; 0.953 (P 0.957, R 0.948) now; 5 false
    # alarms at the closing score (0.953 since the fifth session)
    ("sealed", 330, 0.95, 0),
    # 15 written after the development corpus: first 0.636 before any change for them; 6 false alarms then; 0.938 now
    # (its last false conflict, 300 ha of pineapple read as the perennial crop area, mended in the seventh session);
    # 0.924 since sectors' values are parts of a total production value stated before (eleventh session): its
    # annotators wrote two such as levels, as 1 of 41 contract-only figures is
    ("fresh", 291, 0.92, 0),
    # 15 sealed on arrival: first 0.628, closing 0.641 (P 0.840, R 0.518); 0.931 now; 4 false alarms at closing
    ("sealed2", 334, 0.93, 0),
    # 15 sealed on arrival: first 0.777, closing 0.781 (P 0.833, R 0.735); 0.921 now
    ("sealed3", 245, 0.92, 0),
    # 15 sealed on arrival: first 0.801 (f0771ea), closing 0.808 (P 0.889, R 0.741), 3 false alarms; 0.923, then
    # 0.912 since targets met/missed out of a stated total are levels (s02's annotator wrote 3 as parts; sealed7,
    # sealed8, sealed9, sealed12's wrote 9 as levels)
    # (0.914 since the locality's communes, a fraction's denominator, are no fact: its annotators wrote them)
    ("sealed4", 282, 0.91, 0),
    # 20 never read before both scores: first 0.861 (f0771ea), closing 0.894 (P 0.930, R 0.861); 0.944 now
    # 0.94 -> 0.93 (2d8dc0b): w02's `Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới 4,3%` is now read as
    # child_malnutrition_rate, a target its gold leaves out (F1 0.9398)
    ("sealed5", 338, 0.93, 0),
    # 20 sealed on arrival: first 0.786 (36826ec), closing 0.798 (P 0.852, R 0.751, f699872); 0.935 now (0.937
    # before goods groups: its annotator coined a code for them)
    ("sealed6", 406, 0.93, 0),
    # 20 sealed on arrival: first 0.791 (36826ec), closing 0.783 (P 0.831, R 0.740, f699872); 0.917 now
    # (0.919 since foreign capital is written fdi_registered_capital, the code 24 annotators coined; ya03's wrote
    # fdi_attracted, 16 annotators' code)
    ("sealed7", 366, 0.91, 0),
    # 20 sealed on arrival: first 0.725 (5ba86d0), closing 0.727 (P 0.780, R 0.681, 992d3a0); 0.940; 0.931 since a
    # line of the retail turnover under its stated total is a part of retail_sales (its annotator coined line codes);
    # 0.929 since the locality's communes, a fraction's denominator, are no fact
    ("sealed8", 405, 0.92, 0),
    # 30 by six annotators, sealed on arrival outside the repository: first 0.802 (0125bb7), 0.804 (P 0.857,
    # R 0.758, 8cda56a) before it was read (SCORES.md); read and worked since: 0.940 now
    ("sealed9", 442, 0.93, 0),
    # 9 by three blind annotators of the third 2026-12-05 session, scored before reading: 0.825 and 0.866 (two
    # batches) with that session's first extractor and its later code alike (SCORES.md); read and worked: 0.926;
    # 0.918 since sectors' values are parts of a total production value stated before (one such written as a level);
    # 0.902 since a line of the retail turnover under its stated total is a part of retail_sales (coined line codes)
    ("sealed10", 124, 0.90, 0),
    # 18 by six blind annotators of the third and fourth 2026-12-05 sessions (SCORES.md): the 9 never read 0.851
    # first, 0.859 closing; 0.886 with the 9 read (ub, ud, ue); 0.902 (read again in the fifth session); 0.8997
    # since foreign and domestic investment are written under their own codes (tests/fixtures/CODES.md): uf02's
    # annotator scoped a figure's side where the extractor reads none, or the reverse
    # (0.888 since foreign capital is written fdi_registered_capital: uf02's annotator wrote fdi_attracted)
    ("sealed12", 380, 0.88, 0),
    # 15 by five blind annotators of the fourth 2026-12-05 session (SCORES.md): the 9 never read 0.820 first, 0.827
    # closing; 0.852 with the 6 read (vb, vc); 0.893 now (all read in the fifth session)
    ("sealed13", 252, 0.89, 0),
    # 18 by six blind annotators of the fifth 2026-12-05 session, outside the repository until scored twice
    # (SCORES.md): 0.732 with the session's first extractor, 0.787 (P 0.854, R 0.729) at its close; one false
    # period_mismatch (a press briefing's month in a caption) mended after the closing score; read since: 0.867
    ("sealed14", 288, 0.86, 0),
    # 36 by twelve annotators of the fifth 2026-12-05 session, written blind, scored on arrival (0.63-0.86 by
    # annotator, each at its arrival) and read as development material: 0.873 now
    ("dev2", 727, 0.87, 0),
    # 66 by twenty-two annotators of the sixth 2026-12-05 session, written blind, scored on arrival (0.48-0.96 by
    # annotator, SCORES.md) and read as development material: 0.849 now; 2 false conflicts left (a medium-term
    # disbursement against the year's; an organic-farming subset of a crop's area), written down in SCORES.md
    ("dev3", 1166, 0.85, 2),
    # 18 by six blind annotators of the sixth 2026-12-05 session, outside the repository until scored twice
    # (SCORES.md): 0.771 (P 0.819, R 0.728) with the session's first extractor, 0.784 (P 0.831, R 0.742) at its
    # close, 2 false fails; read since: 0.816, no false fail; 0.861 at the seventh session's close
    ("sealed15", 298, 0.86, 0),
    # 18 by six blind annotators of the eighth session (2026-12-06), given the shared contract only and kept outside
    # the repository until scored twice (SCORES.md): 0.816 (P 0.855, R 0.780) with the session's first extractor
    # (d909535) and the same 0.816 at its close (c4f9fcf), 1 false fail; a product list's unnamed outputs then warn
    ("sealed16", 309, 0.88, 0),
    # 42 by fourteen blind annotators of the eighth session, scored on arrival (0.761 for the first 24 and 0.650 for
    # the other 18 with the session's first extractor, SCORES.md) and read as development material: 0.755 then;
    # its 2 false fails (a land-clearance breakdown listed as levels; a signed change in brackets read as a part)
    # mended in the ninth session: 0.765, none left
    ("dev4", 754, 0.82, 0),
    # 18 by six blind annotators of the ninth session (2026-12-06), given the shared contract only and kept outside
    # the repository until scored twice (SCORES.md): 0.849 (P 0.874, R 0.826) with the session's first extractor
    # (f7f8409) and 0.848 at its close (9f8a631), 3 false fails; read since: one mended (a target's year dating the
    # results after it), 2 left and written down (a comparison year leaking into a sentence's later contributions; a
    # farmed and a caught fishery output read as rival levels)
    ("sealed17", 293, 0.86, 2),
    # 36 by twelve blind annotators of the ninth session, scored on arrival with the session's first extractor (18 at
    # 0.667, 18 at 0.766, SCORES.md) and read as development material: 0.776 now, no false fail
    ("dev5", 697, 0.84, 0),
    # 18 blind reports of the tenth session (bench dev8), scored on arrival: 0.746 with the session's first
    # extractor, 0.772 with the code they arrived at, 0.782 after reading them (tests/fixtures/dev6/SCORES.md)
    ("dev6", 342, 0.79, 1),
    # 18 sealed by six blind annotators of the tenth session: first 0.779, closing 0.804 (SCORES.md); 0.860 read.
    # Floors of the sets annotated from the contract alone raised to this session's measures (tests/fixtures/CODES.md:
    # sealed16 0.887, dev4 0.830, sealed17 0.871, dev5 0.849, dev6 0.796)
    ("sealed18", 323, 0.84, 0),
    # 18 blind reports of the eleventh session (bench dev9), scored on arrival: 0.796 with the session's first
    # extractor, 0.837 with the code they arrived at, then read (tests/fixtures/dev7/SCORES.md)
    ("dev7", 328, 0.83, 0),
    # 18 sealed by six blind annotators of the eleventh session: first 0.801, closing 0.801 (SCORES.md); 0.866 read
    ("sealed19", 294, 0.85, 0),
    # 18 blind reports of the eleventh session's last batch (bench dev10), scored on arrival: 0.772 with the session's
    # first extractor, 0.779 with the code they arrived at, then read (tests/fixtures/dev8/SCORES.md); 1 false fail
    # written down (me01: a bracket breaking a part down read as parts of the total)
    ("dev8", 328, 0.80, 1),
    # 18 blind reports of the twelfth session (bench dev19), scored on arrival: 0.825 with the session's first extractor
    # and with the code they arrived at, 0.875 read (tests/fixtures/dev9/SCORES.md)
    ("dev9", 283, 0.86, 0),
    # 18 sealed by six blind annotators of the twelfth session: first 0.799, closing 0.799 (SCORES.md); 0.851 read
    ("sealed20", 309, 0.80, 0),
    # 18 blind reports of the thirteenth session (bench dev20), scored on arrival: 0.806 with the session's first
    # extractor, then read (tests/fixtures/dev10/SCORES.md); 1 false fail written down (bd02: two counts of projects,
    # the province's and its industrial parks', read as one indicator)
    ("dev10", 348, 0.89, 1),
    # 18 sealed by six blind annotators of the thirteenth session: first 0.840, closing 0.840 (SCORES.md)
    ("sealed21", 325, 0.83, 0),
    # 18 blind reports of the thirteenth session's second batch (bench dev21), scored on arrival: 0.741 with the
    # session's first extractor and with the code they arrived at (SCORES.md), 0.760 after two fixes; 3 false fails
    ("dev11", 269, 0.74, 3),
    # 18 sealed by six blind annotators of the fourteenth session: first 0.736 (890460e), closing 0.733 (7892e41)
    # (SCORES.md), 0.745 read since; 2 false fails written down there
    ("sealed22", 351, 0.74, 2),
    # 18 blind reports of the fourteenth session (bench dev22), scored on arrival: 0.751 with the session's first
    # extractor, then read (SCORES.md); 1 false fail written down (xe01: a freight line's revenue growth against the
    # transport and storage revenue's)
    ("dev12", 293, 0.78, 1),
    # 18 blind reports of the fourteenth session's second batch (bench dev23), scored on arrival: 0.782 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 2 false fails written down
    ("dev13", 294, 0.82, 2),
    # 18 blind reports of the fifteenth session (bench dev24), scored on arrival: 0.685 with the session's first
    # extractor and with the code they arrived at (SCORES.md), then read
    ("dev14", 307, 0.74, 0),
    # 18 blind reports of the fifteenth session's second batch (bench dev25), scored on arrival: 0.869 with the
    # session's first extractor, 0.871 with the code they arrived at (SCORES.md); its 4 false fails fixed since
    ("dev15", 294, 0.87, 0),
    # 18 blind reports of the fifteenth session's third batch (bench dev26), scored on arrival: 0.817 with the session's
    # first extractor and with the code they arrived at (SCORES.md); its false fail fixed since
    ("dev16", 261, 0.81, 0),
    # 18 sealed by six blind annotators of the fifteenth session: first 0.865 (5fc153f), closing 0.865 (6a00306)
    # (SCORES.md); 2 false fails written down there (nf01 conflict, oe03 implied_base)
    ("sealed23", 273, 0.86, 2),
    # 6 blind reports of the sixteenth session (bench dev27), scored on arrival: 0.791 with the session's first
    # extractor, which they arrived at (SCORES.md), then read
    ("dev17", 127, 0.83, 0),
    # 18 blind reports of the sixteenth session's second batch (bench dev28), scored on arrival: 0.808 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 2 false fails fixed since
    ("dev18", 295, 0.84, 0),
    # 18 blind reports of the sixteenth session's third batch (bench dev29), scored on arrival: 0.811 with the session's
    # first extractor and with the code they arrived at (SCORES.md), then read; 1 false fail written down (ul02: the
    # source's own slip, `trong tháng 5 năm 2024` in an April review, dates figures to May under an April headline)
    ("dev19", 308, 0.81, 1),
    # 18 sealed by six blind annotators of the sixteenth session: first 0.803 (f73ab3f), closing 0.803 (84598a3)
    # (SCORES.md); 1 false fail written down there (oj01: giá trị sản phẩm and giá trị sản xuất, two aggregates, both
    # read as the production value)
    ("sealed24", 299, 0.80, 1),
    # 6 blind reports of the seventeenth session (bench dev30), scored on arrival: 0.907 with the session's first
    # extractor and with the code they arrived at (SCORES.md); its false fail fixed since
    ("dev20", 87, 0.90, 0),
    # 18 blind reports of the seventeenth session's second batch (bench dev31), scored on arrival: 0.833 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; its false fail fixed since
    ("dev21", 289, 0.84, 0),
    # 18 blind reports of the seventeenth session's third batch (bench dev32), scored on arrival: 0.836 with the
    # session's first extractor, 0.852 with the code they arrived at (SCORES.md); its false fail fixed since
    ("dev22", 318, 0.83, 0),
    # 18 blind reports of the seventeenth session's fourth batch (bench dev33), scored on arrival: 0.812 with the
    # session's first extractor, 0.815 with the code they arrived at (SCORES.md), then read
    ("dev23", 320, 0.81, 0),
    # 18 sealed by six blind annotators of the seventeenth session: first 0.730 (c9ea750), closing 0.730 (3b3939c)
    # (SCORES.md); 1 false fail written down there (ur01: an output's fall worth 167 tỷ đồng read as agriculture's
    # value added)
    ("sealed25", 329, 0.79, 1),
    ("dev24", 99, 0.80, 0),
    ("dev25", 330, 0.84, 1),
    ("dev26", 277, 0.75, 0),
    ("sealed26", 307, 0.83, 2),
    ("dev27", 358, 0.80, 0),
    # 6 blind reports of the nineteenth session (bench dev38), scored on arrival: 0.857 with the session's first
    # extractor and with the code they arrived at (SCORES.md), then read
    ("dev28", 122, 0.90, 0),
    # 18 blind reports of the nineteenth session's second batch (bench dev39), scored on arrival: 0.866 with the
    # session's first extractor, 0.868 with the code they arrived at (SCORES.md), then read; 2 false fails written
    # down (wz02: the capital of all projects in operation against the quarter's new projects'; xj03: a bracket of
    # rice and maize after the food crops' area read as parts of the season's total)
    ("dev29", 295, 0.88, 2),
    # 18 blind reports of the nineteenth session's third batch (bench dev40), scored on arrival: 0.739 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 1 false fail written down
    # (xm01: accommodation guests read as all visitors)
    ("dev30", 313, 0.75, 1),
    # 18 blind reports of the nineteenth session's fourth batch (bench dev41), scored on arrival: 0.804 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 1 false fail written down
    # (xu01: next year's budget target, its year named in the sentence before, read as the year's result)
    ("dev31", 274, 0.80, 1),
    # 18 sealed by six blind annotators of the nineteenth session: first 0.804 (97d424a), closing 0.804 (b59a085)
    # (SCORES.md); no false fail
    ("sealed27", 236, 0.80, 0),
    # 18 blind reports of the twentieth session's first batch (bench dev42), scored on arrival: 0.750 with the session's
    # first extractor and with the code they arrived at (SCORES.md), then read
    ("dev32", 298, 0.79, 0),
    # 18 blind reports of the twentieth session's second batch (bench dev43), scored on arrival: 0.838 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 1 false fail written down
    # (yq01: visitors' attainment of a plan stated as a striving target, `phấn đấu đón trên 82.000 lượt khách`)
    ("dev33", 250, 0.85, 1),
    # 18 blind reports of the twentieth session's third batch (bench dev44), scored on arrival: 0.692 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 1 false fail written down
    # (yx01: an agricultural production value, its sector named far into the paragraph's first sentence, read as the
    # district's total)
    ("dev34", 318, 0.73, 1),
    # 18 sealed by six blind annotators of the twentieth session: first 0.800 (49ab221), closing 0.800 (7518727)
    # (SCORES.md); 1 false fail written down (xy03: enterprises suspended, `ĐVTT` between noun and verb, read as new)
    ("sealed28", 269, 0.80, 1),
    # 12 blind reports of the twenty-first session's first batch (bench dev45), scored on arrival: 0.847 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read
    ("dev35", 194, 0.90, 0),
    # 12 blind reports of the twenty-first session's second batch (bench dev46), scored on arrival: 0.792 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read
    ("dev36", 174, 0.83, 0),
    # 18 blind reports of the twenty-first session's third batch (bench dev47), scored on arrival: 0.821 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 1 false fail written down
    # (ab02: international and overnight visitors, two overlapping groups listed under a month's visitors, summed)
    ("dev37", 316, 0.87, 1),
    # 18 blind reports of the twenty-first session's fourth batch (bench dev48), scored on arrival: 0.786 with the
    # session's first extractor, 0.791 with the code they arrived at (SCORES.md), then read
    ("dev38", 285, 0.82, 0),
    # 18 sealed by six blind annotators of the twenty-first session: first 0.807 (0129efb), closing 0.807 (b3efe65)
    # (SCORES.md); no false fail
    ("sealed29", 265, 0.80, 0),
    # 18 blind reports of the twenty-second session's first batch (bench dev49), scored on arrival: 0.794 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read
    ("dev39", 326, 0.80, 0),
    # 18 blind reports of the twenty-second session's second batch (bench dev50), scored on arrival: 0.756 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read; 2 false fails written down
    # (ay01: two disbursements against two capital plans of different size read as one figure stated twice; the year's
    # allocation of projects under a half year's heading read as a mismatch of periods)
    ("dev40", 285, 0.79, 2),
    # 18 blind reports of the twenty-second session's third batch (bench dev51), scored on arrival: 0.863 with the
    # session's first extractor and with the code they arrived at (SCORES.md), then read
    # (0.864 since a district's own figure in its province's report is that district's, as the contract leaves out
    # other places' figures: bo02 and bm02's annotators wrote Phú Quốc's arrivals and Thuận Nam's rice area)
    ("dev41", 261, 0.86, 0),
    # 18 sealed by six blind annotators of the twenty-second session: first 0.684 (d00f8ba), closing 0.690 (995d7a9)
    # (SCORES.md); 3 false fails written down, all in aq03 (a fisheries bulletin whose pangasius lines, read without
    # the species, meet the totals: conflicts and an implied base; a certified area's nested parts summed as one list)
    ("sealed30", 360, 0.69, 3),
    # 18 blind reports of the twenty-third session's first batch (bench dev52), scored on arrival: 0.883 with the
    # session's first extractor (1b05402) and on arrival (SCORES.md), then read
    ("dev42", 308, 0.89, 0),
    # 18 blind reports of the twenty-third session's second batch (bench dev53): 0.736 at 1b05402, 0.752 on arrival
    # (5dae5fd), then read; 1 false fail written down (cj02: accommodation guests and all visitors, both read as
    # tourist arrivals of the half year, in conflict)
    ("dev43", 304, 0.77, 1),
    # 18 blind reports of the twenty-third session's third batch (bench dev54): 0.746 at 1b05402 and on arrival
    # (91f4742), then read
    ("dev44", 314, 0.76, 0),
    # 18 sealed by six blind annotators of the twenty-third session: first 0.798 (1b05402), closing 0.798 (73b89d5),
    # every fact the same (SCORES.md); read after closing
    ("sealed31", 365, 0.82, 0),
    # blind reports of the twenty-fourth session's development batches (bench dev55-dev58), scored with the session's
    # first extractor (0daef57) and on arrival (SCORES.md), then read. False fails written down: dev45 cz03 (a 2021-2023
    # average growth and the 2023 growth, both FY 2023); dev46 ei01 (the half year's growth and a quarter's); dev47
    # en01 (projects to 20 September and those of September) and eo01 (the district's own criteria and its communes')
    ("dev45", 117, 0.79, 1),
    ("dev46", 256, 0.83, 1),
    ("dev47", 346, 0.80, 2),
    ("dev48", 293, 0.78, 0),
    # 18 sealed by six blind annotators of the twenty-fourth session: first 0.803 (0daef57), closing 0.803 (5c346f6),
    # every fact the same (SCORES.md); read after closing
    ("sealed32", 312, 0.80, 0),
    # 12 blind reports of the twenty-fifth session's first development batch (bench dev59), scored on arrival: 0.826
    # with the session's first extractor (57bf4bb), then read (SCORES.md)
    ("dev49", 177, 0.83, 0),
    # 12 blind reports of the twenty-fifth session's second batch (bench dev60): 0.856 first (57bf4bb), then read
    # (1 false fail written down: fp02's communes' criteria counts listed after semicolons read as parts of the first)
    ("dev50", 219, 0.88, 1),
    # 12 blind reports of the twenty-fifth session's third batch (bench dev61): 0.848 first (57bf4bb), then read
    # (1 false fail written down: fu02's arrivals table, its listed parts summed against a total they are not all of)
    ("dev51", 251, 0.87, 1),
    # 18 blind reports of the twenty-fifth session's fourth batch (bench dev62): 0.767 first (57bf4bb), then read
    ("dev52", 283, 0.79, 0),
    # 18 sealed by six blind annotators of the twenty-fifth session: first 0.813 (57bf4bb), closing 0.820 (03bc2df)
    # (SCORES.md); read after closing
    ("sealed33", 319, 0.81, 0),
    # blind reports of the twenty-sixth session's development batches (bench dev63-dev67), scored on arrival with the
    # session's first extractor (dbda553), then read (SCORES.md). False fail written down: dev54 gt01 (the district's
    # own budget revenue, `Thu ngân sách quận`, beside the state budget revenue on its territory)
    ("dev53", 131, 0.73, 0),
    ("dev54", 145, 0.80, 1),
    ("dev55", 115, 0.79, 0),
    ("dev56", 116, 0.75, 0),
    ("dev57", 62, 0.89, 0),
    # 18 sealed by six blind annotators of the twenty-sixth session: first 0.823 (dbda553), closing 0.823 (32258b1),
    # every fact the same (SCORES.md); read after closing. Its false fail (gm02's household businesses active against
    # those registered in the quarter) is gone since the twenty-seventh session reads the two apart (0.831 now)
    ("sealed34", 246, 0.83, 0),
    # blind reports of the twenty-seventh session's development batches (bench dev68-dev75), scored on arrival with
    # the session's first extractor (d72b31f), then read (SCORES.md). False fails written down: dev61 ij02 (a poverty
    # rate's fall read as the count's change, implying a base the report contradicts), dev64 ir02 (an industrial
    # park's projects since it opened against the nine months' new ones)
    ("dev58", 140, 0.88, 0),
    ("dev59", 162, 0.82, 0),
    ("dev60", 179, 0.86, 0),
    ("dev61", 122, 0.80, 1),
    ("dev62", 163, 0.71, 0),
    ("dev63", 120, 0.75, 0),
    ("dev64", 171, 0.62, 1),
    ("dev65", 132, 0.82, 0),
    # 18 sealed by six blind annotators of the twenty-seventh session: first 0.797 (d72b31f), closing 0.797 (2b8b6a7),
    # every fact the same (SCORES.md); read after closing
    ("sealed35", 258, 0.79, 0),
    # blind reports of the twenty-eighth session's development batches (bench dev76-dev83; dev83 has two annotators,
    # the search budget having run out), scored on arrival with the session's first extractor (45253a8), then read
    # (SCORES.md). False fails written down: dev66 jj03 (a dateline's month against a year's rate), dev67 jl03 (crop
    # groups after the first read as its parts), dev69 js03 (replanting after harvest against new planting), dev70
    # ju01 (a 9-month heading over a year's harvest) and ju02 (the two ends of one target range stated twice), dev71
    # jz01 (a 5-month heading over a half-year figure) and jz03 (a capital increase against the capital registered)
    ("dev66", 136, 0.83, 1),
    ("dev67", 159, 0.69, 1),
    ("dev68", 133, 0.82, 0),
    ("dev69", 189, 0.77, 1),
    ("dev70", 182, 0.84, 2),
    ("dev71", 130, 0.75, 2),
    ("dev72", 113, 0.65, 0),
    ("dev73", 80, 0.91, 0),
    # 18 sealed by six blind annotators of the twenty-eighth session: first 0.812 (45253a8), closing 0.812 (ed5eef8),
    # every fact the same (SCORES.md); read after closing. Its two false fails (iw02's land share read as farming's
    # share of the economy, jg02's attainment checked against the current-price pair) are written down
    ("sealed36", 241, 0.81, 2),
]


def _warehouse(root: Path, docs: Path) -> Path:
    source = root / "documents"
    shutil.copytree(docs, source)
    db = root / "warehouse" / "chitieu.duckdb"
    build_warehouse(source, db)
    return db


@pytest.fixture(scope="module")
def corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 43 development reports, built as a refresh builds them."""
    return _warehouse(tmp_path_factory.mktemp("corpus"), CORPUS / "docs")


@pytest.fixture(scope="module")
def planted_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ten copies with a planted contradiction, on their own: beside their originals each would also
    contradict the original report across documents, which is true but not what is planted."""
    return _warehouse(tmp_path_factory.mktemp("planted"), PLANTED / "docs")


@pytest.mark.parametrize(("name", "gold_facts", "floor", "false_alarms"), HELD_OUT, ids=[h[0] for h in HELD_OUT])
def test_held_out_set_keeps_its_score(name: str, gold_facts: int, floor: float, false_alarms: int,
                                      tmp_path: Path) -> None:
    res = ev.score(_warehouse(tmp_path, FIXTURES / name / "docs"), FIXTURES / name / "gold")
    assert res["facts"]["gold"] == gold_facts
    assert res["facts"]["f1"] >= floor, res["facts"]
    assert len(res["checks"]["false_alarms"]) <= false_alarms, res["checks"]["false_alarms"]


def test_sample_f1(sample_warehouse: Path) -> None:
    res = ev.score(sample_warehouse, FIXTURES / "gold")
    assert res["facts"]["f1"] >= SAMPLE_F1, res["missed"]


def test_development_f1(corpus_warehouse: Path) -> None:
    res = ev.score(corpus_warehouse, CORPUS / "gold")
    assert res["facts"]["gold"] >= 700  # all 43 reports' gold was read
    assert res["facts"]["f1"] >= DEV_F1, res["facts"]


def test_every_planted_contradiction_is_found_and_nothing_else_fails_in_those_copies(planted_warehouse: Path) -> None:
    res = ev.score(planted_warehouse, PLANTED / "gold")
    checks = res["checks"]
    assert checks["gold_fail"] == 10
    assert checks["missed"] == [], checks
    assert checks["false_alarms"] == [], checks


def test_the_development_reports_own_contradictions_are_found_with_few_false_alarms(corpus_warehouse: Path) -> None:
    checks = ev.score(corpus_warehouse, CORPUS / "gold")["checks"]
    assert checks["missed"] == [], checks
    assert len(checks["false_alarms"]) <= DEV_FALSE_ALARMS, checks["false_alarms"]


def test_planted_gold_differs_from_its_original_only_where_planted() -> None:
    """Each planted copy is its development report with one change: the gold says which, and the
    rest of the text is the original's (so the check found is the planted one)."""
    import difflib

    for doc in sorted((PLANTED / "docs").glob("p*_*.txt")):
        original = CORPUS / "docs" / doc.name.split("_", 1)[1]
        a = original.read_text(encoding="utf-8").splitlines()
        b = doc.read_text(encoding="utf-8").splitlines()
        changed = [d for d in difflib.ndiff(a, b) if d[:1] in "+-"]
        assert 1 <= len(changed) // 2 <= 1, (doc.name, changed)
