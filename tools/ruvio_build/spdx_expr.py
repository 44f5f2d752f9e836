"""SPDX licence expressions as Cargo.toml `license` fields write them.

Only what a notice needs: whether an expression is well formed, and which
licences and exceptions it names (every one, whichever way AND/OR combine
them: a notice carries the texts of all of them). Cargo's legacy `/`
separator counts as OR, as crates.io reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(\(|\)|/|[A-Za-z0-9.+:-]+)")
_OPERATORS = {"AND", "OR", "WITH"}


class ExpressionError(ValueError):
    """An expression that is not SPDX syntax."""


@dataclass(frozen=True)
class Expression:
    licences: tuple[str, ...]
    exceptions: tuple[str, ...]


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ExpressionError(f"unexpected {text[pos:].strip()[:20]!r}")
        token = m.group(1)
        out.append("OR" if token == "/" else token)
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.licences: list[str] = []
        self.exceptions: list[str] = []

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise ExpressionError("ends where a licence was expected")
        self.pos += 1
        return token

    def expression(self) -> None:
        self.conjunction()
        while self.peek() == "OR":
            self.take()
            self.conjunction()

    def conjunction(self) -> None:
        self.term()
        while self.peek() == "AND":
            self.take()
            self.term()

    def term(self) -> None:
        token = self.take()
        if token == "(":
            self.expression()
            if self.take() != ")":
                raise ExpressionError("a parenthesis is not closed")
        elif token in _OPERATORS or token == ")":
            raise ExpressionError(f"{token!r} where a licence was expected")
        else:
            self.licences.append(token)
        if self.peek() == "WITH":
            self.take()
            exception = self.take()
            if exception in _OPERATORS or exception in ("(", ")"):
                raise ExpressionError(f"{exception!r} where an exception was expected after WITH")
            self.exceptions.append(exception)


def parse(text: str) -> Expression:
    """The licences and exceptions `text` names, in order, each once."""
    tokens = _tokens(text)
    if not tokens:
        raise ExpressionError("empty")
    parser = _Parser(tokens)
    parser.expression()
    if parser.peek() is not None:
        raise ExpressionError(f"unexpected {parser.peek()!r} after a complete expression")
    return Expression(tuple(dict.fromkeys(parser.licences)), tuple(dict.fromkeys(parser.exceptions)))
