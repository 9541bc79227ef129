"""The boilerplate stage: what it removes, what it keeps, and the fields it fills."""

from __future__ import annotations

import pytest

from cleanse.testing import assert_stage
from cleanse_plugins.boilerplate import BoilerplateStage

P1 = "这是文章的第一段，讲述了一个完整的故事，内容相当丰富。"
P2 = "第二段继续展开论述，并给出了具体的数据和例子，便于理解。"
P3 = "最后一段总结全文，提出了作者自己的看法和建议，供读者参考。"
BODY = f"{P1}\n\n{P2}\n\n{P3}"
# A long article: its middle lines are outside the head and tail zones.
LONG = "\n".join(f"第{n}段的内容是一句完整的话，讲述了事情的经过和结果。" for n in range(1, 31))


@pytest.fixture(scope="module")
def stage() -> BoilerplateStage:
    return BoilerplateStage()


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(f"当前位置：首页 > 新闻 > 正文\n{BODY}", f"\n{BODY}", id="breadcrumb"),
    pytest.param(f"當前位置：首頁 > 新聞\n{BODY}", f"\n{BODY}", id="breadcrumb-traditional"),
    pytest.param(f"首页 > 科技 > 人工智能\n{BODY}", f"\n{BODY}", id="breadcrumb-home"),
    pytest.param(f"您所在的位置:网站首页 某某新闻\n{BODY}", f"\n{BODY}", id="you-are-here"),
    pytest.param(f"{BODY}\nCopyRight 2018-2019 某某网 版权所有", f"{BODY}\n", id="copyright"),
    pytest.param(f"{BODY}\n京ICP备12345678号-1", f"{BODY}\n", id="icp"),
    pytest.param(f"{BODY}\n\n公司简介\n\n联系我们", f"{BODY}\n\n\n\n", id="footer-links"),
    pytest.param(f"{BODY}\n您需要登录才可以回复|注册", f"{BODY}\n", id="login-prompt"),
    pytest.param(f"{BODY}\n提取码\n复制提取码\n点击跳转至百度网盘", f"{BODY}\n\n\n",
                 id="netdisk"),
    pytest.param(f"{BODY}\n【本文地址】", f"{BODY}\n", id="address-marker"),
    pytest.param(f"{BODY}\n分享到：微信 微博 QQ空间", f"{BODY}\n", id="share"),
    pytest.param(f"{BODY}\n相关稿件\n某地举办文化节\n专家解读最新政策", f"{BODY}\n\n\n",
                 id="related-header-and-links"),
    pytest.param(f"{BODY}\n\n公司简介\n\n今日新闻\n\n推荐新闻", f"{BODY}\n\n\n\n\n\n",
                 id="navigation-between-boilerplate"),
    pytest.param(f"小程序\n传感搜\n传感圈\n\n标题在这里吗?\n\n{BODY}",
                 f"\n\n\n\n标题在这里吗?\n\n{BODY}", id="navigation-run-at-head"),
    pytest.param(f"新闻标题来了\n\n新闻标题来了\n{BODY}", f"新闻标题来了\n\n\n{BODY}",
                 id="repeated-title"),
    pytest.param(f"{BODY}\n转载请注明出处", f"{BODY}\n", id="reprint"),
    pytest.param(f"{BODY}\n上一篇：某某文章\n下一篇：另一篇文章", f"{BODY}\n\n", id="prev-next"),
    pytest.param(f"张三的博客 于 2021-03-12 10:20:30 发布\n阅读量1.2w 收藏 235\n点赞数 56\n"
                 "分类专栏： Python 文章标签： python 装饰器\n版权声明：本文为博主原创文章，遵循 CC 4.0 "
                 f"BY-SA 版权协议，转载请附上原文出处链接和本声明。\n{BODY}", f"\n\n\n\n\n{BODY}",
                 id="blog-head"),
    pytest.param(f"{BODY}\n文章知识点与官方知识档案匹配，可进一步学习相关知识\n打赏作者\n"
                 "你的鼓励将是我创作的最大动力\n¥1 ¥2 ¥4 ¥6 ¥10 ¥20\n扫码支付：¥1\n获取中\n"
                 "您的余额不足，请更换扫码支付或充值", f"{BODY}\n\n\n\n\n\n\n", id="blog-tail"),
    pytest.param(f"关注者\n被浏览\n关注问题写回答\n好问题 12\n默认排序\n{P1}\n1,024 人赞同了该回答\n{P2}\n"
                 f"编辑于 2024-12-20 10:30・IP 属地上海\n赞同 1024 89 条评论\n18 个回答\n{P3}",
                 f"\n\n\n\n\n{P1}\n\n{P2}\n\n\n\n{P3}", id="qa-site"),
    pytest.param(f"无障碍 | 长者模式 | 繁体 | English\n{BODY}\n【打印】【关闭】\n主办单位：某某市人民政府办公室 "
                 "承办单位：某某市大数据中心", f"\n{BODY}\n\n", id="government-site"),
    pytest.param(f"原创 张三 科技前线 2023-11-02 08:00 发表于北京\n收录于合集 #人工智能 12个\n"
                 f"点击上方“科技前线”，关注公众号\n{BODY}", f"\n\n\n{BODY}", id="wechat-head"),
    # A forum thread's chrome: the navigation rows of its head, its post headers and action
    # labels wherever they stand (between posts), and its footer.
    pytest.param(f"设为首页收藏本站\n用户名 自动登录  找回密码\n门户 论坛 群组 帖子 用户\n"
                 f"没有帐号？立即注册\n{BODY}", f"\n\n\n\n{BODY}", id="forum-navigation"),
    pytest.param(f"楼主 发表于 2023-6-18 21:05:33 | 只看该作者 |倒序浏览 |阅读模式\n{P1}\n回复 举报\n"
                 f"沙发 发表于 2023-6-18 21:10:02\n{P2}\n使用道具 举报\n12# 发表于 2023-6-19 08:00\n{P3}",
                 f"\n{P1}\n\n\n{P2}\n\n\n{P3}", id="forum-posts"),
    pytest.param(f"{BODY}\n您需要登录后才可以回帖 登录 | 立即注册\nPowered by Discuz! X3.4 © 2001-2023 "
                 "Comsenz Inc.\nGMT+8, 2023-6-19 10:21 , Processed in 0.052310 second(s), 24 queries .",
                 f"{BODY}\n\n\n", id="forum-footer"),
    pytest.param(f"【字体：大 中 小】\n{BODY}\n字号：T|T", f"\n{BODY}\n", id="font-size-widget"),
    pytest.param(f"{BODY}\n收藏 点赞 评论\n点赞 | 在看 | 分享", f"{BODY}\n\n", id="action-row"),
    pytest.param(f"{BODY}\n特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
                 "本平台仅提供信息存储服务。", f"{BODY}\n", id="platform-disclaimer"),
    pytest.param(f"{BODY}\n本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的"
                 "观点或立场，澎湃新闻仅提供信息发布平台。", f"{BODY}\n", id="platform-disclaimer-paper"),
    pytest.param(f"{BODY}\n微信扫一扫关注公众号", f"{BODY}\n", id="follow-prompt-wechat"),
    pytest.param(f"楼主\n{P1}\n收藏0 分享 淘帖0 支持0 反对0\n12#\n{P2}\n支持 12 反对 3 回复\n{P3}",
                 f"\n{P1}\n\n\n{P2}\n\n{P3}", id="forum-floor-labels-and-counts"),
    pytest.param(f"{BODY}\n本版积分规则\n返回列表 发新帖", f"{BODY}\n\n", id="forum-footer-rules"),
    pytest.param(f"{BODY}\nEND\n往期推荐", f"{BODY}\n\n", id="end-mark"),
    pytest.param(f"{BODY}\n（编辑：林克倫）1121031", f"{BODY}\n", id="editor-parenthesized"),
    # Portal pages: a site's home link and channel row, a trail ending in 正文, a dateline of a
    # date and one name, the app promotion and the site's disclaimer closing the article.
    pytest.param(f"新浪首页 新闻 体育 财经 娱乐 科技 博客 图片 专栏 更多\n凤凰网首页\n科技 > 正文\n"
                 f"2023年11月20日 09:15 新浪财经\n收藏本文\n{BODY}", f"\n\n\n\n\n{BODY}", id="portal-head"),
    pytest.param(f"2023年10月31日 08:00:12 来自北京\n{BODY}", f"\n{BODY}", id="date-then-place"),
    pytest.param(f"{BODY}\n海量资讯、精准解读，尽在新浪财经APP\n新浪声明：此消息系转载自新浪合作媒体，新浪网登载此文出于"
                 "传递更多信息之目的，并不意味着赞同其观点或证实其描述。文章内容仅供参考，不构成投资建议。",
                 f"{BODY}\n\n", id="portal-tail"),
    pytest.param(f"{BODY}\n“特别声明：以上作品内容(包括在内的视频、图片或音频)为凤凰网旗下自媒体平台“大风号”用户上传并"
                 "发布，本平台仅提供信息存储空间服务。\nNotice: The content above (including the videos, "
                 "pictures and audios if any) is uploaded and posted by the user of Dafeng Hao.”",
                 f"{BODY}\n\n", id="platform-disclaimer-bilingual"),
    pytest.param(f"张三 已于 2023-05-12 15:30:21 修改\n{BODY}", f"\n{BODY}", id="blog-edited"),
    pytest.param(f"关注者\n1,234\n被浏览\n567,890\n{BODY}\n喜欢", f"\n\n\n\n{BODY}\n",
                 id="counts-under-labels"),
    pytest.param(f"{BODY}\n扫一扫在手机打开当前页", f"{BODY}\n", id="open-on-phone"),
    pytest.param(f"人民网>>财经\n申请入驻\n小字号\n澎湃新闻记者 李华\n2023-12-01 10:25 发布于：北京市\n"
                 f"本文来源：汽车之家\n{BODY}", f"\n\n\n\n\n\n{BODY}", id="news-head"),
    pytest.param(f"{BODY}\n返回搜狐，查看更多\n责任编辑：\n平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，"
                 "搜狐仅提供信息存储空间服务。\n澎湃新闻报料：021-962866\n用微信扫码二维码",
                 f"{BODY}\n\n\n\n\n", id="news-tail"),
    pytest.param(f"新浪微博\n11-30 20:15 来自 iPhone 14 Pro\n{BODY}", f"\n\n{BODY}", id="microblog-head"),
    pytest.param(f"聯合新聞網 / 要聞 / 生活\n2023-10-03 11:20 聯合報／ 記者李明／台北即時報導\n{BODY}\n"
                 "不用抽 不用搶 現在用APP看新聞 保證天天中獎　點我下載APP　按我看活動辦法", f"\n\n{BODY}\n",
                 id="taiwan-news"),
    pytest.param(f"微信号 qichegc\n功能介绍 专注汽车产业深度报道\n{BODY}\n预览时标签不可点\n微信扫一扫\n关注该公众号\n"
                 "继续滑动看下一个\n轻触阅读原文\n知道了\n赞，轻点两下取消赞\n在看，轻点两下取消在看\n写留言",
                 f"\n\n{BODY}\n\n\n\n\n\n\n\n\n", id="wechat-viewer"),
    pytest.param(f"2023-12-01 09:12·头条号\n{BODY}\n举报/反馈", f"\n{BODY}\n", id="news-feed"),
    pytest.param(f"中新网首页 | 新闻中心 | 国内新闻\n环球网报道 记者 王五\n东方财富APP 方便 快捷 安全\n{BODY}\n"
                 "（文章来源：东方财富研究中心）\n（原标题：A股三大指数集体收涨）\n本网站所刊载信息，不代表中新社和中新网观点。",
                 f"\n\n\n{BODY}\n\n\n", id="news-agency-edges"),
    pytest.param(f"By John Smith | December 1, 2023\n{BODY}\nShare this article\nRead more\nAdvertisement",
                 f"\n{BODY}\n\n\n", id="english-labels"),
    pytest.param(f"查看我的收藏\n0有用+1\n已投票\n{BODY}\n本词条由“科普中国”科学百科词条编写与应用工作项目审核",
                 f"\n\n\n{BODY}\n", id="encyclopedia"),
    # The first line stays when the paragraph after the run repeats it: a title, not a link.
    pytest.param("人工智能\n编辑\n播报\n人工智能（AI）是研究、开发用于模拟人的智能的一门新的技术科学。",
                 "人工智能\n\n\n人工智能（AI）是研究、开发用于模拟人的智能的一门新的技术科学。",
                 id="title-above-a-run"),
    pytest.param(f"张三 · 2023-11-30 09:00\n{BODY}\n+1\n该文观点仅代表作者本人，36氪平台仅提供信息存储空间服务。",
                 f"\n{BODY}\n\n", id="tech-media"),
    pytest.param(f"只看楼主 收藏 回复\n{P1}\n1楼 2023-11-30 20:15\n{P2}\n2楼 2023-11-30 20:30\n{P3}\n登录百度账号",
                 f"\n{P1}\n\n{P2}\n\n{P3}\n", id="forum-floors-with-dates"),
    pytest.param(f"字数 1,234\n{BODY}\n\"小礼物走一走，来简书关注我\"\n还没有人赞赏，支持一下",
                 f"\n{BODY}\n\n", id="blog-platform"),
    pytest.param(f"{BODY}\n本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。", f"{BODY}\n",
                 id="reprint-notice-taiwan"),
    pytest.param(f"{BODY}\n分享让更多人看到\n订阅电子报", f"{BODY}\n\n", id="share-and-newsletter"),
    pytest.param(f"分享 列印 字級\n{BODY}", f"\n{BODY}", id="action-row-taiwan"),
    pytest.param(f"2023/10/31 14:05 中央社記者楊明珠東京31日專電\n{BODY}", f"\n{BODY}",
                 id="dateline-special-dispatch"),
    pytest.param(f"{BODY}\n- THE END -", f"{BODY}\n", id="end-mark-dashes"),
    # Judged as hashtags and dedupe will leave the page: a copy dedupe empties is blank, so the
    # short lines around it make a run; a hashtag removed later does not hide a title copy.
    pytest.param(f"{P1}\n创业\n{P1}\n创业\n创业", f"{P1}\n\n{P1}\n\n", id="run-across-copy"),
    pytest.param("标题在这里\n#话题# 标题在这里\n" + BODY, "标题在这里\n\n" + BODY,
                 id="title-copy-behind-hashtag"),
    pytest.param(f"{P1}\n{P2}\n{P3}\n本文来自微信公众号：某某科技评论\n{P1}\n本文来自微信公众号：某某科技评论",
                 f"{P1}\n{P2}\n{P3}\n\n{P1}\n", id="copy-of-removed-line"),
])
def test_removes(stage: BoilerplateStage, text: str, expected: str) -> None:
    doc = assert_stage(stage, text, expected)
    assert all(change.kind == "removed-line" and change.after == "" for change in doc.changes)


@pytest.mark.parametrize("text", [
    pytest.param(BODY, id="plain"),
    pytest.param(f"标题\n副标题\n{BODY}", id="title-and-subtitle"),
    pytest.param(f"{BODY}\n谢谢", id="short-last-line"),
    pytest.param(f"{BODY}\n\n（完）", id="end-mark"),
    pytest.param(f"{P1}\n\n2023年5月1日，我们去了北京，天气很好，大家都很开心。\n\n{P3}",
                 id="date-in-sentence"),
    pytest.param(f"2024年2月6日 记者从教育部获悉，今年高校毕业生规模预计达到1179万人。\n{P3}",
                 id="date-then-reporter-in-sentence"),
    pytest.param(f"{P1}\n\n“路漫漫其修远兮，吾将上下而求索。”\n\n{P3}", id="quote"),
    pytest.param(f"{P1}\n\n01.为什么要这样做\n\n{P2}\n\n02.怎么做\n\n{P3}", id="numbered-headings"),
    pytest.param(f"{P1}\n记者：您怎么看这件事？\n{P3}", id="interview-question"),
    pytest.param(f"体育新闻\n{BODY}", id="title-of-category-words"),
    pytest.param(f"{BODY}\n主办方表示，本次活动共吸引了来自全国各地的三千多名观众参加。", id="organizer-in-last-line"),
    pytest.param(f"{P1}\n赞同这一观点的人越来越多，平台也开始显示IP属地。\n{P3}", id="qa-words-in-sentence"),
    pytest.param(f"{P1}\n他在2021-03-12于北京发布了新书，反响热烈，读者纷纷点赞。\n{P3}",
                 id="published-on-a-date-in-sentence"),
    pytest.param(f"点赞 收藏 评论之外，平台还在考虑新的互动方式，这引发了讨论。\n{BODY}",
                 id="engagement-words-in-sentence"),
    pytest.param(f"{P1}\n他说：“我回复了他的邮件，也举报了那个账号。”\n{P3}", id="action-words-in-sentence"),
    pytest.param(f"{P1}\n这篇文章发表于2023-6-18，引起了很大反响。\n{P3}", id="published-in-sentence"),
    pytest.param(f"{P1}\n这个来源：说法并不可靠，需要进一步核实才能下结论。\n{P3}",
                 id="label-inside-sentence"),
    pytest.param(f"{P1}\n当前位置的选择很重要，我们花了很久才决定下来。\n{P3}",
                 id="position-word-in-sentence"),
    pytest.param(f"{P1}\n全书版权所有者在后来的诉讼中胜诉，这件事引起了广泛关注和讨论，也推动了"
                 f"相关法律的修订，影响一直持续到今天，许多出版社因此修改了合同条款和授权方式。\n{P3}",
                 id="long-sentence-with-footer-word"),
    pytest.param(f"字号大小会影响阅读体验，我们选了中等字号。\n{BODY}", id="font-size-words-in-sentence"),
    pytest.param(f"{P1}\n{P2}\n评论区里，收藏和点赞最多的一条说：这才是好文章。", id="action-words-ending-a-page"),
    pytest.param(f"{P1}\n{P2}\n平台声明，以上内容均由作者本人撰写，如有疑问请联系作者。",
                 id="statement-ending-a-page"),
    pytest.param(f"{P1}\n支持、反对和收藏的人数都在增加，平台很满意。\n{P3}",
                 id="post-words-in-sentence"),
    pytest.param(f"{P1}\n楼主说得对，我也是这么想的。\n{P3}", id="floor-word-in-sentence"),
    pytest.param(f"{P1}\n{P2}\n故事讲到这里就要结束了，这就是the end。", id="end-word-in-sentence"),
    pytest.param(f"{P1}\n{P2}\n沙发", id="sofa-is-a-word"),
    pytest.param(f"{P1}\n{P2}\n该公司未经授权使用他人作品，被法院判决赔偿十万元。", id="unauthorized-use-in-news"),
    pytest.param(f"{P1}\n{P2}\n（编辑注：本文数据截至去年年底，今年的数据将在下期公布。）", id="editor-note"),
    pytest.param(f"{P1}\n{P2}\n该公司发表声明：网传消息不代表本公司立场，将依法追究造谣者的法律责任。",
                 id="statement-in-news"),
    pytest.param(f"{P1}\n{P2}\n下载量最高的应用尽在这份榜单里，快来看看有没有你喜欢的app。", id="app-in-sentence"),
    pytest.param(f"2023\n{BODY}\n12", id="bare-numbers"),
    pytest.param(f"{P1}\nA > B的正文内容部分，讲得很好。\n{P3}", id="arrow-and-body-word"),
    pytest.param(f"{P1}\n{P2}\n昨天来自北京的代表团抵达会场。", id="came-from-in-sentence"),
    pytest.param(f"{P1}\n{P2}\n欢迎读者报料：我们会认真核实每一条线索", id="tips-invitation"),
    pytest.param(f"男装 / 女装 / 童装都有折扣，活动持续到月底。\n{BODY}", id="slashes-in-sentence"),
    pytest.param(f"{P1}\n{P2}\n本文观点仅代表作者本人的研究结论，欢迎读者讨论。", id="own-view-in-sentence"),
    pytest.param(f"公众号运营技巧\n{BODY}", id="account-word-in-title"),
    pytest.param(f"By the way, this is what we found.\n{BODY}\nComments are welcome.", id="english-label-words"),
    pytest.param(f"{P1}\n{P2}\n（来源于网友的说法并不可靠，需要进一步核实才能下结论。）", id="source-word-in-brackets"),
    pytest.param(f"{P1}\n{P2}\n视频里，他向大家展示了新的产品。", id="video-in-sentence"),
])
def test_keeps(stage: BoilerplateStage, text: str) -> None:
    assert_stage(stage, text, text)


@pytest.mark.parametrize("line", ["关注", "评论", "2022-12-17", "来源：新华网", "作者：张三",
                                  "版权所有", "提取码"])
def test_edge_rules_never_reach_the_middle(stage: BoilerplateStage, line: str) -> None:
    lines = LONG.split("\n")
    text = "\n".join([*lines[:15], line, *lines[15:]])
    assert_stage(stage, text, text)


def test_breadcrumb_and_counter_fill_fields(stage: BoilerplateStage) -> None:
    text = (f"没人能复制Chat\n\n#没人能复制Chat| 来源: 网络整理| 查看: 265\n\n"
            f"来源:雪球App,作者: 丁山猎人,(https://xueqiu.com/5369439966/245307281)\n\n{BODY}")
    doc = stage(__import__("cleanse").Document(source="t", text=text))
    assert doc.fields == {"title": "没人能复制Chat", "views": 265, "source": "雪球App",
                          "author": "丁山猎人",
                          "url": "https://xueqiu.com/5369439966/245307281"}
    assert [change.line for change in doc.changes] == [3, 5]
    assert doc.metadata["boilerplate"]["rules"] == {"counter": "zh-web", "meta-line": "zh-web"}


@pytest.mark.parametrize(("line", "fields"), [
    ("本文来自微信公众号:硅谷101 (ID:TheValley101),采访:泓君,文字:何源清,题图来自:《机器人总动员》",
     {"source": "硅谷101", "author": "泓君", "image_credit": "《机器人总动员》"}),
    ("2022-12-17", {"date": "2022-12-17"}),
    ("2022年12月7日 10:30 星期六", {"date": "2022-12-07 10:30"}),
    ("發佈時間：2023年1月2日", {"date": "2023-01-02"}),
    ("阅读量 1.2万", {"views": 12000}),
    ("來源：新華網　作者：李四", {"source": "新華網", "author": "李四"}),
    ("责任编辑：王五", {"editor": "王五"}),
    ("来源：网络", {}),
    # A date with no label on a line another rule takes (the view counter here) is still the
    # page's date; one inside a URL is not.
    ("2024-03-15 10:23:45 来源：新浪科技 作者：李明 阅读：1,234",
     {"date": "2024-03-15 10:23:45", "source": "新浪科技", "author": "李明", "views": 1234}),
    ("2024/02/06 14:30 中央社記者 陳怡君／台北6日電",
     {"date": "2024-02-06 14:30", "author": "陳怡君"}),
    ("2024-02-06 新华社记者 张三 李四", {"date": "2024-02-06", "author": "张三 李四"}),
    ("2023/10/31 14:05 中央社記者楊明珠東京31日專電", {"date": "2023-10-31 14:05", "author": "楊明珠"}),
    ("（责编：赵欣悦、高雷）", {"editor": "赵欣悦、高雷"}),
    ("2023年11月20日 09:15 新浪财经", {"date": "2023-11-20 09:15"}),
    ("澎湃新闻记者 李华", {"author": "李华"}),
    ("本文来源：汽车之家", {"source": "汽车之家"}),
    ("（文章来源：东方财富研究中心）", {"source": "东方财富研究中心"}),
    ("环球网报道 记者 王五", {"author": "王五"}),
    ("2023-10-03 11:20 聯合報／ 記者李明／台北即時報導", {"date": "2023-10-03 11:20", "author": "李明"}),
    ("张三 · 2023-11-30 09:00", {"date": "2023-11-30 09:00"}),
    ("（編輯：林克倫）1121031", {"editor": "林克倫"}),
    ("原创 张三 科技前线 2023-11-02 08:00 发表于北京", {"date": "2023-11-02 08:00"}),
    ("来源：新浪 http://news.example.com/2024/03/15/1.html",
     {"source": "新浪", "url": "http://news.example.com/2024/03/15/1.html"}),
])
def test_fields(stage: BoilerplateStage, line: str, fields: dict[str, object]) -> None:
    import cleanse

    doc = stage(cleanse.Document(source="t", text=f"{line}\n{BODY}"))
    assert doc.changes and doc.changes[0].line == 1
    assert doc.fields == fields


def test_script_and_width_insensitive(stage: BoilerplateStage) -> None:
    import cleanse

    for line in ("来源:新华网", "來源：新華網", "来源：新华网"):
        doc = stage(cleanse.Document(source="t", text=f"{line}\n{BODY}"))
        assert [change.reason for change in doc.changes] == ["meta-line"], line
