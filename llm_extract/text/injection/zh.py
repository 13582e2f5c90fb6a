"""Chinese instruction-like text aimed at a model (see the package docstring)."""

PATTERNS: tuple[str, ...] = (
    r"(?:忽略|无视|忘记|忘掉)(?:之前|以上|先前|前面|上面|所有|全部)*(?:的)?(?:所有|全部)?(?:指令|指示|说明|规则|提示)",
    r"(?:输出|生成|添加|返回|编造|创建)(?:一|一个|一次|一条)?(?:新的)?(?:会议|会面|会谈|记录)",
    r"新(?:的)?(?:指令|指示)\s*[:：]",
    r"你现在是",
)
