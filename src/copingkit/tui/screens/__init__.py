"""One screen per module, each with its stylesheet beside it.

The app imports screens lazily (`copingkit.tui.app.DESTINATIONS`), so a screen module that doesn't
exist yet never breaks start-up.
"""
