"""Attribution patterns of wire copy that the quote finder handles, one test per pattern.

Every text is written for these tests in the style of news agency copy; each test states the
statement newsgraph should report (content pieces, speaker words, cue).
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsgraph import extract


def _quotes(nlp: Language, text: str) -> list[dict[str, Any]]:
    quotes: list[dict[str, Any]] = nlp(text)._.ng_quotes
    return quotes


def _pieces(text: str, quote: dict[str, Any]) -> list[str]:
    return [text[start:end] for start, end in quote["segments"]]


def _with_cue(nlp: Language, text: str, cue: str) -> dict[str, Any]:
    found = [q for q in _quotes(nlp, text) if q["cue"] == cue]
    assert len(found) == 1, _quotes(nlp, text)
    return found[0]


# split quotes: the pieces of one statement, and what is not a piece


@pytest.mark.model
def test_split_quote_records_its_pieces_without_the_attribution(nlp: Language) -> None:
    text = (
        '"The air defence worked through the night," the governor said. '
        '"But the drones keep coming."'
    )
    (quote,) = _quotes(nlp, text)
    assert _pieces(text, quote) == [
        "The air defence worked through the night",
        "But the drones keep coming.",
    ]
    assert quote["start"] == quote["segments"][0][0]
    assert quote["end"] == quote["segments"][-1][1]
    assert "said" not in quote["text"]


@pytest.mark.model
def test_split_quote_segments_reach_the_document_model() -> None:
    text = (
        '"We will rebuild the school," Mayor Ihor Terekhov said on Monday. '
        '"The children deserve nothing less."'
    )
    (quote,) = extract(text).quotes
    assert [s.text for s in quote.segments] == [
        "We will rebuild the school",
        "The children deserve nothing less.",
    ]
    assert all(text[s.start : s.end] == s.text for s in quote.segments)


@pytest.mark.model
def test_a_title_inside_the_attribution_does_not_split_the_statement(nlp: Language) -> None:
    text = (
        '"The ceasefire is holding," Kim said on Radio Liberty\'s "Morning Show." '
        '"We expect more talks next week."'
    )
    (quote,) = [q for q in _quotes(nlp, text) if q["kind"] == "direct"]
    assert _pieces(text, quote) == ["The ceasefire is holding", "We expect more talks next week."]
    assert quote["speaker_text"] == "Kim"


@pytest.mark.model
def test_a_quote_after_a_writers_sentence_in_the_paragraph_joins_the_speaker(
    nlp: Language,
) -> None:
    text = (
        '"We have had problems with intrusions before," Novak said after the meeting. '
        "He did not mention sanctions. "
        '"Our goal is to agree on rules that everybody follows."'
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "We have had problems with intrusions before",
        "Our goal is to agree on rules that everybody follows.",
    ]
    assert quote["speaker_text"] == "Novak"


@pytest.mark.model
def test_quoted_words_the_writers_sentence_runs_on_from_are_not_a_piece(
    nlp: Language,
) -> None:
    text = (
        '"This is not acceptable," Novak said. '
        '"You squeezed the workers to the limit" to raise profits and bonuses.'
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == ["This is not acceptable"]


@pytest.mark.model
def test_a_second_verb_in_the_attribution_introduces_the_next_quote(nlp: Language) -> None:
    text = (
        '"The plan is dead," Novak said on Monday, suggesting two questions for the board, '
        'including, "Who will pay for the repairs?"'
    )
    first = _with_cue(nlp, text, "said")
    second = _with_cue(nlp, text, "suggesting")
    assert _pieces(text, first) == ["The plan is dead"]
    assert _pieces(text, second) == ["Who will pay for the repairs?"]
    assert first["speaker_text"] == second["speaker_text"] == "Novak"


@pytest.mark.model
def test_a_quote_right_after_a_sentence_that_ends_with_its_cue(nlp: Language) -> None:
    text = (
        'The mayor said repairs were slow because "the money never arrived," she said. '
        '"We waited for a whole year."'
    )
    (quote,) = [q for q in _quotes(nlp, text) if q["kind"] == "direct"]
    assert quote["text"] == "We waited for a whole year."
    assert quote["speaker_text"] == "she"


@pytest.mark.model
def test_a_comma_clause_after_the_verb_does_not_steal_the_cue(nlp: Language) -> None:
    text = (
        '"You should resign," Warren told the chief executive, after he admitted he had '
        "not been held accountable."
    )
    quote = _with_cue(nlp, text, "told")
    assert quote["kind"] == "direct"
    assert quote["text"] == "You should resign"
    assert quote["speaker_text"] == "Warren"


# transcripts and inverted attributions


@pytest.mark.model
def test_a_transcript_turn_carries_on_over_the_speakers_next_paragraph(nlp: Language) -> None:
    text = (
        "NOVAK: We will not sign this deal.\n\n"
        "I told the committee the same thing last week, and we will say it again.\n\n"
        "REPORTER: Will you resign?"
    )
    turns = _quotes(nlp, text)
    assert [q["speaker_text"] for q in turns] == ["NOVAK", "REPORTER"]
    assert _pieces(text, turns[0]) == [
        "We will not sign this deal.",
        "I told the committee the same thing last week, and we will say it again.",
    ]


@pytest.mark.model
def test_a_transcript_turn_stops_at_the_writers_narration(nlp: Language) -> None:
    text = (
        "NOVAK: We will not sign this deal.\n\n"
        "The committee adjourned shortly after noon on Tuesday."
    )
    (turn,) = [q for q in _quotes(nlp, text) if q["cue"] == ":"]
    assert _pieces(text, turn) == ["We will not sign this deal."]


@pytest.mark.model
def test_inverted_said_before_a_colon_names_the_speaker(nlp: Language) -> None:
    text = 'The talks ended late on Monday.\n\nSaid Kowalski: "We will not sign this deal."'
    (quote,) = _quotes(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["text"] == "We will not sign this deal."
    assert quote["speaker_text"] == "Kowalski"


# what counts as speech


@pytest.mark.model
def test_a_short_exclamation_is_speech(nlp: Language) -> None:
    text = 'Protesters outside the parliament chanted "Resign now!" for hours.'
    (quote,) = _quotes(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["text"] == "Resign now!"
    assert quote["speaker_text"].startswith("Protesters")


@pytest.mark.model
def test_a_title_in_headline_case_is_not_speech(nlp: Language) -> None:
    text = 'The minister wrote "A Plan For The Harbour" last year.'
    assert not [q for q in _quotes(nlp, text) if q["kind"] == "direct"]


@pytest.mark.model
def test_what_someone_called_something_is_the_writers_framing(nlp: Language) -> None:
    text = 'The opposition leader criticised what he called a "reckless and dangerous" plan.'
    assert not [q for q in _quotes(nlp, text) if q["cue"] == "called"]


# indirect statements: content boundaries and speakers


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "pieces", "speaker"),
    [
        (
            "The convoy, the ministry said, reached the besieged city on Tuesday.",
            ["The convoy", "reached the besieged city on Tuesday"],
            "the ministry",
        ),
        (
            "The aid, regional officials said, would reach the villages by Friday.",
            ["The aid", "would reach the villages by Friday"],
            "regional officials",
        ),
    ],
)
def test_a_parenthetical_attribution_is_cut_out_of_the_content(
    nlp: Language, text: str, pieces: list[str], speaker: str
) -> None:
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "indirect"
    assert _pieces(text, quote) == pieces
    assert quote["text"] == " ".join(pieces)
    assert quote["speaker_text"] == speaker


@pytest.mark.model
def test_a_writers_aside_after_the_content_is_left_out(nlp: Language) -> None:
    text = (
        "The mayor said the bridge would reopen in May, which would end months of detours "
        "for commuters."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["text"] == "the bridge would reopen in May"


@pytest.mark.model
def test_call_on_someone_to_act_keeps_the_infinitive(nlp: Language) -> None:
    text = "The foreign minister called on Moscow to withdraw its troops from the border."
    quote = _with_cue(nlp, text, "called")
    assert quote["text"] == "Moscow to withdraw its troops from the border"
    assert quote["speaker_text"] == "The foreign minister"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The governor was criticised for saying the dam was safe.", "The governor"),
        ("Critics attacked the governor for saying the dam was safe.", "the governor"),
    ],
)
def test_the_speaker_of_a_gerund_after_a_preposition(
    nlp: Language, text: str, speaker: str
) -> None:
    quote = _with_cue(nlp, text, "saying")
    assert quote["text"] == "the dam was safe"
    assert quote["speaker_text"] == speaker


@pytest.mark.model
def test_the_speaker_of_recalled_thinking(nlp: Language) -> None:
    text = 'She recalled thinking, "Nobody in this room can see me."'
    quote = _with_cue(nlp, text, "thinking")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "She"


@pytest.mark.model
def test_a_participle_after_a_relative_clause_belongs_to_the_main_subject(
    nlp: Language,
) -> None:
    text = (
        "Novak defended the contract with a builder who said he was never paid, saying, "
        '"Maybe he did not finish the job."'
    )
    quote = _with_cue(nlp, text, "saying")
    assert quote["text"] == "Maybe he did not finish the job."
    assert quote["speaker_text"] == "Novak"


@pytest.mark.model
def test_according_to_before_a_quote_is_its_cue(nlp: Language) -> None:
    text = (
        "The talks collapsed on Friday. According to the union leader, "
        '"The company never wanted a deal. It wanted a strike."'
    )
    (quote,) = _quotes(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["cue"] == "According to"
    assert quote["speaker_text"] == "the union leader"
    assert quote["text"] == "The company never wanted a deal. It wanted a strike."


@pytest.mark.model
def test_a_new_sentence_after_a_quote_does_not_attribute_it(nlp: Language) -> None:
    text = (
        'I told her I was only joking: "Of course I will come to the wedding." '
        'To which she said, "Then buy a suit."'
    )
    said = _with_cue(nlp, text, "said")
    assert _pieces(text, said) == ["Then buy a suit."]
    assert said["speaker_text"] == "she"


@pytest.mark.parametrize(
    "text",
    [
        # verbless fragments, as in lower-cased wire digests: the sentence's root is a noun, so
        # walking up from the participle must stop at the root rather than loop for ever
        "the inspector who led the raid on the village, saying the suspects had fled.",
        "a police officer who fired at the crowd, saying the mob was armed",
    ],
)
def test_participle_under_a_verbless_root_ends(nlp: Language, text: str) -> None:
    quotes = _quotes(nlp, text)
    assert all(q["text"] for q in quotes)


# introducers without a reporting verb before the quotation


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Turnout rose sharply in the suburbs - Jane Roe: "
            '"Early voting doubled in every county we track, and the lines were longer."',
            "Jane Roe",
        ),
        (
            'Polls closed at eight.\n\nMore from Roe: "The rural vote held up better than '
            'the campaign expected."',
            "Roe",
        ),
        (
            'Polls closed at eight.\n\nFrom the report: "The rural vote held up better than '
            'the campaign expected."',
            "the report",
        ),
    ],
)
def test_bare_name_and_colon_introduce_a_quotation(nlp: Language, text: str, speaker: str) -> None:
    quote = _with_cue(nlp, text, ":")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == speaker


@pytest.mark.model
def test_a_writers_label_and_colon_are_no_speaker(nlp: Language) -> None:
    text = 'The plan: "Every school will reopen by the end of the month, officials hope."'
    assert not [q for q in _quotes(nlp, text) if q["speaker_text"] == "The plan"]


@pytest.mark.model
def test_a_verb_that_introduces_the_next_quotation_is_not_the_first_ones_cue(
    nlp: Language,
) -> None:
    text = (
        'Reporters asked, "Will you run again?" He answered, '
        '"I have not decided yet, and I will not decide this week."'
    )
    first, second = _quotes(nlp, text)
    assert first["text"] == "Will you run again?"
    assert first["cue"] == "asked"
    assert second["cue"] == "answered"
    assert second["speaker_text"] == "He"


@pytest.mark.model
def test_name_right_before_a_verb_the_parse_left_without_subject(nlp: Language) -> None:
    text = (
        "In a statement to the Gazette, her senior adviser, Mark Ellison, said: "
        '"The senator supports the plan and will vote for it next week."'
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["speaker_text"] == "Mark Ellison"


@pytest.mark.model
def test_as_someone_put_it_introduces_a_quotation(nlp: Language) -> None:
    text = (
        "As one regional official put it: "
        '"The roads will not be ready before the winter, whatever the ministry says."'
    )
    quote = _with_cue(nlp, text, "put")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "one regional official"


@pytest.mark.model
def test_relative_clause_in_the_speaker_phrase_keeps_the_cue(nlp: Language) -> None:
    text = (
        '"The turnout surprised everyone in the district," Jo Bond, 41, who ran the count, '
        'said on Friday. "We had to send for more ballots."'
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "The turnout surprised everyone in the district",
        "We had to send for more ballots.",
    ]
    assert quote["speaker_text"] == "Jo Bond, 41, who ran the count"


@pytest.mark.model
def test_a_participle_opening_a_sentence_keeps_the_previous_speaker(nlp: Language) -> None:
    text = (
        "Senator Mark Ellison called the bill reckless. "
        'Adding, "Nobody in this chamber has read all of it, and nobody will."'
    )
    quote = _with_cue(nlp, text, "Adding")
    assert quote["speaker_text"] == "Senator Mark Ellison"


@pytest.mark.model
def test_compound_adjective_in_the_speaker_phrase_keeps_the_cue(nlp: Language) -> None:
    text = (
        '"The count is far from over," Ohio-based pollster Jo Bond said. '
        '"Most absentee ballots arrive late."'
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "The count is far from over",
        "Most absentee ballots arrive late.",
    ]


# speakers of participles and nested cues


@pytest.mark.model
def test_a_participle_after_the_quote_takes_the_sentence_subject(nlp: Language) -> None:
    text = (
        'Mayor Tom Harlan said of the vote, "I do not like it," '
        'adding that "the council will be back."'
    )
    quote = next(q for q in _quotes(nlp, text) if q["text"] == "I do not like it")
    assert quote["speaker_text"] == "Mayor Tom Harlan"


@pytest.mark.model
def test_as_someone_put_it_names_the_speaker(nlp: Language) -> None:
    text = (
        "As Maria Lindqvist, a trade economist at the University of Oslo, put it, "
        '"The tariffs will hurt the exporters first and the consumers soon after."'
    )
    quote = _with_cue(nlp, text, "put")
    assert quote["speaker_text"].startswith("Maria Lindqvist")


@pytest.mark.model
def test_saying_after_a_preposition_of_time_is_the_subjects(nlp: Language) -> None:
    text = (
        "The senator deflected several questions about the budget before saying, "
        '"We will have a deal by Friday, and everyone in this room knows it."'
    )
    quote = _with_cue(nlp, text, "saying")
    assert quote["speaker_text"] == "The senator"


@pytest.mark.model
def test_a_document_someone_issued_speaks_for_them(nlp: Language) -> None:
    text = (
        "The ministry issued a statement saying, "
        '"The convoy was carrying only food and medicine to the besieged town."'
    )
    quote = _with_cue(nlp, text, "saying")
    assert quote["speaker_text"] == "The ministry"


@pytest.mark.model
def test_a_cue_inside_a_reported_clause_is_part_of_it(nlp: Language) -> None:
    text = "The governor said the audit showed the agency had lost track of millions of dollars."
    quotes = _quotes(nlp, text)
    assert [q["cue"] for q in quotes] == ["said"]
    assert quotes[0]["text"] == "the audit showed the agency had lost track of millions of dollars"


@pytest.mark.model
def test_nested_mode_keeps_a_cue_inside_a_reported_clause(nlp: Language) -> None:
    text = "The governor said the audit showed the agency had lost track of millions of dollars."
    finder = nlp.get_pipe("ng_quotes")
    finder.nested = True
    try:
        cues = [q["cue"] for q in _quotes(nlp, text)]
    finally:
        finder.nested = False
    assert cues == ["said", "showed"]


# attributions after the quotation whose verb the parse or the lexicon misses


@pytest.mark.model
def test_inverted_attribution_with_a_participle_after_the_name(nlp: Language) -> None:
    text = (
        '"I am not going to call it a mistake, so forget about it," said retired general '
        "Petro Carson, asked about his claims that he had been offered a command."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "direct"
    assert quote["text"] == "I am not going to call it a mistake, so forget about it"
    assert quote["speaker_text"] == "retired general Petro Carson"


@pytest.mark.model
def test_a_relative_clause_after_the_listener_is_no_reported_clause(nlp: Language) -> None:
    text = (
        '"Anyone claiming that the economy is collapsing is selling fiction," the president '
        "told lawmakers in the chamber and viewers at home who could easily guess whom he meant."
    )
    quote = _with_cue(nlp, text, "told")
    assert quote["text"] == "Anyone claiming that the economy is collapsing is selling fiction"
    assert quote["speaker_text"] == "the president"


@pytest.mark.model
def test_a_verb_no_lexicon_holds_attributes_an_utterance(nlp: Language) -> None:
    text = (
        '"We are not going anywhere," Kovalenko shot back when reporters asked about the '
        "evacuation order."
    )
    quote = _with_cue(nlp, text, "shot")
    assert quote["text"] == "We are not going anywhere"
    assert quote["speaker_text"] == "Kovalenko"


@pytest.mark.model
def test_an_inverted_verb_no_lexicon_holds_attributes_an_exclamation(nlp: Language) -> None:
    text = '"This is a great day for the city!" beamed Mayor Anna Petrova.'
    quote = _with_cue(nlp, text, "beamed")
    assert quote["text"] == "This is a great day for the city!"
    assert quote["speaker_text"] == "Mayor Anna Petrova"


@pytest.mark.model
def test_a_thing_that_acts_after_a_quotation_is_no_speaker(nlp: Language) -> None:
    text = (
        'As the count ended - "We did it, we really did it!" - the balloons dropped from the '
        "ceiling."
    )
    assert not any(q["speaker_text"] == "the balloons" for q in _quotes(nlp, text))


@pytest.mark.model
def test_a_new_sentence_after_a_question_is_no_attribution(nlp: Language) -> None:
    text = (
        '"Was the plan ever going to work?" Nega asked. "Or was it a gamble?" Nega put the '
        "report down and left the room."
    )
    (quote,) = _quotes(nlp, text)
    assert quote["cue"] == "asked"
    assert _pieces(text, quote) == ["Was the plan ever going to work?", "Or was it a gamble?"]


@pytest.mark.model
def test_a_quoted_phrase_with_a_relative_clause_is_no_quotation(nlp: Language) -> None:
    text = (
        '"Radical reform," which some lawmakers want the government to adopt, was the theme '
        "of the congress."
    )
    assert not any(q["kind"] == "direct" for q in _quotes(nlp, text))


@pytest.mark.model
def test_a_participle_after_an_introduced_quotation_reports_its_own_clause(
    nlp: Language,
) -> None:
    text = (
        'Peabody said: "The company was highly successful when it became independent," '
        "adding that its value quadrupled in a year."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["text"] == "The company was highly successful when it became independent"
    added = _with_cue(nlp, text, "adding")
    assert added["text"] == "its value quadrupled in a year"


# speakers the parse leaves without a subject


@pytest.mark.model
def test_the_passive_subject_of_a_prompt_is_the_speaker(nlp: Language) -> None:
    text = (
        "But the session was so calm that Mayor Ilona Varga was prompted to say, "
        '"So far, I cannot believe how civil this council has been."'
    )
    quote = _with_cue(nlp, text, "say")
    assert quote["speaker_text"] == "Mayor Ilona Varga"


@pytest.mark.model
def test_a_verb_introducing_whole_sentences_beats_the_next_sentence_verb(
    nlp: Language,
) -> None:
    text = (
        "Asked whether she had been threatened, Kovacs confirmed she had been and said, "
        '"The city has a serious problem with intimidation." The mayor then recalled an '
        "incident at the town hall."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["text"] == "The city has a serious problem with intimidation."
    assert quote["speaker_text"] == "Kovacs"


@pytest.mark.model
def test_the_name_before_an_aside_speaks_for_a_verb_without_subject(nlp: Language) -> None:
    text = (
        'Kovacs, exasperated, famously responded: "What difference does it make at this '
        'point?" Her critics cited it for years.'
    )
    quote = _with_cue(nlp, text, "responded")
    assert quote["speaker_text"] == "Kovacs"


# quoted words inside a reported clause


@pytest.mark.model
def test_a_clause_with_quoted_words_stays_one_indirect_statement(nlp: Language) -> None:
    text = 'Governor Rudenko said he had "made a lot of hard choices in very difficult months."'
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "indirect"
    assert quote["text"].startswith('he had "made a lot of hard choices')


@pytest.mark.model
def test_a_naming_in_quoted_words_is_a_direct_quote_of_them(nlp: Language) -> None:
    text = (
        'Opposition leader Salome Varga called the detentions "an act of revenge against free '
        'people."'
    )
    quote = _with_cue(nlp, text, "called")
    assert quote["kind"] == "direct"
    assert quote["text"] == "an act of revenge against free people"


@pytest.mark.model
def test_a_signature_line_under_a_quotation_names_its_speaker(nlp: Language) -> None:
    text = (
        "Claims from the campaign trail, checked.\n\n"
        '"We will rebuild every bridge in the region before the winter comes."\n\n'
        "- Ihor Terekhov.\n\n"
        "The claim is hard to check: the budget has not been published."
    )
    quote = _with_cue(nlp, text, "-")
    assert quote["kind"] == "direct"
    assert quote["text"] == "We will rebuild every bridge in the region before the winter comes."
    assert quote["speaker_text"] == "Ihor Terekhov"


@pytest.mark.model
def test_an_inverted_verb_names_a_possessive_publication(nlp: Language) -> None:
    text = '"Drivers should leave their cars at home," opined Kyiv\'s Morning Herald.'
    quote = _with_cue(nlp, text, "opined")
    assert quote["text"] == "Drivers should leave their cars at home"
    assert quote["speaker_text"] == "Kyiv's Morning Herald"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Some residents wondered whether the shelter would open in time for the winter.",
            "wondered",
            "whether the shelter would open in time for the winter",
        ),
        (
            "The mayor lamented that the bridge would not be ready before the spring floods.",
            "lamented",
            "the bridge would not be ready before the spring floods",
        ),
    ],
)
def test_verbs_of_musing_and_regret_report_a_clause(
    nlp: Language, text: str, cue: str, content: str
) -> None:
    assert _with_cue(nlp, text, cue)["text"] == content


@pytest.mark.model
def test_a_verb_after_and_carries_on_the_writer_sentence(nlp: Language) -> None:
    text = (
        'He also railed against the plant closure - "I love this town," he said, "I will never '
        'forget it" - and vowed to impose a tariff on imports.'
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == ["I love this town", "I will never forget it"]
    assert not any(q["kind"] == "direct" and q["cue"] == "vowed" for q in _quotes(nlp, text))


@pytest.mark.model
def test_a_relative_aside_after_a_quotation_does_not_cut_a_split_quote(nlp: Language) -> None:
    text = (
        '"The party is in good shape no matter who wins the capital," said Tad Moran, a senior '
        'adviser to the campaign. "We could win enough seats to catch up all the way through '
        'the south," which votes in June.'
    )
    quote = _with_cue(nlp, text, "said")
    assert len(quote["segments"]) == 2
    assert _pieces(text, quote)[1].startswith("We could win enough seats")


@pytest.mark.model
def test_an_adverbial_clause_after_the_verb_is_not_what_was_said(nlp: Language) -> None:
    text = '"He didn\'t declare the money," she said as some wearing party shirts booed.'
    quote = _with_cue(nlp, text, "said")
    assert quote["text"] == "He didn't declare the money"
    assert quote["speaker_text"] == "she"


@pytest.mark.model
def test_a_short_exclamation_before_its_attribution_is_speech(nlp: Language) -> None:
    text = '"Shame on you!" she wrote on Facebook after the vote.'
    quote = _with_cue(nlp, text, "wrote")
    assert quote["text"] == "Shame on you!"


@pytest.mark.model
def test_a_long_title_inside_the_attribution_does_not_cut_a_split_quote(nlp: Language) -> None:
    text = (
        '"Of course we are going to publish our tax returns," Kovacs said during an interview on '
        'the "State of the Nation Today" programme on Sunday. "There is nothing to hide."'
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "Of course we are going to publish our tax returns",
        "There is nothing to hide.",
    ]


@pytest.mark.model
def test_a_colon_after_a_verb_introduces_a_quote_the_parse_made_the_root(
    nlp: Language,
) -> None:
    text = (
        "In a radio interview later that day, Kovacs went even further: "
        '"If he goes forward and loses, it\'s the end of his career."'
    )
    (quote,) = [q for q in _quotes(nlp, text) if q["kind"] == "direct"]
    assert quote["text"] == "If he goes forward and loses, it's the end of his career."
    assert quote["speaker_text"] == "Kovacs"
    assert quote["cue"] == "went"


# speakers the parse hides, and quotes that carry on past a sentence end (session 5)


@pytest.mark.model
def test_a_cue_conjoined_to_an_object_takes_the_clause_subject(nlp: Language) -> None:
    text = (
        "The foreign minister adopted a weary tone and joked, "
        "“At least the coffee in Brussels is still warm.”"
    )
    quote = _with_cue(nlp, text, "joked")
    assert quote["speaker_text"] == "The foreign minister"


@pytest.mark.model
def test_a_finite_verb_parsed_as_a_modifier_keeps_its_noun_as_speaker(nlp: Language) -> None:
    text = "When the premier thanked the crowd in Tbilisi, a man yelled “Go home!”"
    quote = _with_cue(nlp, text, "yelled")
    assert (quote["kind"], quote["text"], quote["speaker_text"]) == ("direct", "Go home!", "a man")


@pytest.mark.model
def test_a_quote_that_opens_a_reported_clause_is_a_paraphrase_of_the_clause(
    nlp: Language,
) -> None:
    text = (
        "Rahimov said “the momentum is with us” despite his defeat in the first round of the vote."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "indirect"
    assert _pieces(text, quote) == [
        "“the momentum is with us” despite his defeat in the first round of the vote"
    ]
    assert quote["speaker_text"] == "Rahimov"


@pytest.mark.model
def test_a_chanted_slogan_stays_a_quote_of_its_words(nlp: Language) -> None:
    text = "Protesters outside the embassy chanted “No more war” for an hour."
    quote = _with_cue(nlp, text, "chanted")
    assert (quote["kind"], quote["text"]) == ("direct", "No more war")
    assert quote["speaker_text"] == "Protesters outside the embassy"


@pytest.mark.model
def test_a_short_quote_after_a_verb_of_saying_is_speech(nlp: Language) -> None:
    text = "The president ended his speech by saying “Never again.”"
    quote = _with_cue(nlp, text, "saying")
    assert (quote["text"], quote["speaker_text"]) == ("Never again.", "The president")


@pytest.mark.model
def test_a_name_after_a_dash_is_the_speaker_not_the_headline_verb(nlp: Language) -> None:
    text = (
        "Turnout forecasts were too low - Maria Kowalski: “The models missed the young urban "
        "voters who turned out late in the day.”"
    )
    (quote,) = _quotes(nlp, text)
    assert (quote["cue"], quote["speaker_text"]) == (":", "Maria Kowalski")


@pytest.mark.model
def test_a_preposition_after_the_cue_names_no_inverted_speaker(nlp: Language) -> None:
    text = (
        "Senator Jane Holt, the ranking Democrat on the committee, tweeted in response: "
        "“Diplomacy is not a favour we do for our friends.”"
    )
    quote = _with_cue(nlp, text, "tweeted")
    assert quote["speaker_text"].startswith("Senator Jane Holt")


@pytest.mark.model
def test_a_verb_inside_the_speaker_aside_does_not_end_the_attribution(nlp: Language) -> None:
    text = (
        "''We were never told why,'' Mr. Halvorsen, now 74 and retired in Bergen, Norway, said "
        "by telephone this week. ''They simply closed the border.''"
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == ["We were never told why", "They simply closed the border."]
    assert quote["speaker_text"].startswith("Mr. Halvorsen")
    assert not quote["speaker_text"].endswith("and")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "“The sanctions are working,” Morales said at a rally in Albany, N.Y. “The regime is "
        "running out of money to pay its soldiers.”",
        "“The sanctions are working,” Morales said on “Meet the Press.” “The regime is "
        "running out of money to pay its soldiers.”",
    ],
)
def test_a_split_quote_joins_across_an_abbreviation_or_a_programme_title(
    nlp: Language, text: str
) -> None:
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "The sanctions are working",
        "The regime is running out of money to pay its soldiers.",
    ]


@pytest.mark.model
def test_a_colon_closing_a_paragraph_introduces_the_next_one(nlp: Language) -> None:
    text = (
        "The envoy gave a long interview on Monday.\n\nStated the envoy:\n\n"
        "“We will not sign an agreement that rewards the invasion of a neighbour.”"
    )
    (quote,) = _quotes(nlp, text)
    assert quote["speaker_text"] == "the envoy"
    assert quote["text"].startswith("We will not sign")


@pytest.mark.model
def test_a_surname_tagged_as_an_adverb_still_speaks(nlp: Language) -> None:
    text = (
        "“The ceasefire will hold if both sides keep their word,” said Skelly, explaining he "
        "had spoken to both commanders."
    )
    said = _with_cue(nlp, text, "said")
    explaining = _with_cue(nlp, text, "explaining")
    assert said["speaker_text"] == explaining["speaker_text"] == "Skelly"


@pytest.mark.model
def test_a_quote_the_sentence_runs_on_from_is_a_paraphrase_up_to_its_speaker(
    nlp: Language,
) -> None:
    text = (
        '"We are frustrated and horrified" by the shelling of the market, the mayor said on Monday.'
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "indirect"
    assert _pieces(text, quote) == [
        '"We are frustrated and horrified" by the shelling of the market'
    ]
    assert quote["speaker_text"] == "the mayor"


@pytest.mark.model
def test_a_name_ending_an_aside_is_not_the_speaker_before_it(nlp: Language) -> None:
    text = (
        "The row began after Mr. Tanaka, asked about the arrest of journalists under "
        "President Sato, had said, ''Every country does such things.''"
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["speaker_text"] == "Mr. Tanaka"


@pytest.mark.model
def test_who_is_asked_a_question_is_not_its_speaker(nlp: Language) -> None:
    text = 'Asked whether the talks could resume, Sybiha replied: "That depends on Moscow."'
    asked = _with_cue(nlp, text, "Asked")
    replied = _with_cue(nlp, text, "replied")
    assert asked["speaker_text"] is None and asked["speaker"] is None
    assert replied["speaker_text"] == "Sybiha"


@pytest.mark.model
def test_a_quoted_fragment_in_a_paraphrase_keeps_both_its_marks(nlp: Language) -> None:
    text = (
        'Kremlin spokesman Dmitry Peskov said Moscow remained "open to dialogue" but accused '
        'Kyiv of making demands that were "impossible to meet".'
    )
    said = _with_cue(nlp, text, "said")
    accused = _with_cue(nlp, text, "accused")
    assert said["text"] == 'Moscow remained "open to dialogue"'
    assert accused["text"] == 'Kyiv of making demands that were "impossible to meet"'


@pytest.mark.model
def test_a_speaker_hung_as_apposition_on_the_last_victim_is_taken_back(nlp: Language) -> None:
    text = (
        "Russian drones struck an industrial district of Kharkiv overnight, wounding at least "
        "nine people, regional Governor Oleh Syniehubov said on Wednesday."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["speaker_text"] == "regional Governor Oleh Syniehubov"
    assert quote["text"] == (
        "Russian drones struck an industrial district of Kharkiv overnight, wounding at least "
        "nine people"
    )


@pytest.mark.model
def test_a_comma_closing_a_paragraph_introduces_the_quote_opening_the_next(
    nlp: Language,
) -> None:
    text = (
        "The envoy spoke for an hour.\n\nThe envoy continued,\n\n"
        "“Nobody in this room believes the ceasefire will hold without monitors.”"
    )
    quote = _with_cue(nlp, text, "continued")
    assert quote["speaker_text"] == "The envoy"
    assert quote["text"].startswith("Nobody in this room")


# speakers the parse hides: a colon after a noun, brackets, a passive, a retort, a recording


@pytest.mark.model
def test_a_colon_after_a_noun_phrase_keeps_the_clause_subject(nlp: Language) -> None:
    text = (
        "The Polish president, Jan Novak, had a warning for the allies: \"It's time to quit "
        'waiting for Washington and get on with building our own defence."'
    )
    quote = _with_cue(nlp, text, "had")
    assert quote["speaker_text"] == "The Polish president, Jan Novak"
    assert quote["text"].startswith("It's time to quit waiting")


@pytest.mark.model
def test_a_question_put_to_the_speaker_before_a_colon_is_not_the_cue(nlp: Language) -> None:
    text = (
        "Asked which of the border crossings would reopen first, Colonel Ivan Petrenko "
        'demurred: "Whichever one the engineers clear of mines first."'
    )
    quote = _with_cue(nlp, text, "demurred")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "Colonel Ivan Petrenko"


@pytest.mark.model
def test_a_clause_the_parse_hangs_on_the_quotation_still_speaks(nlp: Language) -> None:
    text = (
        "The ministry has since apologised for what happened: "
        '"Yes, the convoy should have been warned before the strike."'
    )
    quote = _with_cue(nlp, text, "apologised")
    assert quote["speaker_text"] == "The ministry"


@pytest.mark.model
def test_a_name_with_party_and_state_in_brackets_speaks(nlp: Language) -> None:
    text = (
        "Sen. Richard Alvarez (D-Ill.), noting the size of the aid package, said, "
        '"Let me tell you, this is the largest shipment of air defence we have ever sent."'
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["speaker_text"] == "Sen. Richard Alvarez (D-Ill.)"


@pytest.mark.model
def test_the_subject_of_a_passive_goes_on_to_speak(nlp: Language) -> None:
    text = (
        "Mayor Olena Hrytsenko was joined on stage by Defence Minister Pavel Kuzmin and "
        'joked, "Our sirens are louder than their drones," drawing applause.'
    )
    quote = _with_cue(nlp, text, "joked")
    assert quote["speaker_text"] == "Mayor Olena Hrytsenko"


@pytest.mark.model
@pytest.mark.parametrize("verb", ["shot", "fired", "hit"])
def test_a_retort_with_back_is_a_cue(nlp: Language, verb: str) -> None:
    text = (
        "After the envoy accused Kyiv of stalling, Foreign Minister Dmytro Koval "
        f'{verb} back, "We have waited at that table for eleven months."'
    )
    quote = _with_cue(nlp, text, verb)
    assert quote["speaker_text"] == "Foreign Minister Dmytro Koval"


@pytest.mark.model
def test_issuing_a_statement_introduces_its_words(nlp: Language) -> None:
    text = (
        "Hours after the attack, the Polish foreign ministry issued a statement, "
        '"Last night, a Russian missile crossed into our airspace for the third time."'
    )
    quote = _with_cue(nlp, text, "issued")
    assert quote["speaker_text"] == "the Polish foreign ministry"


@pytest.mark.model
def test_the_one_a_recording_shows_speaking_is_the_speaker(nlp: Language) -> None:
    text = (
        "The opposition's new advertisement uses footage of President Mirza asking, "
        '"Why should we pay for a war that nobody here asked for?"'
    )
    quote = _with_cue(nlp, text, "asking")
    assert quote["speaker_text"] == "President Mirza"


@pytest.mark.model
def test_a_short_shout_keeps_its_verb_when_the_next_cue_runs_on(nlp: Language) -> None:
    text = (
        "When someone in the crowd shouted, \u201cPeace,\u201d the governor replied, again "
        "raising his voice over the sirens, \u201cPeace, yes, but not at any price!\u201d"
    )
    shouted = _with_cue(nlp, text, "shouted")
    assert shouted["text"] == "Peace"
    assert shouted["speaker_text"] == "someone in the crowd"
    replied = _with_cue(nlp, text, "replied")
    assert replied["text"] == "Peace, yes, but not at any price!"
    assert replied["speaker_text"] == "the governor"


@pytest.mark.model
def test_a_place_name_tagged_as_a_verb_in_the_attribution_is_read_as_a_name(
    nlp: Language,
) -> None:
    text = (
        "\u201cI will just make this promise to you: we will find those who fired the "
        "rockets,\u201d Fresno police Chief Anna Berg said Monday."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "Fresno police Chief Anna Berg"


@pytest.mark.model
def test_the_one_asked_is_not_the_speaker_of_the_question(nlp: Language) -> None:
    text = (
        "In an interview published online on Wednesday, Defence Minister Rustem Aliyev was "
        "asked, \u201cWhat is the most dangerous place on the front you have been to?\u201d"
    )
    quote = _with_cue(nlp, text, "asked")
    assert quote["text"].startswith("What is the most dangerous place")
    assert quote["speaker_text"] is None


@pytest.mark.model
def test_a_participle_hung_on_a_reported_clause_keeps_its_own_subject(nlp: Language) -> None:
    text = (
        "Opposition leaders were quick to react, with former Prime Minister Ana Costa "
        'tweeting that the deal was a "disaster" for the country and asking, "How can '
        'someone with such bad judgement lead our foreign policy?"'
    )
    quote = _with_cue(nlp, text, "asking")
    assert quote["speaker_text"] == "former Prime Minister Ana Costa"


@pytest.mark.model
def test_a_split_quote_joins_across_a_few_quoted_words_in_the_attribution(
    nlp: Language,
) -> None:
    text = (
        "''The shelves are empty, and so are the pharmacies,'' said Mayor Ilse Brandt, who "
        "noted that bread prices had ''tripled'' since the blockade began in March. ''We "
        "cannot go on like this for another winter.''"
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "The shelves are empty, and so are the pharmacies",
        "We cannot go on like this for another winter.",
    ]
    assert not [q for q in _quotes(nlp, text) if q["cue"] == "noted" and q["kind"] == "direct"]


@pytest.mark.model
def test_a_participle_after_a_clause_with_a_speaking_subject_belongs_to_it(
    nlp: Language,
) -> None:
    text = (
        "The first incident came during a speech at the university in Lviv, when student "
        "protesters interrupted the minister, shouting \u201cno deals, no surrender!\u201d"
    )
    quote = _with_cue(nlp, text, "shouting")
    assert quote["speaker_text"] == "student protesters"


@pytest.mark.model
def test_the_noun_a_who_clause_describes_speaks_for_a_verb_without_subject(
    nlp: Language,
) -> None:
    text = (
        "Although there is no such overlap with Zelensky's team, a White House official "
        'who spoke anonymously to discuss internal strategy said Wednesday, "Certainly '
        'there are discussions between the White House and the Ukrainian government."'
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["speaker_text"].startswith("a White House official who spoke")


@pytest.mark.model
def test_a_short_sentence_with_a_bare_reporting_verb_announces_the_next_quote(
    nlp: Language,
) -> None:
    text = (
        "Analysts expect the ceasefire to fail. Kyiv School of Economics analyst Oksana "
        'Melnyk agreed. "Neither army has any reason to stop before the spring thaw."'
    )
    quote = _with_cue(nlp, text, "agreed")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "Kyiv School of Economics analyst Oksana Melnyk"


@pytest.mark.model
def test_a_reporting_verb_tagged_as_a_noun_after_the_quote_is_still_the_cue(
    nlp: Language,
) -> None:
    text = (
        "The campaign sent a fundraising email on Wednesday saying the race was tight.\n\n"
        '"Friend, let me be blunt. I can beat the incumbent. He can\'t," the email read.'
    )
    quote = _with_cue(nlp, text, "read")
    assert quote["text"].startswith("Friend, let me be blunt.")
    assert quote["speaker_text"] == "the email"


@pytest.mark.model
def test_a_title_tagged_as_a_verb_after_a_comma_quote_is_read_as_part_of_the_name(
    nlp: Language,
) -> None:
    text = (
        "Critics said the image harked back to old propaganda.\n\n"
        "\"Just saw the ministry's tweet. I'm impressed by its ability to insult literally "
        'every kind of human being," screenwriter Cole Haddon wrote on Twitter.'
    )
    quote = _with_cue(nlp, text, "wrote")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"].endswith("Cole Haddon")


@pytest.mark.model
def test_the_clause_that_runs_up_to_the_colon_introduces_the_quote(nlp: Language) -> None:
    text = (
        'Reid said both envoys are "non-entities in the Senate," but he gave the Texan a '
        'back-handed compliment: "You never have to guess where he is. He is not winning '
        'personality contests here."'
    )
    quote = _with_cue(nlp, text, "gave")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "he"


@pytest.mark.model
def test_an_aside_in_the_next_sentence_is_not_the_cue_of_the_quote_before(
    nlp: Language,
) -> None:
    text = (
        '"Maybe we are just trying to let the bully learn the lesson," Tripp said. "We are '
        'trying to show some mercy to the bully." South Carolina, he said, was "where we have '
        'a chance to go mano a mano with Trump."'
    )
    (quote,) = [q for q in _quotes(nlp, text) if q["kind"] == "direct"]
    assert quote["speaker_text"] == "Tripp"
    assert quote["text"].endswith("We are trying to show some mercy to the bully.")
    (aside,) = [q for q in _quotes(nlp, text) if q["kind"] == "indirect"]
    assert aside["speaker_text"] == "he"


@pytest.mark.model
def test_a_cue_hung_on_the_reported_clause_shares_the_reporting_subject(
    nlp: Language,
) -> None:
    text = (
        "Appearing before cheering supporters on Monday morning at party headquarters, Suu "
        'Kyi, 70, said it was too early to congratulate winners but added, "I think you all '
        'have an idea of the results."'
    )
    quote = _with_cue(nlp, text, "added")
    assert quote["speaker_text"] == "Suu Kyi, 70"


@pytest.mark.model
def test_an_inverted_cue_keeps_the_aside_about_its_speaker_out_of_the_quote(
    nlp: Language,
) -> None:
    text = (
        "Another memorial has grown outside the old house. Said Dorothy Poynter, who grew up "
        "with the boxer in the neighborhood, \u201cWe were all so proud of him.\u201d"
    )
    quote = _with_cue(nlp, text, "Said")
    assert quote["kind"] == "direct"
    assert quote["text"] == "We were all so proud of him."
    assert quote["speaker_text"].startswith("Dorothy Poynter")


@pytest.mark.model
def test_the_writers_and_i_quote_is_no_speaker(nlp: Language) -> None:
    text = (
        'No wonder the general said, and I quote, "We love the poorly defended border." '
        "He is treating his soldiers as pawns."
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["kind"] == "direct"
    assert quote["text"] == "We love the poorly defended border."
    assert quote["speaker_text"] == "the general"


@pytest.mark.model
def test_a_section_heading_with_a_colon_is_no_speaker_label(nlp: Language) -> None:
    text = (
        'On CNN Tuesday, his wife called for an open primary. "Shutting people out is not '
        'smart," she said.\n\nSuperdelegates: Clinton is backed by 520 superdelegates '
        "compared with 39 who back Sanders, according to the Associated Press. Supporters "
        'have launched petitions. "The concern would be that we have a process that is '
        'eroding democracy," Devine said.'
    )
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q["cue"] == ":"]
    said = [q for q in quotes if q["cue"] == "said" and q["text"].startswith("The concern")]
    assert [(q["kind"], q["speaker_text"]) for q in said] == [("direct", "Devine")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Opposition supporters responded with chants of \u201cWe want peace\u201d until "
            "the minister herself spoke up.",
            "Opposition supporters",
        ),
        (
            "The governor roused the crowd to spontaneous chants of \u201cNo surrender!\u201d "
            "as he listed the shelled villages.",
            "the crowd",
        ),
        ("But their chants of \u201cFree Kherson!\u201d were cut short by the sirens.", "their"),
    ],
)
def test_chants_of_quoted_words_are_voiced_by_the_chanters(
    nlp: Language, text: str, speaker: str
) -> None:
    quote = _with_cue(nlp, text, "chants")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == speaker


@pytest.mark.model
def test_unnamed_chanters_make_no_statement(nlp: Language) -> None:
    text = 'The minister walked into the hall to chants of "Peace! Peace!" and waved.'
    assert not [q for q in _quotes(nlp, text) if q["cue"] == "chants"]


@pytest.mark.model
def test_can_be_heard_asking_after_a_quote_is_an_attribution(nlp: Language) -> None:
    text = (
        "\u201cShould there be a registry that tracks every refugee here?\u201d a reporter "
        "can be heard asking the senator after an event in Iowa."
    )
    quote = _with_cue(nlp, text, "asking")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "a reporter"


# the writer's words that open a sentence the quoted words finish


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The ceasefire, brokered by Qatari mediators over three weeks of talks, "
            '"gives the families of Pokrovsk a chance to breathe," said Olena Marchuk, a '
            "local council member.",
            "The ceasefire, brokered by Qatari mediators over three weeks of talks, "
            '"gives the families of Pokrovsk a chance to breathe,"',
            "Olena Marchuk, a local council member",
        ),
        (
            "After two nights of shelling in the port district, \u201cthere is no "
            "building on this street with its windows intact,\u201d Mayor Ihor Terekhov "
            "said.",
            "After two nights of shelling in the port district, \u201cthere is no "
            "building on this street with its windows intact,\u201d",
            "Mayor Ihor Terekhov",
        ),
    ],
)
def test_a_lead_in_the_writers_words_opens_the_statement(
    nlp: Language, text: str, content: str, speaker: str
) -> None:
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [content]
    assert quote["kind"] == "indirect"
    assert quote["speaker_text"] == speaker


@pytest.mark.model
def test_a_subject_lead_takes_the_whole_quote_and_the_next_one(nlp: Language) -> None:
    text = (
        "Former Wisconsin Gov. Jim Doyle praised the envoy. Biden \u201chas a lot of "
        "really good roles to play, but I think that\u2019s a very significant one,\u201d "
        "Doyle said. \u201cHe deservedly has that appeal.\u201d"
    )
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == [
        "Biden \u201chas a lot of really good roles to play, but I think that\u2019s a "
        "very significant one,\u201d",
        "He deservedly has that appeal.",
    ]
    assert quote["speaker_text"] == "Doyle"
    assert len(_quotes(nlp, text)) == 2  # the praise, and this one statement


@pytest.mark.model
def test_a_lead_is_cut_at_the_previous_sentence(nlp: Language) -> None:
    text = (
        "The minister spoke out against the plan, suggesting \u201csweeping accusations\u201d "
        "and \u201cslander\u201d had started to seep into the debate. It is "
        "\u201cundermining our constitution, our principles, our values and the rule of "
        "law,\u201d he warned."
    )
    quote = _with_cue(nlp, text, "warned")
    (piece,) = _pieces(text, quote)
    assert piece.startswith("It is \u201cundermining our constitution")
    assert piece.rstrip(",\u201d").endswith("our values and the rule of law")


@pytest.mark.model
def test_a_lead_stays_out_of_a_quote_that_opens_a_sentence(nlp: Language) -> None:
    text = 'In a statement on Friday, "We will not leave Bakhmut," the commander said.'
    quote = _with_cue(nlp, text, "said")
    assert _pieces(text, quote) == ["We will not leave Bakhmut"]
    assert quote["kind"] == "direct"


@pytest.mark.model
def test_words_after_the_quote_belong_to_the_statement_not_the_speaker(nlp: Language) -> None:
    text = (
        "The mayor \u201cdrew quite well from the river districts\u201d in the 2019 "
        "election, said Kyiv political scientist Petro Oliynyk. \u201cThat was his base "
        "more than anyone\u2019s at that point.\u201d"
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["speaker_text"] == "Kyiv political scientist Petro Oliynyk"
    assert _pieces(text, quote) == [
        "The mayor \u201cdrew quite well from the river districts\u201d in the 2019 election",
        "That was his base more than anyone\u2019s at that point.",
    ]
    assert quote["text"].startswith(
        "The mayor \u201cdrew quite well from the river "
        "districts\u201d in the 2019 election. That was"
    )


@pytest.mark.model
def test_a_reported_clause_runs_on_to_the_closing_mark(nlp: Language) -> None:
    text = (
        "At a town hall in Odesa, the mayor said that \u201cnot every family can afford, or "
        "wants, to leave the city these days, and I don\u2019t think people want to see more "
        "checkpoints downtown. That\u2019s why the ferry is absolutely vital.\u201d"
    )
    quote = _with_cue(nlp, text, "said")
    assert quote["text"].startswith("not every family can afford, or wants, to leave")
    assert quote["text"].endswith("That\u2019s why the ferry is absolutely vital")
    assert quote["speaker_text"] == "the mayor"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "\u201cThe shelling of a port city is a reminder that the talks have failed,\u201d "
            "Will wrote.",
            "wrote",
            "Will",
        ),
        (
            "\u201cIf the minister wants to be trusted, he should come to Kherson,\u201d the "
            "editorial read.",
            "read",
            "the editorial",
        ),
    ],
)
def test_a_speaker_the_tagger_reads_as_no_noun_is_still_the_speaker(
    nlp: Language, text: str, cue: str, speaker: str
) -> None:
    quote = _with_cue(nlp, text, cue)
    assert quote["speaker_text"] == speaker


@pytest.mark.model
def test_a_participle_after_a_dashed_aside_belongs_to_the_main_clause(nlp: Language) -> None:
    text = (
        "Small groups of protesters marched past the Olympic Stadium - where Dynamo Kyiv "
        "played Shakhtar Donetsk - while chanting, \u201cHands off our city.\u201d"
    )
    quote = _with_cue(nlp, text, "chanting")
    assert quote["speaker_text"] == "Small groups of protesters"


# a quotation inside a paraphrase, after a verb of the reported clause


@pytest.mark.model
def test_a_quote_after_a_verb_of_the_reported_clause_is_the_outer_speakers(
    nlp: Language,
) -> None:
    text = (
        "Mr. Zelensky said a majority of Europeans have come to believe \u201cthat the war "
        "is real, that it is important and we should do something about it.\u201d"
    )
    (quote,) = _quotes(nlp, text)
    assert quote["cue"] == "said"
    assert quote["speaker_text"] == "Mr. Zelensky"
    assert quote["text"].startswith("a majority of Europeans have come to believe")


@pytest.mark.model
def test_a_reply_set_off_inside_a_paraphrase_stays_the_repliers(nlp: Language) -> None:
    text = (
        "She said fathers would not be eligible for the leave, and when pressed on why the "
        "plan leaves them out, the 34-year-old mother of three replied, \u201cIt is meant "
        "to benefit the mother who has given birth to the child.\u201d"
    )
    quote = _with_cue(nlp, text, "replied")
    assert quote["kind"] == "direct"
    assert quote["speaker_text"] == "the 34-year-old mother of three"


@pytest.mark.model
def test_no_speaker_is_taken_from_inside_another_quotation(nlp: Language) -> None:
    text = (
        "The minister hardly clarified the matter, treating the report first as a compliment "
        '-- "That makes me look decisive" -- and, when questioned after the session, '
        'asserting, "Of course, I paid for the flights myself."'
    )
    quote = _with_cue(nlp, text, "asserting")
    assert quote["speaker_text"] in (None, "The minister")
