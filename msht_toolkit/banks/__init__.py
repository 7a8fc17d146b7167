"""Question banks: the model, loading with line numbers, validation and the `when` language."""

from msht_toolkit.banks.loader import load_bank_file, load_bank_text, parse_bank
from msht_toolkit.banks.model import Action, Bank, Option, Question, Section, Threshold
from msht_toolkit.banks.registry import BankSet, load_bankset

__all__ = [
    "Action",
    "Bank",
    "BankSet",
    "Option",
    "Question",
    "Section",
    "Threshold",
    "load_bank_file",
    "load_bank_text",
    "load_bankset",
    "parse_bank",
]
