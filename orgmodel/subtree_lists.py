"""The cards of a tidy tree's big subtrees, listed so that a subtree an edit
moves in one piece is shifted along its list rather than placed card by card
(see orgmodel.tidy_tree.Arranger): at 50,000 roles, a move on the chart's
left shifts some 36,000 cards."""

from __future__ import annotations

from collections.abc import Container, Mapping

from orgmodel.layout import Box

LISTED_FROM = 64
"""Subtrees of at least this many cards are listed, by a tidy tree and by an
edit that moves them in one piece: smaller ones are placed card by card in
little more time than shifted."""
LISTED_PER_CARD = 4
"""The lists hold at most this many times the cards shown: some 1.6 MB at
50,000 roles."""

_Placed = tuple[int, str, int, int, int, int]
"""A subtree placed: its size, its top, and where its cards and those of them
with a slot of their own start and end in the order placed."""


class SubtreeLists:
    """Top role id -> the cards of its subtree in the order placed, and those of
    them with a slot of their own: for big subtrees of a chart laid out afresh
    (:meth:`list_placed`), and for those an edit moved in one piece since. A
    list stands while its top is not sized again (orgmodel.layout_update
    forgets it then): a change under a role sizes it again, so its subtree
    holds the same cards, placed alike."""

    def __init__(self) -> None:
        self.lists: dict[str, tuple[list[str], list[str]]] = {}
        self.listed = 0
        """How many cards the lists hold together."""

    def copy(self) -> SubtreeLists:
        """Lists of their own, sharing each list (none is changed in place)."""
        copied = SubtreeLists()
        copied.lists, copied.listed = self.lists.copy(), self.listed
        return copied

    def __contains__(self, top: str) -> bool:
        return top in self.lists

    def __getitem__(self, top: str) -> tuple[list[str], list[str]]:
        return self.lists[top]

    def wants(self, cards: int, shown: int) -> bool:
        """Whether a subtree of so many cards is worth listing, and its list
        stays within LISTED_PER_CARD times the ``shown`` cards."""
        return cards >= LISTED_FROM and self.listed + cards <= LISTED_PER_CARD * shown

    def keep(self, top: str, cards: list[str], slotted: list[str]) -> None:
        """List a subtree's cards and those of them with a slot of their own."""
        self.lists[top] = (cards, slotted)
        self.listed += len(cards)

    def forget(self, top: str) -> None:
        """Drop a subtree's list, if it has one."""
        piece = self.lists.pop(top, None)
        if piece is not None:
            self.listed -= len(piece[0])

    def list_placed(
        self, placed: list[str], slots: Container[str], boxes: Mapping[str, Box]
    ) -> None:
        """List the subtrees of a chart just placed, from the order they were
        placed in: a subtree's cards follow its top role's, up to the next role
        placed in a slot of its own no lower than the top.

        Listed: each subtree but its manager's biggest, the biggest first, as
        :meth:`wants`. Not the biggest, so no more than half its manager's: a
        card is then listed at most once for each time the cards above it
        halve, where listing every subtree would list the cards of a long chain
        of managers once for each of them."""
        slotted = [card for card in placed if card in slots]
        started: list[tuple[str, int, int, float, list[_Placed]]] = [("", 0, 0, -1.0, [])]
        """The subtrees not ended yet, the roots' shared manager first: each
        top, where its cards and its slotted cards start, its top's y, and its
        reports' subtrees ended."""
        candidates: list[_Placed] = []

        def end_those_from(y: float, end: int, slotted_end: int) -> None:
            while started[-1][3] >= y:
                top, start, slotted_start, _y, reports = started.pop()
                started[-1][4].append((end - start, top, start, end, slotted_start, slotted_end))
                candidates.extend(sorted(reports)[:-1])

        slotted_index = 0
        for index, card in enumerate(placed):
            if card not in slots:
                continue  # in a column or beside its manager: in its manager's subtree
            y = boxes[card].y
            end_those_from(y, index, slotted_index)
            started.append((card, index, slotted_index, y, []))
            slotted_index += 1
        end_those_from(-0.5, len(placed), len(slotted))
        candidates.extend(sorted(started[0][4])[:-1])
        candidates.sort(reverse=True)
        for size, top, start, end, slotted_start, slotted_end in candidates:
            if not self.wants(size, len(boxes)):
                break
            self.keep(top, placed[start:end], slotted[slotted_start:slotted_end])
