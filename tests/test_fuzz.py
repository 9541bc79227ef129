"""Fuzzing the Python API with hypothesis: only documented errors, NFC UTF-8 out, idempotent.

The CI profile is fast and always tries the same examples; ``dev`` tries 1,000 new ones a run; the
long one runs 100,000 examples on demand:

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cleanse import CleanseError, clean

settings.register_profile("ci", max_examples=150, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=100_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
# CI tries the same examples on every machine and in every checkout (derandomize would hash the
# test's location too); the other profiles explore.
fixed_seed = seed(20261125) if PROFILE == "ci" else (lambda test: test)

SENTENCES = [
    "要問2023年的創投圈什么最熱鬧,那非ChatGPT莫屬。", "这轮由生成式AI主导的人工智能跟上一轮不太一样。",
    "Stable Diffusion 背后的母公司 Stability,估值 10 亿美元。", "2014年,特斯拉正在为产能问题焦头烂额。",
    "東京は日本の首都です。", "서울은 한국의 수도입니다.", "He said “hello”, then left.",
]
NOISE = [
    "創(chuàng)業(yè)", "架構(gòu)", "因?yàn)橐韵聨讉€原因", "(AI架構(gòu))", "浣犲ソ涓栫晫", "ÄãºÃ", "æ–‡å­—", "锟斤拷",
    "烫烫烫", "\ufffd\ufffd", "&#xff0c;", "#xff0c;", "&amp;", "您所在的位置:网站首页 > 新闻",
    "来源: 网络整理| 查看: 265", "CopyRight 2018-2019 实验室设备网 版权所有", "#话题#",
    "$科大讯飞(SZ002230)$", "ＡＩ２０２３", "  \u3000", "\u200b", "\r\n", "\n\n\n", "\t", "?", "C#",
    "https://example.com/a?b=1", "3.5", "A100,H100", "頭髮", "演算法",
    # spaces beside full-width marks and brackets, which whitespace takes
    " ", "\u00a0", "， ", " 。", " ：", "、", "（", "）", " 《", "》 ", "!", "(", ")", "(中)",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
fragments = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(NOISE), TEXT)
documents = st.lists(fragments, max_size=25).map("".join)
lines_documents = st.lists(documents, max_size=8).map("\n".join)


def assert_clean_output(text: str) -> None:
    text.encode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    again = clean(text).text
    assert again == text, "cleaning the output again changed it"


@fixed_seed
@given(lines_documents)
def test_messy_documents(document: str) -> None:
    try:
        result = clean(document)
    except CleanseError:
        return
    assert_clean_output(result.text)


@fixed_seed
@given(st.binary(max_size=400))
def test_raw_bytes(data: bytes) -> None:
    try:
        result = clean(data)
    except CleanseError:
        return
    assert_clean_output(result.text)


@fixed_seed
@given(lines_documents, st.sampled_from(["utf-8", "gb18030", "big5hkscs", "utf-16"]))
def test_encoded_documents(document: str, encoding: str) -> None:
    try:
        data = document.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        result = clean(data)
    except CleanseError:
        return
    assert_clean_output(result.text)
