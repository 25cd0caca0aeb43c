"""What the settings point at: middleware, storage, upload forms, backups.

The lowest layer with ``cms.core``: nothing here imports another ``cms``
package (``backup`` names the models it counts by label, at call time).
"""
