"""Translation: each language's tree, wagtail-localize's routes, the admin's overview."""
