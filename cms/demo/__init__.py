"""The demo site: its content as data (``data/*.toml``) and the builders that load it.

``cms.demo.loader.load`` is what ``manage.py load_demo`` runs.
"""
