"""What every page shows around its content, read once per content generation (``chrome``)."""
