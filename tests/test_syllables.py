"""Cleaning the letters a page lost or changed: words typed together are spaced (words of one syllable, names and
codes are left as written), lookalike letters become the Vietnamese ones."""

from __future__ import annotations

import pytest

from transforms.grammar.syllables import split_glued_words
from transforms.text import normalise

GLUED = [
    ("bằng 108,4% dựtoán", "bằng 108,4% dự toán"),  # not `dựt oán`: the next syllable takes the consonant
    ("vượtkế hoạch", "vượt kế hoạch"),  # not `vư ợt`
    ("thungânsách; chi ngân sách", "thu ngân sách; chi ngân sách"),  # three syllables, `ngân` a word of the text
    ("ngàyđêm", "ngày đêm"),  # the fewest syllables, not `ngà y đêm`
    ("ThuNgânSách", "Thu Ngân Sách"),  # a capital inside starts a syllable
    ("Quốchội họp; Quốc hội", "Quốc hội họp; Quốc hội"),  # two partings: the one the text writes elsewhere
    ("cải thiện donền kinh tế", "cải thiện do nền kinh tế"),  # a consonant between vowels parts two syllables
    ("sản xuấttăngso tháng trước", "sản xuất tăng so tháng trước"),
    ("ước đạt 12 tỷ đồng, đạtước tính", "ước đạt 12 tỷ đồng, đạt ước tính"),  # the text's words before the shape
]
KEPT = ["nghiêng", "Nguyễn", "khuyến nông", "quyết định", "người dân", "chuyển đổi", "Quỳnh Lưu", "ĐắkNông",
        "HĐND", "ĐBSCL", "Covid-19", "KT-XH", "đạt96,12%KH", "thuyền", "giường bệnh",
        "điệ"]  # (a word cut short is no two syllables: not `đi ệ`)


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_glued_words_are_spaced(text: str, expected: str) -> None:
    assert split_glued_words(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_words_of_one_syllable_and_names_are_kept(text: str) -> None:
    assert split_glued_words(text) == text


def test_cleaning_spaces_glued_words() -> None:
    assert normalise("đạt 37,4% dựtoán") == "đạt 37,4% dự toán"
    assert normalise("chế tạotăng1,36%") == "chế tạo tăng 1,36%"  # then the verb is parted from its figure


def test_lookalike_letters_are_the_vietnamese_ones() -> None:
    assert normalise("đấu giá QSDÐ, ðạt") == "đấu giá QSDĐ, đạt"  # Icelandic eth (U+00D0, U+00F0) for đ
