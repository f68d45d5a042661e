"""The static site: views, pages, charts, search; the build in three steps (genereer, motor, afwerking),
preview and publish."""
