"""French instruction-like text aimed at a model (see the package docstring)."""

PATTERNS: tuple[str, ...] = (
    r"\b(?:ignore[zs]?|oublie[zs]?|ne\s+tiens\s+pas\s+compte\s+des)\s+(?:toutes\s+)?(?:les\s+|tes\s+|vos\s+)?"
    r"(?:instructions|consignes|règles)(?:\s+(?:précédentes|ci-dessus|antérieures))?",
    r"\b(?:génère[zs]?|produi[st]|produisez|renvoie[zs]?|écri[st]|écrivez|ajoute[zs]?|crée[zs]?)\s+"
    r"une\s+(?:nouvelle\s+)?réunion\b",
    r"\bnouvelles\s+(?:instructions|consignes)\s*:",
    r"\b(?:tu\s+es|vous\s+êtes)\s+(?:maintenant\s+)?un\s+(?:assistant|modèle)\b",
)
