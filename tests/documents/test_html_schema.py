"""Article text a page marks up with schema.org, put back when the extraction lost it."""

from __future__ import annotations

from bs4 import BeautifulSoup

from narrate.documents.article import Block, BlockKind
from narrate.documents.html_blocks import paragraph
from narrate.documents.html_schema import with_ingredients, with_question

STEPS = [
    "Mix the flour and the salt in a large bowl, then make a well in the middle.",
    "Pour in the warm water and stir until a rough dough forms, about two minutes.",
]
INGREDIENTS = ["2 cups flour", "1 tsp salt", "300 ml warm water"]


def recipe_page(listed: str = "itemprop='recipeIngredient'") -> BeautifulSoup:
    items = "".join(f"<li {listed}>{item}</li>" for item in INGREDIENTS)
    steps = "".join(f"<li itemprop='recipeInstructions'>{step}</li>" for step in STEPS)
    # the list twice, as templates show it: a tab for desktops, a carousel for phones
    return BeautifulSoup(
        f"<div itemscope itemtype='https://schema.org/Recipe'><div class='tabs hidden-xs'>"
        f"<ul>{items}</ul></div><div class='carousel'><ul>{items}</ul></div><ol>{steps}</ol>"
        "</div>",
        "lxml",
    )


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_lost_ingredients_are_read_once_before_the_first_step_and_its_number() -> None:
    read = [paragraph("A loaf for every day."), paragraph("1"), paragraph(STEPS[0]),
            paragraph("2"), paragraph(STEPS[1])]  # fmt: skip
    assert texts(with_ingredients(read, recipe_page())) == [
        "A loaf for every day.", *INGREDIENTS, "1", STEPS[0], "2", STEPS[1],
    ]  # fmt: skip


def test_ingredients_go_after_the_text_when_no_step_is_marked_up() -> None:
    soup = BeautifulSoup(
        "".join(f"<span itemprop='ingredients'>{item}</span>" for item in INGREDIENTS), "lxml"
    )
    read = [paragraph("A loaf for every day, baked in an hour.")]
    assert texts(with_ingredients(read, soup)) == [read[0].text, *INGREDIENTS]


def test_ingredients_already_read_are_not_read_twice() -> None:
    read = [paragraph("Ingredients: 2 cups flour, 1 tsp salt and 300 ml warm water.")]
    assert with_ingredients(read, recipe_page()) == read


def test_a_list_without_the_mark_is_left_to_the_extraction() -> None:
    read = [paragraph(STEPS[0])]
    assert with_ingredients(read, recipe_page(listed="class='ingredient'")) == read


QUESTION_PAGE = """
<div itemscope itemtype="https://schema.org/QAPage">
 <div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
  <h1 itemprop="name">When to use "wurde" versus "war"</h1>
  <div itemprop="text"><p>How does one know when to use wurde or war?</p>
   <p>Why did my book use wurde in that context?</p></div>
  <div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
   <div itemprop="text"><p>Wurde makes the passive voice in the past tense.</p></div>
  </div>
 </div>
</div>"""


def test_a_lost_question_is_read_before_its_answers() -> None:
    soup = BeautifulSoup(QUESTION_PAGE, "lxml")
    read = [paragraph("Wurde makes the passive voice in the past tense.")]
    assert texts(with_question(read, soup)) == [
        "How does one know when to use wurde or war?",
        "Why did my book use wurde in that context?",
        "Wurde makes the passive voice in the past tense.",
    ]


def test_a_question_already_read_or_a_page_without_one_is_left_alone() -> None:
    soup = BeautifulSoup(QUESTION_PAGE, "lxml")
    read = [
        paragraph("How does one know when to use wurde or war?"),
        paragraph("Why did my book use wurde in that context?"),
        Block(BlockKind.HEADING, "1 answer", 2),
    ]
    assert with_question(read, soup) == read
    plain = BeautifulSoup("<article><p>How does one know?</p></article>", "lxml")
    assert with_question(read[2:], plain) == read[2:]
