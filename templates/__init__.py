"""The Word and text templates, shipped inside the package as `generator.templates`."""
