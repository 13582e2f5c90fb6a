"""The repair rules, one module per decision they make about a record.

Each rule reads the record's own clause of the article (``quality.dedupe.clause``, in the
sentence that reports it, ``quality.anchor``) and enforces one part of the annotation
guidelines (``eval/GUIDELINES.md``) from a surface cue there, or from the model's own second
answer (``judge``). The table that orders them, and the entry point, is ``quality.repair``;
the modules here do not import it, nor each other but for ``_edit``.

- ``people``: who the participants are (names without titles, persons not institutions, the
  state each one represents).
- ``judge``: what the model, asked again about a record, is sure of (no contact, medium,
  status) and how sure it must be (``JUDGE_SURE``).
- ``existence``: whether a record is a contact at all, and how many contacts it is.
- ``medium_status``: how the people met and whether the meeting took place.
- ``place``: where it took place.
- ``roles``: who hosted whom.
- ``date``: when it took place.
- ``_edit``: writing a changed field back to a record with its ``repaired`` flag.
"""
