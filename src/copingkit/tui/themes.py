"""copingkit's own themes: calm (default), dark and high contrast.

Colours stay soft and low in saturation; nothing flashes or shouts. The high-contrast theme is
for low vision and bright rooms: pure black and white with one strong accent.
"""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

DEFAULT_THEME = "copingkit-calm"

CALM = Theme(
    name="copingkit-calm",
    primary="#4F7A74",
    secondary="#7C6F9B",
    accent="#B9855A",
    warning="#B98A2E",
    error="#A8514B",
    success="#5B8A5A",
    foreground="#2E3A3A",
    background="#F4F1EA",
    surface="#ECE7DC",
    panel="#E2DCCF",
    dark=False,
)

DARK = Theme(
    name="copingkit-dark",
    primary="#7FB3AA",
    secondary="#A99CCB",
    accent="#D9A877",
    warning="#D8B35A",
    error="#D98880",
    success="#8CBF8A",
    foreground="#E3E6E3",
    background="#1E2424",
    surface="#263030",
    panel="#2F3B3B",
    dark=True,
)

HIGH_CONTRAST = Theme(
    name="copingkit-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFAA00",
    error="#FF6E6E",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "footer-key-foreground": "#FFFF00",
        "input-selection-background": "#FFFF00 60%",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
    },
)

THEMES: tuple[Theme, ...] = (CALM, DARK, HIGH_CONTRAST)

THEME_LABELS: dict[str, str] = {
    "copingkit-calm": "Calm (light)",
    "copingkit-dark": "Calm (dark)",
    "copingkit-high-contrast": "High contrast",
    "textual-light": "Plain light",
    "textual-dark": "Plain dark",
}


def register_themes(app: App) -> None:
    for theme in THEMES:
        app.register_theme(theme)


def apply_theme(app: App, name: str) -> str:
    """Switch to `name` if it is known, else the default; returns the theme in use."""
    if name not in app.available_themes:
        name = DEFAULT_THEME
    app.theme = name
    return name
