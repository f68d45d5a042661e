"""Agreements: values, rules and DOCX. Built on inhoud; knows nothing of the site."""
