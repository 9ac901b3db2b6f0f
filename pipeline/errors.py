"""Exceptions newsgraph raises on purpose; each message names the bad value and the fix."""


class PipelineError(Exception):
    """Base class: a runtime problem the user can act on (exit code 1)."""


class CorpusError(PipelineError):
    """A document cannot be read; the run skips it and says why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class RuleError(PipelineError):
    """A rule or lexicon file in ontologies/ is malformed."""


class ModelNotFound(PipelineError):
    """The spaCy pipeline named by --model / NEWSGRAPH_MODEL is not installed."""
