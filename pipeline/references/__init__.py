"""References: the entity a pronoun, a title or a role noun stands for.

`References(doc, entities).entity_of(token)` is the one resolver the quote speakers and the event
roles share ("he", "its", "the minister" -> an Entity of the article).
"""

from .resolve import References

__all__ = ["References"]
