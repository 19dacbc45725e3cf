"""narrate's version: a module of its own, so that nothing inside narrate imports the
package face (narrate/__init__.py), and the one place the version is written (pyproject.toml
reads it from here), so the CLI starts without asking the installed metadata for it."""

__version__ = "0.1.0"
