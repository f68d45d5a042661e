"""The static site: views, pages, charts, search, the mkdocs plugin, build and publish."""
