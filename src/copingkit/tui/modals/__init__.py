"""Small dialogs that return a value with `dismiss`."""
