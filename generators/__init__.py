"""Wat moet en wat mag: content -> validated model -> site pages and DOCX agreements."""
