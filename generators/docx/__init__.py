"""Word files, on the ground floor: a template made once with pandoc (template), its reference document
(reference), filled by token (fill, mirrored by docs/javascripts/docx_vullen.js), and the file cache of slow steps
(cache). Nothing here knows about content: agreements and the stappenplan hand it Markdown and values."""
