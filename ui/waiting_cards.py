"""The cards of a chart scene that wait: to be made (see MakingLater) or to
be moved to their places (see PlacingLater), out of sight in a big chart's
window. Whatever looks at cards beyond the views asks for them here."""

from __future__ import annotations

from collections.abc import Iterable

from ui.card_item import CardItem
from ui.making_later import MakingLater
from ui.placing_later import PlacingLater


class WaitingCards:
    """What ChartScene does with the cards that wait (a scene's part, by itself
    to be read in one go)."""

    cards: dict[str, CardItem]
    placing: PlacingLater | None
    making: MakingLater | None

    def place_pending(self) -> None:
        """Make, and move to its place, every card still waiting out of sight
        (see MakingLater and PlacingLater)."""
        self.make_pending()
        self.place_made()

    def place_made(self) -> None:
        """Move every card made that waits out of sight to its place (see PlacingLater)."""
        if self.placing is not None and self.placing.unplaced:
            self.placing.place()

    def make_pending(self, role_ids: Iterable[str] | None = None) -> None:
        """Make every card still waiting to be made, or those of these roles (see
        MakingLater)."""
        if self.making is None:
            return
        if role_ids is None:
            self.making.make_all()
        else:
            self.making.make_these(role_ids)

    def cards_waiting_to_be_made(self) -> int:
        """How many cards wait to be made (see MakingLater)."""
        return 0 if self.making is None else len(self.making.unmade)

    def card(self, role_id: str) -> CardItem | None:
        """The role's card, made now if it waited to be (None: its role is not shown)."""
        self.make_pending([role_id])
        return self.cards.get(role_id)

    def cards_waiting(self) -> bool:
        """Whether cards wait out of sight to be placed (see PlacingLater)."""
        return self.placing is not None and bool(self.placing.unplaced)

    def blocks_to_places(self) -> None:
        """Move every card's overview block to where the layout has the card:
        those of cards waiting out of sight may lag (see PlacingLater.wait_piece)."""
        if self.placing is not None:
            self.placing.blocks_to_places()

    def sight_moved(self) -> None:
        """A view scrolled, zoomed or changed size (see PlacingLater)."""
        if self.making is not None:
            self.making.sight_moved()
        if self.placing is not None:
            self.placing.sight_moved()

    def place_in_sight(self) -> None:
        """Make, and move to their places, the waiting cards that the views show
        since they moved."""
        if self.making is not None:
            self.making.make_in_sight()
        if self.placing is not None:
            self.placing.place_in_sight()

    def place_card(self, card: CardItem) -> None:
        if self.placing is not None and self.placing.unplaced:
            self.placing.place_one(card.role_id)
