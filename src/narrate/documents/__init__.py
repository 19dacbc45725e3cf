"""Readers that turn a source (file, URL, text) into an Article."""
