"""The content model: the one thing every renderer reads.

Frozen, typed, and free of any rendering library. It describes *content* (statements,
studies, options, references), never pages or slides: those are layout decisions.
Every item has a stable ``id`` and the ``audiences`` it serves, so each variant
(patient, clinician, advocacy) is a selection from this one source.
"""

from leafdeck.model.document import Document, Governance, KnowledgeBase, Person, Publisher, Reference, ReferenceField
from leafdeck.model.items import (
    Faq,
    Figure,
    GridCell,
    GridRow,
    Item,
    Option,
    OptionKind,
    QuestionGroup,
    Statement,
    Step,
    Term,
    Topic,
    TopicRole,
    ValuePrompt,
    Waiver,
)
from leafdeck.model.trials import Arm, Outcome, OutcomeUnit, Study, StudyKind, Value
from leafdeck.model.types import _ID_PATTERN as _ID_PATTERN
from leafdeck.model.types import (
    AUDIENCES,
    DEPTHS,
    MAX_KB_ID,
    Audience,
    Audiences,
    Cites,
    Country,
    Date,
    Depth,
    Id,
    Node,
    Number,
    PastDate,
    Reason,
    RuleCode,
    Text,
)
from leafdeck.model.types import INTERNATIONAL as INTERNATIONAL
from leafdeck.model.types import _printable as _printable

__all__ = [
    "AUDIENCES",
    "DEPTHS",
    "MAX_KB_ID",
    "Arm",
    "Audience",
    "Audiences",
    "Cites",
    "Country",
    "Date",
    "Depth",
    "Document",
    "Faq",
    "Figure",
    "Governance",
    "GridCell",
    "GridRow",
    "Id",
    "Item",
    "KnowledgeBase",
    "Node",
    "Number",
    "Option",
    "OptionKind",
    "Outcome",
    "OutcomeUnit",
    "PastDate",
    "Person",
    "Publisher",
    "QuestionGroup",
    "Reason",
    "Reference",
    "ReferenceField",
    "RuleCode",
    "Statement",
    "Step",
    "Study",
    "StudyKind",
    "Term",
    "Text",
    "Topic",
    "TopicRole",
    "Value",
    "ValuePrompt",
    "Waiver",
]
