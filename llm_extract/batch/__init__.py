"""Batch extraction: a folder of ``.txt`` articles and ``.html`` pages or a JSONL file in, one
JSONL line per input out.

Guarantees, and why each matters for runs that take hours:

* **One line per input, never lost.** An unusable input (bad UTF-8, empty text, a JSONL line
  without ``id`` or with a repeated one, with both or neither of ``text`` and ``html``, a page
  without an article) gets an ``"error"`` line like a failed extraction.
* **Whole lines only.** Each line is one ``os.write`` to a file opened ``O_APPEND``, under a
  lock, fsynced every few lines and at the end; a crash can at worst leave one torn last line,
  which the next run ignores and writes past.
* **Resumable.** A re-run reads the output, skips every input already there (``--retry-errors``
  redoes failed ones; the newest line for an input wins) and appends the rest.
* **Clean Ctrl-C.** Pending inputs are cancelled, running ones finish and write their line
  (a second Ctrl-C abandons them and writes nothing more), so resuming loses and repeats nothing.

Inputs are keyed by ``id``; a JSONL line that has no usable id, or repeats one, is keyed by its
``source`` (``FILE:LINE``) so its error line is resumable too. Work runs on N threads, the
extractor being thread-safe and blocking on the model endpoint.
"""

from llm_extract.batch.inputs import (
    BatchItem,
    DuplicateIdError,
    InvalidRecordError,
    MissingIdError,
    read_inputs,
    record_item,
)
from llm_extract.batch.output import LineWriter, read_done
from llm_extract.batch.runner import BatchSummary, extract_line, run_batch

__all__ = [
    "BatchItem",
    "BatchSummary",
    "DuplicateIdError",
    "InvalidRecordError",
    "LineWriter",
    "MissingIdError",
    "extract_line",
    "read_done",
    "read_inputs",
    "record_item",
    "run_batch",
]
