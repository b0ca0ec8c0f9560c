"""Names read by the trained recognisers (spaCy's English and French pipelines) and how the archive's own evidence
corrects them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from newsarchive.build import pipeline
from newsarchive.link import Kind, Links, Mention, Spot, discover, link, ner
from newsarchive.link import entities
from newsarchive.link.entities import find_entities
from newsarchive.link.models import Entity
from newsarchive.parse import parse_capture

ENGLISH = "The board of Acme met on Friday, and the chairman said that it would open an office in Helsinki."
GERMAN = "Der Vorstand von Acme traf sich am Freitag, und der Vorsitzende sagte, dass er ein Büro in Helsinki eröffnen werde."
FRENCH = "Le conseil d'administration d'Acme s'est réuni vendredi, et le président a dit qu'il ouvrirait un bureau à Helsinki."

pytestmark = pytest.mark.skipif(not ner.available(), reason="spaCy's English pipeline is not installed: run 'make setup'")


def articles(*texts: str) -> list[tuple[str, object]]:
    return [(f"articles/a{n}.md", parse_capture(f"Title {n}\n\n{text}\n")) for n, text in enumerate(texts)]


def test_a_pipeline_a_package_carries_as_data_is_loaded_from_its_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    carried = tmp_path / "quimbly_pipeline" / ner.PIPELINE_DIRECTORY
    carried.mkdir(parents=True)
    (carried.parent / "__init__.py").write_text("raise RuntimeError('never imported')\n")
    (carried / "meta.json").write_text("{}")
    (tmp_path / "quimbly_plain").mkdir()
    (tmp_path / "quimbly_plain" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert ner._location("quimbly_pipeline") == carried  # found, not imported
    assert ner._location("quimbly_plain") == "quimbly_plain" and ner._location("quimbly_missing") == "quimbly_missing"


def test_english_is_told_from_other_languages_by_its_function_words() -> None:
    assert ner.english([ENGLISH]) and not ner.english([GERMAN]) and not ner.english(["", "1 2 3"])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council voted on Tuesday to keep the old ferry running through the winter, as the islanders asked.", "en"),
        ("Der Gemeinderat hat am Dienstag beschlossen, dass die alte Fähre auch im Winter fahren soll.", "de"),
        ("Le conseil a voté mardi pour que le vieux bac continue de traverser pendant tout l'hiver.", "fr"),
        ("El ayuntamiento votó el martes para que el viejo transbordador siga cruzando durante el invierno.", "es"),
        ("O conselho votou na terça-feira para que a velha balsa continue a atravessar durante o inverno.", "pt"),
        ("Il consiglio ha votato martedì perché il vecchio traghetto continui ad attraversare durante l'inverno.", "it"),
        ("De gemeenteraad heeft dinsdag besloten dat de oude veerboot ook in de winter blijft varen.", "nl"),
        ("1 2 3", None),
        ("Velmora Quimbly 2011", None),
    ],
)
def test_a_text_s_language_is_the_one_whose_function_words_it_holds_most(text: str, language: str | None) -> None:
    from newsarchive.common.language import likeliest_language

    assert likeliest_language([text]) == language


@pytest.mark.parametrize(("span", "name"), [("the United Nations", "United Nations"), ("Acme's", "Acme"), ("Acme’", "Acme"), (" Maria Lopez ", "Maria Lopez")])
def test_a_recognised_span_is_cut_to_the_name(span: str, name: str) -> None:
    assert ner.name_of(span) == name


def test_the_model_reads_names_and_kinds_in_english_only() -> None:
    found = dict(ner.recognise(["Maria Lopez, who leads the United Nations office, flew from Helsinki to Paris on Friday."]) or ())
    assert found.get("Maria Lopez") == "person" and found.get("United Nations") == "organisation" and found.get("Helsinki") == "place"
    assert found.get("Friday") == ""  # read as a day: a date names no page, and tells against one
    assert ner.recognise([GERMAN]) is None



@pytest.mark.parametrize(
    ("caption", "name"),
    [
        ("The mayor of Quimbly greets the first ferry of the season at the harbour with Maria Lopez Image: Ana Ruiz.", "Maria Lopez"),
        ("Residents queue for tickets at the new terminal in Port Harbour Photo: Ana Ruiz.", "Port Harbour"),
    ],
)
def test_a_caption_s_credit_label_is_not_the_last_name_s(caption: str, name: str) -> None:
    # a caption run into its credit ("… Maria Lopez Image: Ana Ruiz."): the model reads the label as the name's end
    found = dict(ner.recognise([caption]) or ())
    assert name in found and not any(other.startswith(f"{name} ") for other in found) and "Ana Ruiz" in found

CITING = (
    "Earlier studies of reading on screens (Harlow & Pemberton, 2009; Quist et al., 2012) found that attention drops "
    "after ten minutes, while a later survey by Okafor and Lindqvist (2015) did not."
)


def test_an_author_year_citation_names_each_cited_writer() -> None:
    found = ner.recognise([CITING]) or ()
    people = {name for name, kind in found if kind == "person"}
    assert {"Harlow", "Pemberton", "Quist", "Okafor", "Lindqvist"} <= people
    assert not any("&" in name or " and " in name or "et al" in name for name, _ in found)


@pytest.mark.parametrize(
    ("span", "after", "cited"),
    [
        ("Harlow & Pemberton", ", 2009;", ("Harlow", "Pemberton")),
        ("& Pemberton", " 2009)", ("Pemberton",)),  # the last of three writers
        ("Harlow, Quist and Pemberton", " (2009)", ("Harlow", "Quist", "Pemberton")),
        ("Harlow & Pemberton 2009", ")", ("Harlow", "Pemberton")),
        ("Quist et al.", " (2012)", ("Quist",)),
        ("van Dijk and Quist", " (2001)", ("van Dijk", "Quist")),
        ("Johnson & Johnson", " said", ()),  # a firm's name: no year after it
        ("Marks and Spencer", " 2011 results", ()),
        ("Texas A&M", ", 2010", ()),
        ("Imagine Me and You", " (2005)", ()),  # a film: "You" is no surname
        ("Pemberton Museum of Art and Design", ", 2009", ()),
        ("Okafor", " and Lindqvist (2015) did not", ("Okafor",)),  # the first of two writers, read alone
        ("Okafor", " & Lindqvist, 2015)", ("Okafor",)),
        ("Okafor", " (2015) did not", ()),  # a name alone before a year: a film's, an opera's, a firm's too
        ("Okafor", " and Lindqvist said", ()),
        ("Harbour Bank", " and Lindqvist (2015)", ()),
    ],
)
def test_a_citations_writers_are_told_from_a_firm_or_a_title(span: str, after: str, cited: tuple[str, ...]) -> None:
    assert ner._cited(span, after) == cited


def entities_of(texts: tuple[str, ...], recognised: dict[int, tuple[tuple[str, str], ...] | None]) -> dict[str, Entity]:
    given = articles(*texts)
    found = find_entities(given, recognised={given[n][0]: r for n, r in recognised.items()})
    return {e.name: e for e in found}


def test_a_name_only_the_model_reads_becomes_an_entity_with_the_models_kind() -> None:
    text = "Crowds met Quesk downtown on a sunny day. The square was full, and the band played until late."
    assert "Quesk" not in entities_of((text,), {0: None})  # one word named once, with no support: discovery alone does not take it
    found = entities_of((text,), {0: (("Quesk", "person"),)})
    assert found["Quesk"].kind is Kind.PERSON


def test_the_texts_own_evidence_comes_before_the_model() -> None:
    text = "Acme CEO Maria Lopez spoke. Later Maria Lopez left, and Maria Lopez smiled."
    found = entities_of((text,), {0: (("Maria Lopez", "organisation"), ("Maria Lopez", "organisation"), ("Acme", "organisation"))})
    assert found["Maria Lopez"].kind is Kind.PERSON  # a role tells more than the model
    bridge = "Walkers crossed Quimby Bridge at dawn. Quimby Bridge is old, and Quimby Bridge is long."
    assert entities_of((bridge,), {0: (("Quimby Bridge", "person"),)})["Quimby Bridge"].kind is Kind.PLACE


def test_the_models_majority_decides_where_the_text_tells_nothing() -> None:
    text = "Visitors love Velmora. Velmora is sunny, and Velmora is busy."
    found = entities_of((text,), {0: (("Velmora", "place"), ("Velmora", "place"), ("Velmora", "person"))})
    assert found["Velmora"].kind is Kind.PLACE


def test_a_name_the_model_never_reads_in_articles_it_read_is_no_entity_unless_the_text_tells_its_kind() -> None:
    texts = ("Acme sells Rocket Skates. Rocket Skates are fast. Acme grows.", "Acme Bank lends. Acme Bank grows. Rocket Skates sell.")
    read = entities_of(texts, {0: (("Acme", "organisation"),), 1: (("Acme", "organisation"),)})
    assert "Rocket Skates" not in read and "Acme" in read and "Acme Bank" in read  # "Bank" tells its kind
    unread = entities_of(texts, {0: None, 1: None})  # not English, or no model: discovery alone
    assert "Rocket Skates" in unread



def test_a_name_the_model_never_reads_in_three_articles_stays_only_where_it_is_spelt_as_a_brand() -> None:
    # a button or a capitalised word that discovery meets in several articles is no name; a new brand's spelling is
    texts = tuple(f"Readers can Donate to Harbour News. Donate now, and QuimPad fans in town {n} read QuimPad news." for n in range(3))
    found = entities_of(texts, {n: (("Harbour News", "organisation"),) for n in range(3)})
    assert "Donate" not in found and found["QuimPad"].kind is Kind.PRODUCT and "Harbour News" in found


def test_a_cardinal_point_alone_is_no_place_but_may_be_a_person_s_name() -> None:
    texts = tuple(f"Ferries from the South arrive at noon. The South is sunny, and Quimbly in town {n} waits for the South." for n in range(2))
    found = entities_of(texts, {n: (("South", "place"), ("South", "place"), ("Quimbly", "place")) for n in range(2)})
    assert "South" not in found and "Quimbly" in found
    said = ("Professor North said the harbour was busy. North added that North Quay needs dredging, North said.",)
    assert entities_of(said, {0: (("North", "person"), ("North", "person"), ("North", "person"))})["North"].kind is Kind.PERSON


@pytest.mark.parametrize(
    ("span", "one"),
    [
        ("University of Quimbly", True), ("Quimbly Harbour Trust", True), ("Harbour at Quimbly", True),
        ("University of Quimbly in 1958", False), ("Dean of the harbour office in", False), ("Quimbly at 9", False),
        ("Ana Ruiz, Quimbly", False), ("Quimbly’s Harbour app", False), ("the Harbour of", False),
    ],
)
def test_a_span_the_model_reads_is_one_name_only_as_a_name_is_written(span: str, one: bool) -> None:
    # a year or a joining word the model ran on into ("… in 1958", "… in") is no part of a name
    assert entities._name_shaped(span) is one


def test_a_storm_an_operation_and_a_siege_are_events_whatever_the_model_reads() -> None:
    text = ("Hurricane Quimbly reached the coast on Monday. After Hurricane Quimbly, Operation Harbour Light began. "
            "Operation Harbour Light ended a year after the Siege of Velmora, and the Siege of Velmora is taught in schools.")
    model = (("Hurricane Quimbly", "organisation"), ("Hurricane Quimbly", "organisation"), ("Operation Harbour Light", "organisation"),
             ("Operation Harbour Light", "organisation"), ("Siege of Velmora", "organisation"), ("Siege of Velmora", "organisation"))
    found = entities_of((text,), {0: model})
    assert {name: found[name].kind for name in ("Hurricane Quimbly", "Operation Harbour Light", "Siege of Velmora")} == dict.fromkeys(
        ("Hurricane Quimbly", "Operation Harbour Light", "Siege of Velmora"), Kind.EVENT)


@pytest.mark.parametrize("head", ["Carnival", "Jubilee", "Parade", "Marathon", "Gala", "Tournament", "Month", "Prize", "Medal"])
def test_a_carnival_a_parade_a_tournament_or_a_prize_is_an_event_whatever_the_model_reads(head: str) -> None:
    name = f"Velmora {head}"
    text = f"Crowds came to the {name} on Sunday. The {name} grows every year, and the {name} ends in the square."
    found = entities_of((text,), {0: ((name, "organisation"),) * 3})
    assert found[name].kind is Kind.EVENT


def test_a_ship_by_its_prefix_is_a_product_whatever_the_model_reads() -> None:
    text = "The USS Quimbly docked at dawn. Sailors left the USS Quimbly, and HMS Velmora sailed; HMS Velmora was late."
    found = entities_of((text,), {0: (("USS Quimbly", "place"), ("HMS Velmora", "person")) * 2})
    assert found["USS Quimbly"].kind is Kind.PRODUCT and found["HMS Velmora"].kind is Kind.PRODUCT


@pytest.mark.parametrize("head", ["Productions", "Studios", "Entertainment", "Records", "Publishing", "Magazine", "Gazette", "Chronicle", "Transit"])
def test_a_producer_s_or_a_publisher_s_head_word_tells_an_organisation_whatever_the_model_reads(head: str) -> None:
    text = f"Ana Ruiz founded Quimbly {head} in Quimbury. Quimbly {head} grew, and Quimbly {head} hired more staff."
    found = entities_of((text,), {0: ((f"Quimbly {head}", "person"),) * 3 + (("Ana Ruiz", "person"), ("Quimbury", "place"))})
    assert found[f"Quimbly {head}"].kind is Kind.ORGANISATION


def test_a_name_only_discovery_reads_is_a_product_where_it_is_spelt_as_a_brand() -> None:
    texts = tuple(f"Fans waited for QuimPad all week. QuimPad sold out in town {n}, and QuimPad fans cheered." for n in range(3))
    found = entities_of(texts, {n: None for n in range(3)})  # no model read them: the kind comes from the name's shape
    assert found["QuimPad"].kind is Kind.PRODUCT


def test_words_around_a_name_outweigh_the_models_readings_of_it_as_its_maker() -> None:
    texts = ("Quimbly said its Harbour search would improve. Quimbly's Harbour search engine answers fast.", "Harbour grew. Harbour earned more. Harbour hired, and Harbour won.")
    model = {0: (("Quimbly", "organisation"), ("Harbour", "organisation"), ("Quimbly", "organisation"), ("Harbour", "organisation")),
             1: (("Harbour", "organisation"),) * 4}
    assert entities_of(texts, model)["Harbour"].kind is Kind.PRODUCT  # four words telling a product, six readings as an organisation


def test_a_name_spelt_as_a_brand_is_a_product_where_the_model_reads_a_place_or_a_person() -> None:
    text = "Buyers queued in Quimbury for the QuimPad. The QuimPad sold out, and Harbour TV praised the QuimLens and the QuimLens camera."
    read = {0: (("Quimbury", "place"), ("QuimPad", "place"), ("QuimPad", "place"), ("QuimLens", "person"), ("QuimLens", "person"))}
    found = entities_of((text,), read)
    assert (found["QuimPad"].kind, found["QuimLens"].kind, found["Quimbury"].kind) == (Kind.PRODUCT, Kind.PRODUCT, Kind.PLACE)


def test_an_owner_s_possessive_before_a_name_shaped_as_a_person_s_does_not_outweigh_the_model_s_person() -> None:
    text = ("Velmora's Quen Tai-lok spoke first. Velmora's Quen Tai-lok asked for a vote, and Velmora's QuimPad Pro "
            "was shown. Velmora's Harbour Maps was shown too.")
    read = {0: (("Velmora", "organisation"), ("Quen Tai-lok", "person"), ("Velmora", "organisation"), ("Quen Tai-lok", "person"),
                ("Velmora", "organisation"), ("QuimPad Pro", "person"), ("Velmora", "organisation"), ("Harbour Maps", "organisation"))}
    found = entities_of((text,), read)
    assert found["Quen Tai-lok"].kind is Kind.PERSON  # two possessives before it, two readings as a person
    assert found["QuimPad Pro"].kind is Kind.PRODUCT  # a brand's spelling: the possessive tells
    assert found["Harbour Maps"].kind is Kind.PRODUCT  # the model's organisation: the possessive tells


def test_a_role_after_a_name_the_model_reads_as_a_place_or_a_people_does_not_make_it_an_organisation() -> None:
    """"Quimbury producer", "Quimbury governor": a place's people, where the model reads the place (or a people's,
    where it reads a people); after a name it reads as a person's ("Velmora CEO"), the role tells an organisation."""
    text = "Quimbury producer Ana Ruiz met Quimbury governor Eli Katz. Velmora CEO Dara Byrne joined them in Quimbury."
    read = {0: (("Quimbury", "place"), ("Ana Ruiz", "person"), ("Quimbury", "place"), ("Eli Katz", "person"), ("Velmora", "person"),
                ("Dara Byrne", "person"), ("Quimbury", "place"))}
    found = entities_of((text,), read)
    assert found["Quimbury"].kind is Kind.PLACE and found["Velmora"].kind is Kind.ORGANISATION
    people = "Velmoran president Ana Ruiz met Velmoran ministers. Velmoran officials and Velmoran farmers came too."
    assert "Velmoran" not in entities_of((people,), {0: (("Velmoran", ""),) * 4 + (("Ana Ruiz", "person"),)})  # a people: no page


def test_a_surname_alone_joins_the_one_person_of_the_archive_so_named_where_an_article_names_both() -> None:
    """"Okafor" alone in an article that never writes "Ana Okafor", and in one that does: one person, with both
    writings and every mention; a surname two people of the archive share stays apart, and so does a given name."""
    texts = (
        "Ana Okafor opened the harbour on Monday. Okafor said the ferry would run all winter, and Okafor smiled.",
        "The council met again. Okafor asked for more buses, and Okafor got them.",
        "Eli Velmar spoke first at the hall. Velmar said the vote was close.",
        "Later, Dara Velmar spoke too. Velmar left early.",
        "Queen Anna opened the bridge in spring. Anna waved, and Anna smiled at the crowd.",
    )
    read = {0: (("Ana Okafor", "person"), ("Okafor", "person"), ("Okafor", "person")), 1: (("Okafor", "person"), ("Okafor", "person")),
            2: (("Eli Velmar", "person"), ("Velmar", "person")), 3: (("Dara Velmar", "person"), ("Velmar", "person")),
            4: (("Queen Anna", "person"), ("Anna", "person"), ("Anna", "person"))}
    found = entities_of(texts, read)
    assert "Okafor" not in found and found["Ana Okafor"].aliases == ("Okafor",)
    assert len({m.article for m in found["Ana Okafor"].mentions}) == 2 and len(found["Ana Okafor"].mentions) == 5
    assert found["Velmar"].kind is Kind.PERSON  # two Velmars: which one is not for the archive to say
    assert found["Anna"].kind is Kind.PERSON and found["Queen Anna"].aliases == ()


def test_a_role_in_apposition_does_not_outweigh_the_model_s_organisation() -> None:
    """"Quimbly, its largest investor, …": a role the text gives the name, which the model reads as an organisation
    in every mention; a person's role stands where the model reads the name as a person's once."""
    text = "Velmora sold shares to Quimbly, its largest investor, on Monday. Quimbly paid in cash, and Quimbly said nothing."
    found = entities_of((text,), {0: (("Velmora", "organisation"),) + (("Quimbly", "organisation"),) * 3})
    assert found["Quimbly"].kind is Kind.ORGANISATION
    read = {0: (("Velmora", "organisation"), ("Quimbly", "organisation"), ("Quimbly", "person"), ("Quimbly", "organisation"))}
    assert entities_of((text,), read)["Quimbly"].kind is Kind.PERSON


def test_a_one_word_name_that_opens_with_a_digit_is_a_product_where_the_model_reads_a_person_or_a_place() -> None:
    text = "The Quimbury council wants 5G masts. 5G came to the harbour first, and 8K screens followed; 8K sold well."
    found = entities_of((text,), {0: (("Quimbury", "place"), ("5G", "place"), ("5G", "place"), ("8K", "person"), ("8K", "person"))})
    assert found["5G"].kind is Kind.PRODUCT and found["8K"].kind is Kind.PRODUCT and found["Quimbury"].kind is Kind.PLACE


def test_a_holiday_the_model_reads_as_a_day_gets_no_entity() -> None:
    texts = tuple(f"Shops in Quimbury opened late before Christmas this year. Christmas sales rose in store {n}." for n in range(4))
    assert dict(ner.recognise(["We wish you a merry Christmas and a happy new year from all of us."]) or ()).get("Christmas") == ""
    found = entities_of(texts, {n: (("Christmas", ""), ("Christmas", ""), ("Quimbury", "place")) for n in range(4)})
    assert "Christmas" not in found and found["Quimbury"].kind is Kind.PLACE


def test_a_number_after_a_name_tells_no_kind_the_model_reads_as_a_date() -> None:
    text = "The figures came out with Harbour 3 of the report. Readers of Quimbury Weekly saw it first."
    assert "Harbour 3" not in entities_of((text,), {0: (("Harbour 3", ""), ("Quimbury Weekly", "organisation"))})
    assert entities_of((text,), {0: (("Harbour 3", "product"), ("Quimbury Weekly", "organisation"))})["Harbour 3"].kind is Kind.PRODUCT


def test_a_common_word_that_opens_sentences_is_no_entity_whatever_the_model_reads() -> None:
    texts = (
        "Download the Quimbury report today. Readers can download it free, and many download it twice.",
        "Download our app. Then download the maps, as visitors to Quimbury download them.",
    )
    read = {n: (("Download", "person"), ("Quimbury", "place")) for n in range(2)}
    found = entities_of(texts, read)
    assert "Download" not in found and found["Quimbury"].kind is Kind.PLACE
    mid = ("Readers met Download at the fair. Download spoke first, and readers download the talk.",)  # a name mid-sentence too
    assert entities_of(mid, {0: (("Download", "person"), ("Download", "person"))})["Download"].kind is Kind.PERSON


def test_a_common_word_that_mostly_opens_sentences_and_is_mostly_written_in_lower_case_is_no_entity() -> None:
    lower = " ".join(["The budget grew and the budget shrank, so every budget line moved."] * 4)
    texts = (
        f"Budget talks start today in Quimbury. Budget cuts hit the schools. {lower}",
        f"Budget rules changed. Readers of the Budget wrote in. {lower}",
    )
    read = {0: (("Budget", "organisation"), ("Budget", "organisation"), ("Quimbury", "place")), 1: (("Budget", "organisation"),) * 2}
    found = entities_of(texts, read)
    assert "Budget" not in found and found["Quimbury"].kind is Kind.PLACE  # 3 of its 4 mentions open sentences
    named = (f"Readers met Mark at the fair, and Quimbury thanked Mark. Mark spoke first. {lower.replace('budget', 'mark')}",)
    assert entities_of(named, {0: (("Mark", "person"),) * 3})["Mark"].kind is Kind.PERSON  # mid-sentence mostly: a name


def test_a_building_a_road_or_a_venue_is_a_place_whatever_the_model_reads() -> None:
    text = (
        "The band played the Quimbury Arts Center on Friday. Fans left the Quimbury Arts Center by the Velmora "
        "Expressway, and the Velmora Expressway was closed. Guests of the Quimbly Lodge stayed; the Quimbly Lodge was full."
    )
    read = {0: (("Quimbury Arts Center", "organisation"), ("Velmora Expressway", "organisation"), ("Quimbly Lodge", "organisation")) * 2}
    found = entities_of((text,), read)
    assert [found[name].kind for name in ("Quimbury Arts Center", "Velmora Expressway", "Quimbly Lodge")] == [Kind.PLACE] * 3


def test_a_street_a_quay_a_creek_a_junction_or_a_base_is_a_place_whatever_the_model_reads() -> None:
    text = (
        "Boats tie up at Velmar Quay before noon, and Velmar Quay is busy. The cafe on Okafor St. opens early; Okafor St. "
        "is short. Hikers follow Quimbly Creek to Harbour Ridge, and Quimbly Creek floods while Harbour Ridge stays dry. "
        "Trains stop at Velmora Junction; Velmora Junction is near Quimbury Air Base, and Quimbury Air Base is closed."
    )
    names = ("Velmar Quay", "Okafor St.", "Quimbly Creek", "Harbour Ridge", "Velmora Junction", "Quimbury Air Base")
    read = {0: tuple(zip(names, ("person", "person", "organisation", "organisation", "person", "organisation"))) * 2}
    found = entities_of((text,), read)
    assert [found[name].kind for name in names] == [Kind.PLACE] * 6


def test_a_road_or_a_terminal_before_its_number_is_a_place_a_name_before_a_number_a_product() -> None:
    text = (
        "Drivers took Route 417 to the airport, and Route 417 was slow. Flights left Terminal 7; Terminal 7 was new. "
        "Travellers used the Quimbly Phone 7 there, and the Quimbly Phone 7 worked."
    )
    read = {0: (("Route 417", "product"), ("Terminal 7", "product"), ("Quimbly Phone 7", "product")) * 2}
    found = entities_of((text,), read)
    assert [found[name].kind for name in ("Route 417", "Terminal 7", "Quimbly Phone 7")] == [Kind.PLACE, Kind.PLACE, Kind.PRODUCT]


def test_a_name_between_quotation_marks_in_half_its_mentions_is_a_work() -> None:
    text = (
        "The film “Velmora Nights” opened on Friday. Critics loved “Velmora Nights,” and the Quimbly Group, which made "
        "“Velmora Nights”, sold out. The Quimbly Group said the “Quimbly Group” banner was new; the Quimbly Group "
        "thanked fans. The singer, born “Maria Okafor”, met Maria Okafor's fans."
    )
    read = {0: (("Velmora Nights", "person"), ("Quimbly Group", "organisation"), ("Maria Okafor", "person")) * 3}
    found = entities_of((text,), read)
    assert found["Velmora Nights"].kind is Kind.PRODUCT  # quoted in every mention: a film's title
    assert found["Quimbly Group"].kind is Kind.ORGANISATION  # quoted in one mention of four
    assert found["Maria Okafor"].kind is Kind.PERSON  # a birth name in quotation marks is still a person's


def test_a_name_that_opens_with_a_given_name_is_a_person_where_only_the_model_says_organisation() -> None:
    text = (
        "Jean Quimbly opened the show, and Jean Quimbly closed it. Summer Velmora sold tickets; Summer Velmora was busy "
        "all summer. The Houston Quimblers played, and the Houston Quimblers won in Houston."
    )
    read = {0: (("Jean Quimbly", "organisation"), ("Summer Velmora", "organisation"), ("Houston Quimblers", "organisation"),
                ("Houston", "place")) * 2}
    found = entities_of((text,), read)
    assert found["Jean Quimbly"].kind is Kind.PERSON
    assert found["Summer Velmora"].kind is Kind.ORGANISATION  # "summer": a word the archive writes in lower case
    assert found["Houston Quimblers"].kind is Kind.ORGANISATION  # "Houston": a place's name


def test_a_name_that_opens_with_a_given_name_is_a_person_where_only_the_model_says_place() -> None:
    text = (
        "Maria Okafor scored twice, and Maria Okafor was named player of the match. Santa Quimbo is a small town; "
        "Santa Quimbo has a port. Tunisia is old, and Roman Tunisia was a province; Roman Tunisia fell."
    )
    read = {0: (("Maria Okafor", "place"), ("Santa Quimbo", "place"), ("Roman Tunisia", "place")) * 2}
    found = entities_of((text,), read)
    assert found["Maria Okafor"].kind is Kind.PERSON  # a player read as his country
    assert found["Santa Quimbo"].kind is Kind.PLACE  # a saint's place
    assert found["Roman Tunisia"].kind is Kind.PLACE  # its last word is a place's


def test_a_word_the_archive_writes_in_lower_case_ten_times_as_often_is_no_entity_wherever_it_stands() -> None:
    lower = " ".join(["Every government of Quimbury, like any government, said the government would act."] * 4)
    texts = (f"Officials said the Government of Quimbury agreed. {lower}", f"Quimbury voters asked the Government. {lower}")
    read = {n: (("Government", "organisation"), ("Quimbury", "place")) for n in range(2)}
    found = entities_of(texts, read)
    assert "Government" not in found and found["Quimbury"].kind is Kind.PLACE  # 12 in lower case for each of 2 mentions
    fewer = (f"Officials said the Government of Quimbury agreed, and the Government acted. {lower}",)
    assert "Government" in entities_of(fewer, {0: (("Government", "organisation"),) * 2 + (("Quimbury", "place"),)})  # 12 for 2: 6 each


def test_an_honorific_or_a_legal_form_alone_is_no_entity() -> None:
    text = "Sen. Jane Quimbly spoke. Sen. Quimbly thanked Velmora Inc. for its help. Sens. Quimbly and Roe agreed; Inc. said no."
    read = {0: (("Sen", "organisation"), ("Jane Quimbly", "person"), ("Sen", "organisation"), ("Velmora Inc", "organisation"),
                ("Sens", "organisation"), ("Inc", "organisation"))}
    found = entities_of((text,), read)
    assert not {"Sen", "Sens", "Inc"} & set(found) and found["Jane Quimbly"].kind is Kind.PERSON


def test_the_word_before_of_is_a_names_head_and_tells_its_kind() -> None:
    text = (
        "Visitors to the Museum of Quimbury Flight saw planes; the Museum of Quimbury Flight opens daily. "
        "The Festival of Velmora Lights drew crowds, and the Festival of Velmora Lights ended late."
    )
    read = {0: (("Museum of Quimbury Flight", "organisation"), ("Festival of Velmora Lights", "organisation")) * 2}
    found = entities_of((text,), read)
    assert found["Museum of Quimbury Flight"].kind is Kind.PLACE and found["Festival of Velmora Lights"].kind is Kind.EVENT


def test_whom_a_name_tells_is_not_its_role() -> None:
    text = "Sales grew, a spokesman at Quimbly, tells The Daily Reporter. Quimbly makes maps, and Quimbly sells them."
    found = entities_of((text,), {0: (("Quimbly", "organisation"), ("Quimbly", "organisation"), ("The Daily Reporter", "organisation"))})
    assert found["Quimbly"].kind is Kind.ORGANISATION and found["Quimbly"].roles == ()


def test_an_acronym_with_stops_and_without_is_one_entity() -> None:
    texts = (
        "Trade between the US and Quimbury grew. The US exports more, and US firms agree. Let us see.",
        "The U.S. economy grew, and U.S. officials said so.",
    )
    found = entities_of(texts, {0: (("US", "place"), ("US", "place"), ("Quimbury", "place")), 1: (("U.S.", "place"), ("U.S.", "place"))})
    country = found.get("U.S.") or found["US"]
    assert {country.name, *country.aliases} == {"U.S.", "US"} and len(country.mentions) == 5  # not "us"
    assert ner.name_of("U.S.") == "U.S." and [name for name in found if name in ("US", "U.S.")] == [country.name]


def test_an_entity_is_named_in_the_singular_where_the_articles_use_it_as_much() -> None:
    texts = ("The Quimblers met. Tom Quimbler spoke, and Quimbler left.", "Quimbler said no. Quimbler stayed, as Quimbler does.")
    read = {0: (("Tom Quimbler", "person"), ("Quimblers", "person")), 1: (("Quimbler", "person"),) * 3}
    found = entities_of(texts, read)
    assert "Quimblers" not in found and found["Quimbler"].aliases == ("Quimblers",)  # the plural, one writing of the name
    listed = ("Lake Quimby 125 boats left. Boats on Lake Quimby ran late, and Lake Quimby froze.",)
    assert entities_of(listed, {0: (("Lake Quimby 125", "place"), ("Lake Quimby", "place"), ("Lake Quimby", "place"))})["Lake Quimby"].kind is Kind.PLACE
    games = ("The Quimby Games opened. Athletes at the Quimby Games ran, and the Quimby Game final drew crowds. The Quimby Games closed.",)
    assert entities_of(games, {0: (("Quimby Games", "event"),) * 3})["Quimby Games"].aliases == ("Quimby Game",)  # the plural more used


def test_a_phrase_in_capitals_is_a_heading_not_a_name() -> None:
    texts = tuple(f"INSTANT QUIMBY DOWNLOAD\n\nMaria Lopez wrote about Quimbury Rail in part {n}. Quimbury Rail runs trains." for n in range(3))
    found = entities_of(texts, {n: (("INSTANT QUIMBY DOWNLOAD", "person"), ("Quimbury Rail", "organisation")) for n in range(3)})
    assert "INSTANT QUIMBY DOWNLOAD" not in found and found["Quimbury Rail"].kind is Kind.ORGANISATION
    assert discover.shouted("READ MORE") and not discover.shouted("HTML 5") and not discover.shouted("NASA") and not discover.shouted("USS Quimby")


def test_a_person_met_often_after_on_is_where_one_posts() -> None:
    texts = tuple(f"Maria Lopez wrote on Quimbler that prices rose in part {n}. Readers on Quimbler agreed, and Quimbler grew." for n in range(2))
    read = {n: (("Quimbler", "person"),) * 3 + (("Maria Lopez", "person"),) for n in range(2)}
    found = entities_of(texts, read)
    assert found["Quimbler"].kind is Kind.ORGANISATION and found["Maria Lopez"].kind is Kind.PERSON
    once = ("A long piece on Quimbler ran today. Quimbler smiled. Quimbler left, and Quimbler won.",)  # once after "on": a person
    assert entities_of(once, {0: (("Quimbler", "person"),) * 4})["Quimbler"].kind is Kind.PERSON
    fifth = tuple(f"Readers on Quimbler agreed in part {n}. Quimbler grew. Quimbler smiled. Quimbler left. Quimbler won." for n in range(3))
    assert entities_of(fifth, {n: (("Quimbler", "person"),) * 5 for n in range(3)})["Quimbler"].kind is Kind.ORGANISATION  # 3 of 15


def test_a_people_or_a_language_gets_no_entity() -> None:
    text = "Many Velmorans came. Velmorans sang, and Velmorans danced."
    assert "Velmorans" not in entities_of((text,), {0: (("Velmorans", ""), ("Velmorans", ""))})


@pytest.mark.parametrize("span", ["Acme’s Rocket", "Acme, Initech", "ex-Acme", "a Rocket Prize", "Institute of", "Acme / Initech", "\"Rocket"])
def test_a_span_that_is_not_one_name_is_not_taken_from_the_model(span: str) -> None:
    text = f"News of {span} spread."
    assert span not in entities_of((text,), {0: ((span, "organisation"),)})


def test_a_person_named_after_an_organisation_the_model_knows_is_its_product() -> None:
    text = "Acme Maps works. Acme Maps is new, and Acme grows. Acme sells Acme Maps."
    found = entities_of((text,), {0: (("Acme Maps", "person"), ("Acme Maps", "person"), ("Acme", "organisation"), ("Acme", "organisation"))})
    assert found["Acme Maps"].kind is Kind.PRODUCT and found["Acme"].kind is Kind.ORGANISATION


def test_entities_named_once_are_data_not_pages() -> None:
    spot = Spot(0)
    once = Entity("once", "Once", Kind.PERSON, (), (), (Mention("a.md", spot, 0, 4, "Once"),), (), False)
    twice = Entity("twice", "Twice", Kind.PERSON, (), (), (Mention("a.md", spot, 0, 5, "Twice"),) * 2, (), False)
    curated = Entity("kept", "Kept", Kind.PLACE, (), (), (Mention("b.md", spot, 0, 4, "Kept"),), (), True)
    links = Links(entities=(once, twice, curated), cooccurring={"twice": (("once", 1), ("kept", 1))})
    shown = links.shown()
    assert [e.id for e in shown.entities] == ["twice", "kept"] and shown.cooccurring == {"twice": (("kept", 1),)}


def test_the_shown_entities_share_of_each_article_is_the_one_worked_out_for_them_alone() -> None:
    from newsarchive.site.render import article_links, shown_links

    def mentioned(page: str, block: int, times: int) -> tuple[Mention, ...]:
        return tuple(Mention(page, Spot(block), 10 * n, 10 * n + 4, "Name") for n in range(times))

    hidden = Entity("hidden", "Hidden", Kind.PERSON, (), (), mentioned("a.md", 2, 1), (), False)  # first, in block 2
    alone = Entity("alone", "Alone", Kind.PLACE, (), (), mentioned("c.md", 0, 1), (), False)  # the only name of c.md
    first = Entity("first", "First", Kind.PERSON, (), (), mentioned("a.md", 1, 2) + mentioned("b.md", 0, 3), (), False)
    second = Entity("second", "Second", Kind.ORGANISATION, (), (), mentioned("a.md", 2, 2), (), False)
    links = Links(entities=(hidden, alone, first, second))
    shown = links.shown()
    expected, got = article_links(shown), shown_links(article_links(links), links, shown)
    assert got == expected and set(got) == {"a.md", "b.md"}
    assert list(got["a.md"].first_mentions) == list(expected["a.md"].first_mentions) == [Spot(1), Spot(2)]
    assert [entity.id for entity, _ in got["a.md"].entities] == ["first", "second"]
    assert shown_links(article_links(shown), shown, shown.shown()) == expected  # all shown: nothing to leave out


def test_the_run_says_which_articles_the_model_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "english.txt").write_text(f"Acme opens in Helsinki\n\n{ENGLISH} {ENGLISH}\n", "utf-8")
    (raw / "deutsch.txt").write_text(f"Acme eröffnet in Helsinki\n\n{GERMAN} {GERMAN}\n", "utf-8")
    if ner.available("fr"):
        (raw / "francais.txt").write_text(f"Acme ouvre à Helsinki\n\n{FRENCH} {FRENCH}\n", "utf-8")
    archive, _ = pipeline.collect(raw)
    archive, _ = pipeline.link_archive(archive)
    if ner.available("fr"):
        assert archive.notes == (
            "names: spaCy's pipelines read 2 of 3 articles (1 English, 1 French); the archive's own discovery alone named the entities of 1 "
            "not in English or French: deutsch.txt",
        )
    else:
        assert archive.notes == ("names: spaCy's pipelines read 1 of 2 articles (1 English); the archive's own discovery alone named the entities of 1 not in English: deutsch.txt",)


@pytest.mark.skipif(not ner.available("fr"), reason="spaCy's French pipeline is not installed: run 'make setup'")
def test_a_french_article_is_read_by_the_french_pipeline_and_a_german_one_by_none() -> None:
    assert ner.language([FRENCH]) == "fr" and ner.language([ENGLISH]) == "en" and ner.language([GERMAN]) is None
    language, found = ner.read_names(["Maria Lopez, qui dirige le bureau des Nations unies, a pris l'avion de Helsinki à Paris vendredi."])
    kinds = dict(found or ())
    assert language == "fr" and kinds.get("Maria Lopez") == "person" and kinds.get("Helsinki") == "place" and kinds.get("Paris") == "place"


def test_link_reads_names_itself_when_not_given_them() -> None:
    given = articles("Maria Lopez met reporters. Maria Lopez smiled, and Lopez left.")
    assert {e.name: e.kind for e in link(given).entities}.get("Maria Lopez") is Kind.PERSON


BESIDE = f"""
import sys
from newsarchive.link import ner
ner.load_beside()
assert ner.reading_beside()
beside = ner.read_names([{ENGLISH!r}])
assert "spacy" not in sys.modules, "the model loaded here, not beside"
ner.warm()  # workers are forked next: the process beside stops, and the model loads here for them to share
assert not ner.reading_beside() and "spacy" in sys.modules
assert ner.read_names([{ENGLISH!r}]) == beside, beside
print(beside[0], sorted(beside[1]))
"""


def test_a_process_beside_loads_the_model_and_reads_what_this_one_would() -> None:
    # in a fresh process: this one has the model loaded already
    run = subprocess.run([sys.executable, "-c", BESIDE], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split(" ", 1)[0] == "en" and "('Helsinki', 'place')" in run.stdout


def test_a_run_after_a_change_reads_as_a_run_in_one_process(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for n, city in enumerate(("Helsinki", "Espoo", "Tampere")):
        (raw / f"a{n}.txt").write_text(f"Acme opens in {city}\n\nBy Maria Lopez\n\n{ENGLISH} Maria Lopez chose {city}.\n", "utf-8")
    newsarchive = Path(sys.executable).parent / "newsarchive"
    cached = [str(newsarchive), "convert", str(raw), str(tmp_path / "out"), "-q", "--cache", str(tmp_path / "cache")]
    assert subprocess.run(cached, capture_output=True, timeout=600).returncode == 0
    changed = raw / "a1.txt"
    changed.write_text(changed.read_text("utf-8").replace("Maria Lopez chose", "Later, Jane Roe of Acme said Maria Lopez chose"), "utf-8")
    again = subprocess.run(cached, capture_output=True, text=True, timeout=600)  # one capture to parse: read beside, on two cores
    alone = subprocess.run([str(newsarchive), "convert", str(raw), str(tmp_path / "alone"), "-q", "--jobs", "1"], capture_output=True, timeout=600)
    assert again.returncode == 0 and alone.returncode == 0, again.stderr
    corpus = (tmp_path / "out" / "corpus.jsonl").read_text("utf-8")
    assert corpus == (tmp_path / "alone" / "corpus.jsonl").read_text("utf-8") and "Jane Roe" in corpus


def test_a_huge_capture_costs_the_model_no_more_than_a_long_article() -> None:
    line = "Maria Lopez met the board of Acme in Helsinki on Friday, and the board agreed with her plan. "
    texts = [line * 200] * 200  # 3.6 MB of text
    found = ner.recognise(texts) or ()
    assert 0 < len(found) <= 4 * (ner.READ_CHARS // len(line) + 1)  # four names a line, its day among them
