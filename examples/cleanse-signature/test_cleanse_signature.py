"""The example plugin's own test, written with the helpers cleanse offers plugin authors."""

import pytest
from cleanse_signature import SignatureStage

from cleanse.testing import assert_stage


@pytest.mark.parametrize(
    "text, expected",
    [
        ("正文第一段。\n本文由示例网原创，转载请注明出处。\n", "正文第一段。\n"),
        ("正文第一段。\n", "正文第一段。\n"),
        ("他说本文由我原创。\n", "他说本文由我原创。\n"),
    ],
)
def test_signature_line_is_dropped(text, expected):
    assert_stage(SignatureStage(), text, expected)


def test_custom_signature():
    assert_stage(SignatureStage(signature="—— 完 ——"), "正文。\n—— 完 ——\n", "正文。\n")


def test_rule_pack_drops_the_follow_prompt():
    import cleanse

    page = "示例网的一篇文章的标题\n\n正文第一段，内容足够长，是真正的文章内容。\n\n示例网，让阅读更有价值\n"
    result = cleanse.clean(page)
    assert result.text == "示例网的一篇文章的标题\n\n正文第一段，内容足够长，是真正的文章内容。\n"
    assert "example-com-slogan" in str(result.metadata["changes"]["boilerplate"])
