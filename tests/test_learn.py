"""``cleanse learn`` on a generated corpus: 200 pages from 5 site templates."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import tomllib
from click.testing import CliRunner

import cleanse
from cleanse.cli import build_cli
from cleanse_plugins.boilerplate_text import line_hash

SENTENCES = [
    "研究人员在实验中发现，新材料的导热性能比传统材料高出三倍。",
    "这座城市的地铁网络在过去五年里扩展了一倍，通勤时间明显缩短。",
    "专家提醒，夏季高温期间应减少户外活动，注意补充水分。",
    "该公司表示，新产品将首先在华东地区上市，随后推向全国。",
    "农业部门数据显示，今年的粮食产量有望再创新高。",
    "图书馆延长了开放时间，方便学生在考试周复习。",
    "他在采访中坦言，创业最难的不是技术，而是找到合适的伙伴。",
    "新的规定将于明年一月起施行，涉及数百万家小微企业。",
    "志愿者们花了整整一个周末，清理了河道两岸的垃圾。",
    "这项技术的关键在于降低成本，让普通家庭也能用得起。",
    "博物馆的新展览吸引了大批游客，周末需要提前预约。",
    "分析人士认为，市场需求的回暖还需要一段时间。",
    "老街的改造保留了原有的石板路和骑楼，延续了城市记忆。",
    "比赛最后十分钟，主队连进两球，完成了逆转。",
    "医生建议，每天保持三十分钟的中等强度运动。",
    "这款应用上线一个月，下载量就突破了一百万。",
    "村里的合作社把土特产卖到了全国各地。",
    "天文爱好者在山顶拍到了难得一见的流星雨。",
    "气象台预计，未来三天将有一次明显的降温过程。",
    "学校开设了编程兴趣班，报名人数远超预期。",
    "这位作家的新书讲述了三代人在小镇上的生活。",
    "工程师们用了两年时间，解决了桥梁抗风的难题。",
    "调查显示，超过六成的受访者愿意为环保产品多付钱。",
    "当地政府计划在河边修建一条十公里长的绿道。",
]

TEMPLATES = [
    {"head": ["网站首页 | 新闻中心 | 联系我们", "您所在的位置：首页 > 新闻 > {title}",
              "发布时间：{date}　浏览次数：{n}"],
     "foot": ["【打印本页】【关闭窗口】", "Copyright © 2010-{year} 华夏资讯网 版权所有"]},
    {"head": ["晨报网 · 让阅读更有温度", "{date} {time} 来源：晨报网 阅读 {n}"],
     "foot": ["扫码关注晨报网微信公众号", "本站所有文章未经授权禁止转载", "晨报网 粤ICP备{n}号"]},
    {"head": ["科技前沿 | 人工智能 | 芯片 | 新能源", "{title}", "作者：科技前沿编辑部  {date}"],
     "foot": ["点赞({n}) 收藏({n}) 分享", "上一篇：{title}", "关于科技前沿 · 投稿邮箱 tech@example.com"]},
    {"head": ["登录 | 注册 | 手机版", "当前位置：论坛 » 生活 » 正文"],
     "foot": ["已有 {n} 人参与评论", "您需要登录才可以回复 | 立即注册", "小城论坛 © {year}"]},
    {"head": ["【财经观察】第{n}期", "{date} 财经观察栏目组"],
     "foot": ["风险提示：本文不构成投资建议，市场有风险，投资需谨慎。",
              "更多精彩内容请下载财经观察客户端", "热线电话：400-{n}-{n}"]},
]


def fill(line: str, rng: random.Random, title: str) -> str:
    return line.format(
        title=title, n=rng.randint(1, 99999), year=rng.randint(2015, 2024),
        date=f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        time=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
    )


def make_corpus(root: Path, pages: int = 200) -> tuple[set[str], set[str]]:
    """Write the pages; return the template lines that are constant up to digits, and the
    article lines."""
    rng = random.Random(7)
    template_lines: set[str] = set()
    article_lines: set[str] = set()
    for number in range(pages):
        template = TEMPLATES[number % len(TEMPLATES)]
        title = f"第{number}号新闻：" + rng.choice(SENTENCES)[:12]
        body = []
        for _ in range(rng.randint(6, 12)):
            count = rng.choice((1, 1, 2))
            body.append("".join(rng.sample(SENTENCES, count)))
        head = [fill(line, rng, title) for line in template["head"]]
        foot = [fill(line, rng, title) for line in template["foot"]]
        for line in (*template["head"], *template["foot"]):
            if "{title}" not in line:
                template_lines.add(fill(line, rng, ""))
        article_lines.update(body)
        site = root / f"site{number % len(TEMPLATES)}"
        site.mkdir(exist_ok=True)
        page = [*head, title, "", *"\n\n".join(body).split("\n"), "", *foot]
        (site / f"page{number:03d}.txt").write_text("\n".join(page) + "\n", encoding="utf-8")
    return template_lines, article_lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], set[str]]:
    root = tmp_path_factory.mktemp("corpus")
    template_lines, article_lines = make_corpus(root)
    return root, template_lines, article_lines


def learn(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_cli(), ["learn", *args])
    return result.exit_code, result.stdout, result.stderr


def test_learn_finds_every_template_line_and_no_article_line(corpus, tmp_path: Path
                                                             ) -> None:  # type: ignore[no-untyped-def]
    root, template_lines, article_lines = corpus
    out = tmp_path / "rules.toml"
    code, stdout, stderr = learn(str(root), "-o", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert "template lines from 200 documents" in stderr
    learned = {rule["hash"] for rule in tomllib.loads(out.read_text("utf-8"))["rules"]}
    assert {line_hash(line) for line in template_lines} <= learned
    assert not {line_hash(line) for line in article_lines} & learned
    # Single-sentence article lines do recur in many pages: only their context rules them out.
    recurring = [s for s in SENTENCES if s in article_lines]
    assert recurring


def test_learned_rules_clean_a_new_page(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = corpus
    out = tmp_path / "rules.toml"
    assert learn(str(root), "-o", str(out))[0] == 0
    pipeline = cleanse.make_pipeline(
        stages="boilerplate", config={"boilerplate": {"rules": [str(out)], "rule_packs": False}})
    body = [SENTENCES[0], SENTENCES[1] + SENTENCES[2]]
    page = ["晨报网 · 让阅读更有温度", "2031-01-02 03:04 来源：晨报网 阅读 77777", "一个新标题",
            *body, "扫码关注晨报网微信公众号", "本站所有文章未经授权禁止转载", "晨报网 粤ICP备1号"]
    doc = pipeline.run(cleanse.Document(source="new", text="\n".join(page)))
    assert [line for line in doc.text.split("\n") if line] == ["一个新标题", *body]


def test_thresholds_are_options(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = corpus
    out = tmp_path / "rules.toml"
    assert learn(str(root), "-o", str(out), "--min-docs", "500")[0] == 0
    assert "rules" not in tomllib.loads(out.read_text("utf-8"))
    assert learn(str(root), "-o", str(out), "--min-fraction", "0.5")[0] == 0
    assert "rules" not in tomllib.loads(out.read_text("utf-8"))


def test_without_the_context_check_recurring_sentences_are_learned(corpus, tmp_path: Path
                                                                  ) -> None:  # type: ignore[no-untyped-def]
    root, _, article_lines = corpus
    out = tmp_path / "rules.toml"
    assert learn(str(root), "-o", str(out), "--min-context", "0")[0] == 0
    learned = {rule["hash"] for rule in tomllib.loads(out.read_text("utf-8"))["rules"]}
    assert {line_hash(line) for line in article_lines} & learned


def test_empty_corpus_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = learn(str(tmp_path), "-o", str(tmp_path / "rules.toml"))
    assert code == 2
    assert "no documents" in stderr
