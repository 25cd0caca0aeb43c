"""What one run of the demo loader made, and what it tells the person running it."""


class Progress:
    """Counts the objects a run creates and passes its messages on.

    The count tells the last message whether the run changed anything: the
    loader is idempotent, so a second run must report that nothing changed.
    """

    def __init__(self, log=None):
        self.created = 0
        self._log = log

    def log(self, message):
        """Pass ``message`` on, unless the run is quiet (no ``log``)."""
        if self._log is not None:
            self._log(message)

    def made(self, message=None, count=1):
        """Count ``count`` new objects (a bool counts as 0 or 1) and log ``message``."""
        self.created += count
        if message:
            self.log(message)
