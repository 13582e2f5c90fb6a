"""The quality wing: what happens to the model's answer before the user sees it.

Grounding (``assemble``: names and quotes found in the article, spans attached), sentence
anchoring (``anchor``), the recall pass's choice of sentences and merge (``recall``), the
repair rules (their table ``repair``, on the machinery of ``registry``; the rules in ``rules``,
one module per decision, reading each field with ``readers``; merging reports of one contact
with ``dedupe``), and ``postprocess``, which runs them all
in order on the model's answers: the one function a correct answer must survive.
It never imports the model client libraries: it works on schema records and article text
only, so each rule can be tested and measured offline.
"""
