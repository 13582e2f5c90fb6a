"""English instruction-like text aimed at a model (see the package docstring)."""

PATTERNS: tuple[str, ...] = (
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|original|system)\s+"
    r"(?:instructions?|prompts?|rules|directions|commands)",
    r"\b(?:output|return|produce|generate|report|extract|add|create|insert)\s+"
    r"(?:a|an|one|another|the\s+following)\s+(?:new\s+|fake\s+)?(?:meeting|record|json)\b",
    r"\byou\s+are\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:ai|assistant|language\s+model|chatbot)\b",
    r"\b(?:new|updated|system)\s+(?:instructions?|prompt)\s*:",
    r"\bas\s+an\s+ai(?:\s+language)?\s+model\b",
    r"<<<\s*(?:system|assistant|user)\s*>>>",
    r"\[/?(?:system|inst)\]",
)
