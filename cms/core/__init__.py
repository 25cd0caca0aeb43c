"""The kernel every concept stands on: languages, visibility, blocks, fields, validators.

The lowest layer with ``cms.platform``: nothing here imports another ``cms``
package.
"""
