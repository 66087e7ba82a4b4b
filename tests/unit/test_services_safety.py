"""Safety plan and support contacts: steps in order, items ordered, edits, contacts, HTML export."""

from __future__ import annotations

import re

import pytest

from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.models import SAFETY_PLAN_STEPS
from copingkit.core.services import Services
from copingkit.core.services.safety import render_safety_plan_html


def texts(services: Services, step: str) -> list[str]:
    return [item.text for item in services.safety.step(step).items]


def test_an_empty_plan_has_all_seven_sections_in_order(services: Services) -> None:
    plan = services.safety.plan()
    assert [step.key for step in plan.steps] == list(SAFETY_PLAN_STEPS)
    assert [step.number for step in plan.steps] == [1, 2, 3, 4, 5, 6, None]
    assert plan.steps[-1].title == "Reasons to keep going"
    assert plan.is_empty and all(step.prompt for step in plan.steps)


def test_set_items_replaces_a_step_in_order_and_leaves_others(services: Services) -> None:
    safety = services.safety
    safety.set_items("warning_signs", ["Not sleeping", "  ", "Pulling away from people"])
    safety.set_items("reasons_to_live", ["My dog, Biscuit"])
    assert texts(services, "warning_signs") == ["Not sleeping", "Pulling away from people"]
    safety.set_items("warning_signs", ["Pulling away from people"])
    plan = safety.plan()
    assert [item.text for item in plan.step("warning_signs").items] == ["Pulling away from people"]
    assert [item.text for item in plan.step("reasons_to_live").items] == ["My dog, Biscuit"]
    assert not plan.is_empty


def test_add_remove_move_and_reorder_items(services: Services) -> None:
    safety = services.safety
    a = safety.add_item("internal_coping", "Walk round the block")
    b = safety.add_item("internal_coping", "Cold water on my hands")
    c = safety.add_item("internal_coping", "Music, loud", position=0)
    assert texts(services, "internal_coping") == ["Music, loud", "Walk round the block", "Cold water on my hands"]
    safety.move_item(b.id, -1)
    assert texts(services, "internal_coping") == ["Music, loud", "Cold water on my hands", "Walk round the block"]
    safety.move_item(c.id, -5)  # already first: stays
    safety.move_item(a.id, +9)  # already last: stays
    assert texts(services, "internal_coping")[0] == "Music, loud"
    safety.reorder("internal_coping", [a.id, b.id, c.id])
    assert texts(services, "internal_coping") == ["Walk round the block", "Cold water on my hands", "Music, loud"]
    safety.update_item(b.id, "  Cool water,   not icy ")
    safety.remove_item(a.id)
    step = safety.step("internal_coping")
    assert [(item.text, item.position) for item in step.items] == [("Cool water, not icy", 0), ("Music, loud", 1)]


def test_bad_input_is_refused_calmly(services: Services) -> None:
    safety = services.safety
    with pytest.raises(InvalidInput):
        safety.add_item("not_a_step", "x")
    with pytest.raises(InvalidInput):
        safety.add_item("warning_signs", "   ")
    with pytest.raises(InvalidInput):
        safety.add_item("warning_signs", "x" * 501)
    with pytest.raises(NotFound):
        safety.remove_item(999)
    item = safety.add_item("warning_signs", "one")
    with pytest.raises(InvalidInput):
        safety.reorder("warning_signs", [item.id, item.id])
    with pytest.raises(InvalidInput):
        safety.add_contact("  ")
    with pytest.raises(NotFound):
        safety.update_contact(42, name="x")


def test_contacts_are_ordered_and_editable(services: Services) -> None:
    safety = services.safety
    sam = safety.add_contact("Sam (sister)", how_to_reach="07700 900123")
    jo = safety.add_contact("Jo from group", how_to_reach="text 07700 900456", note="evenings")
    dr = safety.add_contact("Dr Patel", position=0)
    assert [c.name for c in safety.contacts()] == ["Dr Patel", "Sam (sister)", "Jo from group"]
    safety.move_contact(jo.id, -2)
    assert [c.name for c in safety.contacts()] == ["Jo from group", "Dr Patel", "Sam (sister)"]
    updated = safety.update_contact(sam.id, how_to_reach=None, note="any time")
    assert (updated.name, updated.how_to_reach, updated.note) == ("Sam (sister)", None, "any time")
    safety.remove_contact(dr.id)
    assert [(c.name, c.position) for c in safety.contacts()] == [("Jo from group", 0), ("Sam (sister)", 1)]
    assert safety.reorder_contacts([sam.id, jo.id])[0].name == "Sam (sister)"


def test_html_export_escapes_everything_and_has_no_script(services: Services) -> None:
    safety = services.safety
    safety.add_item("warning_signs", "<script>alert('x')</script> & \"quotes\"")
    safety.add_contact("<b>Sam</b>", how_to_reach="<img src=x onerror=alert(1)>")
    page = safety.export_html(country="GB")
    assert "<script" not in page and "<img" not in page and "<b>Sam" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert "&lt;b&gt;Sam&lt;/b&gt;" in page
    assert "Samaritans" in page and "116 123" in page and "999" in page
    assert (
        page.index("1. Warning signs")
        < page.index("6. Making my surroundings safer")
        < page.index("Reasons to keep going")
    )
    assert not re.search(r"<(?:img|link|script|iframe|a)\b", page)


def test_html_render_without_country_says_local_emergency_number(services: Services) -> None:
    page = render_safety_plan_html(services.safety.plan(), [])
    assert page.count("call your local emergency number.") == 1 and "Rarely, when a life" in page
    assert "know which country you are in" in page and "Find A Helpline" in page
    assert page.count('class="blank"') == 14


def test_plan_and_contacts_survive_export_and_import(services: Services, clock) -> None:
    services.safety.set_items("reasons_to_live", ["My kids", "The sea"])
    services.safety.set_items("warning_signs", ["Not eating"])
    services.safety.add_contact("Sam", how_to_reach="0770")
    document = services.transfer.export_document()
    fresh = Database.new()
    try:
        other = Services(fresh, clock=clock)
        other.transfer.import_document(document)
        assert [i.text for i in other.safety.step("reasons_to_live").items] == ["My kids", "The sea"]
        assert [(c.name, c.how_to_reach) for c in other.safety.contacts()] == [("Sam", "0770")]
    finally:
        fresh.close()
    shared = services.transfer.export_document(shared_only=True)
    assert not shared["tables"].get("safety_plan_item") and not shared["tables"].get("support_contact")


def test_the_printable_copy_leaves_off_hidden_lines_as_get_help_does(services: Services) -> None:
    page = services.safety.export_html(country="GB", hide=(" shout ",))
    assert "Samaritans" in page and "116 123" in page
    assert "Shout" not in page and "85258" not in page
    assert "85258" in services.safety.export_html(country="GB")


def test_the_printable_copy_shows_a_corrected_line_marked_as_get_help_does(services: Services) -> None:
    from copingkit.config import LineCorrection

    fixes = (LineCorrection(service="Shout", kind="text", value="99999"),)
    page = services.safety.export_html(country="GB", corrections=fixes)
    assert "text 99999 (your correction)" in page
    assert "85258" not in page
    assert "85258" in services.safety.export_html(country="GB")
