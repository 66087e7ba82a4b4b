"""Checks for the bundled content files and the loader that reads them.

Two kinds of test: the shipped files meet the content rules (CONTENT.md), and the validators
refuse data that breaks those rules, so a check cannot silently pass.
"""

from __future__ import annotations

import copy
import math
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from importlib import resources

import pydantic
import pytest

from copingkit.core import content
from copingkit.core.content import (
    ContentError,
    crisis_data_age_days,
    emergency_number,
    generate_passphrase,
    is_crisis_data_stale,
    load_crisis_lines,
    load_emergency_numbers,
    load_learn_cards,
    load_prompts,
    load_reactions,
    load_strategies,
    load_wordlist,
    validate_crisis_lines,
    validate_emergency_numbers,
    validate_learn_cards,
    validate_prompts,
    validate_reactions,
    validate_strategies,
    validate_wordlist,
)

REACTION_IDS = {
    "reminders-flashbacks",
    "nightmares-sleep",
    "anxiety-panic",
    "on-edge",
    "avoidance",
    "numb-disconnected",
    "shame-guilt",
    "anger",
    "low-mood-hopeless",
    "lonely-isolated",
    "trust",
}

# The crisis-line table in CONTENT.md, as (country, service, contact values that must appear).
CONTENT_TABLE = {
    ("US", "988 Suicide & Crisis Lifeline"): {("call", "988"), ("text", "988")},
    ("US", "Veterans Crisis Line"): {("call", "988"), ("text", "838255")},
    ("US", "Crisis Text Line"): {("text", "741741")},
    ("US", "RAINN National Sexual Assault Hotline"): {("call", "1-800-656-4673")},
    ("US", "National Domestic Violence Hotline"): {("call", "1-800-799-7233"), ("text", "88788")},
    ("GB", "Samaritans"): {("call", "116 123"), ("email", "jo@samaritans.org")},
    ("IE", "Samaritans"): {("call", "116 123"), ("email", "jo@samaritans.org")},
    ("GB", "Shout"): {("text", "85258")},
    ("CA", "9-8-8 Suicide Crisis Helpline"): {("call", "988"), ("text", "988")},
    ("AU", "Lifeline"): {("call", "13 11 14"), ("text", "0477 13 11 14")},
    ("NZ", "Need to talk? 1737"): {("call", "1737"), ("text", "1737")},
    ("DE", "TelefonSeelsorge"): {("call", "0800 111 0 111"), ("call", "0800 111 0 222")},
    ("FR", "3114 (numéro national de prévention du suicide)"): {("call", "3114")},
    ("*", "Find A Helpline"): {("web", "https://findahelpline.com/")},
}

EMERGENCY = {
    "US": "911",
    "CA": "911",
    "GB": "999",
    "IE": "112",
    "DE": "112",
    "FR": "112",
    "ES": "112",
    "AU": "000",
    "NZ": "111",
}

# Words a generated passphrase must never contain (CONTENT.md: trauma-informed). The shipped
# word list is the EFF large list with these removed; see wordlist.LICENSE.
BLOCKED_WORDS = frozenset(
    """
    abnormal abrasion absinthe abuse abused abuser achiness aching affair afflicted afraid
    afterlife aftermath aghast agonize agonizing agony aids alarm alibi alienate alone ambulance
    ambush amniotic anemia anemic aneurism anger angrily angriness anguished animosity apprehend
    armed arming armless armored armory army arousal arrest arrogance arrogant arson ashamed
    ashen ashes aspirin assault atrocious atrophy autism autistic avenge avenging backache
    backstab badass badly badness banish banshee barbed barrack barricade bash battalion
    battered battering battle bazooka blade blame blaming blaspheme blasphemy blast bleach bleak
    blemish blighted bloated bloating blood bloody blubber blunt bomb boned bonehead boney bony
    boogeyman boogieman boozy breeder breeding bribe brink broken browbeat brownnose bruising
    brute brutishly buckshot buddhism buddhist bulge bulginess bullet bullfight bullwhip bully
    bust calamity caliber cannabis cannon captive captivity capture cardiac careless carnage
    cartel casket casualty catacomb catatonic catcall catfight cathouse caucasian cauterize
    cavalry celibacy celibate cesarean cesspool chain chaos chaste chastise chastity cheating
    chemo childless chokehold choking chubby chump clammy cleaver clench clergyman clobber
    clubbed clubbing clumsily clumsy coerce coffin coke coma confess confined confining consent
    constable constrain constrict contempt contusion coronary coroner corporal corpse corset
    crazed crazily craziness crazy cringe cringing crook crowbar cruelly cruelness cruelty
    crushed crushing culpable culprit curfew curse cussed custody cut dagger danger dastardly
    dead deafening deafness death deceased deceit deceiver deceiving deception deceptive
    decompose deface defacing defame defeat defective defendant defile defiling degraded
    degrading dejected delirious delirium delouse delusion demeaning demise demote demotion
    departed deplored depraved depravity depress deprive deranged desecrate desolate despair
    despise destitute destruct detached detention detest detonate detonator deviancy deviant
    devious devourer devouring diabetes diabetic diabolic diagnoses diagnosis dictator die died
    dilation dingbat disabled disaster disfigure disgrace disloyal disorder disown distress
    distrust divorcee dork dosage dose douche dreaded dreadful drinking drown dupe duplicity
    duress dweeb dying dynamite dyslexia dyslexic earache egomaniac embattled embezzle embolism
    emergency emptier emptiness empty endanger enforcer engorge enrage enslave ensnare entomb
    entrap epidemic epidural epilepsy epileptic eradicate escalate eskimo estranged estrogen
    evacuate evacuee evict evil excretion excretory exes exhume exile exorcism exorcist expel
    expire expiring explode exploit expulsion extortion extradite failing famine fanatic fascism
    fasting feeble feminize ferocious ferocity fester fetal fever filth flaccid flashback
    flashing fled fleshed fleshy flinch flirt flogging fondling fool footsie foster fracture
    frail frantic freebase freefall frenzied frenzy frighten frightful frigidity frigidly frisk
    frostbite funeral gag gallows gallstone gambling gangrene garter gauze gentile geriatric
    gestate gestation gigolo girdle gladiator glaucoma gloating gloomily gloomy glutton gonad
    gone goon gore gorged gory gossip gout graceless grapple grappling graveness graves
    graveyard grief grievance grieving grievous grimace grimacing groin grope grudge grueling
    gun guns gutless guts hacksaw handcuff handgun hangover hardhead hardship harmful hatchet
    hate hatred haunt hazard hazing headache headless headlock headsman headstone heave heaving
    helpless helpline hemlock henchman hostage humiliate humped hunchback hunter hunting
    huntress huntsman hurled hurler hurling hurricane hurt hypnotize hypocrisy hypocrite
    ibuprofen idiocy illicitly imbecile immature immodest immorally impaired impale imperfect
    implode implosion implosive impotence impotency impotent imprison impure impurity islamic
    islamist isolated isolating isolation jab jackknife jailbird jailbreak jailer jailhouse
    jaundice jeeringly jockstrap judgingly jugular junkie keg kill killer killing kissable
    kisser kissing knife knives landmine landslide lash latrine laxative lazily laziness lazy
    lethargic lethargy limping liqueur lividly lubricant lubricate luckless lunacy lurk
    lustfully lustily lustiness lusty lying mace maggot maimed malformed mammary mammogram
    mangle manhandle manhunt marauding margarita mayday moaner moaning mobster mocker mongrel
    monstrous moonshine morbidity morbidly morphine mortality mortally mortician mortified
    mortify mortuary mourner mournful mummified mummify murder musket mutilated mutilator mutiny
    muzzle nag nastily nastiness naturist neglector negligee negligent nemeses nemesis nerd
    neurosis neurotic neuter nicotine noose numbing numbly numbness nutcase nuttiness nutty oaf
    obedience obedient obituary oblivion obnoxious obsessed obsession obsessive occultist ogle
    ominous onslaught opium oppressed oppressor outburst outcast overboard overdose overeater
    overfed overfeed overkill pacemaker pagan pandemic panic pantyhose paralyses paralysis
    paralyze paramedic parasite parasitic parole paternity pauper pelvis penknife penniless
    pentagram perish perjurer perjury persecute pessimism pessimist phobia pistol plunging
    pointless poison police polio polygraph postwar pox precinct predator pregnancy pregnant
    prenatal procreate procurer profane profanity prognosis prowler prowling prozac prude
    prudishly pulverize pummel punch punctured punisher purgatory purge purging pyromania
    quicksand rabid racism rage raging raider ransack rape raped ravage ravishing reburial
    reckless rectal regretful rehab relapse relapsing remission remorse repossess repressed
    reprimand reproach repugnant repulsion repulsive reshoot retaliate revenge revolver ribcage
    riddance rifle rifling riot ritalin robbing rope roping rotten rotting roulette roundworm
    rubble ruined rupture saber sabotage sacrifice sadden sadly sadness savage scabbed scabby
    scalded scalding scalping scam scandal scapegoat scared scarily scariness scarring scary
    schnapps scolding scorn scoundrel scowling scrawny scurvy secluded secluding seclusion
    sedation sedative seduce seducing sensually sensuous septic serrated shame sharpener sheath
    shiftless shock shoot shooting shoplift showgirl shrapnel shriek shrouded shudder silenced
    silencer sinister sinner skeletal skeleton skinhead skinning skinny skirmish slacker
    slacking slain slander slapping slashed slashing slighted slingshot slum smasher smashing
    smashup smite smother smuggler smuggling snare sneer snide snitch spearman spinster squealer
    stab stabbed stammer starved starving stench sterile sterility sterilize stifle stifling
    stimulant stinking stoning stooge strangle stress stricken strife strike striking stupor
    sufferer suffering suffocate suicide surgery surgical surrender suspect swinger symptom
    syndrome tainted tantrum taunt theft thieving thievish thong thrash threaten throbbing
    throttle torture tragedy traitor trapdoor trapped trapper trapping traps trash travesty
    treachery treason tremble trembling tremor trench trespass triage trial tribunal trickery
    trimester trouble troubling trump trustless tubby turmoil turret twerp twisted twitch
    ultimatum umbilical unarmored unbalance unblessed uncaring unclad unclothed undead underage
    underfed underwear undesired undress unfair unfeeling unfixable ungodly unguarded unhappily
    unhappy unhealthy unhinge unholy uninjured uninvited unisexual unkind unlawful unleash
    unlikable unlivable unlovable unloved unlovely unloving unluckily unlucky unmoral unnatural
    unnerve unnerving unrest unrobed unsafe unseemly unsettled unsheathe unsightly unstable
    unsteady unsterile untimely unwanted unwashed unwed unwelcome unwell unworthy upchuck
    upheaval uprising urologist urology uselessly vagrancy vagrantly valium vendetta vengeful
    venomous verdict vertigo victim violate violation violator virus vixen void wasting weapon
    whacking widow wimp wince wincing womb worried worrier worrisome worry worsening worst wound
    wrath wreckage wrecker wrecking wrongdoer wronged wrongful wrongly wrongness yelling yiddish
    zit zombie
    """.split()
)


# --- a small valid data set, so each rejection below is caused by exactly one defect -----------

REACTIONS_OK = {
    "reaction": [
        {"id": "anger", "label": "Anger", "description": "Anger that comes fast."},
        {"id": "trust", "label": "Trust", "description": "Hard to rely on people."},
    ]
}


def _strategy(slug: str, reactions: list[str]) -> dict:
    return {
        "slug": slug,
        "title": f"Title {slug}",
        "steps": ["One.", "Two.", "Three."],
        "minutes": 3,
        "reactions": reactions,
        "approach": "Grounding: test.",
        "version": 1,
        "content_note": False,
        "ground_first": False,
        "when_calmer": False,
    }


def strategies_ok() -> dict:
    return {"strategy": [_strategy(f"s-{n}", ["anger", "trust"]) for n in range(4)]}


def prompts_ok() -> dict:
    return {
        "prompt": [
            {"id": "p-one", "theme": "hope", "text": "Hope?", "content_note": False, "ground_first": False},
            {
                "id": "p-two",
                "theme": "trauma-processing",
                "text": "Then and now?",
                "content_note": True,
                "ground_first": True,
            },
        ]
    }


def learn_ok() -> dict:
    return {
        "card": [
            {
                "id": f"card-{topic}",
                "topic": topic,
                "title": topic.title(),
                "body": ["A short paragraph.", "- a bullet"],
                "sources": [{"name": "NHS", "url": "https://www.nhs.uk/"}],
            }
            for topic in sorted(content.REQUIRED_LEARN_TOPICS)
        ]
    }


def crisis_ok() -> dict:
    return {
        "line": [
            {
                "country": "GB",
                "service": "Samaritans",
                "hours": "24/7",
                "source": "https://www.samaritans.org/",
                "last_verified": date(2026, 11, 1),
                "ways": [{"kind": "call", "value": "116 123", "note": ""}],
            }
        ],
        "emergency": [{"countries": ["GB"], "number": "999"}],
    }


def words_ok() -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [a + b + c for a in letters for b in letters for c in "aeiou"][:2048]


def test_the_valid_samples_pass() -> None:
    reactions = validate_reactions(REACTIONS_OK)
    assert len(validate_strategies(strategies_ok(), reactions)) == 4
    assert len(validate_prompts(prompts_ok())) == 2
    assert len(validate_learn_cards(learn_ok())) == len(content.REQUIRED_LEARN_TOPICS)
    assert len(validate_crisis_lines(crisis_ok())) == 1
    assert validate_emergency_numbers(crisis_ok())[0].number == "999"
    assert len(validate_wordlist(words_ok())) == 2048


# --- validators refuse bad data ----------------------------------------------------------------


def test_strategy_without_steps_is_refused() -> None:
    data = strategies_ok()
    del data["strategy"][0]["steps"]
    with pytest.raises(ContentError, match=r"strategies\.toml: strategy 's-0': field 'steps': missing"):
        validate_strategies(data, REACTION_IDS | {"anger", "trust"}, min_per_reaction=0)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], r"field 'steps': must have at least 3 item\(s\) \(has 0\)$"),
        (["One.", "Two."], r"field 'steps': must have at least 3 item\(s\) \(has 2\)$"),
        ([f"Step {n}." for n in range(8)], r"field 'steps': must have at most 7 items \(has 8\)$"),
        (["One.", "", "Three."], r"field 'steps\[2\]': is empty$"),
    ],
)
def test_strategy_with_empty_or_too_many_steps_is_refused(steps: list[str], message: str) -> None:
    data = strategies_ok()
    data["strategy"][1]["steps"] = steps
    with pytest.raises(ContentError, match=r"^strategies\.toml: strategy 's-1': " + message):
        validate_strategies(data, ["anger", "trust"])


def test_reaction_with_three_strategies_is_refused() -> None:
    data = strategies_ok()
    data["strategy"][3]["reactions"] = ["anger"]
    with pytest.raises(ContentError, match=r"reaction 'trust' has 3 strategies, needs at least 4"):
        validate_strategies(data, validate_reactions(REACTIONS_OK))


def test_reaction_with_no_strategies_is_refused() -> None:
    with pytest.raises(ContentError, match=r"reaction 'sleep' has 0 strategies"):
        validate_strategies(strategies_ok(), ["anger", "trust", "sleep"])


def test_strategy_reaction_outside_the_vocabulary_is_refused() -> None:
    data = strategies_ok()
    data["strategy"][2]["reactions"] = ["anger", "sadness"]
    with pytest.raises(ContentError, match=r"strategy 's-2': field 'reactions': unknown reaction\(s\) sadness"):
        validate_strategies(data, ["anger", "trust"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug", "Box Breathing", "kebab-case"),
        ("minutes", "five", "field 'minutes': must be a whole number"),
        ("minutes", True, "field 'minutes': must be a whole number"),
        ("minutes", 0, "field 'minutes': must be at least 1"),
        ("version", 0, "field 'version': must be at least 1"),
        ("approach", "", "field 'approach': is empty"),
        ("title", None, "field 'title': missing"),
        ("reactions", [], "field 'reactions': must have at least 1"),
        ("reaction", ["anger"], "field 'reaction': unknown field"),
    ],
)
def test_strategy_field_errors(field: str, value: object, message: str) -> None:
    data = strategies_ok()
    if value is None:
        del data["strategy"][0][field]
    else:
        data["strategy"][0][field] = value
    with pytest.raises(ContentError, match=message):
        validate_strategies(data, ["anger", "trust"], min_per_reaction=0)


def test_duplicate_slug_is_refused() -> None:
    data = strategies_ok()
    data["strategy"][1]["slug"] = "s-0"
    with pytest.raises(ContentError, match=r"strategy 's-0': field 'slug': duplicate slug"):
        validate_strategies(data, ["anger", "trust"])


def test_duplicate_reaction_id_is_refused() -> None:
    data = copy.deepcopy(REACTIONS_OK)
    data["reaction"][1]["id"] = "anger"
    with pytest.raises(ContentError, match=r"reactions\.toml: reaction 'anger': field 'id': duplicate id"):
        validate_reactions(data)


def test_crisis_line_without_source_is_refused() -> None:
    data = crisis_ok()
    del data["line"][0]["source"]
    with pytest.raises(ContentError, match=r"crisis_lines\.toml: line 'Samaritans': field 'source': missing"):
        validate_crisis_lines(data)


def test_crisis_line_with_a_non_https_source_is_refused() -> None:
    data = crisis_ok()
    data["line"][0]["source"] = "samaritans.org"
    with pytest.raises(ContentError, match="https://"):
        validate_crisis_lines(data)


def test_crisis_line_without_date_is_refused() -> None:
    data = crisis_ok()
    del data["line"][0]["last_verified"]
    with pytest.raises(ContentError, match=r"line 'Samaritans': field 'last_verified': missing"):
        validate_crisis_lines(data)


@pytest.mark.parametrize("bad", ["2026-11-01", datetime(2026, 11, 1, 12, 0), 20261101])
def test_crisis_line_date_must_be_a_date(bad: object) -> None:
    data = crisis_ok()
    data["line"][0]["last_verified"] = bad
    with pytest.raises(ContentError, match="field 'last_verified': must be a TOML date"):
        validate_crisis_lines(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda line: line.update(country="UK"), "use 'GB'"),
        (lambda line: line.update(country="gb"), "ISO 3166-1"),
        (lambda line: line.update(country="USA"), "ISO 3166-1"),
        (lambda line: line.update(ways=[]), "field 'ways': must have at least 1"),
        (lambda line: line["ways"][0].update(kind="fax"), r"field 'ways\[1\]\.kind': must be one of"),
        (lambda line: line["ways"][0].update(value=""), r"field 'ways\[1\]\.value': is empty"),
        (lambda line: line.update(hours=""), "field 'hours': is empty"),
    ],
)
def test_crisis_line_field_errors(change, message: str) -> None:
    data = crisis_ok()
    change(data["line"][0])
    with pytest.raises(ContentError, match=message):
        validate_crisis_lines(data)


def test_emergency_number_errors() -> None:
    data = crisis_ok()
    data["emergency"].append({"countries": ["GB"], "number": "112"})
    with pytest.raises(ContentError, match="duplicate country"):
        validate_emergency_numbers(data)
    data = crisis_ok()
    data["emergency"][0]["number"] = "nine nine nine"
    with pytest.raises(ContentError, match="must be digits"):
        validate_emergency_numbers(data)


def test_prompt_with_content_note_but_no_ground_first_is_refused() -> None:
    data = prompts_ok()
    data["prompt"][1]["ground_first"] = False
    with pytest.raises(ContentError, match=r"prompts\.toml: prompt 'p-two': .*ground_first = true"):
        validate_prompts(data)


def test_trauma_prompt_without_content_note_is_refused() -> None:
    data = prompts_ok()
    data["prompt"][1]["content_note"] = False
    data["prompt"][1]["ground_first"] = False
    with pytest.raises(ContentError, match="trauma-processing prompts need content_note"):
        validate_prompts(data)


def test_prompt_field_errors() -> None:
    for field, value, message in [
        ("theme", "weather", "unknown theme"),
        ("content_note", "yes", "must be true or false"),
        ("text", "  ", "field 'text': is empty"),
    ]:
        data = prompts_ok()
        data["prompt"][0][field] = value
        with pytest.raises(ContentError, match=message):
            validate_prompts(data)
    data = prompts_ok()
    data["prompt"][1]["id"] = "p-one"
    with pytest.raises(ContentError, match="duplicate id"):
        validate_prompts(data)


def test_learn_cards_missing_a_required_topic_are_refused() -> None:
    data = learn_ok()
    data["card"] = [c for c in data["card"] if c["topic"] != "crisis-lines"]
    with pytest.raises(ContentError, match=r"learn\.toml: no card for required topic\(s\) crisis-lines"):
        validate_learn_cards(data)


def test_learn_card_without_sources_is_refused() -> None:
    data = learn_ok()
    data["card"][0]["sources"] = []
    with pytest.raises(ContentError, match="field 'sources': must have at least 1"):
        validate_learn_cards(data)
    data = learn_ok()
    data["card"][0]["sources"] = [{"name": "Somewhere", "url": "http://example.org/"}]
    with pytest.raises(
        ContentError, match=r"field 'sources\[1\]\.url': must be an https:// page \(got 'http://example\.org/'\)"
    ):
        validate_learn_cards(data)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (words_ok()[:2047], "needs at least 2048"),
        (words_ok() + ["aaa"], "duplicate"),
        (words_ok()[:-1] + ["Apple"], "not 3-9 lowercase"),
        (words_ok()[:-1] + ["ox"], "not 3-9 lowercase"),
        (words_ok()[:-1] + ["elephantine"], "not 3-9 lowercase"),
    ],
)
def test_wordlist_errors(words: list[str], message: str) -> None:
    with pytest.raises(ContentError, match=message):
        validate_wordlist(words)


def test_bad_toml_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "_read_text", lambda name: "this is = = not toml")
    content._toml.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"^strategies\.toml: not valid TOML"):
            content._toml("strategies.toml")
    finally:
        content._toml.cache_clear()


# --- the shipped files -------------------------------------------------------------------------


def test_data_files_are_package_resources() -> None:
    folder = resources.files("copingkit.core.content")
    for name in (
        "reactions.toml",
        "strategies.toml",
        "prompts.toml",
        "learn.toml",
        "crisis_lines.toml",
        "wordlist.txt",
        "wordlist.LICENSE",
    ):
        assert folder.joinpath(name).is_file(), name


def test_reaction_vocabulary() -> None:
    reactions = load_reactions()
    assert {r.id for r in reactions} == REACTION_IDS
    assert all(r.label and r.description for r in reactions)


def test_strategies() -> None:
    strategies = load_strategies()
    assert len(strategies) >= 44
    assert len({s.slug for s in strategies}) == len(strategies)
    for s in strategies:
        assert 3 <= len(s.steps) <= 7, s.slug
        assert all(step.strip() for step in s.steps), s.slug
        assert set(s.reactions) <= REACTION_IDS, s.slug
        assert s.minutes >= 1 and s.version >= 1 and s.approach and s.title, s.slug


def test_every_reaction_has_enough_strategies() -> None:
    strategies = load_strategies()
    for reaction in REACTION_IDS:
        count = sum(reaction in s.reactions for s in strategies)
        assert count >= content.MIN_STRATEGIES_PER_REACTION == 4, reaction
        assert count >= 5, f"we ship at least five for {reaction}, found {count}"


def test_read_models_are_frozen() -> None:
    strategy = load_strategies()[0]
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        strategy.title = "changed"  # type: ignore[misc]
    assert isinstance(strategy.steps, tuple) and isinstance(strategy.reactions, tuple)


def test_prompts() -> None:
    prompts = load_prompts()
    assert len(prompts) >= 60
    assert len({p.id for p in prompts}) == len(prompts)
    noted = [p for p in prompts if p.content_note]
    assert noted, "trauma-related prompts must carry content notes"
    assert all(p.ground_first for p in noted)
    assert all(p.content_note for p in prompts if p.theme == "trauma-processing")
    themes = {p.theme for p in prompts}
    assert {
        "peer-support",
        "resilience",
        "trust",
        "shame",
        "self-compassion",
        "hope",
        "gratitude",
        "coping",
        "relationships",
        "body",
        "values",
        "trauma-processing",
    } <= themes
    assert content.content_note_text()


def test_learn_cards() -> None:
    cards = {c.topic: c for c in load_learn_cards()}
    assert len(load_learn_cards()) >= 8
    assert content.REQUIRED_LEARN_TOPICS <= set(cards)
    for card in load_learn_cards():
        assert card.sources and card.body and card.title, card.id
    for topic, card in cards.items():
        if topic != "data":
            assert all(s.url.startswith("https://") for s in card.sources), card.id

    def text(topic: str) -> str:
        return " ".join(cards[topic].body).lower()

    assert "rarely" in text("crisis-lines") and "emergency services" in text("crisis-lines")
    assert "diagnose" in text("ptsd-symptoms")
    for phrase in ("encrypted", "this device", "never sends", "plaintext", "recovery key"):
        assert phrase in text("data"), phrase
    assert "not a substitute for professional care" in content.learn_notice().lower()
    assert "not a substitute for professional care" in content.care_notice().lower()


def test_every_crisis_line_has_source_and_date() -> None:
    lines = load_crisis_lines(None)
    assert lines
    for line in lines:
        assert line.source.startswith("https://"), line.service
        assert isinstance(line.last_verified, date) and not isinstance(line.last_verified, datetime)
        assert line.hours and line.ways, line.service


def test_crisis_lines_match_content_md() -> None:
    shipped = {(line.country, line.service): {(w.kind, w.value) for w in line.ways} for line in load_crisis_lines(None)}
    assert set(shipped) == set(CONTENT_TABLE)
    for key, ways in CONTENT_TABLE.items():
        assert ways <= shipped[key], key


def test_gb_lists_samaritans_116_123_and_us_lists_988() -> None:
    gb = load_crisis_lines("GB")
    assert any(line.service == "Samaritans" and any(w.value == "116 123" for w in line.ways) for line in gb)
    assert load_crisis_lines("uk") == gb
    ie = load_crisis_lines("IE")
    assert any(line.service == "Samaritans" and any(w.value == "116 123" for w in line.ways) for line in ie)
    us = load_crisis_lines("US")
    assert any(w.value == "988" and w.kind == "call" for line in us for w in line.ways)
    assert any(w.value == "988" and w.kind == "text" for line in us for w in line.ways)


def test_country_lines_come_before_anywhere_lines() -> None:
    for country in ("US", "GB", "DE", None):
        lines = load_crisis_lines(country)
        kinds = [line.country == "*" for line in lines]
        assert kinds == sorted(kinds) and kinds[-1], country
        if country:
            assert {line.country for line in lines} == {country, "*"}
    assert [line.country for line in load_crisis_lines("JP")] == ["*"]


def test_emergency_numbers() -> None:
    for country, number in EMERGENCY.items():
        entry = emergency_number(country)
        assert entry is not None and entry.number == number, country
    assert emergency_number("uk").number == "999"
    assert emergency_number("JP") is None
    assert len({e.country for e in load_emergency_numbers()}) == len(load_emergency_numbers())
    note = content.emergency_note()
    assert "Rarely" in note and "emergency services" in note and "immediate" in note


def test_crisis_data_age_and_staleness() -> None:
    oldest = min(line.last_verified for line in load_crisis_lines(None))
    assert oldest == date(2026, 11, 1)
    assert crisis_data_age_days(oldest + timedelta(days=10)) == 10
    assert crisis_data_age_days(datetime(2026, 11, 11, 9, 30)) == 10
    assert not is_crisis_data_stale(oldest + timedelta(days=365))
    assert is_crisis_data_stale(oldest + timedelta(days=366))


def test_wordlist() -> None:
    words = load_wordlist()
    assert len(words) >= 2048
    assert len(set(words)) == len(words)
    assert all(w.isascii() and w.isalpha() and w.islower() and 3 <= len(w) <= 9 for w in words)
    blocked = sorted(set(words) & BLOCKED_WORDS)
    assert not blocked, blocked


def test_wordlist_licence_and_entropy_are_recorded() -> None:
    licence = resources.files("copingkit.core.content").joinpath("wordlist.LICENSE").read_text("utf-8")
    assert "CC BY 3.0 US" in licence and "Electronic Frontier Foundation" in licence
    words = len(load_wordlist())
    assert f"{words:,} words" in licence
    assert f"{math.log2(words):.2f} bits" in licence
    assert content.passphrase_entropy_bits(6) == pytest.approx(6 * math.log2(words))
    assert content.passphrase_entropy_bits(6) > 70


def test_generate_passphrase() -> None:
    words = set(load_wordlist())
    phrase = generate_passphrase()
    parts = phrase.split("-")
    assert len(parts) == 6 and set(parts) <= words
    longer = generate_passphrase(8, separator=" ").split(" ")
    assert len(longer) == 8 and set(longer) <= words
    assert len({generate_passphrase() for _ in range(5)}) == 5


def test_generate_passphrase_uses_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def choice(seq):
        calls.append(len(seq))
        return seq[0]

    monkeypatch.setattr(content.secrets, "choice", choice)
    assert generate_passphrase(7) == "-".join([load_wordlist()[0]] * 7)
    assert calls == [len(load_wordlist())] * 7


@pytest.mark.parametrize("count", [0, 5, -1, 6.0, True])
def test_generate_passphrase_refuses_short_phrases(count: object) -> None:
    with pytest.raises(ValueError, match="at least 6 words"):
        generate_passphrase(count)  # type: ignore[arg-type]


def test_content_imports_no_ui() -> None:
    code = (
        "import sys\n"
        "from copingkit.core import content\n"
        "content.load_strategies(); content.load_crisis_lines('GB'); content.generate_passphrase()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'click', 'rich')"
        " or m.startswith(('copingkit.tui', 'copingkit.cli'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_content_loads_from_a_zip(tmp_path) -> None:
    """Wheels and zipapps have no real folders: reading must go through importlib.resources."""
    import zipfile
    from pathlib import Path

    import copingkit

    package = Path(copingkit.__file__).parent
    archive = tmp_path / "copingkit.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in [
            package / "__init__.py",
            package / "core" / "__init__.py",
            *(package / "core" / "content").iterdir(),
        ]:
            if path.is_file() and path.suffix != ".pyc":
                zf.write(path, path.relative_to(package.parent).as_posix())
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(archive)!r})\n"
        "from copingkit.core import content\n"
        "assert content.__file__.startswith(sys.path[0]), content.__file__\n"
        "content.load_strategies(); content.load_prompts(); content.load_learn_cards()\n"
        "assert content.load_crisis_lines('US') and content.emergency_number('AU').number == '000'\n"
        "assert len(content.generate_passphrase().split('-')) == 6\n"
    )
    subprocess.run([sys.executable, "-I", "-c", code], check=True)


@pytest.mark.parametrize(
    ("typed", "reaction"),
    [
        ("anxiety", "anxiety-panic"),
        ("panic", "anxiety-panic"),
        ("Panic attack", "anxiety-panic"),
        ("nightmare", "nightmares-sleep"),
        ("sleep", "nightmares-sleep"),
        ("can\u2019t sleep", "nightmares-sleep"),
        ("flashback", "reminders-flashbacks"),
        ("memories", "reminders-flashbacks"),
        ("angry", "anger"),
        ("lonely", "lonely-isolated"),
        ("feeling lonely", "lonely-isolated"),
        ("numb", "numb-disconnected"),
        ("shame", "shame-guilt"),
        ("guilt", "shame-guilt"),
        ("trust", "trust"),
        ("on edge", "on-edge"),
        ("on-edge", "on-edge"),
        ("Nightmares sleep", "nightmares-sleep"),
        ("Anxiety and panic", "anxiety-panic"),
    ],
)
def test_the_words_people_type_name_a_reaction(typed: str, reaction: str) -> None:
    assert content.match_reaction(typed).id == reaction


def test_anything_else_gets_close_suggestions_or_none() -> None:
    assert content.match_reaction("zebras") is None
    assert [r.id for r in content.reaction_suggestions("anxeity")] == ["anxiety-panic"]
    assert content.reaction_suggestions("zebras") == ()


def test_every_reaction_has_words_and_no_word_means_two_reactions() -> None:
    assert all(reaction.words for reaction in load_reactions())
    data = {
        "reaction": [
            {"id": "anger", "label": "Anger", "description": "x", "words": ["mad"]},
            {"id": "low-mood", "label": "Low", "description": "x", "words": ["Mad"]},
        ]
    }
    with pytest.raises(
        ContentError, match=r"reactions\.toml: reaction 'low-mood': field 'words': the word 'mad' also means 'anger'"
    ):
        validate_reactions(data)


# --- the content review: notes, grounding first, curated orders, the reviewed texts -------------


def _ordered_reactions(order: list[str]) -> tuple:
    data = copy.deepcopy(REACTIONS_OK)
    data["reaction"][0]["order"] = order
    return validate_reactions(data)


def test_a_content_note_needs_grounding_first_and_comes_when_calmer() -> None:
    data = strategies_ok()
    data["strategy"][0].update(content_note=True)
    with pytest.raises(ContentError, match=r"strategy 's-0': a strategy with a content note needs ground_first = true"):
        validate_strategies(data, validate_reactions(REACTIONS_OK))
    data["strategy"][0].update(ground_first=True)
    with pytest.raises(ContentError, match=r"needs when_calmer = true"):
        validate_strategies(data, validate_reactions(REACTIONS_OK))


def test_a_content_note_is_never_offered_for_flashbacks_or_panic() -> None:
    reactions = validate_reactions(
        {
            "reaction": [
                {"id": "anxiety-panic", "label": "Panic", "description": "x"},
                {"id": "anger", "label": "Anger", "description": "x"},
            ]
        }
    )
    data = {"strategy": [_strategy(f"s-{n}", ["anger", "anxiety-panic"]) for n in range(4)]}
    data["strategy"][0].update(content_note=True, ground_first=True, when_calmer=True)
    with pytest.raises(ContentError, match=r"'s-0': a strategy with a content note is never offered for anxiety-panic"):
        validate_strategies(data, reactions)


def test_the_new_strategy_fields_are_required_booleans() -> None:
    for field in ("content_note", "ground_first", "when_calmer"):
        data = strategies_ok()
        del data["strategy"][1][field]
        with pytest.raises(ContentError, match=rf"strategy 's-1': field '{field}': missing"):
            validate_strategies(data, validate_reactions(REACTIONS_OK))
        data = strategies_ok()
        data["strategy"][1][field] = "yes"
        with pytest.raises(ContentError, match=rf"field '{field}': must be true or false"):
            validate_strategies(data, validate_reactions(REACTIONS_OK))


def test_a_curated_order_lists_exactly_the_reactions_strategies_settling_first() -> None:
    data = strategies_ok()
    data["strategy"][3]["when_calmer"] = True
    assert len(validate_strategies(data, _ordered_reactions(["s-2", "s-0", "s-1", "s-3"]))) == 4
    with pytest.raises(
        ContentError, match=r"reaction 'anger': field 'order': must list exactly its strategies \(missing: s-3"
    ):
        validate_strategies(data, _ordered_reactions(["s-2", "s-0", "s-1"]))
    with pytest.raises(ContentError, match=r"settling strategies come first; 's-3' is marked when_calmer"):
        validate_strategies(data, _ordered_reactions(["s-3", "s-0", "s-1", "s-2"]))


# Settling skills (CONTENT.md): grounding, the longer out-breath, temperature, orienting.
SETTLING_FIRST = {
    "five-four-three-two-one",
    "feet-on-the-floor",
    "name-today",
    "cool-water",
    "hold-an-object",
    "name-what-is-safe",
    "paced-breathing",
    "after-a-nightmare",
    "time-out",
}


def test_every_reaction_has_a_reviewed_order_for_someone_new() -> None:
    by_slug = {s.slug: s for s in load_strategies()}
    for reaction in load_reactions():
        assert reaction.order, reaction.id
        first = by_slug[reaction.order[0]]
        assert not first.when_calmer and not first.content_note, reaction.id
    settling = ("reminders-flashbacks", "nightmares-sleep", "anxiety-panic", "on-edge", "numb-disconnected", "anger")
    for reaction in load_reactions():
        if reaction.id in settling:
            assert reaction.order[0] in SETTLING_FIRST, reaction.id
    assert content.curated_order("anxiety-panic")[0] == "paced-breathing"
    assert content.curated_order("avoidance")[-1] == "small-step-toward"
    assert content.curated_order("trust")[-1] == "small-step-toward"
    lonely = content.curated_order("lonely-isolated")
    flashbacks = content.curated_order("reminders-flashbacks")
    assert lonely[0] != "tapping" and flashbacks[0] != "tapping"
    assert lonely.index("send-a-message") < lonely.index("tapping")


def test_the_reviewed_texts() -> None:
    s = {strategy.slug: strategy for strategy in load_strategies()}
    step = s["small-step-toward"]
    assert step.content_note and step.ground_first and step.when_calmer
    assert step.reactions == ("avoidance", "trust")
    assert step.steps[0].startswith("Leaving is always fine")
    assert step.steps[1].startswith("Trauma reminders: work on those with a therapist")
    assert not any("Stay until" in line for line in step.steps)
    hindsight = s["hindsight-check"]
    assert hindsight.content_note and "reminders-flashbacks" not in hindsight.reactions
    assert "therapist" in hindsight.steps[0]
    assert any('"I had no part in it" is a real answer' in line for line in hindsight.steps)
    assert not any("your part" in line for line in hindsight.steps)
    trust = s["trust-evidence"]
    assert not any("about what happened before" in line for line in trust.steps)
    assert trust.steps[0].startswith("If someone is hurting, threatening or frightening you, your alarm may be right")
    assert "domestic violence" in trust.steps[1] and "anxiety-panic" not in trust.reactions
    assert s["opposite-action-anger"].reactions == ("anger",)
    for imagery in ("container", "leaves-on-a-stream"):
        assert "reminders-flashbacks" not in s[imagery].reactions, imagery
    for slug in ("tapping", "calm-place"):
        assert s[slug].steps[0].startswith("Stop if memories come up"), slug
    assert any("Skip the hold if it feels uncomfortable" in line for line in s["box-breathing"].steps)
    for strategy in (x for x in load_strategies() if x.approach.startswith("Paced breathing")):
        for line in strategy.steps:
            for count in re.findall(r"[Hh]old[^.]*?(\d+)", line):
                assert int(count) <= 4, (strategy.slug, line)


def test_every_strategy_with_a_note_or_when_calmer_is_kept_out_of_flashbacks_and_panic_when_noted() -> None:
    for strategy in load_strategies():
        if strategy.content_note:
            assert strategy.ground_first and strategy.when_calmer, strategy.slug
            assert not set(strategy.reactions) & {"reminders-flashbacks", "anxiety-panic"}, strategy.slug


def test_learn_cards_promise_only_what_exists_and_cite_pages_a_person_can_open() -> None:
    for card in load_learn_cards():
        assert not any("questionnaire" in line for line in card.body), card.id
        for source in card.sources:
            assert source.url.startswith("https://") or source.name.startswith("In copingkit:"), (card.id, source)
            assert ".md" not in source.name, (card.id, source)
    data = learn_ok()
    data["card"][0]["sources"] = [{"name": "our design notes", "url": ""}]
    with pytest.raises(ContentError, match="a source a person can open"):
        validate_learn_cards(data)


# Every number and text code in CONTENT.md's crisis-line table, and where it must appear.
CONTENT_NUMBERS = {
    ("US", "988 Suicide & Crisis Lifeline"): [("call", "988", ""), ("text", "988", "")],
    ("US", "Veterans Crisis Line"): [("call", "988", "press 1"), ("text", "838255", "")],
    ("US", "Crisis Text Line"): [("text", "741741", "Text HOME to 741741.")],
    ("US", "RAINN National Sexual Assault Hotline"): [("call", "1-800-656-4673", "")],
    ("US", "National Domestic Violence Hotline"): [
        ("call", "1-800-799-7233", ""),
        ("text", "88788", "Text START to 88788."),
    ],
    ("GB", "Samaritans"): [("call", "116 123", ""), ("email", "jo@samaritans.org", "")],
    ("IE", "Samaritans"): [("call", "116 123", ""), ("email", "jo@samaritans.org", "")],
    ("GB", "Shout"): [("text", "85258", "Text SHOUT to 85258.")],
    ("CA", "9-8-8 Suicide Crisis Helpline"): [("call", "988", ""), ("text", "988", "")],
    ("AU", "Lifeline"): [("call", "13 11 14", ""), ("text", "0477 13 11 14", "")],
    ("NZ", "Need to talk? 1737"): [("call", "1737", ""), ("text", "1737", "")],
    ("DE", "TelefonSeelsorge"): [("call", "0800 111 0 111", ""), ("call", "0800 111 0 222", "")],
    ("FR", "3114 (numéro national de prévention du suicide)"): [("call", "3114", "")],
}
CONTENT_EMERGENCY = {"US": "911", "CA": "911", "GB": "999", "DE": "112", "FR": "112", "AU": "000", "NZ": "111"}


def test_every_number_and_text_code_matches_content_md() -> None:
    shipped = {(line.country, line.service): line for line in load_crisis_lines(None)}
    for key, ways in CONTENT_NUMBERS.items():
        line = shipped[key]
        for kind, value, note in ways:
            matching = [way for way in line.ways if (way.kind, way.value) == (kind, value)]
            assert matching, (key, kind, value)
            assert note in matching[0].note, (key, value, note)
    for code in ("HOME", "START", "SHOUT"):
        assert sum(f"Text {code} to" in way.note for line in shipped.values() for way in line.ways) == 1, code
    assert [way.value for way in shipped[("US", "Veterans Crisis Line")].ways if way.kind == "text"] == ["838255"]
    for country, number in CONTENT_EMERGENCY.items():
        assert emergency_number(country).number == number, country


def test_every_line_records_when_it_was_verified_and_chat_needs_its_source() -> None:
    assert all(isinstance(line.last_verified, date) for line in load_crisis_lines(None))
    assert not any(way.kind == "chat" and not way.source for line in load_crisis_lines(None) for way in line.ways)
    data = crisis_ok()
    data["line"][0]["ways"].append({"kind": "chat", "value": "https://www.samaritans.org/chat"})
    with pytest.raises(
        ContentError, match=r"line 'Samaritans': field 'ways\[2\]': a chat channel needs the source that publishes it"
    ):
        validate_crisis_lines(data)
    data["line"][0]["ways"][-1]["source"] = "https://www.samaritans.org/how-we-can-help/"
    assert validate_crisis_lines(data)[0].ways[-1].source == "https://www.samaritans.org/how-we-can-help/"


# --- a bad file, read the way the app reads it -------------------------------------------------


def _load_with(monkeypatch: pytest.MonkeyPatch, name: str, text: str, loader):
    real = content._read_text
    monkeypatch.setattr(content, "_read_text", lambda wanted: text if wanted == name else real(wanted))
    for cached in (content._toml, content.load_reactions, content.load_strategies, content._all_crisis_lines):
        cached.cache_clear()
    try:
        return loader()
    finally:
        monkeypatch.undo()
        for cached in (content._toml, content.load_reactions, content.load_strategies, content._all_crisis_lines):
            cached.cache_clear()


def test_a_bad_content_file_names_the_file_the_item_and_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    text = content._read_text("strategies.toml")
    second = load_strategies()[1]
    start = text.index(f'slug = "{second.slug}"')
    at = text.index(f"minutes = {second.minutes}\n", start)
    bad = text[:at] + 'minutes = "three"\n' + text[at + len(f"minutes = {second.minutes}\n") :]
    expected = rf"^strategies\.toml: strategy '{second.slug}': field 'minutes': must be a whole number \(got 'three'\)$"
    with pytest.raises(ContentError, match=expected):
        _load_with(monkeypatch, "strategies.toml", bad, content.load_strategies)
    assert load_strategies()[1].minutes == second.minutes


def test_a_bad_way_in_the_crisis_file_names_the_line_and_the_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = content._read_text("crisis_lines.toml")
    bad = text.replace('{ kind = "text", value = "85258"', '{ kind = "fax", value = "85258"', 1)
    assert bad != text
    expected = (
        r"^crisis_lines\.toml: line 'Shout': field 'ways\[1\]\.kind': must be one of 'call', 'text', 'chat',"
        r" 'email' or 'web' \(got 'fax'\)$"
    )
    with pytest.raises(ContentError, match=expected):
        _load_with(monkeypatch, "crisis_lines.toml", bad, lambda: content.load_crisis_lines("GB"))
