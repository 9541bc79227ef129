"""Cleaning twice equals cleaning once, for inputs where stages that run early must judge the
page as the stages that run later will leave it (found by ``test_fuzz``)."""

from __future__ import annotations

import pytest

from cleanse import clean

SENTENCE = "要問2023年的創投圈什么最熱鬧,那非ChatGPT莫屬。"
CLEAN = "要问2023年的创投圈什么最热闹，那非ChatGPT莫属。"


@pytest.mark.parametrize(("text", "expected"), [
    # boilerplate must see the copy dedupe empties as blank: three short lines close the page.
    pytest.param(f"{SENTENCE}\n創(chuàng)業(yè)\n{SENTENCE}\n創(chuàng)業(yè)\n創(chuàng)業(yè)", f"{CLEAN}\n",
                 id="short-lines-around-a-copy"),
    # boilerplate must see the line without the hashtag hashtags removes: a copy of the title.
    pytest.param("演算法#话\n演算法", "演算法\n", id="title-copy-behind-a-tag"),
    pytest.param("頭髮\n#c;頭髮", "头发\n", id="title-copy-behind-a-tag-and-mark"),
    # punctuation judges "?" by what follows once the cashtag is gone.
    pytest.param("?$飞(0)$式", "？式\n", id="mark-beside-a-cashtag"),
    # boilerplate: once the copy of the title closing the page goes, the short lines before it
    # close the page, a navigation run.
    pytest.param("¼À¼\n創(chuàng)業(yè)\n0\n0\n¼À¼", "¼À¼\n", id="run-behind-a-title-copy"),
    # hashtags: the "#f" left after "#题#" is a tag on the first cleaning too.
    pytest.param("好#题##f", "好\n", id="tag-after-a-topic"),
    # An entity without its "&" is no hashtag, and punctuation keeps its ";".
    pytest.param("#xff0c;话题#", "#xff0c;话题#\n", id="lost-amp-entity"),
    # dedupe and boilerplate must see the lines a lone CR makes.
    pytest.param(f"V\rO{SENTENCE}\nO{SENTENCE}", f"V\nO{CLEAN}\n", id="lone-cr"),
    # A stray C1 control hides the Han context of "?" until whitespace drops it.
    pytest.param("𨛱\x9d?", "𨛱？\n", id="stray-c1-control"),
    # mojibake: lost bytes (U+FFFD) the hashtag kept apart must not tip an ambiguous run once
    # it is gone (ÄãºÃ is 你好 in GBK and 斕疑 in Big5).
    pytest.param("ÄãºÃ#话题#\ufffd\ufffd", "ÄãºÃ\ufffd\ufffd\n", id="lost-bytes-after-a-tag"),
    # mojibake judges a run as hashtags, punctuation and whitespace will leave it.
    pytest.param("Ö#话题#R¤¡", "諶ぁ\n", id="tag-inside-a-run"),  # kana: not simplified
    pytest.param("中。#话题##xff0c;", "中。，\n", id="lost-amp-entity-after-a-tag"),
    pytest.param("¤@¤ＡＩ２０２３", "一乙I2023\n", id="full-width-trail-bytes"),
    pytest.param("\xa0¤@¤@", "一一\n", id="no-break-space-before-a-run"),
    pytest.param("0:#¹\xad", "0:\n", id="soft-hyphen-after-a-tag"),
    # mojibake runs again while a repair changes what is left: an entity that makes "#" no
    # hashtag, the rest of a run read alone, full-width letters beside a repair.
    pytest.param("&amp;#话题#²\xad", "&#话题\n", id="entity-unmakes-a-tag"),
    pytest.param("®\xa0õU¤@¤@", "畴鲍一一\n", id="rest-of-a-run"),
    pytest.param("#话题#¤¡¤ＡＩ２０２３", "丑乙I2023\n", id="tag-before-full-width-trail-bytes"),
    # ... and one punctuation widens as it judges it, past spaces and quotes (found by the long
    # fuzz profile).
    pytest.param(f"{SENTENCE}\t?#xff0c;", f"{CLEAN}\t，\n", id="lost-amp-after-a-tab"),
    pytest.param("中” ?#xff0c;", "中” ，\n", id="lost-amp-after-a-quote-and-space"),
    # A full-width digit before ``#`` is the ASCII one punctuation makes of it, also to the
    # stages before punctuation that ask what hashtags will leave (long fuzz run, messy).
    pytest.param("莫屬。ＡＩ２０２３#话题#東京は日本の首都です。", "莫属。AI2023#话题。\n",
                 id="full-width-digit-before-a-tag"),
    # A no-break space beside a full-width mark stays: taken, it would let a second cleaning
    # repair the Latin mojibake after it (long fuzz run of messy documents).
    pytest.param("莫屬。\xa0æ–‡å\xad—", "莫属。\xa0æ–‡å\xad—\n", id="no-break-space-before-mojibake"),
    pytest.param("æ–‡å\xad—Ä 。", "æ–‡å\xad—Ä 。\n", id="space-after-a-latin-1-lead"),
    pytest.param("莫屬。\xa0@æ–‡å\xad—", "莫属。\xa0@æ–‡å\xad—\n", id="no-break-space-on-a-mojibake-line"),
    pytest.param("（中)#xff0c;", "（中），\n", id="lost-amp-after-han-in-brackets"),
    pytest.param("(#xff0c;東京は)", "（#xff0c;東京は）\n", id="lost-amp-after-an-opening-bracket"),
    pytest.param(f"{SENTENCE}(#xff0c;", f"{CLEAN}（，\n", id="lost-amp-after-an-opening-parenthesis"),
    # A "?" that stands for a lost "&" after an ideograph beyond the BMP.
    pytest.param("𠀀?#xff0c;", "𠀀，\n", id="lost-amp-after-a-supplementary-ideograph"),
    # Found by the long fuzz run: punctuation widens the ";" of a lost-& entity before Han
    # text (after a URL it is not decoded), which must not make it a hashtag.
    pytest.param(f"https://example.com/a?b=1#xff0c;#xff0c;{SENTENCE}",
                 f"https://example.com/a?b=1#xff0c;#xff0c；{CLEAN}\n",
                 id="widened-entity-is-no-hashtag"),
    # A C1 control inside a run of high characters that no repair used is dropped by
    # whitespace wherever it stands, so mojibake drops it and reads the rest again (È² is UTF-8
    # for Ȳ once the \x9a is gone), and a NEL there is a line break the later stages see.
    pytest.param("È²\x9ap", "Ȳp\n", id="c1-inside-a-run"),
    pytest.param("\x81¡°ÀØ¯", "¡°Àد\n", id="c1-before-a-run"),
    pytest.param("¼Ü·\x85¼Ü·\x85", "¼Ü·\n", id="nel-inside-a-run"),
    # hashtags finds tags after punctuation folded the full-width digits: "３#话题#" is a topic,
    # "3#话题#" is not, so the tag that goes is "#ÄãºÃ" and the entity follows 题.
    pytest.param("ＡＩ２０２３#话题#ÄãºÃ#xff0c;", "AI2023#话题，\n", id="tags-after-full-width-digits"),
    # ... and after pinyin removed the readings: "#創(chuàng)業ÄãºÃ" is one tag once it is "#創業ÄãºÃ".
    pytest.param("&amp;#话题#創(chuàng)業(yè)ÄãºÃ#xff0c;", "&#话题，\n", id="tag-after-its-readings-go"),
    # The repair (ftfy's Â¶ is ¶) leaves a line that is only a tag (#õ¶): hashtags empties it.
    pytest.param(b"\xc2#\xf5\xb6", "", id="repair-leaves-only-a-tag"),
    # ... or a longer tag (#õ_ after ö), which hashtags removes whole.
    pytest.param(b"\xc3#\xf5\xb6_", "ö\n", id="repair-makes-a-longer-tag"),
    # mojibake judges a line as whitespace leaves it: without its edge white space (ftfy reads
    # "\xa0РџСЂ..." as it stands, "РџСЂ..." as Привет).
    pytest.param("\xa0РџСЂРёРІРµС‚", "Привет\n", id="no-break-space-before-latin-mojibake"),
    pytest.param(" \xa0РџСЂРёРІРµС‚ ", "Привет\n", id="spaces-around-latin-mojibake"),
    pytest.param("\u3000\xa0Ä\x8d", "č\n", id="edge-space-before-a-c1-trail-byte"),
    # ... and a repair to a lone control character (ftfy reads Ā¯ as U+009D) is refused: the
    # text would vanish on the second cleaning.
    pytest.param("\xa0Ā¯", "Ā¯\n", id="repair-to-a-control-character"),
    # A repair's text is put in NFC at once: ftfy reads Í¾ as U+037E, an entity may name it, and
    # only its NFC form ";" is a mark punctuation widens (found by the long fuzz profile).
    pytest.param(f"Í¾{SENTENCE}".encode(), f"；{CLEAN}\n", id="repair-to-a-non-nfc-mark"),
    pytest.param("中&#x37e;文", "中；文\n", id="entity-of-a-non-nfc-mark"),
    # Full-width letters a hashtag kept apart from a run are its trail bytes once it is gone.
    pytest.param("®\xa0Ô#话题#ＡＩ２０２３", "畴讼I2023\n", id="full-width-trail-bytes-after-a-tag"),
    # GB18030 bytes read as traditional characters (氳涗硿) that script simplifies (氲涚硿):
    # their GBK bytes are UTF-8 for 뵛糜, a Hangul syllable outside KS X 1001, which mojibake
    # must not take for Korean (found by the long raw-bytes fuzz run).
    pytest.param(b"\xa1\xa1\xa1\xa1\x9a\xe8\x9b\xe4\xb3\x9c", "氲涚硿\n",
                 id="simplified-run-reads-as-rare-hangul"),
    # A "." after Han before white space that ends the line ends a sentence: whitespace strips
    # the tab, and a second cleaning sees "一." (found by the long raw-bytes fuzz run).
    pytest.param(b"\xa4@.\t", "一。\n", id="full-stop-before-a-trailing-tab"),
    # ... and before the CR of a CRLF line end (found by the long fuzz run of messy documents)
    pytest.param("㐀.\r\n", "㐀。\n", id="full-stop-before-crlf"),
    # Full-width letters between ASCII are no byte of any run, but split runs until
    # punctuation folds them (found by the long fuzz run of messy documents).
    pytest.param("¤@ＡＩ２０２３0¤¡", "一AI20230丑\n", id="full-width-letters-between-runs"),
    # An entity in full-width letters is one once punctuation folds them.
    pytest.param("x&ａｍｐ;y", "x&y\n", id="entity-in-full-width-letters"),
    pytest.param("中＃ｘｆｆ０ｃ；文", "中，文\n", id="lost-amp-entity-in-full-width"),
    # A lost-& entity after Han and any number of marks that punctuation widens: a second
    # cleaning sees it right after "！" (found by the long fuzz run of messy documents).
    pytest.param("莫屬。::?..!#xff0c;", "莫属。：：？..！，\n", id="lost-amp-entity-after-many-marks"),
    # Bytes that decode to traditional characters (緗勬噰) mojibake leaves; simplified they
    # would be 缃勬噰, whose GBK bytes are UTF-8 for 罄懇, which a second cleaning would
    # repair: script leaves the line (found by the long raw-bytes fuzz run).
    pytest.param(b"\xbe|\x84\xe6\x87\x87 \xc1\xbd", "緗勬噰 两\n",
                 id="simplifying-would-make-mojibake"),
    # Japanese lines are left by script each on its own: a judgement by the page (most lines
    # Japanese) changed once dedupe dropped a copy (found by the fuzzer).
    pytest.param("要問2023年的創投圈,那非ChatGPT莫屬。\n東京は日本の首都です。\r\n東京は日本の首都です。",
                 "要问2023年的创投圈，那非ChatGPT莫属。\n東京は日本の首都です。\n",
                 id="japanese-lines-then-a-copy-dropped"),
    # ... and as hashtags leave them: kana inside a tag make no Japanese line (found by the
    # long fuzz run of encoded documents); nor Hangul inside one a Korean line for punctuation.
    pytest.param("要問2023年的創投圈,那非ChatGPT莫屬。#東京は日本の首都です。",
                 "要问2023年的创投圈，那非ChatGPT莫属。。\n", id="kana-inside-a-tag"),
    pytest.param("你好,世界#우아#(優雅)", "你好，世界（优雅）\n", id="hangul-inside-a-tag"),
    pytest.param("要問2023年的創投圈,那非ChatGPT莫屬。&amp;#话题#ᄀ",
                 "要问2023年的创投圈，那非ChatGPT莫属。&#话题\n", id="hangul-in-a-tag-after-an-entity"),
])
def test_clean_is_stable(text: str | bytes, expected: str) -> None:
    once = clean(text).text
    assert once == expected
    assert clean(once).text == once


JOINED = ("这轮由生成式AI主导的人工智能跟上一轮不太一样。" * 3 + "2014年,特斯拉正在为产能问题焦头烂额。"
          "서울은 한국의 수도입니다.He said “hello”, then left.(AI架構(gòu))A100,H1000000000000000000"
          "00000000000000来源: 网络整理| 查看: 265  \u30000\t")


def test_edge_white_space_does_not_decide() -> None:
    """boilerplate judges a line as whitespace will leave it (found by the fuzzer)."""
    once = clean(JOINED.encode("utf-8")).text
    assert once == ""
    assert clean(once).text == once


@pytest.mark.parametrize(("text", "expected"), [
    # a lone "#" before a cashtag goes with it: left behind it would open "#要问..." next time.
    pytest.param("#$科大讯飞(SZ002230)$要問2023年的創投圈什么最熱鬧,那非ChatGPT莫屬。", f"{CLEAN}\n",
                 id="mark-before-a-cashtag"),
])
def test_hashtag_marks_left_behind(text: str, expected: str) -> None:
    once = clean(text).text
    assert once == expected
    assert clean(once).text == once


def test_unwrap_bares_nothing_new() -> None:
    """Unwrapping a topic that holds a cashtag unwraps that too, in one cleaning."""
    text = "#$科大讯飞(SZ002230)$要問2023年的創投圈什么最熱鬧 C#好"
    once = clean(text, hashtags="unwrap").text
    assert once == "科大讯飞（SZ002230）要问2023年的创投圈什么最热闹 C好\n"
    assert clean(once, hashtags="unwrap").text == once
