"""Chinese cues (simplified and traditional). Han characters match at any position: the script
writes no spaces between words."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("zh")

PHONE: tuple[Cue, ...] = stem("通电话", "电话", "通話")
VIDEO: tuple[Cue, ...] = stem("视频")
POSTPONED: tuple[Cue, ...] = stem("推迟", "延期")
CANCELLED: tuple[Cue, ...] = stem("取消")
# Future markers: "将" alone is also the object marker (将…交给), so its future uses.
PLANNED: tuple[Cue, ...] = stem(
    "将于", "将在", "将与", "将同", "将会", "将赴", "将前往", "将访问", "将出席", "将举行", "即将",
    "拟于", "计划于", "预计", "將於", "將在", "將與", "將會", "將訪問", "將出席", "將舉行", "即將",
)
PAST_CONTACT: tuple[Cue, ...] = stem(
    "会见了", "会晤了", "举行了", "进行了", "通了电话", "會見了", "舉行了", "進行了",
)
SEPARATELY: tuple[Cue, ...] = stem("分别", "分別")
RECEPTION: tuple[Cue, ...] = stem("会见", "接见", "會見", "接見", "接待")
MEET: tuple[Cue, ...] = stem("会谈", "会晤", "会面", "见面", "磋商", "會談", "會晤", "會面", "見面")
IN_PERSON_MEET: tuple[Cue, ...] = stem(
    "会见", "会晤", "会面", "见面", "會見", "會晤", "會面", "見面", "间隙", "間隙",
)
# With the text split at 。 (no space after it), a record's sentence must hold its own word:
# meeting (会面, 见面, 拜会), consulting (磋商), attending (出席) and meetings (会议) too.
CONTACT: tuple[Cue, ...] = stem("访问", "峰会", "通话", "会见", "会谈", "会晤", "會見", "會談",
                                "会面", "见面", "拜会", "磋商", "出席", "会议")
# Simplified and traditional forms: a visit, a visit to China, arriving, travelling abroad.
VISIT: tuple[Cue, ...] = stem(
    "访问", "訪問", "到访", "到訪", "来访", "來訪", "出访", "出訪", "访华", "訪華", "抵达", "抵達",
)
VENUE: tuple[Cue, ...] = word("宫")
NOT_PERSONS: tuple[Cue, ...] = ()
# Offices written before a name with no space ("意大利总统纳波利塔诺"), longest first where one
# holds another (国家主席 before 主席).
TITLES: tuple[Cue, ...] = stem(
    "国家主席", "副主席", "主席", "副总统", "总统", "副总理", "总理", "首相",
    "国务卿", "国务委员", "外交部长", "外交部部长", "外长", "国防部长", "部长",
    "众议长", "参议长", "议长", "国王", "女王", "王储", "大使", "秘书长", "特使",
    "委员长", "书记", "总书记", "省长", "市长", "公安部部长",
    "總統", "總理", "外交部長", "部長")
HYPOTHETICAL: tuple[Cue, ...] = stem("可能")
GROUP: tuple[Cue, ...] = word("双方", "两国领导人", "代表团")
ATTENDEE: tuple[Cue, ...] = stem("陪同")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IT": word("意大利"),
    "JP": word("日本"),
    "IN": word("印度"),
    "KR": word("韩国"),
    "IR": word("伊朗"),
    "TR": word("土耳其"),
    "SA": word("沙特"),
    "US": word("美国"),
    "GB": word("英国"),
    "FR": word("法国"),
    "DE": word("德国"),
    "RU": word("俄罗斯"),
    "CN": word("中国"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("巴格达"),
    "Tehran": word("德黑兰"),
    "Riyadh": word("利雅得"),
    "Cairo": word("开罗"),
    "Washington": word("华盛顿"),
    "New York": word("纽约"),
    "London": word("伦敦"),
    "Paris": word("巴黎"),
    "Berlin": word("柏林"),
    "Moscow": word("莫斯科"),
    "Beijing": word("北京"),
    "Tokyo": word("东京"),
    "Osaka": word("大阪"),
}
HOSTING: tuple[Cue, ...] = word("主持", "主辦", "主办")
SUMMIT: tuple[Cue, ...] = word("峰会", "峰會")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": stem("今天", "今日", "今晨", "今晚"),
    "yesterday": stem("昨天", "昨日", "昨晚"),
    "tomorrow": stem("明天", "明日"),
    "monday": stem("周一", "星期一", "週一"),
    "tuesday": stem("周二", "星期二", "週二"),
    "wednesday": stem("周三", "星期三", "週三"),
    "thursday": stem("周四", "星期四", "週四"),
    "friday": stem("周五", "星期五", "週五"),
    "saturday": stem("周六", "星期六", "週六"),
    "sunday": stem("周日", "星期日", "星期天", "週日"),
}
