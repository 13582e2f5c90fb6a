"""The text wing: article text, its folding and normalization, and the language data.

Nothing here talks to a model or knows the faces (CLI, service, evaluation): it is plain data
and pure functions over strings, shared by grounding, repairs and the scorer so that they agree.
"""
