"""One screen per module, each with its stylesheet beside it; siblings that never import each other.

A screen opens another by destination name (`app_context(self).push_destination("editor", ...)`);
tui/navigation.py maps names to screen classes, and registering a new screen is one line there.
"""
